import { shapedInteraction, type Interaction } from '@tandem/core';
import { isFinished } from './active-interactions.js';

/** A finished interaction while it lingers: its JSON text, and when it finished. */
class Lingering {
  constructor(
    readonly json: string,
    readonly at: number,
  ) {}
}

/**
 * The text as one flat string. V8's JSON.stringify answers a text of more than a few hundred
 * characters as a tree of joined parts, each one more object for the collector to trace while the
 * text lingers; reading a character makes V8 flatten it, and the collector then drops the tree.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/**
 * The interactions in memory. Unfinished ones are kept as they are. Finished ones stay for a while
 * (queues still show them) as their JSON text, read back when someone asks for one: at 2,000
 * arrivals a second tens of thousands linger, and as objects (the interaction, its log, its
 * arrays) they were most of the heap the collector had to trace, where a string is one object it
 * never looks into.
 */
export class LiveInteractions {
  private readonly unfinished = new Map<string, Interaction>();
  /** In the order they finished: an interaction finishing again is deleted and added anew. */
  private readonly lingering = new Map<string, Lingering>();

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
    const finished = this.lingering.get(id);
    return finished === undefined ? undefined : shapedInteraction(JSON.parse(finished.json) as Interaction);
  }

  /** Keeps the interaction's latest version; `now` is when it finished if it is finished. */
  set(ix: Interaction, now: number): void {
    if (isFinished(ix)) {
      this.unfinished.delete(ix.id);
      this.lingering.delete(ix.id);
      this.lingering.set(ix.id, new Lingering(flat(JSON.stringify(ix)), now));
    } else {
      this.lingering.delete(ix.id);
      this.unfinished.set(ix.id, ix);
    }
  }

  /** Drops the interactions that finished at or before `finishedBy`; answers their ids, oldest first. */
  dropFinishedBy(finishedBy: number): string[] {
    const due: string[] = [];
    for (const [id, finished] of this.lingering) {
      if (finished.at > finishedBy) break;
      due.push(id);
    }
    for (const id of due) this.lingering.delete(id);
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
}
