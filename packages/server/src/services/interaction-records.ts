import { queuesOf, type Interaction, type InteractionRecord, type QueueRef } from '@tandem/core';

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
  return record.doc as unknown as Interaction;
}

/** Keeps, per queue key, the ids of the interactions that show in it. */
export class QueueIndex {
  private readonly byQueue = new Map<string, Set<string>>();

  /** Moves an interaction from the queues it showed in to those it shows in now; answers both key lists. */
  update(
    id: string,
    before: Interaction | undefined,
    after: Interaction | undefined,
  ): { left: string[]; entered: string[]; stayed: string[] } {
    // An interaction shows in one to three queues: arrays, not sets, on this path of every change.
    const was = before ? distinct(queuesOf(before).map(queueKey)) : [];
    const now = after ? distinct(queuesOf(after).map(queueKey)) : [];
    const left = was.filter((k) => !now.includes(k));
    const entered = now.filter((k) => !was.includes(k));
    const stayed = now.filter((k) => was.includes(k));
    for (const k of left) this.byQueue.get(k)?.delete(id);
    for (const k of entered) {
      let set = this.byQueue.get(k);
      if (!set) this.byQueue.set(k, (set = new Set()));
      set.add(id);
    }
    return { left, entered, stayed };
  }

  ids(key: string): string[] {
    return [...(this.byQueue.get(key) ?? [])];
  }

  size(key: string): number {
    return this.byQueue.get(key)?.size ?? 0;
  }
}

function distinct(keys: string[]): string[] {
  return keys.filter((k, i) => keys.indexOf(k) === i);
}
