import {
  addDuration,
  agentFigures,
  emptyAgentCounters,
  emptyWorkgroupCounters,
  workgroupFigures,
  type AgentCounters,
  type AgentIntervalFigures,
  type WorkgroupCounters,
  type WorkgroupIntervalFigures,
} from './counters.js';
import { Rollers, type IntervalSet } from './rolling-intervals.js';
import type { StatisticsEvent } from './statistics-events.js';
import type { ResolvedStatisticsSettings } from './statistics-settings.js';

/** What an interaction is doing, as far as statistics care. */
interface Tracker {
  version: number;
  /** Waiting or alerting in a workgroup queue, not yet answered. */
  queue?: { workgroupId: string; enteredAt: number } | undefined;
  /** The user it is alerting on (ACD or direct), until answered or timed out. */
  alertedUserId?: string | undefined;
  /** An agent's part: from pickup to disconnect, transfer, park, snooze or another user's pickup. */
  segment?: Segment | undefined;
}

interface Segment {
  userId: string;
  /** The workgroup queue it was answered from; undefined outside ACD (a direct transfer, a park). */
  workgroupId: string | undefined;
  answeredAt: number;
  heldAt?: number | undefined;
  holdMs: number;
  held: boolean;
}

/** The workgroups and agents whose figures an event changed. */
export interface Touched {
  workgroupIds: Set<string>;
  userIds: Set<string>;
}

/** One event of one interaction, for `replay`. */
export interface ReplayItem {
  interactionId: string;
  version: number;
  events: readonly StatisticsEvent[];
}

/** The key of the agent figures outside ACD. */
const NON_ACD = '';

// What each event counts, as functions of the counters and up to two numbers (no closure per event).
type Update<C> = (c: C, a: number, b: number) => void;
const received: Update<WorkgroupCounters | AgentCounters> = (c) => (c.received += 1);
const notAnswered: Update<AgentCounters> = (c) => (c.notAnswered += 1);
const held: Update<WorkgroupCounters | AgentCounters> = (c) => (c.held += 1);
/** `a` the wait, `b` 1 when within the service level. */
const answeredFromQueue: Update<WorkgroupCounters> = (c, waited, within) => {
  c.answered += 1;
  if (within === 1) c.answeredWithinTarget += 1;
  addDuration(c.wait, waited);
};
/** `a` 1 when the agent was alerted with it (already counted received). */
const answeredByAgent: Update<AgentCounters> = (c, wasAlerted) => {
  if (wasAlerted !== 1) c.received += 1;
  c.answered += 1;
};
/** `a` the talk time, `b` the hold time, or -1 when never held. */
const completed: Update<WorkgroupCounters | AgentCounters> = (c, talkMs, holdMs) => {
  c.completed += 1;
  addDuration(c.talk, talkMs);
  if (holdMs >= 0) addDuration(c.hold, holdMs);
};
/** `a` the wait, `b` 1 when abandoned (else flowed out). */
const leftUnanswered: Update<WorkgroupCounters> = (c, waited, abandoned) => {
  if (abandoned === 1) c.abandoned += 1;
  else c.flowedOut += 1;
  addDuration(c.wait, waited);
};

/**
 * The ACD statistics of every workgroup and of every agent per workgroup, per shift and per
 * period, current and previous: the manual's "event-sourced statistics engine". Pure: fed with
 * statistics events in time order, asked for figures as of a given time. It keeps a small tracker
 * per live interaction (queue entry time, who answered when, hold start) and forgets it when the
 * interaction disconnects. The counting rules are on `WorkgroupCounters` and `AgentCounters`.
 */
export class StatisticsEngine {
  private readonly trackers = new Map<string, Tracker>();
  /** Versions the rebuild read from the log, so that the same change arriving live is not counted twice. */
  private readonly replayed = new Map<string, number>();
  private readonly workgroups = new Map<string, Rollers<WorkgroupCounters>>();
  private readonly agents = new Map<string, Map<string, Rollers<AgentCounters>>>();
  /** Per workgroup, the agents' parts answered from its queue and still going (for the longest talk). */
  private readonly talking = new Map<string, Set<Segment>>();

  /**
   * `settingsOf` gives a workgroup's intervals and service level; agent figures follow their
   * workgroup's intervals, and those outside ACD `defaults`. It is asked again whenever an interval
   * rolls and whenever an answer is measured against the service level, so it may change over time.
   */
  constructor(
    private readonly settingsOf: (workgroupId: string) => ResolvedStatisticsSettings,
    private readonly defaults: ResolvedStatisticsSettings,
  ) {}

  /**
   * Applies the events of one committed change of an interaction, adding the workgroups and agents
   * whose figures it changed to `touched` (a new one by default; a caller applying thousands of
   * changes a second may pass one it cleared). A change whose version is not newer than the one
   * already applied is ignored (it was replayed from the log already).
   */
  apply(
    interactionId: string,
    version: number,
    events: readonly StatisticsEvent[],
    touched: Touched = { workgroupIds: new Set(), userIds: new Set() },
  ): Touched {
    const seen = this.trackers.get(interactionId)?.version ?? this.replayed.get(interactionId);
    if (seen !== undefined && version <= seen) return touched;
    this.replayed.delete(interactionId);
    for (const event of events) this.step(interactionId, event, touched);
    const tracker = this.trackers.get(interactionId);
    if (tracker) tracker.version = version;
    return touched;
  }

  /** Applies the whole histories of many interactions, merged in time order (the rebuild after a restart). */
  replay(items: readonly ReplayItem[]): void {
    const all = items.flatMap((item) => item.events.map((event) => ({ id: item.interactionId, event })));
    // A stable sort: events at the same time keep their order within each interaction.
    all.sort((a, b) => a.event.at - b.event.at);
    const touched: Touched = { workgroupIds: new Set(), userIds: new Set() };
    for (const { id, event } of all) this.step(id, event, touched);
    for (const item of items) {
      const tracker = this.trackers.get(item.interactionId);
      if (tracker) tracker.version = Math.max(tracker.version, item.version);
      else this.replayed.set(item.interactionId, item.version);
    }
  }

  workgroupFigures(workgroupId: string, now: number): IntervalSet<WorkgroupIntervalFigures> {
    // Asking does not create: a workgroup nothing happened in gets empty figures, not kept.
    const rollers =
      this.workgroups.get(workgroupId) ?? new Rollers(this.settingsFor(workgroupId), emptyWorkgroupCounters);
    return rollers.view(now, workgroupFigures);
  }

  /**
   * Never counted in: what an agent without figures in a workgroup (or outside ACD) is shown, one
   * per workgroup so that its view is built once per interval, not for every agent every second.
   */
  private readonly emptyAgentRollers = new Map<string, Rollers<AgentCounters>>();

  /** An agent's figures for the interactions of one workgroup, or (`undefined`) for those outside ACD. */
  agentFigures(userId: string, workgroupId: string | undefined, now: number): IntervalSet<AgentIntervalFigures> {
    const key = workgroupId ?? NON_ACD;
    let rollers = this.agents.get(userId)?.get(key) ?? this.emptyAgentRollers.get(key);
    if (!rollers)
      this.emptyAgentRollers.set(key, (rollers = new Rollers(this.settingsFor(workgroupId), emptyAgentCounters)));
    return rollers.view(now, agentFigures);
  }

  /** The workgroups an agent has figures in. */
  agentWorkgroups(userId: string): string[] {
    return [...(this.agents.get(userId)?.keys() ?? [])].filter((key) => key !== NON_ACD);
  }

  /** Per workgroup, the longest time any interaction answered from its queue has been connected, now. */
  longestTalkNow(now: number): Map<string, number> {
    const longest = new Map<string, number>();
    for (const workgroupId of this.talking.keys()) {
      const ms = this.longestTalkIn(workgroupId, now);
      if (ms !== undefined) longest.set(workgroupId, ms);
    }
    return longest;
  }

  /** The longest time any interaction answered from the workgroup's queue has been connected, now; undefined when none is. */
  longestTalkIn(workgroupId: string, now: number): number | undefined {
    const segments = this.talking.get(workgroupId);
    if (segments === undefined || segments.size === 0) return undefined;
    let longest = 0;
    for (const s of segments) longest = Math.max(longest, now - s.answeredAt);
    return longest;
  }

  /** How many interactions are tracked (live, not yet disconnected). */
  get trackedCount(): number {
    return this.trackers.size;
  }

  private step(id: string, e: StatisticsEvent, touched: Touched): void {
    let t = this.trackers.get(id);
    if (!t) {
      // Only arrivals start a tracker: other events of an interaction never seen (one a user made) do not count.
      if (e.kind !== 'queued' && e.kind !== 'offered' && e.kind !== 'answered') return;
      t = { version: 0 };
      this.trackers.set(id, t);
    }
    switch (e.kind) {
      case 'queued':
        return this.queued(t, e.workgroupId, e.at, touched);
      case 'offered':
        return this.offered(t, e.userId, e.at, touched);
      case 'not-answered':
        t.alertedUserId = undefined;
        return this.countAgent(e.userId, t.queue?.workgroupId, e.at, touched, notAnswered);
      case 'answered':
        return this.answered(t, e.userId, e.at, touched);
      case 'held':
        return this.held(t, e.at, touched);
      case 'unheld':
        if (t.segment?.heldAt !== undefined) {
          t.segment.holdMs += e.at - t.segment.heldAt;
          t.segment.heldAt = undefined;
        }
        return;
      case 'left':
        t.alertedUserId = undefined;
        return this.endPart(t, e.at, touched, 'flowed-out');
      case 'disconnected':
        this.endPart(t, e.at, touched, e.reason === 'remote' ? 'abandoned' : 'flowed-out');
        this.trackers.delete(id);
        return;
    }
  }

  private queued(t: Tracker, workgroupId: string, at: number, touched: Touched): void {
    // A transfer logs its "left" first; an entry without one (a requeued callback) ends what was open.
    this.endPart(t, at, touched, 'flowed-out');
    t.queue = { workgroupId, enteredAt: at };
    t.alertedUserId = undefined;
    this.countWorkgroup(workgroupId, at, touched, received);
  }

  private offered(t: Tracker, userId: string, at: number, touched: Touched): void {
    t.alertedUserId = userId;
    this.countAgent(userId, t.queue?.workgroupId, at, touched, received);
  }

  private answered(t: Tracker, userId: string, at: number, touched: Touched): void {
    if (t.segment?.userId === userId) return;
    // Another user picking it up (off someone's hold) ends the first agent's part.
    this.endSegment(t, at, touched);
    const workgroupId = t.queue?.workgroupId;
    if (t.queue) {
      const waited = at - t.queue.enteredAt;
      const within = waited <= this.settingsOf(t.queue.workgroupId).serviceLevelSeconds * 1000;
      this.countWorkgroup(t.queue.workgroupId, at, touched, answeredFromQueue, waited, within ? 1 : 0);
      t.queue = undefined;
    }
    const wasAlerted = t.alertedUserId === userId;
    this.countAgent(userId, workgroupId, at, touched, answeredByAgent, wasAlerted ? 1 : 0);
    t.alertedUserId = undefined;
    t.segment = { userId, workgroupId, answeredAt: at, holdMs: 0, held: false };
    if (workgroupId !== undefined) {
      let segments = this.talking.get(workgroupId);
      if (!segments) this.talking.set(workgroupId, (segments = new Set()));
      segments.add(t.segment);
    }
  }

  private held(t: Tracker, at: number, touched: Touched): void {
    const s = t.segment;
    if (!s || s.heldAt !== undefined) return;
    s.heldAt = at;
    if (s.held) return;
    s.held = true;
    this.countAgent(s.userId, s.workgroupId, at, touched, held);
    if (s.workgroupId !== undefined) this.countWorkgroup(s.workgroupId, at, touched, held);
  }

  /** Ends whatever is open: the agent's part (completed) and the unanswered queue entry. */
  private endPart(t: Tracker, at: number, touched: Touched, unanswered: 'abandoned' | 'flowed-out'): void {
    this.endSegment(t, at, touched);
    this.endQueue(t, at, touched, unanswered);
  }

  /** An agent's part becomes completed, with its talk and hold time. */
  private endSegment(t: Tracker, at: number, touched: Touched): void {
    const s = t.segment;
    if (!s) return;
    const holdMs = s.holdMs + (s.heldAt !== undefined ? at - s.heldAt : 0);
    const talkMs = at - s.answeredAt - holdMs;
    // A hold time is counted only for a part that was held; addDuration counts negative times as 0.
    const heldMs = s.held ? Math.max(0, holdMs) : -1;
    this.countAgent(s.userId, s.workgroupId, at, touched, completed, talkMs, heldMs);
    if (s.workgroupId !== undefined) {
      this.countWorkgroup(s.workgroupId, at, touched, completed, talkMs, heldMs);
      const segments = this.talking.get(s.workgroupId);
      segments?.delete(s);
      if (segments?.size === 0) this.talking.delete(s.workgroupId);
    }
    t.segment = undefined;
  }

  /** An unanswered queue entry becomes abandoned or flowed out, with its time in queue. */
  private endQueue(t: Tracker, at: number, touched: Touched, how: 'abandoned' | 'flowed-out'): void {
    const q = t.queue;
    if (!q) return;
    this.countWorkgroup(q.workgroupId, at, touched, leftUnanswered, at - q.enteredAt, how === 'abandoned' ? 1 : 0);
    t.queue = undefined;
  }

  // Six positional parameters: these run for every event, and an options object would be an allocation each.
  private countWorkgroup(
    workgroupId: string,
    at: number,
    touched: Touched,
    update: Update<WorkgroupCounters>,
    a = 0,
    b = 0,
  ): void {
    this.workgroupRollers(workgroupId).count(at, update, a, b);
    touched.workgroupIds.add(workgroupId);
  }

  private countAgent(
    userId: string,
    workgroupId: string | undefined,
    at: number,
    touched: Touched,
    update: Update<AgentCounters>,
    a = 0,
    b = 0,
  ): void {
    this.agentRollers(userId, workgroupId).count(at, update, a, b);
    touched.userIds.add(userId);
  }

  private workgroupRollers(workgroupId: string): Rollers<WorkgroupCounters> {
    let rollers = this.workgroups.get(workgroupId);
    if (!rollers)
      this.workgroups.set(workgroupId, (rollers = new Rollers(this.settingsFor(workgroupId), emptyWorkgroupCounters)));
    return rollers;
  }

  private agentRollers(userId: string, workgroupId: string | undefined): Rollers<AgentCounters> {
    let byGroup = this.agents.get(userId);
    if (!byGroup) this.agents.set(userId, (byGroup = new Map<string, Rollers<AgentCounters>>()));
    const key = workgroupId ?? NON_ACD;
    let rollers = byGroup.get(key);
    if (!rollers) byGroup.set(key, (rollers = new Rollers(this.settingsFor(workgroupId), emptyAgentCounters)));
    return rollers;
  }

  /**
   * The settings of a workgroup's intervals as a getter read at each roll, so that a workgroup whose
   * configuration changes cuts its next shift and period by the new definition.
   */
  private settingsFor(workgroupId: string | undefined): () => ResolvedStatisticsSettings {
    return workgroupId === undefined ? () => this.defaults : () => this.settingsOf(workgroupId);
  }
}
