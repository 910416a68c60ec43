import { interactionAction, type InteractionView } from '@tandem/client';
import { Suspense, lazy, useEffect, useMemo, useRef, useState } from 'react';
import { useSession } from '../../app/session-store.js';
import { useNow } from '../../app/use-now.js';
import { useShortcuts } from '../../app/use-shortcuts.js';
import { Table } from '../../app/ui/table.js';
import { errorText, useToast } from '../../app/ui/toast.js';
import { WrapUpDialog } from '../current-interaction/wrap-up-dialog.js';
import { useAlerting } from '../notifications/use-alerting.js';
import { interactionColumns } from './columns.js';
import { isAlertingFor, pendingWrapUp } from './interaction-model.js';
import { Toolbar, commandEnabled, type ToolbarCommand } from './toolbar.js';
import { useMyInteractions } from './use-my-interactions.js';
import './my-interactions.css';

const CurrentInteraction = lazy(() => import('../current-interaction/current-interaction.js'));
const TransferDialog = lazy(() => import('../transfer/transfer-dialog.js'));

type Open = { kind: 'transfer' | 'consult' | 'wrap-up'; id: string } | undefined;

/** My Interactions: the live list with its toolbar and shortcuts, and the current interaction beside it. */
export default function MyInteractionsView() {
  const { client, info } = useSession();
  const toast = useToast();
  const { items, loaded, replace } = useMyInteractions();
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<Open>();
  const prompted = useRef(new Set<string>());
  const now = useNow();
  const columns = useMemo(() => interactionColumns(now), [now]);

  const visible = useMemo(() => items.filter((ix) => !hidden.has(ix.id)), [items, hidden]);
  const selected = visible.find((ix) => ix.id === selectedId);
  useAlerting(visible, info.userId, setSelectedId);

  // Keep a selection: a new alerting interaction wins over an ended one; else the first.
  // (Adjusted while rendering: each change selects an interaction that is then `selected`, so it settles.)
  const alerting = visible.find((ix) => isAlertingFor(ix, info.userId));
  if (alerting && (!selected || selected.state === 'disconnected')) setSelectedId(alerting.id);
  else if (!selected && visible[0]) setSelectedId(visible[0].id);

  // The server asks for a wrap-up code: prompt once per interaction.
  useEffect(() => {
    const due = visible.find((ix) => pendingWrapUp(ix, info.userId) && !prompted.current.has(ix.id));
    if (due && !open) {
      prompted.current.add(due.id);
      setSelectedId(due.id);
      setOpen({ kind: 'wrap-up', id: due.id });
    }
  }, [visible, info.userId, open]);

  const act = async (ix: InteractionView, action: string, body: Record<string, unknown> = {}) => {
    try {
      replace(await interactionAction(client, ix.id, action, body));
    } catch (e) {
      toast({ kind: 'error', text: errorText(e) });
    }
  };

  const run = (command: ToolbarCommand) => {
    const ix = selected;
    if (!ix || !commandEnabled(ix, command)) return;
    switch (command) {
      case 'transfer':
      case 'consult':
      case 'wrap-up':
        return setOpen({ kind: command, id: ix.id });
      case 'private':
        return void act(ix, 'private', { on: !ix.private });
      case 'remove':
        return setHidden((h) => new Set([...h, ix.id]));
      default:
        return void act(ix, command);
    }
  };

  const move = (step: number) => {
    const index = visible.findIndex((ix) => ix.id === selectedId);
    const next = visible[Math.min(visible.length - 1, Math.max(0, index + step))];
    if (next) setSelectedId(next.id);
  };
  useShortcuts({
    pickup: () => run('pickup'),
    hold: () => run(selected?.state === 'held' ? 'unhold' : 'hold'),
    disconnect: () => run('disconnect'),
    transfer: () => run('transfer'),
    consult: () => run('consult'),
    private: () => run('private'),
    'wrap-up': () => run('wrap-up'),
    'remove-disconnected': () => run('remove'),
    'next-interaction': () => move(1),
    'previous-interaction': () => move(-1),
  });

  const openIx = open ? visible.find((ix) => ix.id === open.id) : undefined;
  return (
    <div className={`mi-layout ${selected ? 'has-current' : ''}`}>
      <section className="mi-list card" aria-labelledby="mi-title">
        <header className="mi-header">
          <h1 id="mi-title">My Interactions</h1>
          <span className="badge" aria-label={`${visible.length} interactions`}>
            {visible.length}
          </span>
        </header>
        <Toolbar selected={selected} run={run} />
        <Table
          label="My Interactions"
          testId="my-interactions"
          className="mi-table"
          columns={columns}
          rows={visible}
          rowKey={(ix) => ix.id}
          rowTestId={(ix) => `interaction-${ix.id}`}
          storageKey={`tandem.my-interactions.columns.${info.userId}`}
          defaultSort={{ columnId: 'duration', direction: 'desc' }}
          selectedKey={selectedId}
          onSelect={(ix) => setSelectedId(ix.id)}
          rowClassName={(ix) =>
            isAlertingFor(ix, info.userId) ? 'alerting' : ix.state === 'disconnected' ? 'ended' : ''
          }
          empty={loaded ? 'No interactions. Set an available status to receive some.' : 'Loading…'}
        />
      </section>
      <section className="mi-current" aria-label="Current interaction">
        {selected ? (
          <Suspense fallback={<div className="loading muted">Loading…</div>}>
            <CurrentInteraction
              key={selected.id}
              interaction={selected}
              onChanged={replace}
              onBack={() => setSelectedId(undefined)}
              onCommand={run}
            />
          </Suspense>
        ) : (
          <div className="mi-empty muted">Select an interaction to work on it.</div>
        )}
      </section>
      {open && openIx && open.kind === 'wrap-up' ? (
        <WrapUpDialog
          interaction={openIx}
          onClose={() => setOpen(undefined)}
          onDone={(ix) => {
            replace(ix);
            setOpen(undefined);
          }}
        />
      ) : null}
      {open && openIx && open.kind !== 'wrap-up' ? (
        <Suspense fallback={null}>
          <TransferDialog
            interaction={openIx}
            mode={open.kind}
            // Closes itself only: a wrap-up prompt opened meanwhile stays.
            onClose={() => setOpen((o) => (o?.kind === 'wrap-up' ? o : undefined))}
            onDone={replace}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
