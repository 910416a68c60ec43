import type { EventStream, TandemEvent } from '@tandem/client';

export type TopicFilter = Record<string, unknown>;

export interface TopicListener {
  filter: TopicFilter;
  onEvent: (event: TandemEvent) => void;
  /** The server no longer holds what was missed: refetch the state over REST. */
  onResync?: () => void;
  /** The subscription covering this listener is acknowledged: fetch the state over REST now. */
  onReady?: () => void;
}

/** The part of `EventStream` the mux uses (a fake in tests). */
export type StreamPort = Pick<EventStream, 'subscribe' | 'unsubscribe' | 'on' | 'onEvent' | 'lastSeq'>;

/**
 * Merges the filters of every listener of a topic: arrays are united; a listener without any
 * filter key (`{}`) on `user-status` means "everyone", which wins.
 */
export function mergeFilters(topic: string, filters: readonly TopicFilter[]): TopicFilter | undefined {
  if (filters.length === 0) return undefined;
  if (topic === 'user-status' && filters.some((f) => !Array.isArray(f['userIds']))) return undefined;
  const merged: Record<string, Set<unknown>> = {};
  for (const filter of filters)
    for (const [key, value] of Object.entries(filter)) {
      const set = (merged[key] ??= new Set());
      for (const item of Array.isArray(value) ? value : [value]) set.add(item);
    }
  const out: TopicFilter = {};
  for (const [key, set] of Object.entries(merged)) out[key] = [...set].sort();
  return Object.keys(out).length === 0 ? undefined : out;
}

const idsOf = (filter: TopicFilter, key: string): unknown[] | undefined => {
  const value = filter[key];
  return Array.isArray(value) ? value : undefined;
};
const inList = (list: unknown[] | undefined, value: unknown): boolean => list === undefined || list.includes(value);

/** Whether an event of a topic concerns one listener's filter (the server sends the union). */
export function eventMatches(topic: string, filter: TopicFilter, event: TandemEvent): boolean {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const interaction = data['interaction'] as { id?: unknown } | undefined;
  switch (topic) {
    case 'queue':
      return inList(idsOf(filter, 'queues'), data['queue']);
    case 'interaction':
      return inList(idsOf(filter, 'interactionIds'), data['interactionId'] ?? interaction?.id);
    case 'user-status':
      return inList(idsOf(filter, 'userIds'), data['userId']);
    case 'statistics':
      return event.type === 'statistics.workgroup'
        ? (idsOf(filter, 'workgroupIds') ?? []).includes(data['workgroupId'])
        : (idsOf(filter, 'userIds') ?? []).includes(data['userId']);
    default:
      return true;
  }
}

/**
 * Several components listen to one topic over one stream (the server keeps one subscription per
 * topic and connection): the mux subscribes with the union of their filters, resubscribes from the
 * stream's last seq when the union changes (replays are deduplicated by the stream), and hands each
 * listener the events that concern it.
 */
export class TopicMux {
  readonly #listeners = new Map<string, Set<TopicListener>>();
  readonly #readied = new WeakSet<TopicListener>();
  readonly #current = new Map<string, { key: string; ready: Promise<number> }>();

  constructor(private readonly stream: StreamPort) {
    stream.onEvent((event) => {
      const topic = event.type.slice(0, event.type.indexOf('.'));
      for (const listener of [...(this.#listeners.get(topic) ?? [])])
        if (eventMatches(topic, listener.filter, event)) listener.onEvent(event);
    });
    stream.on('resync', ({ topic }) => {
      for (const listener of [...(this.#listeners.get(topic) ?? [])]) listener.onResync?.();
    });
    // A refused subscribe is dropped by the stream: forget it, so that the next change of listeners
    // subscribes again (with the filters then wanted) instead of believing it is in place.
    stream.on('error', ({ topic }) => {
      if (topic !== undefined) this.#current.delete(topic);
    });
  }

  /** Adds a listener; answers the undo. */
  listen(topic: string, listener: TopicListener): () => void {
    const set = this.#listeners.get(topic) ?? new Set<TopicListener>();
    this.#listeners.set(topic, set);
    set.add(listener);
    this.#sync(topic);
    return () => {
      set.delete(listener);
      this.#sync(topic);
    };
  }

  #sync(topic: string): void {
    const listeners = [...(this.#listeners.get(topic) ?? [])];
    if (listeners.length === 0) {
      if (this.#current.delete(topic)) this.stream.unsubscribe(topic);
      return;
    }
    const merged = mergeFilters(
      topic,
      listeners.map((l) => l.filter),
    );
    const key = JSON.stringify(merged ?? null);
    let current = this.#current.get(topic);
    if (current?.key !== key) {
      const since = this.stream.lastSeq;
      const { ready } = this.stream.subscribe(topic, merged, since === undefined ? {} : { since });
      current = { key, ready };
      this.#current.set(topic, current);
    }
    const set = this.#listeners.get(topic);
    for (const listener of listeners) {
      if (this.#readied.has(listener)) continue;
      this.#readied.add(listener);
      current.ready.then(
        () => {
          if (set?.has(listener)) listener.onReady?.();
        },
        () => undefined, // a refusal is reported as a stream `error`
      );
    }
  }
}
