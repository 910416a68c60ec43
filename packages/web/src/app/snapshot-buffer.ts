import type { TandemEvent } from '@tandem/client';

/**
 * Joins a REST snapshot (taken at `seq`, from `X-Tandem-Seq`) with live events without a gap or a
 * double: events that arrive before the snapshot are held, and only those newer than it apply.
 */
export class SnapshotBuffer<S> {
  #state: S | undefined;
  #seq = -1;
  #held: TandemEvent[] = [];

  constructor(private readonly apply: (state: S, event: TandemEvent) => S) {}

  get state(): S | undefined {
    return this.#state;
  }

  /** A fresh snapshot (first load or after a resync): held events newer than it are applied. */
  snapshot(state: S, seq: number | undefined): S {
    this.#seq = seq ?? -1;
    let next = state;
    for (const event of this.#held) if (event.seq > this.#seq) next = this.apply(next, event);
    this.#held = [];
    this.#state = next;
    return next;
  }

  /** A live event: applied when a snapshot is in, held otherwise; answers the state (undefined before the snapshot). */
  event(event: TandemEvent): S | undefined {
    if (this.#state === undefined) {
      this.#held.push(event);
      return undefined;
    }
    if (event.seq <= this.#seq) return this.#state;
    this.#state = this.apply(this.#state, event);
    return this.#state;
  }

  /** Changes the state outside events (a fresher read of one item); nothing before the snapshot. */
  update(change: (state: S) => S): S | undefined {
    if (this.#state !== undefined) this.#state = change(this.#state);
    return this.#state;
  }

  /** Forget the snapshot (a resync): events are held again until the next one. */
  reset(): void {
    this.#state = undefined;
    this.#seq = -1;
    this.#held = [];
  }
}
