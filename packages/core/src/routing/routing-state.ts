import { SYSTEM_STATUS_IDS } from '../directory/default-statuses.js';
import { MEDIA_TYPES, type MediaType } from '../directory/primitives.js';
import { AgentPlacement } from './agent-placement.js';
import { AgentRec, placeholderAgent } from './agent-rec.js';
import { AgentTable } from './agent-table.js';
import { capacityFor, MEDIA_NUMBER, type Capacity, type Load } from './capacity.js';
import type {
  AlertingItem,
  Assignment,
  RoutingAgent,
  RoutingDecision,
  RoutingItem,
  RoutingOptions,
  RoutingWorkgroup,
  WaitingItem,
} from './routing-types.js';
import { SkillIndex } from './skills.js';
import { ScratchList } from './scratch-list.js';
import { Timers } from './timers.js';
import { RecordTable } from './record-table.js';
import { sameWaiting, type TrackedInteraction, type TrackedKind } from './tracked-interaction.js';
import { byFirstWaiting, WorkgroupIndex, type AssignSink } from './workgroup-index.js';

/** The empty list of a decision with no alert timeouts or no assignments; replaced on first push. */
const NONE = Object.freeze([]) as unknown as never[];

/** Wake-ups: an alert deadline, or an interaction that becomes easier to route (relaxation, re-offer). */
type TimerKind = 'alert' | 'entry';

/**
 * The ACD router's working state: agents indexed per workgroup and media type, waiting queues in
 * routing order, and what each agent carries. The server feeds it directory, presence and
 * interaction changes and calls `decide(now)` after each (and at `nextWakeAt`); a decision is a
 * pure function of this state and `now`.
 *
 * Rules: an agent is eligible for a waiting interaction when logged on, in a status available for
 * ACD, activated in the workgroup, licensed for the media type, below its capacity for the type
 * and in total (`capacity.ts`), meeting the skill requirements as relaxed by the time waited
 * (`skills.ts`), and not skipped for having let an alert for this interaction time out (for
 * `reofferDelayMs`). Interactions are taken by priority, then time in queue; each goes to the
 * eligible agent with the best skill score, then the longest idle (smallest `idleSince`), then the
 * smallest user id. An agent's `idleSince` is the last time it became ready, or got or finished an
 * interaction.
 */
export class RoutingState {
  private readonly agents = new Map<string, AgentRec>();
  private readonly workgroups = new Map<string, WorkgroupIndex>();
  private readonly tracked = new Map<string, TrackedInteraction>();
  /** Timers name records by number (`RecordTable.timerId`), so that a forgotten record is used again at once. */
  private readonly timers = new Timers<TimerKind, number>();
  private readonly records = new RecordTable();
  /** Workgroups that may have work, each once (`WorkgroupIndex.queued`). */
  private dirty = new ScratchList<WorkgroupIndex>();
  private spareDirty = new ScratchList<WorkgroupIndex>();
  private readonly skillIndex = new SkillIndex();
  private readonly table = new AgentTable();
  private readonly placement = new AgentPlacement(
    this.table,
    (id) => this.workgroupIndex(id),
    (wg, agent) => this.touchAgent(wg, agent),
  );
  private seq = 0;
  /** The decision `decide` is building, and its time: where the routing passes' assignments go. */
  private deciding: RoutingDecision | undefined;
  private decidingNow = 0;
  private readonly sink: AssignSink = {
    assign: (wg, t, agent) => {
      this.assign(wg, t, agent, this.decidingNow, this.deciding as RoutingDecision);
    },
  };

  constructor(private readonly options: RoutingOptions = {}) {}

  upsertWorkgroup(config: RoutingWorkgroup): void {
    const wg = this.workgroups.get(config.id);
    if (!wg) {
      this.workgroups.set(config.id, new WorkgroupIndex(config, this.table));
      return;
    }
    // Its utilization may have come or gone: which agents its pools keep changes with it.
    wg.config = config;
    for (const agent of this.agents.values())
      if (agent.active.has(config.id)) wg.place(agent, this.table.room[agent.no] as number);
    wg.touchAll();
    this.markDirty(wg);
  }

  /**
   * Adds or updates an agent. The load and `idleSince` of a known agent are kept, except that an
   * agent who becomes ready (logged on, ACD-available) is idle from `now`.
   */
  upsertAgent(config: RoutingAgent, now: number): void {
    const agent = this.agents.get(config.userId);
    if (!agent) {
      const created = new AgentRec(config, this.skillIndex, this.table);
      this.agents.set(config.userId, created);
      this.placement.place(created);
      return;
    }
    const wasReady = agent.ready;
    // Licences or activations may be gone: out of every pool, then back where it belongs.
    for (const id of agent.active) this.workgroups.get(id)?.evict(agent);
    agent.reconfigure(config);
    if (!wasReady && agent.ready) agent.idleSince = now;
    this.placement.place(agent);
    // Its skills may have changed without it joining a pool: try it against every waiting entry.
    if (agent.ready) for (const id of agent.active) this.touchAgent(this.workgroupIndex(id), agent);
  }

  removeAgent(userId: string): void {
    const agent = this.agents.get(userId);
    if (!agent) return;
    for (const id of agent.active) this.workgroups.get(id)?.evict(agent);
    if (agent.carriedCount === 0) {
      this.agents.delete(userId);
      agent.retire();
    } else agent.reconfigure({ ...agent.config, loggedOn: false, activeWorkgroups: [] });
  }

  /** Records an interaction's routing view; call it after every change (`syncInteraction` does). */
  track(item: RoutingItem, now: number): void {
    const prev = this.tracked.get(item.interactionId);
    if (prev !== undefined && this.keeps(prev, item)) return;
    if (prev !== undefined) {
      const wasAlerting = prev.kind === 'alerting';
      this.release(prev, now, item.state === 'waiting' ? undefined : item.userId);
      if (wasAlerting && item.state === 'waiting') this.exclude(prev, (prev.agent as AgentRec).userId, now);
    }
    const t = prev ?? this.records.take(item.interactionId);
    if (item.state === 'waiting') this.enqueue(item, now, t);
    else if (item.state === 'alerting') this.alert(item, now, t);
    else {
      this.carry(t, this.agentRec(item.userId), MEDIA_NUMBER[item.type], item.workgroupId);
      t.own();
    }
    if (prev === undefined) this.tracked.set(item.interactionId, t);
  }

  /**
   * Whether the change leaves the router's view of the interaction as it is, so that `track` has
   * nothing to do: the same agent reports the alert the router made or answers it (its load stays
   * as it was alerted), the same agent still owns it with the same load, or it still waits alike.
   * The server calls `track` after every change of every interaction, most of them not about routing.
   */
  private keeps(t: TrackedInteraction, item: RoutingItem): boolean {
    if (t.kind === 'waiting') return item.state === 'waiting' && sameWaiting(t.waiting as WaitingItem, item);
    if (item.state === 'waiting') return false;
    const agent = t.agent as AgentRec;
    if (item.userId !== agent.userId) return false;
    if (t.kind === 'alerting') {
      if (item.state === 'owned') t.own();
      return true;
    }
    const media = MEDIA_NUMBER[item.type];
    return (
      t.kind === 'owned' &&
      item.state === 'owned' &&
      media === t.carriedMedia &&
      item.workgroupId === t.workgroupId &&
      this.capacityIn(agent, media, this.knownWorkgroup(item.workgroupId)) === t.capacity
    );
  }

  /** The interaction left routing (disconnected, parked, snoozed, removed). */
  forget(interactionId: string, now: number): void {
    const t = this.tracked.get(interactionId);
    if (t === undefined) return;
    this.release(t, now);
    this.tracked.delete(interactionId);
    // Its timers find its slot's ticket changed and are skipped; the record is used again at once.
    t.forgotten();
    this.records.release(t);
  }

  /** Handles alerts that timed out and due timers, then routes every workgroup that may have work. */
  decide(now: number): RoutingDecision {
    const decision: RoutingDecision = { alertTimeouts: NONE, assignments: NONE, nextWakeAt: undefined };
    const timers = this.timers;
    while (timers.popDue(now)) {
      const t = this.records.byTimerId(timers.popped.id);
      if (t === undefined) continue;
      if (timers.popped.kind === 'alert') this.timeOut(t, timers.popped.at, now, decision);
      else this.touchEntry(t);
    }
    // Most urgent first: an agent free in several workgroups goes to the one whose first waiting
    // interaction ranks highest (priority, then time in queue).
    this.decidingNow = now;
    this.deciding = decision;
    try {
      while (this.dirty.size > 0) this.routeDirty(now);
    } finally {
      this.deciding = undefined;
    }
    decision.nextWakeAt = this.timers.peek();
    return decision;
  }

  /** Routes the workgroups marked since the last pass, most urgent first. */
  private routeDirty(now: number): void {
    const order = this.dirty;
    this.dirty = this.spareDirty;
    this.spareDirty = order;
    for (let i = 0; i < order.size; i++) order.at(i).queued = false;
    order.sort(byFirstWaiting);
    try {
      for (let i = 0; i < order.size; i++) order.at(i).route(now, this.sink);
    } finally {
      order.clear();
    }
  }

  private markDirty(wg: WorkgroupIndex): void {
    if (wg.queued) return;
    wg.queued = true;
    this.dirty.add(wg);
  }

  /** An agent's current load, for statistics and checks. */
  loadOf(userId: string): Readonly<Load> | undefined {
    return this.agents.get(userId)?.load;
  }

  idleSinceOf(userId: string): number | undefined {
    return this.agents.get(userId)?.idleSince;
  }

  /** Ids of the interactions waiting in a workgroup, in routing order. */
  waitingIn(workgroupId: string): string[] {
    return (this.workgroups.get(workgroupId)?.waiting.ordered ?? []).map((t) => t.interactionId);
  }

  /** Where the router has an interaction: waiting, alerting, owned, or undefined when not tracked. */
  whereIs(interactionId: string): TrackedKind | undefined {
    const kind = this.tracked.get(interactionId)?.kind;
    return kind === 'gone' ? undefined : kind;
  }

  /** A waiting interaction to try against its whole pool in the next pass. */
  private touchEntry(t: TrackedInteraction): void {
    if (t.kind !== 'waiting') return;
    const wg = this.workgroupIndex(t.queueId as string);
    wg.touchEntry(t);
    this.markDirty(wg);
  }

  private touchAgent(wg: WorkgroupIndex, agent: AgentRec): void {
    wg.touchAgent(agent);
    this.markDirty(wg);
  }

  private assign(wg: WorkgroupIndex, t: TrackedInteraction, agent: AgentRec, now: number, d: RoutingDecision): void {
    wg.waiting.remove(t);
    const deadline = now + wg.alertTimeoutMs;
    const item = t.waiting as WaitingItem;
    t.alert(item, deadline);
    this.carry(t, agent, t.media, wg.config.id, wg);
    agent.idleSince = now;
    this.wake(deadline, 'alert', t, wg.alertTimeoutMs);
    const assignment: Assignment = {
      interactionId: item.interactionId,
      userId: agent.userId,
      workgroupId: wg.config.id,
      type: item.type,
      alertDeadline: deadline,
    };
    // The first one makes a list of one.
    if (d.assignments === NONE) d.assignments = [assignment];
    else d.assignments.push(assignment);
  }

  private timeOut(t: TrackedInteraction, at: number, now: number, d: RoutingDecision): void {
    if (t.kind !== 'alerting' || t.deadline !== at) return;
    const agent = t.agent as AgentRec;
    const workgroupId = t.workgroupId as string;
    agent.reconfigure({ ...agent.config, availableForAcd: false, statusId: SYSTEM_STATUS_IDS.agentNotAnswering });
    this.placement.place(agent);
    this.release(t, now);
    this.exclude(t, agent.userId, now);
    this.enqueue(t.waiting as WaitingItem, now, t);
    if (d.alertTimeouts === NONE) d.alertTimeouts = [];
    d.alertTimeouts.push({
      interactionId: t.interactionId,
      userId: agent.userId,
      workgroupId,
      statusId: SYSTEM_STATUS_IDS.agentNotAnswering,
    });
  }

  /**
   * Undoes what a tracked interaction held: out of its queue when waiting, off its agent when
   * alerting or owned. Its entry fields stay (a timed-out alert keeps its place). The agent it
   * leaves is idle from `now` unless `stays` names that agent (a pickup).
   */
  private release(t: TrackedInteraction, now: number, stays?: string): void {
    if (t.kind === 'waiting') {
      this.workgroups.get(t.queueId as string)?.waiting.remove(t);
      return;
    }
    const agent = t.agent as AgentRec;
    if (agent.drop(t)) {
      if (agent.userId !== stays) agent.idleSince = now;
      this.placement.roomChanged(agent);
    }
  }

  /** A timer for `t`, by its number in the record table; `delay` as in `Timers.push`. */
  private wake(at: number, kind: TimerKind, t: TrackedInteraction, delay?: number): void {
    this.timers.push(at, kind, this.records.timerId(t), delay);
  }

  /** An alert ended without pickup: that agent is skipped for this interaction (in its queue) for a while. */
  private exclude(t: TrackedInteraction, userId: string, now: number): void {
    const wg = this.workgroupIndex(t.queueId as string);
    const until = now + (this.options.reofferDelayMs ?? wg.alertTimeoutMs);
    (t.excluded ??= new Map()).set(userId, until);
    this.wake(until, 'entry', t, until - now);
  }

  /** Waits as `item`: same workgroup as its entry, it keeps its arrival number (its place) and who it is not offered to yet. */
  private enqueue(item: WaitingItem, now: number, t: TrackedInteraction): void {
    const wg = this.workgroupIndex(item.workgroupId);
    if (t.enter(item, this.seq + 1, MEDIA_NUMBER[item.type], this.skillIndex)) this.seq += 1;
    wg.waiting.insert(t);
    t.waitIn();
    wg.touchEntry(t);
    this.markDirty(wg);
    // A wake-up for every relaxation step still ahead.
    for (const step of item.relaxation) {
      const at = item.enteredQueueAt + step.afterSeconds * 1000;
      // Arriving now, the step is a fixed delay away (a queue of timers per step); else the heap.
      if (at > now) this.wake(at, 'entry', t, item.enteredQueueAt === now ? at - now : undefined);
    }
  }

  /** An alert the server reports (e.g. loaded from a snapshot); without an entry it gets one as it came. */
  private alert(item: AlertingItem, now: number, t: TrackedInteraction): void {
    const wg = this.workgroupIndex(item.workgroupId);
    const deadline = Math.max(item.alertedAt + wg.alertTimeoutMs, now);
    if (
      t.queueId === undefined &&
      t.enter(item.waiting, this.seq + 1, MEDIA_NUMBER[item.waiting.type], this.skillIndex)
    )
      this.seq += 1;
    t.alert(item.waiting, deadline);
    this.carry(t, this.agentRec(item.userId), MEDIA_NUMBER[item.type], item.workgroupId);
    this.wake(deadline, 'alert', t);
  }

  /** The agent carries the interaction as `media`, with the capacity `workgroupId` gives it; `t` records it. */
  private carry(
    t: TrackedInteraction,
    agent: AgentRec,
    media: number,
    workgroupId: string | undefined,
    wg = this.knownWorkgroup(workgroupId),
  ): void {
    agent.carry(t, media, this.capacityIn(agent, media, wg));
    t.carriedBy(agent, workgroupId);
    this.placement.roomChanged(agent);
  }

  /** The agent's capacity for the media in the workgroup (its settings), or outside any: its own or the default. */
  private capacityIn(agent: AgentRec, media: number, wg: WorkgroupIndex | undefined): Capacity {
    return wg
      ? wg.capacityOf(agent, media)
      : capacityFor(agent.config.utilization, undefined, MEDIA_TYPES[media] as MediaType);
  }

  /** The workgroup's index if the router knows the workgroup (an interaction may name one it does not). */
  private knownWorkgroup(workgroupId: string | undefined): WorkgroupIndex | undefined {
    return workgroupId === undefined ? undefined : this.workgroups.get(workgroupId);
  }

  /** The agent record, or a placeholder (not logged on) that carries load until the agent is known. */
  private agentRec(userId: string): AgentRec {
    let agent = this.agents.get(userId);
    if (!agent) this.agents.set(userId, (agent = placeholderAgent(userId, this.skillIndex, this.table)));
    return agent;
  }

  /** The workgroup's index; one with default settings until the workgroup is known. */
  private workgroupIndex(id: string): WorkgroupIndex {
    let wg = this.workgroups.get(id);
    if (!wg) this.workgroups.set(id, (wg = WorkgroupIndex.withDefaults(id, this.table)));
    return wg;
  }
}
