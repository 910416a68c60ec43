/**
 * A fixed-capacity ring of items numbered by consecutive sequence numbers: pushing past the
 * capacity drops the oldest. Lookup by sequence number is O(1) because numbers have no gaps.
 */
export class EventRing<T extends { readonly seq: number }> {
  readonly #items: (T | undefined)[];
  #start = 0;
  #size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.#items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends `item`, whose `seq` must be one more than the newest item's. */
  push(item: T): void {
    const newest = this.newest();
    if (newest && item.seq !== newest.seq + 1) throw new RangeError(`seq ${item.seq} does not follow ${newest.seq}`);
    if (this.#size < this.capacity) {
      this.#items[(this.#start + this.#size) % this.capacity] = item;
      this.#size += 1;
    } else {
      this.#items[this.#start] = item;
      this.#start = (this.#start + 1) % this.capacity;
    }
  }

  oldest(): T | undefined {
    return this.#size === 0 ? undefined : this.#items[this.#start];
  }

  newest(): T | undefined {
    return this.#size === 0 ? undefined : this.#items[(this.#start + this.#size - 1) % this.capacity];
  }

  /** The items with `seq > after`, oldest first (only those still held). */
  *after(after: number): Generator<T> {
    const oldest = this.oldest();
    if (!oldest) return;
    const skip = Math.max(0, after + 1 - oldest.seq);
    for (let i = skip; i < this.#size; i += 1) {
      const item = this.#items[(this.#start + i) % this.capacity];
      if (item) yield item;
    }
  }
}
