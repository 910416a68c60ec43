import type { TrackedInteraction } from './tracked-interaction.js';

/**
 * A waiting interaction: the router's record of it, whose entry fields (`enter`) say its place
 * and what it needs (one object per interaction, not two).
 */
export type WaitingEntry = TrackedInteraction;

/** Interaction order: higher priority first, then longer in queue, then earlier arrival. */
export function compareEntries(a: WaitingEntry, b: WaitingEntry): number {
  return b.priority - a.priority || a.enteredQueueAt - b.enteredQueueAt || a.seq - b.seq;
}

/** Whether the agent is skipped for this entry at `now`. */
export function isExcluded(entry: WaitingEntry, userId: string, now: number): boolean {
  const until = entry.excluded?.get(userId);
  return until !== undefined && now < until;
}

/**
 * The waiting interactions of one workgroup, kept sorted by `compareEntries`. Insert and remove
 * are a binary search plus an array splice: queues hold hundreds, not millions.
 */
export class WaitingQueue {
  private readonly entries: WaitingEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** In routing order. Do not change the queue while iterating; collect first. */
  get ordered(): readonly WaitingEntry[] {
    return this.entries;
  }

  insert(entry: WaitingEntry): void {
    // Shifts by hand: `splice` would allocate the (empty) list of removed entries.
    const entries = this.entries;
    const at = this.lowerBound(entry);
    for (let i = entries.length; i > at; i--) entries[i] = entries[i - 1] as WaitingEntry;
    entries[at] = entry;
  }

  has(entry: WaitingEntry): boolean {
    return this.entries[this.lowerBound(entry)] === entry;
  }

  remove(entry: WaitingEntry): boolean {
    let i = this.lowerBound(entry);
    while (i < this.entries.length && this.entries[i] !== entry) {
      if (compareEntries(this.entries[i] as WaitingEntry, entry) > 0) return false;
      i++;
    }
    const entries = this.entries;
    if (i >= entries.length) return false;
    for (; i < entries.length - 1; i++) entries[i] = entries[i + 1] as WaitingEntry;
    entries.pop();
    return true;
  }

  /** The first index whose entry does not sort before `entry`. */
  private lowerBound(entry: WaitingEntry): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareEntries(this.entries[mid] as WaitingEntry, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
