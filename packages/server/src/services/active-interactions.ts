import { pendingWrapUps, type Interaction } from '@tandem/core';

/** Whether an interaction is finished: disconnected with no wrap-up pending. */
export const isFinished = (ix: Interaction): boolean => ix.state === 'disconnected' && pendingWrapUps(ix).length === 0;

/**
 * The live interactions not finished, also by workgroup: those whose workgroup it is and those with
 * a wrap-up pending for it. They are a few thousand among the tens of thousands that linger
 * finished, and the only ones a workgroup's queue gauges or a time limit can concern.
 */
export class ActiveInteractions {
  private readonly byId = new Map<string, { ix: Interaction; groups: string[] }>();
  private readonly byGroup = new Map<string, Map<string, Interaction>>();

  /** Keeps the interaction's latest version, or drops it when it is finished. */
  update(ix: Interaction): void {
    if (isFinished(ix)) return this.remove(ix.id);
    const groups = groupsOf(ix);
    const was = this.byId.get(ix.id);
    if (was && sameGroups(was.groups, groups)) {
      // Most changes leave the workgroups as they were: only the version kept changes.
      was.ix = ix;
      for (const g of groups) this.byGroup.get(g)?.set(ix.id, ix);
      return;
    }
    this.byId.set(ix.id, { ix, groups });
    for (const g of was?.groups ?? []) if (!groups.includes(g)) this.byGroup.get(g)?.delete(ix.id);
    for (const g of groups) {
      let members = this.byGroup.get(g);
      if (!members) this.byGroup.set(g, (members = new Map<string, Interaction>()));
      members.set(ix.id, ix);
    }
  }

  remove(id: string): void {
    const was = this.byId.get(id);
    if (!was) return;
    this.byId.delete(id);
    for (const g of was.groups) {
      const members = this.byGroup.get(g);
      members?.delete(id);
      if (members?.size === 0) this.byGroup.delete(g);
    }
  }

  *all(): IterableIterator<Interaction> {
    for (const { ix } of this.byId.values()) yield ix;
  }

  /** Those whose workgroup this is, or with a wrap-up pending for it. */
  inWorkgroup(workgroupId: string): IterableIterator<Interaction> {
    return (this.byGroup.get(workgroupId) ?? new Map<string, Interaction>()).values();
  }
}

function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((g, i) => g === b[i]);
}

function groupsOf(ix: Interaction): string[] {
  const groups = ix.workgroupId === undefined ? [] : [ix.workgroupId];
  for (const w of ix.wrapUps) if (w.state === 'pending' && !groups.includes(w.workgroupId)) groups.push(w.workgroupId);
  return groups;
}
