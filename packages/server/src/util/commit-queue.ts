/** How a `CommitQueue` groups and pipelines its writes. */
export interface CommitQueueOptions<T> {
  /** Most items per transaction; the rest wait for the next one. Default 2000. */
  maxBatch?: number;
  /**
   * Transactions in flight at once. Default 1. More overlap one batch's round trips and fsync with
   * the next ones; it needs `keyOf`.
   */
  maxInFlight?: number;
  /**
   * The row an item writes. Two items with the same key are never in two transactions at once: a
   * later one waits for the batch holding the earlier one, so it always commits after it.
   */
  keyOf?: (item: T) => string;
  /**
   * Start a batch on the next turn of the event loop (`setImmediate`) rather than at the end of
   * the current task, so that work the caller scheduled for the same turn joins it. Default false.
   */
  gatherUntilImmediate?: boolean;
}

interface Pending<T> {
  item: T;
  key: string | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive while a commit is in flight are gathered and committed together
 * in the next one. Each caller's promise resolves only once its write is durable, so nothing is
 * acknowledged before it is committed, yet a burst costs a few transactions instead of one each.
 *
 * With `maxInFlight` above 1 several batches commit at once. Batches are still acknowledged in the
 * order they were formed, so whoever hears "done" knows that every earlier write is durable too.
 */
export class CommitQueue<T> {
  private pending: Pending<T>[] = [];
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly keyOf: ((item: T) => string) | undefined;
  private readonly gatherUntilImmediate: boolean;
  private inFlight = 0;
  /** Keys of the items in the batches in flight. */
  private readonly busy = new Set<string>();
  private scheduled = false;
  /** Settles once the last batch formed, and every batch before it, is acknowledged. Never rejects. */
  private acknowledged: Promise<void> = Promise.resolve();
  /** Told when the next batch in flight commits or fails, whichever batch it is. */
  private batchEnded: (() => void)[] = [];

  /**
   * @param commit writes one batch in one transaction; throwing fails every caller of the batch.
   * @param options the options, or just `maxBatch`.
   */
  constructor(
    private readonly commit: (items: T[]) => Promise<void>,
    options: CommitQueueOptions<T> | number = {},
  ) {
    const o = typeof options === 'number' ? { maxBatch: options } : options;
    this.maxBatch = o.maxBatch ?? 2000;
    this.maxInFlight = o.maxInFlight ?? 1;
    this.keyOf = o.keyOf;
    this.gatherUntilImmediate = o.gatherUntilImmediate ?? false;
    if (this.maxInFlight > 1 && this.keyOf === undefined)
      throw new TypeError('CommitQueue: maxInFlight above 1 needs keyOf');
  }

  /** Resolves when `item` is committed. */
  write(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, key: this.keyOf?.(item), resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything written so far is committed (or failed) and acknowledged. */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.inFlight > 0) {
      if (this.inFlight > 0) await this.acknowledged;
      else await new Promise((resolve) => setImmediate(resolve));
    }
    await this.acknowledged;
  }

  /**
   * Resolves once no write of these keys waits or is in flight: each has committed (or failed),
   * while writes of other keys may go on. Under steady load `flush` may never see the queue empty.
   */
  async settledFor(keys: ReadonlySet<string>): Promise<void> {
    while (this.holdsAny(keys)) {
      if (this.inFlight > 0) await new Promise<void>((resolve) => this.batchEnded.push(resolve));
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  get backlog(): number {
    return this.pending.length;
  }

  private holdsAny(keys: ReadonlySet<string>): boolean {
    for (const key of keys) if (this.busy.has(key)) return true;
    for (const p of this.pending) if (p.key !== undefined && keys.has(p.key)) return true;
    return false;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.pending.length === 0) return;
    this.scheduled = true;
    // Let the callers of this tick (or turn) join the batch.
    if (this.gatherUntilImmediate) setImmediate(() => this.pump());
    else queueMicrotask(() => this.pump());
  }

  private pump(): void {
    this.scheduled = false;
    while (this.inFlight < this.maxInFlight && this.pending.length > 0) {
      const batch = this.takeBatch();
      // Everything left waits for a key in flight; its batch's end pumps again.
      if (batch.length === 0) return;
      this.run(batch);
    }
  }

  /** The next batch in write order, leaving out (with every later write of the same key) keys in flight. */
  private takeBatch(): Pending<T>[] {
    if (this.keyOf === undefined) return this.pending.splice(0, this.maxBatch);
    const batch: Pending<T>[] = [];
    const rest: Pending<T>[] = [];
    const held = new Set<string>();
    let i = 0;
    // Once the batch is full the rest stays as it is: a backlog is not looked at item by item.
    for (; i < this.pending.length && batch.length < this.maxBatch; i++) {
      const p = this.pending[i] as Pending<T>;
      const key = p.key as string;
      if (!this.busy.has(key) && !held.has(key)) batch.push(p);
      else {
        rest.push(p);
        held.add(key);
      }
    }
    this.pending = i < this.pending.length ? rest.concat(this.pending.slice(i)) : rest;
    for (const p of batch) this.busy.add(p.key as string);
    return batch;
  }

  private run(batch: Pending<T>[]): void {
    this.inFlight += 1;
    const before = this.acknowledged;
    this.acknowledged = this.commitAndAcknowledge(batch, before);
  }

  private async commitAndAcknowledge(batch: Pending<T>[], before: Promise<void>): Promise<void> {
    let failure: { error: unknown } | undefined;
    try {
      await this.commit(batch.map((p) => p.item));
    } catch (error) {
      failure = { error };
    }
    for (const p of batch) if (p.key !== undefined) this.busy.delete(p.key);
    this.inFlight -= 1;
    this.schedule();
    if (this.batchEnded.length > 0) for (const tell of this.batchEnded.splice(0)) tell();
    await before;
    for (const p of batch) {
      if (failure) p.reject(failure.error);
      else p.resolve();
    }
  }
}
