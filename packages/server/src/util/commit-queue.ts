/**
 * Group commit: writes that arrive while a commit is in flight are gathered and committed together
 * in the next one. Each caller's promise resolves only once its write is durable, so nothing is
 * acknowledged before it is committed, yet a burst costs a few transactions instead of one each.
 */
export class CommitQueue<T> {
  private pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private running: Promise<void> | undefined;

  /**
   * @param commit writes one batch in one transaction; throwing fails every caller of the batch.
   * @param maxBatch most items per transaction (the rest wait for the next one).
   */
  constructor(
    private readonly commit: (items: T[]) => Promise<void>,
    private readonly maxBatch = 2000,
  ) {}

  /** Resolves when `item` is committed. */
  write(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves when everything written so far is committed (or failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  get backlog(): number {
    return this.pending.length;
  }

  private async drain(): Promise<void> {
    // Let the callers of this tick join the first batch.
    await Promise.resolve();
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        await this.commit(batch.map((p) => p.item));
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.running = undefined;
  }
}
