import type { AgentRec } from './agent-rec.js';
import type { Capacity } from './capacity.js';
import type { RelaxationStep, SkillRequirement } from '../interactions/interaction.js';
import type { WaitingItem } from './routing-types.js';
import type { WaitingEntry } from './waiting-queue.js';

/** Where the router has an interaction. */
export type TrackedKind = 'waiting' | 'alerting' | 'owned';

/**
 * The router's record of one interaction, changed in place as the interaction moves between
 * waiting, alerting and owned: every interaction goes through all three, and a record per step
 * was most of what the router allocated. Which fields mean something depends on `kind`.
 */
export class TrackedInteraction {
  /** `gone` once forgotten: timers that still hold the record find it so. */
  kind: TrackedKind | 'gone' = 'waiting';
  /**
   * Waiting: its place in the queue. Alerting: the place it had, kept so that a timed-out alert
   * waits again with the same arrival number and skipped agents.
   */
  entry: WaitingEntry | undefined = undefined;
  /** Alerting: the waiting item it came from, queued again when the alert times out. */
  waiting: WaitingItem | undefined = undefined;
  /** Alerting or owned: the agent who carries it, as `media` with `capacity` (from `workgroupId`'s settings, if any). */
  agent: AgentRec | undefined = undefined;
  media = -1;
  workgroupId: string | undefined = undefined;
  capacity: Capacity | undefined = undefined;
  /** Alerting: when the alert times out. */
  deadline = 0;
  /** Alerting or owned: its place in its agent's list of carried interactions (-1: none); kept by `AgentRec`. */
  carriedAt = -1;

  constructor(readonly interactionId: string) {}

  waitIn(entry: WaitingEntry): void {
    this.kind = 'waiting';
    this.entry = entry;
    this.waiting = undefined;
    this.agent = undefined;
    this.capacity = undefined;
  }

  /** Alerting `agent`, who carries it as `media` from `workgroupId` with `capacity`. */
  alert(entry: WaitingEntry, waiting: WaitingItem, deadline: number): void {
    this.kind = 'alerting';
    this.entry = entry;
    this.waiting = waiting;
    this.deadline = deadline;
  }

  /** Carried by the agent (alerting or owned); `kind` is set by the caller. */
  carriedBy(agent: AgentRec, media: number, workgroupId: string | undefined, capacity: Capacity): void {
    this.agent = agent;
    this.media = media;
    this.workgroupId = workgroupId;
    this.capacity = capacity;
  }

  own(): void {
    this.kind = 'owned';
    this.entry = undefined;
    this.waiting = undefined;
  }

  /** No longer routed (and no longer in the router's map): drops its references too. */
  forgotten(): void {
    this.kind = 'gone';
    this.entry = undefined;
    this.waiting = undefined;
    this.agent = undefined;
    this.capacity = undefined;
  }
}

const sameSkills = (a: readonly SkillRequirement[], b: readonly SkillRequirement[]) =>
  a === b ||
  (a.length === b.length &&
    a.every((r, i) => r.skillId === b[i]?.skillId && r.minProficiency === b[i]?.minProficiency));

const sameRelaxation = (a: readonly RelaxationStep[], b: readonly RelaxationStep[]) =>
  a === b ||
  (a.length === b.length && a.every((s, i) => s.afterSeconds === b[i]?.afterSeconds && s.lowerBy === b[i]?.lowerBy));

/** Whether two waiting items route alike: same workgroup, type, priority, time in queue, skills and relaxation. */
export function sameWaiting(a: WaitingItem, b: WaitingItem): boolean {
  return (
    a === b ||
    (a.interactionId === b.interactionId &&
      a.workgroupId === b.workgroupId &&
      a.type === b.type &&
      a.priority === b.priority &&
      a.enteredQueueAt === b.enteredQueueAt &&
      sameSkills(a.skills, b.skills) &&
      sameRelaxation(a.relaxation, b.relaxation))
  );
}
