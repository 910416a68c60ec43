import { getWorkgroupQueue, interactionAction, type QueueInteraction } from '@tandem/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { SnapshotBuffer } from '../../app/snapshot-buffer.js';
import { useSession } from '../../app/session-context.js';
import { useTopic } from '../../app/use-topic.js';
import { Button } from '../../app/ui/button.js';
import { ErrorNote } from '../../app/ui/error-note.js';
import { formatDuration } from '../../app/ui/format.js';
import { Table, type TableColumn } from '../../app/ui/table.js';
import { useToast } from '../../app/ui/toast.js';
import { useNow } from '../../app/use-now.js';
import { errorViewOf } from '../admin/api-errors.js';
import {
  applyQueueEvent,
  canPickup,
  DEFAULT_QUEUE_LIMIT,
  detailsOf,
  mayPickupFrom,
  nameOf,
  type QueueState,
} from './queue-model.js';

const EMPTY: QueueState = { items: [], total: 0, limit: DEFAULT_QUEUE_LIMIT, stale: false };

/** One workgroup's queue, live: REST page first, then `queue` events; Pickup where allowed. */
export function WorkgroupQueue(props: { workgroupId: string; title: string; limit: number | undefined }) {
  const { workgroupId, title, limit } = props;
  const { client, info } = useSession();
  const toast = useToast();
  const key = `workgroup:${workgroupId}`;
  const [state, setState] = useState<QueueState>(EMPTY);
  const [error, setError] = useState<unknown>();
  const [selected, setSelected] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const pickupRight = mayPickupFrom(info.rights, workgroupId);
  // Events that arrive before the REST page are held; those older than its seq are dropped.
  const buffer = useMemo(() => new SnapshotBuffer<QueueState>((s, event) => applyQueueEvent(s, key, event)), [key]);

  const load = useCallback(() => {
    buffer.reset(); // events during the request are held and applied over the page if newer than it
    getWorkgroupQueue(client, workgroupId, limit).then(
      ({ page, seq }) => {
        const fresh = { items: page.items, total: page.total, limit: page.limit, stale: false };
        setState(buffer.snapshot(fresh, seq));
        setError(undefined);
      },
      (e: unknown) => setError(e),
    );
  }, [client, workgroupId, limit, buffer]);

  useEffect(load, [load]);
  useEffect(() => {
    if (state.stale) load();
  }, [state.stale, load]);
  useTopic(
    'queue',
    { queues: [key] },
    (event) => {
      const next = buffer.event(event);
      if (next) setState(next);
    },
    {
      onResync: load,
    },
  );

  const pickup = async (item: QueueInteraction) => {
    setBusy(item.id);
    try {
      await interactionAction(client, item.id, 'pickup');
      toast({ kind: 'success', text: `Picked up ${nameOf(item)}: it is in My Interactions` });
    } catch (e) {
      toast({ kind: 'error', text: `Pickup refused: ${errorViewOf(e).message}` });
    } finally {
      setBusy(undefined);
    }
  };

  const columns = useQueueColumns(pickupRight, busy, pickup);
  const selectedItem = state.items.find((i) => i.id === selected);

  return (
    <section className="card queue-panel" aria-labelledby={`queue-title-${workgroupId}`}>
      <header className="queue-header row">
        <h2 id={`queue-title-${workgroupId}`}>{title}</h2>
        <span className="badge badge-primary" data-testid={`queue-count-${workgroupId}`}>
          {state.total} in queue
        </span>
        {state.total > state.items.length ? (
          <span className="muted">
            showing the first {state.items.length} (limit {state.limit})
          </span>
        ) : null}
        <span className="spacer" />
        <Button
          size="sm"
          variant="primary"
          data-testid="action-pickup-selected"
          disabled={!selectedItem || !canPickup(selectedItem, pickupRight) || busy !== undefined}
          onClick={() => selectedItem && void pickup(selectedItem)}
        >
          Pick up
        </Button>
      </header>
      {error ? (
        <ErrorNote tone={errorViewOf(error).kind === 'forbidden' ? 'forbidden' : 'error'}>
          {errorViewOf(error).message}
        </ErrorNote>
      ) : (
        <Table
          label={`${title} queue`}
          columns={columns}
          rows={state.items}
          rowKey={(r) => r.id}
          storageKey="tandem.queue.columns"
          selectedKey={selected}
          onSelect={(r) => setSelected(r.id)}
          onActivate={(r) => canPickup(r, pickupRight) && void pickup(r)}
          testId={`queue-${workgroupId}`}
          rowTestId={(r) => `queue-item-${r.id}`}
          empty="Nobody is waiting."
        />
      )}
    </section>
  );
}

function useQueueColumns(
  pickupRight: boolean,
  busy: string | undefined,
  pickup: (item: QueueInteraction) => Promise<void>,
): TableColumn<QueueInteraction>[] {
  const now = useNow(); // one clock for every row's waiting time
  return useMemo(
    () => [
      { id: 'name', title: 'Name', value: nameOf },
      { id: 'type', title: 'Type', value: (r) => r.type },
      { id: 'state', title: 'State', value: (r) => r.displayState ?? r.state },
      {
        id: 'waiting',
        title: 'Waiting',
        value: (r) => -(r.enteredQueueAt ?? r.createdAt),
        render: (r) => <span className="tabular">{formatDuration(now - (r.enteredQueueAt ?? r.createdAt))}</span>,
      },
      { id: 'priority', title: 'Priority', value: (r) => r.priority },
      { id: 'details', title: 'Details', value: detailsOf },
      { id: 'skills', title: 'Skills', value: (r) => (r.skills ?? []).map((s) => s.skillId).join(', ') },
      { id: 'agent', title: 'Agent', value: (r) => r.userId ?? '', defaultVisible: false },
      { id: 'id', title: 'Id', value: (r) => r.id, defaultVisible: false },
      {
        id: 'actions',
        title: 'Actions',
        value: () => undefined,
        render: (r) =>
          canPickup(r, pickupRight) ? (
            <Button
              size="sm"
              aria-label={`Pick up ${nameOf(r)}`}
              data-testid="action-pickup"
              disabled={busy !== undefined}
              onClick={(e) => {
                e.stopPropagation();
                void pickup(r);
              }}
            >
              Pick up
            </Button>
          ) : null,
      },
    ],
    [pickupRight, busy, pickup, now],
  );
}
