import {
  StatisticsEngine,
  TandemError,
  agentStatistics,
  periodAt,
  queueGauges,
  shiftAt,
  statisticsEventsFromLog,
  statisticsEventsOf,
  workgroupStatistics,
  type AgentStatistics,
  type Clock,
  type Directory,
  type DirectoryChange,
  type Interaction,
  type InteractionEvent,
  type NameLookup,
  type ResolvedStatisticsSettings,
  type RightSet,
  type StatisticsSettings,
  type TandemStore,
  type Touched,
  type WorkgroupStatistics,
} from '@tandem/core';
import type { ActivationService } from './activation-service.js';
import type { DirectoryService } from './directory-service.js';
import { fromInteractionRecord } from './interaction-records.js';
import { PublicationSchedule } from './publication-schedule.js';
import type { InteractionService } from './interaction-service.js';
import { FirstFigures } from './first-figures.js';
import type { EventSink, SubscriberChannel } from './ports.js';
import type { PresenceService } from './presence-service.js';
import { WorkgroupMembers } from './workgroup-members.js';
import { WorkgroupStatisticsSettings } from './workgroup-statistics-settings.js';

export const STATISTICS_TOPIC = 'statistics';

export interface StatisticsOptions {
  /** Settings of every workgroup (time zone, shift starts, period minutes, service level); core's defaults otherwise. */
  defaults?: Partial<StatisticsSettings>;
  /** Per-workgroup settings, over `defaults`; a workgroup's own `statistics` configuration is over both. */
  workgroups?: Record<string, Partial<StatisticsSettings>>;
  /** Least time between two publications of one workgroup's or one agent's statistics. Default 1000 ms. */
  publishEveryMs?: number;
}

/**
 * Where figures are published. With `hasSubscribers` (the `EventHub` has it), a workgroup's or an
 * agent's figures are built and published only while some subscription would receive them; without
 * it, always.
 */
export interface StatisticsSink extends EventSink {
  hasSubscribers?(topic: string, scope: Record<string, string>): boolean;
}

export interface StatisticsDeps {
  store: TandemStore;
  directory: DirectoryService;
  presence: PresenceService;
  activations: ActivationService;
  interactions: InteractionService;
  clock: Clock;
  events: StatisticsSink;
  options?: StatisticsOptions;
}

/** Who is asking. */
export interface Viewer {
  userId: string;
  rights: RightSet;
}

/** Closed interactions read per page during the rebuild. */
const PAGE = 1000;
/** Real time one turn of scheduled publishing may take before it lets other work run. */
const PUBLISH_SLICE_MS = 2;

/**
 * Live ACD statistics: follows every committed interaction change, status change and activation
 * change, keeps core's `StatisticsEngine`, answers figures on demand and publishes them on the
 * `statistics` topic, at most once per `publishEveryMs` per workgroup and per agent (changes in
 * between are coalesced into the next publication). Published as `statistics.workgroup`
 * (`WorkgroupStatistics`, scope `{workgroupId}`) and `statistics.agent` (`AgentStatistics`, scope
 * `{userId}`), only while someone subscribes to them (statistics are state, not a log: a new
 * subscription gets its scopes' current figures on the next turn, see `subscribedTo`). The current
 * and previous shift and period are rebuilt at start from the stored interactions' logs.
 *
 * Longer than most files: the rebuild, the access rules and the publishing all work on the same
 * engine and settings, and splitting them would only pass those around.
 */
export class StatisticsService {
  private readonly engine: StatisticsEngine;
  private readonly settings: WorkgroupStatisticsSettings;
  /** Workgroups and agents whose figures changed, by id. */
  private readonly workgroupsDue: PublicationSchedule;
  private readonly agentsDue: PublicationSchedule;
  private readonly members: WorkgroupMembers;
  /** What new subscriptions are owed, sent to each alone. */
  private readonly firstFigures = new FirstFigures();
  /** What the change being applied touched, cleared for each (thousands of changes a second). */
  private readonly touched: Touched = { workgroupIds: new Set(), userIds: new Set() };
  private flushScheduled = false;
  private timer: NodeJS.Timeout | undefined;

  private constructor(private readonly deps: StatisticsDeps) {
    const options = deps.options ?? {};
    this.settings = new WorkgroupStatisticsSettings(() => this.directory, options);
    this.workgroupsDue = new PublicationSchedule(options.publishEveryMs ?? 1000);
    this.agentsDue = new PublicationSchedule(options.publishEveryMs ?? 1000);
    this.engine = new StatisticsEngine((id) => this.settingsOf(id), this.settings.defaults);
    const { presence, activations, interactions } = deps;
    this.members = new WorkgroupMembers({
      directory: () => this.directory,
      status: (userId) => presence.get(userId),
      isActiveIn: (userId, workgroupId) => activations.isActiveIn(userId, workgroupId),
      loadOf: (userId) => interactions.routing.loadOf(userId),
    });
  }

  /**
   * Rebuilds the statistics from the store and starts following changes. Load it while nothing is
   * purged yet (before the server's timers start), so no interaction is between memory and store.
   */
  static async load(deps: StatisticsDeps): Promise<StatisticsService> {
    const service = new StatisticsService(deps);
    await service.rebuild();
    return service;
  }

  /**
   * A workgroup's shifts, periods and service level: its `statistics` configuration over the
   * options, read again whenever the workgroup's revision changes, so an edit applies without a
   * restart (intervals from the next shift or period on, the service level from the next answer on).
   */
  settingsOf(workgroupId: string): ResolvedStatisticsSettings {
    return this.settings.of(workgroupId);
  }

  /** A workgroup's figures now. Throws NOT_FOUND for an unknown workgroup. */
  workgroup(workgroupId: string): WorkgroupStatistics {
    if (!this.directory.has('workgroups', workgroupId))
      throw new TandemError('NOT_FOUND', `no workgroup '${workgroupId}'`);
    const now = this.deps.clock.now();
    return this.buildWorkgroup(workgroupId, now);
  }

  /** An agent's figures now, in the workgroups `mayShow` allows. Throws NOT_FOUND for an unknown user. */
  agent(userId: string, mayShow?: (workgroupId: string) => boolean): AgentStatistics {
    const user = this.directory.get('users', userId);
    if (!user) throw new TandemError('NOT_FOUND', `no user '${userId}'`);
    return agentStatistics(this.engine, userId, this.deps.clock.now(), {
      memberOf: user.workgroups,
      ...(mayShow && { mayShow }),
    });
  }

  /** A workgroup's figures for a viewer. Throws NOT_FOUND for an unknown workgroup, then FORBIDDEN without the right. */
  workgroupFor(viewer: Viewer, workgroupId: string): WorkgroupStatistics {
    const figures = this.workgroup(workgroupId);
    if (!this.mayViewWorkgroup(viewer, workgroupId))
      throw new TandemError(
        'FORBIDDEN',
        `the statistics of workgroup '${workgroupId}' need the Statistics right on it`,
      );
    return figures;
  }

  /**
   * An agent's figures for a viewer, in the workgroups the viewer may see them. Throws NOT_FOUND for
   * an unknown user, then FORBIDDEN when the viewer may see none.
   */
  agentFor(viewer: Viewer, userId: string): AgentStatistics {
    if (!this.directory.has('users', userId)) throw new TandemError('NOT_FOUND', `no user '${userId}'`);
    const scope = this.agentScope(viewer, userId);
    if (!scope)
      throw new TandemError(
        'FORBIDDEN',
        "another agent's statistics need supervisor mode and the Statistics right on one of the agent's workgroups",
      );
    return this.agent(userId, scope);
  }

  /**
   * Whether a viewer may see a workgroup's statistics: the Statistics access right on the workgroup
   * (membership alone does not give it), or being one of its supervisors.
   */
  mayViewWorkgroup(viewer: Viewer, workgroupId: string): boolean {
    return (
      viewer.rights.canOnObject('workgroup', workgroupId, 'statistics') || this.supervises(viewer.userId, workgroupId)
    );
  }

  /**
   * Which of an agent's workgroups a viewer may see the agent's figures in, or undefined when none.
   * Everyone sees their own. Another agent's figures in a workgroup need supervisor mode (the
   * `supervisor-features` right) and the workgroup's Statistics right, or being its supervisor.
   */
  agentScope(viewer: Viewer, userId: string): ((workgroupId: string) => boolean) | undefined {
    if (viewer.userId === userId) return () => true;
    const supervisorMode = viewer.rights.has('supervisor-features');
    const may = (wg: string) =>
      this.supervises(viewer.userId, wg) ||
      (supervisorMode && viewer.rights.canOnObject('workgroup', wg, 'statistics'));
    const workgroups = this.directory.get('users', userId)?.workgroups ?? [];
    return workgroups.some(may) ? may : undefined;
  }

  /** Whether a viewer may see all of an agent's figures (what a `statistics.agent` event carries). */
  mayViewWholeAgent(viewer: Viewer, userId: string): boolean {
    const scope = this.agentScope(viewer, userId);
    return scope !== undefined && (this.directory.get('users', userId)?.workgroups ?? []).every(scope);
  }

  /** Publishes what changed and is due (at most once per `publishEveryMs` each); answers how many were published. */
  flush(): number {
    return this.publishDue(Infinity);
  }

  /**
   * A subscription to these workgroups' and agents' figures is in place: their current figures are
   * sent to it alone on the next turn (nothing may have been published while nobody listened, and
   * what a resumed subscription was replayed may be old). The other subscribers of the same scopes
   * are not sent them again, and their once-a-second allowance is not touched.
   */
  subscribedTo(
    scopes: { workgroupIds: Iterable<string>; userIds: Iterable<string> },
    channel: SubscriberChannel,
  ): void {
    this.firstFigures.add(channel, scopes);
    this.scheduleFlush();
  }

  /** Production timer: publishes coalesced changes as they fall due. */
  startTimers(everyMs = 250): void {
    this.timer ??= setInterval(() => this.scheduleFlush(), everyMs).unref();
  }

  stopTimers(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private get directory(): Directory {
    return this.deps.directory.directory;
  }

  /**
   * Publishes due figures, workgroups first (a few hundred a second at most), each kind oldest due
   * first, then sends new subscriptions their first figures, until nothing is left or `budgetMs` of
   * real time has passed (checked after each), and answers how many it published. A due scope
   * nobody subscribes to is taken as if published (asked again at most once per `publishEveryMs`),
   * without building its figures. First figures come last: what is due is bounded (each scope once
   * per `publishEveryMs`), first figures are not, and a client subscribing without pause must not
   * hold up everyone else's figures.
   */
  private publishDue(budgetMs: number): number {
    const started = performance.now();
    const spent = () => performance.now() - started;
    const now = this.deps.clock.now();
    let published = 0;
    for (let id = this.workgroupsDue.take(now); id !== undefined; id = this.workgroupsDue.take(now)) {
      const scope = { workgroupId: id };
      if (this.directory.has('workgroups', id) && this.listened(scope)) {
        this.deps.events.publish(STATISTICS_TOPIC, 'workgroup', this.buildWorkgroup(id, now), scope);
        published += 1;
      }
      if (spent() >= budgetMs) return published;
    }
    for (let id = this.agentsDue.take(now); id !== undefined; id = this.agentsDue.take(now)) {
      const scope = { userId: id };
      if (this.directory.has('users', id) && this.listened(scope)) {
        this.deps.events.publish(STATISTICS_TOPIC, 'agent', this.agent(id), scope);
        published += 1;
      }
      if (spent() >= budgetMs) return published;
    }
    const build = {
      workgroup: (id: string) => (this.directory.has('workgroups', id) ? this.buildWorkgroup(id, now) : undefined),
      agent: (id: string) => (this.directory.has('users', id) ? this.agent(id) : undefined),
    };
    return published + this.firstFigures.send(build, budgetMs - spent());
  }

  private listened(scope: Record<string, string>): boolean {
    const { events } = this.deps;
    return events.hasSubscribers?.(STATISTICS_TOPIC, scope) ?? true;
  }

  private supervises(userId: string, workgroupId: string): boolean {
    return this.directory.get('workgroups', workgroupId)?.supervisors.includes(userId) ?? false;
  }

  /** A workgroup's figures from the interactions that concern it alone (not a pass over all of them). */
  private buildWorkgroup(workgroupId: string, now: number): WorkgroupStatistics {
    return workgroupStatistics({
      workgroupId,
      now,
      settings: this.settingsOf(workgroupId),
      engine: this.engine,
      queue: queueGauges(this.deps.interactions.activeIn(workgroupId), now).get(workgroupId),
      members: this.members.of(workgroupId),
      longestTalkMs: this.engine.longestTalkIn(workgroupId, now),
    });
  }

  /**
   * Replays the logs of every interaction that may count in a current or previous interval (closed
   * since the earliest previous shift or period began, plus all open ones), then follows changes.
   */
  private async rebuild(): Promise<void> {
    const { store, interactions, presence, activations, clock } = this.deps;
    const now = clock.now();
    const closed = await closedBetween(store, this.windowStart(now), now + 1);
    // From here on synchronous: nothing can change between reading the open interactions and listening.
    const byId = new Map(closed.map((ix) => [ix.id, ix]));
    for (const ix of interactions.all()) byId.set(ix.id, ix);
    const names = nameLookup(this.directory);
    this.engine.replay(
      [...byId.values()].map((ix) => ({
        interactionId: ix.id,
        version: ix.version,
        events: statisticsEventsFromLog(ix, names),
      })),
    );
    interactions.onChange((ix, events, before) => this.interactionChanged(ix, events, before));
    presence.onChange((status) => this.agentChanged(status.userId));
    activations.onChange((userId) => this.agentChanged(userId));
    this.deps.directory.onChange((change) => this.configurationChanged(change));
  }

  private interactionChanged(
    ix: Interaction,
    events: readonly InteractionEvent[],
    before: Interaction | undefined,
  ): void {
    const touched = this.touched;
    touched.workgroupIds.clear();
    touched.userIds.clear();
    this.engine.apply(ix.id, ix.version, statisticsEventsOf(events, ix), touched);
    const now = this.deps.clock.now();
    for (const id of touched.userIds) this.agentsDue.changedAt(id, now);
    // The queue gauges change with any change of an interaction of the workgroup, counted or not.
    const due = this.workgroupsDue;
    for (const id of touched.workgroupIds) due.changedAt(id, now);
    if (ix.workgroupId !== undefined) due.changedAt(ix.workgroupId, now);
    if (before?.workgroupId !== undefined) due.changedAt(before.workgroupId, now);
    for (const e of events) if (e.workgroupId !== undefined) due.changedAt(e.workgroupId, now);
    for (const w of ix.wrapUps) if (w.state === 'pending') due.changedAt(w.workgroupId, now);
    this.scheduleFlush();
  }

  /**
   * A workgroup whose statistics settings changed shows them in its next publication. Other edits
   * of workgroups (and the seeding of new ones) publish nothing: they would only use up the
   * once-a-second allowance.
   */
  private configurationChanged(change: DirectoryChange): void {
    this.members.forgetAll();
    const now = this.deps.clock.now();
    for (const id of this.settings.changedBy(change)) this.workgroupsDue.changedAt(id, now);
    this.scheduleFlush();
  }

  /** A status or activation change moves the agent gauges of the agent's workgroups. */
  private agentChanged(userId: string): void {
    this.members.userChanged(userId);
    const now = this.deps.clock.now();
    for (const id of this.directory.get('users', userId)?.workgroups ?? []) this.workgroupsDue.changedAt(id, now);
    this.scheduleFlush();
  }

  /**
   * Publishes what is due on the next turn, a slice of at most PUBLISH_SLICE_MS per turn: after a
   * busy second thousands of agents fall due at once, and building them all in one turn held up
   * routing and commits for tens of milliseconds. The rest follows on the next turns, so other work
   * runs in between.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.publishDue(PUBLISH_SLICE_MS);
      const now = this.deps.clock.now();
      if (this.firstFigures.pending || this.workgroupsDue.hasDue(now) || this.agentsDue.hasDue(now))
        this.scheduleFlush();
    });
  }

  /** The start of the earliest previous shift or period of any workgroup. */
  private windowStart(now: number): number {
    const all = [this.settings.defaults, ...this.directory.list('workgroups').map((wg) => this.settingsOf(wg.id))];
    return Math.min(
      ...all.flatMap((s) => [
        shiftAt(shiftAt(now, s).start - 1, s).start,
        periodAt(periodAt(now, s).start - 1, s).start,
      ]),
    );
  }
}

/** Interactions closed in `[since, until)`, read page by page. */
async function closedBetween(store: TandemStore, since: number, until: number): Promise<Interaction[]> {
  const seen = new Map<string, Interaction>();
  for (let from = since; ;) {
    const page = await store.interactions.listClosed({ since: from, until, limit: PAGE });
    let fresh = 0;
    for (const record of page)
      if (!seen.has(record.id)) {
        seen.set(record.id, fromInteractionRecord(record));
        fresh += 1;
      }
    const last = page[page.length - 1]?.closedAt;
    if (page.length < PAGE || last === null || last === undefined) break;
    // Pages continue at the last closing time; a page of nothing new (more than PAGE closed in one ms) moves on.
    from = fresh === 0 ? last + 1 : last;
  }
  return [...seen.values()];
}

function nameLookup(directory: Directory): NameLookup {
  const byName = (entries: { id: string; displayName: string }[]) => {
    const map = new Map<string, string[]>();
    for (const e of entries) map.set(e.displayName, [...(map.get(e.displayName) ?? []), e.id]);
    return map;
  };
  const users = byName(directory.list('users'));
  const groups = byName(directory.list('workgroups'));
  return {
    usersNamed: (name) => users.get(name) ?? [],
    workgroupsNamed: (name) => groups.get(name) ?? [],
    userExists: (id) => directory.has('users', id),
    workgroupExists: (id) => directory.has('workgroups', id),
  };
}
