import { getInteraction, getQueue, type InteractionView } from '@tandem/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSession } from '../../app/session-store.js';
import { SnapshotBuffer } from '../../app/snapshot-buffer.js';
import { useTopic } from '../../app/use-topic.js';
import { applyQueueEvent, pendingWrapUp, upsert } from './interaction-model.js';

/** At most this many interactions are listed (the server caps user queues too). */
const LIMIT = 200;

/**
 * The live contents of this user's queue: the REST snapshot joined with `queue` events without a
 * gap, reloaded on a resync. Queue events carry no `allowedActions`, so each changed interaction is
 * read again (coalesced) to keep the toolbar in step with the server.
 */
export function useMyInteractions(): {
  items: readonly InteractionView[];
  loaded: boolean;
  refresh: (id: string) => void;
  replace: (ix: InteractionView) => void;
} {
  const { client, info } = useSession();
  const [items, setItems] = useState<readonly InteractionView[]>([]);
  const [loaded, setLoaded] = useState(false);
  // Interactions that left this user's queue (transferred on) while a wrap-up is still asked of the user.
  const [kept, setKept] = useState<ReadonlyMap<string, InteractionView>>(new Map());
  const buffer = useRef(new SnapshotBuffer<readonly InteractionView[]>(applyQueueEvent));
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const keepIfWrapUpPending = useCallback(
    (id: string) => {
      getInteraction(client, id).then(
        (ix) => pendingWrapUp(ix, info.userId) && setKept((m) => new Map(m).set(ix.id, ix)),
        () => undefined,
      );
    },
    [client, info.userId],
  );

  const replace = useCallback(
    (ix: InteractionView) => {
      setKept((m) => {
        if (!m.has(ix.id)) return m;
        const next = new Map(m);
        if (pendingWrapUp(ix, info.userId)) next.set(ix.id, ix);
        else next.delete(ix.id);
        return next;
      });
      const next = buffer.current.update((state) => (state.some((i) => i.id === ix.id) ? upsert(state, ix) : state));
      if (next) setItems(next);
    },
    [info.userId],
  );

  const flush = useCallback(() => {
    const ids = [...pending.current];
    pending.current.clear();
    for (const id of ids) getInteraction(client, id).then(replace, () => undefined); // gone by now: its removal event follows
  }, [client, replace]);

  const refresh = useCallback(
    (id: string) => {
      pending.current.add(id);
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, 30);
    },
    [flush],
  );

  const load = useCallback(async () => {
    const { queue, seq } = await getQueue(client, { type: 'user', id: info.userId }, LIMIT);
    setItems(buffer.current.snapshot(queue.items, seq));
    setLoaded(true);
  }, [client, info.userId]);

  useTopic(
    'queue',
    { queues: [`user:${info.userId}`] },
    (event) => {
      const next = buffer.current.event(event);
      if (next) setItems(next);
      const id = (event.data as { interaction?: { id: string } }).interaction?.id;
      if (id && event.type !== 'queue.removed') refresh(id);
      const removed = (event.data as { interactionId?: string }).interactionId;
      if (event.type === 'queue.removed' && removed) keepIfWrapUpPending(removed);
    },
    {
      onReady: () => void load().catch(() => setLoaded(true)),
      onResync: () => {
        buffer.current.reset();
        void load().catch(() => undefined);
      },
    },
  );

  useEffect(() => () => clearTimeout(timer.current), []);
  const all = useMemo(() => {
    const extra = [...kept.values()].filter((k) => !items.some((ix) => ix.id === k.id));
    return extra.length ? [...items, ...extra] : items;
  }, [items, kept]);
  return { items: all, loaded, refresh, replace };
}
