import type { InteractionView } from '@tandem/client';
import { Suspense, lazy, useState } from 'react';
import { useNow } from '../../app/use-now.js';
import { formatDuration } from '../../app/ui/format.js';
import { detailsOf, durationStart, nameOf } from '../my-interactions/interaction-model.js';
import type { ToolbarCommand } from '../my-interactions/toolbar.js';
import { AttributesPanel, LogPanel, NotesPanel } from './info-panels.js';
import './current-interaction.css';

const ChatPanel = lazy(() => import('./chat-panel.js'));
const EmailPanel = lazy(() => import('./email-panel.js'));
const CallbackPanel = lazy(() => import('./callback-panel.js'));

type Tab = 'conversation' | 'notes' | 'attributes' | 'log';

function conversationFor(ix: InteractionView, onChanged: (ix: InteractionView) => void) {
  switch (ix.type) {
    case 'chat':
      return <ChatPanel interaction={ix} onChanged={onChanged} />;
    case 'email':
      return <EmailPanel interaction={ix} onChanged={onChanged} />;
    case 'callback':
      return <CallbackPanel interaction={ix} onChanged={onChanged} />;
    default:
      return <AttributesPanel interaction={ix} />;
  }
}

/** The interaction being worked: its conversation (chat, email, callback, or its attributes), notes and history. */
export default function CurrentInteraction(props: {
  interaction: InteractionView;
  onChanged: (ix: InteractionView) => void;
  onBack: () => void;
  onCommand: (command: ToolbarCommand) => void;
}) {
  const ix = props.interaction;
  const [tab, setTab] = useState<Tab>('conversation');
  const now = useNow();
  const tabs: { id: Tab; label: string }[] = [
    { id: 'conversation', label: ix.type === 'generic' || ix.type === 'workitem' ? 'Details' : 'Conversation' },
    { id: 'notes', label: `Notes${ix.notes.length ? ` (${ix.notes.length})` : ''}` },
    { id: 'attributes', label: 'Attributes' },
    { id: 'log', label: 'History' },
  ];
  return (
    <article className="ci card" aria-labelledby="ci-title" data-testid="current-interaction">
      <header className="ci-header">
        <button
          type="button"
          className="btn btn-ghost btn-sm ci-back"
          aria-label="Back to the list"
          onClick={props.onBack}
        >
          ←
        </button>
        <div className="ci-title">
          <h2 id="ci-title">{nameOf(ix)}</h2>
          <div className="ci-sub muted">
            <span className="badge">{ix.type}</span> {detailsOf(ix)}
          </div>
        </div>
        <div className="ci-state">
          <span data-testid="ci-state">{ix.displayState}</span>
          <span className="tabular muted">{formatDuration(now - durationStart(ix))}</span>
          {ix.private ? <span className="badge badge-primary">Private</span> : null}
        </div>
      </header>
      <div className="ci-tabs" role="tablist" aria-label="Interaction sections">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`ci-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`ci-panel-${t.id}`}
            className={tab === t.id ? 'active' : ''}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="ci-body" role="tabpanel" id={`ci-panel-${tab}`} aria-labelledby={`ci-tab-${tab}`}>
        <Suspense fallback={<div className="loading muted">Loading…</div>}>
          {tab === 'conversation' ? conversationFor(ix, props.onChanged) : null}
          {tab === 'notes' ? <NotesPanel interaction={ix} onChanged={props.onChanged} /> : null}
          {tab === 'attributes' ? <AttributesPanel interaction={ix} /> : null}
          {tab === 'log' ? <LogPanel interaction={ix} /> : null}
        </Suspense>
      </div>
    </article>
  );
}
