import type { RelaxationStep } from '../interactions/interaction.js';
import type { WaitingItem } from './routing-types.js';
import type { TrackedInteraction } from './tracked-interaction.js';

/** A waiting interaction with its arrival number and the agents it must not be offered to yet. */
export interface WaitingEntry {
  item: WaitingItem;
  /** The router's record of the interaction. */
  owner: TrackedInteraction;
  // Copied from `item`: a routing pass reads them for every entry and agent it tries, and then
  // touches the entry alone.
  priority: number;
  enteredQueueAt: number;
  relaxation: readonly RelaxationStep[];
  /**
   * The earliest relaxation step's wait in ms (Infinity without steps): before it nothing is
   * lowered, known without reading the steps (a pass looks at many entries, most not relaxed).
   */
  firstStepMs: number;
  /** Arrival order, the last tie break; kept when an alert times out so the place is kept too. */
  seq: number;
  /** The media number of its type (`MEDIA_NUMBER`): which pool it is routed from. */
  media: number;
  /** The skill requirements numbered (`SkillIndex.requirements`). */
  needs: readonly number[];
  /** Agents who let an alert for it time out, and until when they are skipped. */
  excluded: Map<string, number> | undefined;
  /** The number of the routing pass it was last marked fresh for in its workgroup (-1: never). */
  freshPass: number;
}

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
