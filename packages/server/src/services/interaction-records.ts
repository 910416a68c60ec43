import { queuesOf, shapedInteraction, type Interaction, type InteractionRecord, type QueueRef } from '@tandem/core';

export const queueKey = (q: QueueRef): string => `${q.type}:${q.id}`;

/** The storage form of an interaction; `closedAt` once nothing more will happen to it. */
export function toInteractionRecord(ix: Interaction, now: number, closedAt: number | null): InteractionRecord {
  return {
    id: ix.id,
    type: ix.type,
    state: ix.state,
    queueKey: closedAt === null ? queueKey(ix.queue) : null,
    workgroupId: ix.workgroupId ?? null,
    assignedUserId: ix.userId ?? null,
    createdAt: ix.createdAt,
    updatedAt: now,
    closedAt,
    doc: ix as unknown as Record<string, unknown>,
  };
}

export function fromInteractionRecord(record: InteractionRecord): Interaction {
  return shapedInteraction(record.doc as unknown as Interaction);
}

/** Keeps, per queue key, the ids of the interactions that show in it. */
export class QueueIndex {
  private readonly byQueue = new Map<string, Set<string>>();
  /** The keys each indexed interaction shows in now: the "before" of its next change. */
  private readonly keysById = new Map<string, readonly string[]>();
  /** One string per queue, `type:id`, made once: no concatenation and fresh hashing per change. */
  private readonly interned = new Map<string, Map<string, string>>();
  /** One frozen one-key list per queue key. */
  private readonly onlyKey = new Map<string, readonly string[]>();

  /**
   * Moves an interaction from the queues it showed in to those it shows in now; answers both key
   * lists (`after` undefined: it shows nowhere any more). What it showed in is what this index
   * last recorded for it.
   */
  update(
    id: string,
    after: Interaction | undefined,
  ): { left: readonly string[]; entered: readonly string[]; stayed: readonly string[] } {
    // An interaction shows in one to three queues: short arrays, and no array at all for an empty
    // answer, on this path of every change.
    const was = this.keysById.get(id) ?? NONE;
    const now = after ? this.keysOf(after) : NONE;
    if (sameKeys(was, now)) return { left: NONE, entered: NONE, stayed: was };
    let left = NONE;
    let entered = NONE;
    let stayed = NONE;
    for (const k of was) if (!now.includes(k)) (left === NONE ? (left = []) : left).push(k);
    for (const k of now) {
      if (was.includes(k)) (stayed === NONE ? (stayed = []) : stayed).push(k);
      else (entered === NONE ? (entered = []) : entered).push(k);
    }
    for (const k of left) this.byQueue.get(k)?.delete(id);
    for (const k of entered) {
      let set = this.byQueue.get(k);
      if (!set) this.byQueue.set(k, (set = new Set()));
      set.add(id);
    }
    if (now === NONE) this.keysById.delete(id);
    else this.keysById.set(id, now);
    return { left, entered, stayed };
  }

  ids(key: string): string[] {
    return [...(this.byQueue.get(key) ?? [])];
  }

  size(key: string): number {
    return this.byQueue.get(key)?.size ?? 0;
  }

  /**
   * Most interactions show in one queue: its one-key list is shared by all of them (tens of
   * thousands linger finished in their agents' queues), not an array each.
   */
  private keysOf(ix: Interaction): readonly string[] {
    const keys: string[] = [];
    for (const q of queuesOf(ix)) {
      const key = this.keyOf(q);
      if (!keys.includes(key)) keys.push(key);
    }
    if (keys.length !== 1) return keys;
    const only = keys[0] as string;
    let shared = this.onlyKey.get(only);
    if (shared === undefined) this.onlyKey.set(only, (shared = Object.freeze([only])));
    return shared;
  }

  private keyOf(q: QueueRef): string {
    let ofType = this.interned.get(q.type);
    if (!ofType) this.interned.set(q.type, (ofType = new Map<string, string>()));
    let key = ofType.get(q.id);
    if (key === undefined) ofType.set(q.id, (key = queueKey(q)));
    return key;
  }
}

/** Shared by every answer with nothing in it; never added to. */
const NONE: string[] = [];

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
