import { useEffect, useMemo, useState } from 'react';
import { useSession } from '../../app/session-context.js';
import { ErrorNote } from '../../app/ui/error-note.js';
import { useUsers, useWorkgroups } from '../directory/use-directory.js';
import { DEFAULT_QUEUE_LIMIT, QUEUE_LIMITS, viewableQueues } from './queue-model.js';
import { WorkgroupQueue } from './workgroup-queue.js';
import './queues.css';
import '../../app/ui/page.css';

const STORAGE_KEY = 'tandem.queues.open';

function loadOpen(): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : undefined;
  } catch {
    return undefined;
  }
}

/** Workgroup queues: choose which of the queues one may view to watch, each live, with Pickup. */
export default function QueuesView() {
  const { info } = useSession();
  const workgroups = useWorkgroups();
  const users = useUsers();
  const viewable = useMemo(() => {
    const withQueue = (workgroups.data ?? []).filter((w) => w.hasQueue);
    const ids = new Set(
      viewableQueues(
        info.rights,
        withQueue.map((w) => w.id),
      ),
    );
    return withQueue.filter((w) => ids.has(w.id));
  }, [workgroups.data, info.rights]);
  const mine = users.data?.find((u) => u.id === info.userId)?.workgroups;
  const [open, setOpen] = useState<string[] | undefined>(loadOpen);
  const [limit, setLimit] = useState<number | undefined>(); // undefined: the server's InteractionConnectDefaultQueueLimit

  // First visit: the user's own workgroups (else the first viewable one).
  const shown = useMemo(() => {
    const allowed = new Set(viewable.map((w) => w.id));
    const chosen = open ?? (mine?.filter((w) => allowed.has(w)).length ? mine : viewable.slice(0, 1).map((w) => w.id));
    return (chosen ?? []).filter((w) => allowed.has(w));
  }, [open, mine, viewable]);

  useEffect(() => {
    if (open) localStorage.setItem(STORAGE_KEY, JSON.stringify(open));
  }, [open]);

  const toggle = (id: string) => setOpen(shown.includes(id) ? shown.filter((w) => w !== id) : [...shown, id]);

  if (workgroups.error) return <ErrorNote>{String((workgroups.error as Error).message)}</ErrorNote>;
  return (
    <div className="page stack queues-view">
      <header className="row view-header">
        <h1>Workgroup queues</h1>
        <span className="spacer" />
        <label className="row">
          Show at most
          <select
            aria-label="Interactions shown per queue"
            data-testid="queue-limit"
            value={limit ?? ''}
            onChange={(e) => setLimit(e.target.value === '' ? undefined : Number(e.target.value))}
          >
            <option value="">Default ({DEFAULT_QUEUE_LIMIT})</option>
            {QUEUE_LIMITS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </header>
      {viewable.length === 0 && workgroups.data ? (
        <p className="muted">You have no rights on any workgroup queue.</p>
      ) : null}
      <div className="row" role="group" aria-label="Queues to show">
        {viewable.map((w) => (
          <button
            key={w.id}
            type="button"
            className={`chip ${shown.includes(w.id) ? 'chip-on' : ''}`}
            aria-pressed={shown.includes(w.id)}
            data-testid={`queue-toggle-${w.id}`}
            onClick={() => toggle(w.id)}
          >
            {w.displayName}
          </button>
        ))}
      </div>
      <div className="queue-grid">
        {shown.map((id) => (
          <WorkgroupQueue
            key={id}
            workgroupId={id}
            title={viewable.find((w) => w.id === id)?.displayName ?? id}
            limit={limit}
          />
        ))}
      </div>
    </div>
  );
}
