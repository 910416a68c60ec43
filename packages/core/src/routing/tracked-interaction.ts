import type { AgentRec } from './agent-rec.js';
import type { Capacity } from './capacity.js';
import type { RelaxationStep, SkillRequirement } from '../interactions/interaction.js';
import type { WaitingItem } from './routing-types.js';
import type { SkillIndex } from './skills.js';

/** Where the router has an interaction. */
export type TrackedKind = 'waiting' | 'alerting' | 'owned';

/**
 * The wait before the first relaxation step of an interaction without steps: a small integer (a
 * boxed `Infinity` would be a heap number in every record). Past it nothing is lowered anyway.
 */
export const NO_STEP_MS = 0x3fffffff;

// Not frozen: a frozen array would be another kind of array where the router reads requirements.
const NO_NEEDS: readonly number[] = [];

/**
 * The router's record of one interaction, changed in place as the interaction moves between
 * waiting, alerting and owned: every interaction goes through all three, and a record per step
 * was most of what the router allocated. It is also the interaction's place in a waiting queue
 * (`WaitingEntry`): the entry fields are filled in place when it waits. Which fields mean
 * something depends on `kind`.
 */
export class TrackedInteraction {
  /** `gone` once forgotten, until its slot is taken again (`RecordTable`). */
  kind: TrackedKind | 'gone' = 'waiting';
  /**
   * Waiting: the item it waits as. Alerting: the waiting item it came from, queued again when the
   * alert times out.
   */
  waiting: WaitingItem | undefined = undefined;
  /**
   * The workgroup whose queue the entry fields below belong to (waiting, or alerting: the place
   * it had, kept so that a timed-out alert waits again with the same arrival number and skipped
   * agents); undefined when it has no entry (owned, or new).
   */
  queueId: string | undefined = undefined;
  // Entry fields, copied from the waiting item: a routing pass reads them for every entry and
  // agent it tries.
  priority = 0;
  enteredQueueAt = 0;
  relaxation: readonly RelaxationStep[] = [];
  /**
   * The earliest relaxation step's wait in ms (`NO_STEP_MS` without steps): before it nothing is
   * lowered, known without reading the steps (a pass looks at many entries, most not relaxed).
   */
  firstStepMs = NO_STEP_MS;
  /** Arrival order, the last tie break; kept when an alert times out so the place is kept too. */
  seq = 0;
  /** The media number of its type (`MEDIA_NUMBER`): which pool it is routed from. */
  media = -1;
  /**
   * How many skill requirements it has, numbered in `skill0`/`min0` and `skill1`/`min1` (0 to 2,
   * the usual case, with no list allocated), or -1: more, in `needs` as `[skill number, minimum, ...]`.
   */
  needCount = 0;
  skill0 = 0;
  min0 = 0;
  skill1 = 0;
  min1 = 0;
  needs: readonly number[] = NO_NEEDS;
  /** Agents who let an alert for it time out, and until when they are skipped. */
  excluded: Map<string, number> | undefined = undefined;
  /** The number of the routing pass it was last marked fresh for in workgroup `queueId` (-1: never). */
  freshPass = -1;
  /** Alerting or owned: the agent who carries it, from `workgroupId`'s settings, if any. */
  agent: AgentRec | undefined = undefined;
  workgroupId: string | undefined = undefined;
  /**
   * What it adds to its agent's load while carried (`carriedAt` ≥ 0): as which media number, with
   * which capacity. Set and read by `AgentRec`.
   */
  carriedMedia = -1;
  capacity: Capacity | undefined = undefined;
  /** Alerting: when the alert times out. */
  deadline = 0;
  /** Alerting or owned: its place in its agent's list of carried interactions (-1: none); kept by `AgentRec`. */
  carriedAt = -1;
  /** Its slot in the router's `RecordTable`, which the router's timers name it by. */
  slot = -1;

  constructor(public interactionId: string) {}

  /** A forgotten record made new for the interaction `interactionId` (see `RecordTable`). */
  renew(interactionId: string): void {
    this.interactionId = interactionId;
    this.kind = 'waiting';
    this.queueId = undefined;
    this.excluded = undefined;
    this.freshPass = -1;
    this.carriedAt = -1;
    this.workgroupId = undefined;
  }

  /**
   * Fills the entry fields from `item` for its workgroup's queue, keeping the arrival number and
   * the skipped agents when it had an entry in the same workgroup, else arriving as `nextSeq`.
   * Answers whether it took `nextSeq`.
   */
  enter(item: WaitingItem, nextSeq: number, media: number, skills: SkillIndex): boolean {
    const arrives = this.queueId !== item.workgroupId;
    if (arrives) {
      // Another queue: a pass number of the old one means nothing there.
      this.queueId = item.workgroupId;
      this.seq = nextSeq;
      this.excluded = undefined;
      this.freshPass = -1;
    }
    this.waiting = item;
    this.priority = item.priority;
    this.enteredQueueAt = item.enteredQueueAt;
    this.relaxation = item.relaxation;
    this.firstStepMs = firstStepMs(item.relaxation);
    this.media = media;
    this.setNeeds(item.skills, skills);
    return arrives;
  }

  private setNeeds(requirements: readonly SkillRequirement[], skills: SkillIndex): void {
    const n = requirements.length;
    if (n > 2) {
      this.needCount = -1;
      this.needs = skills.requirements(requirements);
      return;
    }
    this.needCount = n;
    this.needs = NO_NEEDS;
    const first = requirements[0];
    if (first !== undefined) {
      this.skill0 = skills.of(first.skillId);
      this.min0 = first.minProficiency;
    }
    const second = requirements[1];
    if (second !== undefined) {
      this.skill1 = skills.of(second.skillId);
      this.min1 = second.minProficiency;
    }
  }

  waitIn(): void {
    this.kind = 'waiting';
    this.agent = undefined;
  }

  /** Alerting from its entry, `waiting` being the item it waits again as if the alert times out. */
  alert(waiting: WaitingItem, deadline: number): void {
    this.kind = 'alerting';
    this.waiting = waiting;
    this.deadline = deadline;
  }

  /** Carried by the agent (alerting or owned) from `workgroupId`; `kind` is set by the caller. */
  carriedBy(agent: AgentRec, workgroupId: string | undefined): void {
    this.agent = agent;
    this.workgroupId = workgroupId;
  }

  own(): void {
    this.kind = 'owned';
    this.queueId = undefined;
    this.waiting = undefined;
    this.excluded = undefined;
  }

  /** No longer routed (and no longer in the router's map): drops its references too. */
  forgotten(): void {
    this.kind = 'gone';
    this.queueId = undefined;
    this.waiting = undefined;
    this.excluded = undefined;
    this.relaxation = NO_NEEDS as never;
    this.needs = NO_NEEDS;
    this.agent = undefined;
    this.capacity = undefined;
  }
}

/** The wait before the earliest relaxation step, in ms (as `relaxedBy` compares it); `NO_STEP_MS` without steps. */
function firstStepMs(relaxation: readonly RelaxationStep[]): number {
  let first = NO_STEP_MS;
  for (const step of relaxation) if (step.afterSeconds * 1000 < first) first = step.afterSeconds * 1000;
  return first;
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
