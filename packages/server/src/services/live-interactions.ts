import { shapedInteraction, type Interaction } from '@tandem/core';
import { isFinished } from './active-interactions.js';

/**
 * The text as one flat string. V8's JSON.stringify answers a text of more than a few hundred
 * characters as a tree of joined parts, each one more object for the collector to trace while the
 * text lingers; reading a character makes V8 flatten it, and the collector then drops the tree.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** Consumed entries at the head of the finishing order dropped at once, at least (see `compact`). */
const COMPACT_AFTER = 1024;

/**
 * The interactions in memory. Unfinished ones are kept as they are. Finished ones stay for a while
 * (queues still show them) as their JSON text, read back when someone asks for one: at 2,000
 * arrivals a second tens of thousands linger, and as objects (the interaction, its log, its
 * arrays) they were most of the heap the collector had to trace, where a string is one object it
 * never looks into.
 *
 * The order they finished in is two arrays side by side (ids, and finishing times, which V8 keeps
 * unboxed in an array of doubles), not an object per interaction: an object and the boxed time in
 * it were two more objects per lingering interaction for every full collection to mark.
 */
export class LiveInteractions {
  private readonly unfinished = new Map<string, Interaction>();
  /** Their texts, in the order they finished: an interaction finishing again is deleted and added anew. */
  private readonly lingering = new Map<string, string>();
  // The finishing order, oldest first from `head`. An id may appear more than once: an entry is
  // superseded when its interaction finishes again or goes on while lingering.
  private finishedIds: string[] = [];
  private finishedAts: number[] = [];
  private head = 0;
  /** Per id, how many of its entries in the finishing order are superseded (absent: none). */
  private readonly superseded = new Map<string, number>();

  get size(): number {
    return this.unfinished.size + this.lingering.size;
  }

  has(id: string): boolean {
    return this.unfinished.has(id) || this.lingering.has(id);
  }

  /** The interaction as it is now; a finished one is a fresh copy each time. */
  get(id: string): Interaction | undefined {
    const ix = this.unfinished.get(id);
    if (ix !== undefined) return ix;
    const json = this.lingering.get(id);
    return json === undefined ? undefined : shapedInteraction(JSON.parse(json) as Interaction);
  }

  /** Keeps the interaction's latest version; `now` is when it finished if it is finished. */
  set(ix: Interaction, now: number): void {
    const wasLingering = this.lingering.delete(ix.id);
    if (wasLingering) this.superseded.set(ix.id, (this.superseded.get(ix.id) ?? 0) + 1);
    if (isFinished(ix)) {
      this.unfinished.delete(ix.id);
      this.lingering.set(ix.id, flat(JSON.stringify(ix)));
      this.finishedIds.push(ix.id);
      this.finishedAts.push(now);
    } else {
      this.unfinished.set(ix.id, ix);
    }
  }

  /** Drops the interactions that finished at or before `finishedBy`; answers their ids, oldest first. */
  dropFinishedBy(finishedBy: number): string[] {
    const due: string[] = [];
    const { finishedIds: ids, finishedAts: ats } = this;
    let h = this.head;
    while (h < ids.length && (ats[h] as number) <= finishedBy) {
      const id = ids[h] as string;
      h += 1;
      const stale = this.superseded.get(id);
      if (stale === undefined) {
        this.lingering.delete(id);
        due.push(id);
      } else if (stale === 1) this.superseded.delete(id);
      else this.superseded.set(id, stale - 1);
    }
    this.head = h;
    this.compact();
    return due;
  }

  /** Every interaction, unfinished ones first. Finished ones are read back, so this is for rare paths. */
  *values(): IterableIterator<Interaction> {
    yield* this.unfinished.values();
    for (const id of [...this.lingering.keys()]) {
      const ix = this.get(id);
      if (ix !== undefined) yield ix;
    }
  }

  /** Drops the consumed head of the finishing order now and then, so that the arrays do not grow for ever. */
  private compact(): void {
    const h = this.head;
    if (h === this.finishedIds.length) {
      this.finishedIds = [];
      this.finishedAts = [];
      this.head = 0;
    } else if (h >= COMPACT_AFTER && h * 2 >= this.finishedIds.length) {
      this.finishedIds = this.finishedIds.slice(h);
      this.finishedAts = this.finishedAts.slice(h);
      this.head = 0;
    }
  }
}
