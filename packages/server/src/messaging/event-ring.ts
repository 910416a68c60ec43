/** What the ring keeps of one event: its parts, not an object of its own. */
export interface RingEntry<D, S> {
  readonly seq: number;
  readonly topic: string;
  readonly event: string;
  readonly data: D;
  readonly scope: S;
  readonly direct: boolean;
}

/**
 * The last `capacity` events, numbered by consecutive sequence numbers: pushing past the capacity
 * drops the oldest, and lookup by sequence number is O(1) because numbers have no gaps.
 *
 * Each event is kept as its parts in columns (topic, event name, data, scope), with its `seq`
 * implied by its place, rather than as the object that was fanned out: under ACD load the ring
 * holds the last second or so of events, which outlives the young generation, so every object it
 * keeps is copied into the old generation. `after` makes the entries again, which only a replay asks.
 */
export class EventRing<D, S> {
  readonly #topics: (string | undefined)[];
  readonly #events: (string | undefined)[];
  readonly #data: (D | undefined)[];
  readonly #scopes: (S | undefined)[];
  readonly #direct: Uint8Array;
  #start = 0;
  #size = 0;
  /** The `seq` of the newest entry (meaningless while empty). */
  #newest = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.#topics = new Array<string | undefined>(capacity).fill(undefined);
    this.#events = new Array<string | undefined>(capacity).fill(undefined);
    this.#data = new Array<D | undefined>(capacity).fill(undefined);
    this.#scopes = new Array<S | undefined>(capacity).fill(undefined);
    this.#direct = new Uint8Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends an event, whose `seq` must be one more than the newest entry's. */
  push(seq: number, topic: string, event: string, data: D, scope: S, direct: boolean): void {
    if (this.#size > 0 && seq !== this.#newest + 1) throw new RangeError(`seq ${seq} does not follow ${this.#newest}`);
    let at: number;
    if (this.#size < this.capacity) {
      at = (this.#start + this.#size) % this.capacity;
      this.#size += 1;
    } else {
      at = this.#start;
      this.#start = (this.#start + 1) % this.capacity;
    }
    this.#topics[at] = topic;
    this.#events[at] = event;
    this.#data[at] = data;
    this.#scopes[at] = scope;
    this.#direct[at] = direct ? 1 : 0;
    this.#newest = seq;
  }

  /** The `seq` of the oldest entry held, undefined while empty. */
  oldestSeq(): number | undefined {
    return this.#size === 0 ? undefined : this.#newest - this.#size + 1;
  }

  /** The `seq` of the newest entry held, undefined while empty. */
  newestSeq(): number | undefined {
    return this.#size === 0 ? undefined : this.#newest;
  }

  /** The entries with `seq > after`, oldest first (only those still held). */
  *after(after: number): Generator<RingEntry<D, S>> {
    const oldest = this.oldestSeq();
    if (oldest === undefined) return;
    const skip = Math.max(0, after + 1 - oldest);
    for (let i = skip; i < this.#size; i += 1) {
      const at = (this.#start + i) % this.capacity;
      yield {
        seq: oldest + i,
        topic: this.#topics[at] as string,
        event: this.#events[at] as string,
        data: this.#data[at] as D,
        scope: this.#scopes[at] as S,
        direct: this.#direct[at] === 1,
      };
    }
  }
}
