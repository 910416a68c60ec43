/** A wake-up the router asked for: at `at`, look at `id` again for a reason of kind `K`. */
export interface Timer<K> {
  at: number;
  kind: K;
  id: string;
}

/**
 * A binary min-heap of timers by time. Stale timers are allowed (the router checks whether they
 * still matter when they fire), so there is no removal.
 */
export class TimerHeap<K> {
  private readonly heap: Timer<K>[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(at: number, kind: K, id: string): void {
    const heap = this.heap;
    heap.push({ at, kind, id });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Timer<K>;
      const c = heap[i] as Timer<K>;
      if (p.at <= c.at) break;
      heap[parent] = c;
      heap[i] = p;
      i = parent;
    }
  }

  peek(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Removes and answers the earliest timer due at or before `now`, if any. */
  popDue(now: number): Timer<K> | undefined {
    const top = this.heap[0];
    if (!top || top.at > now) return undefined;
    const last = this.heap.pop() as Timer<K>;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown();
    }
    return top;
  }

  private siftDown(): void {
    const heap = this.heap;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && (heap[l] as Timer<K>).at < (heap[m] as Timer<K>).at) m = l;
      if (r < heap.length && (heap[r] as Timer<K>).at < (heap[m] as Timer<K>).at) m = r;
      if (m === i) return;
      const t = heap[i] as Timer<K>;
      heap[i] = heap[m] as Timer<K>;
      heap[m] = t;
      i = m;
    }
  }
}
