import { TimerHeap, type Timer } from './timer-heap.js';

/** Lanes at most: every pop looks at the head of each, so delays past these go to the heap. */
const MAX_LANES = 8;

/** Timers of one fixed delay, pushed in time order: a queue, first in first out. */
class Lane<K, I> {
  private ats: number[] = [];
  private kinds: K[] = [];
  private ids: I[] = [];
  private head = 0;

  get firstAt(): number | undefined {
    return this.ats[this.head];
  }

  get lastAt(): number {
    return this.ats.length > this.head ? (this.ats[this.ats.length - 1] as number) : -Infinity;
  }

  push(at: number, kind: K, id: I): void {
    this.ats.push(at);
    this.kinds.push(kind);
    this.ids.push(id);
  }

  shift(into: Timer<K | undefined, I>): void {
    const h = this.head;
    into.at = this.ats[h] as number;
    into.kind = this.kinds[h];
    into.id = this.ids[h] as I;
    this.head = h + 1;
    // Drops the consumed part now and then, so that the arrays do not grow for ever.
    if (this.head >= 1024 && this.head * 2 >= this.ats.length) {
      this.ats = this.ats.slice(this.head);
      this.kinds = this.kinds.slice(this.head);
      this.ids = this.ids.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * The router's wake-ups. Most are pushed with a fixed delay from now (an alert deadline is the
 * workgroup's alert timeout after the alert), so for each such delay the timers arrive in time
 * order and wait in a queue (`Lane`): push and pop cost O(1). Others, those of a delay past the
 * first `MAX_LANES`, and any that would go out of order, go to a heap. Stale timers are allowed, as in `TimerHeap`.
 */
export class Timers<K, I = string> {
  private readonly heap = new TimerHeap<K, I>();
  private readonly lanes = new Map<number, Lane<K, I>>();
  private readonly laneList: Lane<K, I>[] = [];
  /** The timer the last successful `popDue` removed (overwritten by the next one). */
  readonly popped: Timer<K | undefined, I> = { at: 0, kind: undefined, id: undefined as I };

  /** A timer at `at`; `delay`, when given, is how long after now it is (a lane per delay). */
  push(at: number, kind: K, id: I, delay?: number): void {
    if (delay !== undefined) {
      let lane = this.lanes.get(delay);
      if (!lane && this.laneList.length < MAX_LANES) {
        this.lanes.set(delay, (lane = new Lane<K, I>()));
        this.laneList.push(lane);
      }
      if (lane && at >= lane.lastAt) return lane.push(at, kind, id);
    }
    this.heap.push(at, kind, id);
  }

  /** The earliest time of a timer, if any. */
  peek(): number | undefined {
    let first = this.heap.peek();
    for (const lane of this.laneList) {
      const at = lane.firstAt;
      if (at !== undefined && (first === undefined || at < first)) first = at;
    }
    return first;
  }

  /** Removes the earliest timer due at or before `now`, if any, into `popped`; answers whether there was one. */
  popDue(now: number): boolean {
    let from: Lane<K, I> | undefined;
    let first = this.heap.peek();
    for (const lane of this.laneList) {
      const at = lane.firstAt;
      if (at !== undefined && (first === undefined || at < first)) {
        first = at;
        from = lane;
      }
    }
    if (first === undefined || first > now) return false;
    if (from) {
      from.shift(this.popped);
      return true;
    }
    this.heap.popDue(now);
    const { popped } = this;
    popped.at = this.heap.popped.at;
    popped.kind = this.heap.popped.kind;
    popped.id = this.heap.popped.id;
    return true;
  }
}
