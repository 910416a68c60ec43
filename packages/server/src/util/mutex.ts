/**
 * Runs critical sections one at a time, in arrival order. Used where a decision reads memory,
 * commits to the store and then updates memory: without it two requests could both pass a check
 * (a free licence, a free id) before either commits.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** One mutex per key (e.g. per user), created on demand and dropped when idle. */
export class KeyedMutex {
  private readonly locks = new Map<string, { mutex: Mutex; pending: number }>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let entry = this.locks.get(key);
    if (!entry) this.locks.set(key, (entry = { mutex: new Mutex(), pending: 0 }));
    entry.pending += 1;
    try {
      return await entry.mutex.run(fn);
    } finally {
      entry.pending -= 1;
      if (entry.pending === 0) this.locks.delete(key);
    }
  }
}
