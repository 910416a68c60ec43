/** A wake-up the router asked for: at `at`, look at `id` again for a reason of kind `K`. */
export interface Timer<K, I = string> {
  at: number;
  kind: K;
  id: I;
}

/**
 * A binary min-heap of timers by time. Stale timers are allowed (the router checks whether they
 * still matter when they fire), so there is no removal. The timers live in three parallel arrays
 * rather than one object each: the router pushes one per alert, and they outlive the young
 * generation, so objects would only feed the old-generation collector.
 */
export class TimerHeap<K, I = string> {
  private readonly ats: number[] = [];
  private readonly kinds: K[] = [];
  private readonly ids: I[] = [];
  /** The timer the last successful `popDue` removed (overwritten by the next one). */
  readonly popped: Timer<K | undefined, I> = { at: 0, kind: undefined, id: undefined as I };

  get size(): number {
    return this.ats.length;
  }

  push(at: number, kind: K, id: I): void {
    const { ats, kinds, ids } = this;
    let i = ats.length;
    ats.push(at);
    kinds.push(kind);
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((ats[parent] as number) <= at) break;
      this.move(parent, i);
      i = parent;
    }
    this.put(i, at, kind, id);
  }

  peek(): number | undefined {
    return this.ats[0];
  }

  /**
   * Removes the earliest timer due at or before `now`, if any, into `popped`; answers whether there
   * was one.
   */
  popDue(now: number): boolean {
    const at = this.ats[0];
    if (at === undefined || at > now) return false;
    const top = this.popped;
    top.at = at;
    top.kind = this.kinds[0];
    top.id = this.ids[0] as I;
    const lastAt = this.ats.pop() as number;
    const lastKind = this.kinds.pop() as K;
    const lastId = this.ids.pop() as I;
    if (this.ats.length > 0) this.siftDown(lastAt, lastKind, lastId);
    return true;
  }

  /** Puts the timer at the root's place, then moves it down to where it belongs. */
  private siftDown(at: number, kind: K, id: I): void {
    const ats = this.ats;
    const n = ats.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && (ats[r] as number) < (ats[l] as number) ? r : l;
      if ((ats[m] as number) >= at) break;
      this.move(m, i);
      i = m;
    }
    this.put(i, at, kind, id);
  }

  private move(from: number, to: number): void {
    this.ats[to] = this.ats[from] as number;
    this.kinds[to] = this.kinds[from] as K;
    this.ids[to] = this.ids[from] as I;
  }

  private put(i: number, at: number, kind: K, id: I): void {
    this.ats[i] = at;
    this.kinds[i] = kind;
    this.ids[i] = id;
  }
}
