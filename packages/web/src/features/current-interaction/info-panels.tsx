import { interactionAction, type InteractionView } from '@tandem/client';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../app/session-store.js';
import { Button } from '../../app/ui/button.js';
import { formatClock } from '../../app/ui/format.js';
import { errorText } from '../../app/ui/toast.js';

/** The attributes of the interaction (generic objects show only these), server ones last. */
export function AttributesPanel({ interaction }: { interaction: InteractionView }) {
  const entries = Object.entries(interaction.attributes).sort(([a], [b]) => {
    const internal = (k: string) => (/^(Tandem|Email|Eic)_/.test(k) ? 1 : 0);
    return internal(a) - internal(b) || a.localeCompare(b);
  });
  return (
    <div className="ci-scroll">
      <dl className="ci-attributes" data-testid="ci-attributes">
        <div>
          <dt>Interaction ID</dt>
          <dd>{interaction.id}</dd>
        </div>
        <div>
          <dt>Workgroup</dt>
          <dd>{interaction.workgroupId ?? '—'}</dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>{interaction.priority}</dd>
        </div>
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{key.replace(/^WebTools_/, '')}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The interaction's history lines. */
export function LogPanel({ interaction }: { interaction: InteractionView }) {
  return (
    <ol className="ci-log ci-scroll">
      {interaction.log.map((line, i) => (
        <li key={i}>
          <time className="muted tabular">{formatClock(line.at)}</time> {line.text}
        </li>
      ))}
    </ol>
  );
}

/** Notes on the interaction, and a box to add one (while it is active). */
export function NotesPanel(props: { interaction: InteractionView; onChanged: (ix: InteractionView) => void }) {
  const { client } = useSession();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const ix = props.interaction;
  const may = (ix.allowedActions ?? []).includes('notes');
  const add = async (event: FormEvent) => {
    event.preventDefault();
    try {
      props.onChanged(await interactionAction(client, ix.id, 'notes', { text }));
      setText('');
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="ci-notes">
      <ul className="ci-scroll">
        {ix.notes.length === 0 ? <li className="muted">No notes yet.</li> : null}
        {ix.notes.map((n, i) => (
          <li key={i}>
            <div className="muted">
              {n.userId} · {formatClock(n.at)}
            </div>
            <div>{n.text}</div>
          </li>
        ))}
      </ul>
      <form className="ci-note-form" onSubmit={(e) => void add(e)}>
        <label htmlFor="ci-note" className="visually-hidden">
          New note
        </label>
        <textarea
          id="ci-note"
          rows={2}
          maxLength={4000}
          value={text}
          disabled={!may}
          placeholder={may ? 'Add a note' : 'Notes can be added while the interaction is active'}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="submit" disabled={!may || text.trim() === ''} data-testid="add-note">
          Add note
        </Button>
        {error ? <span className="field-error">{error}</span> : null}
      </form>
    </div>
  );
}
