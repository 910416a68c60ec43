import {
  SYSTEM_ACTOR,
  holdLimitAt,
  holdLimitPolicy,
  pendingWrapUps,
  routingAgentOf,
  routingWorkgroupOf,
  type Clock,
  type DirectoryChange,
} from '@tandem/core';
import type { FastifyBaseLogger } from 'fastify';
import type { ActivationService } from './activation-service.js';
import type { DirectoryService } from './directory-service.js';
import type { InteractionService } from './interaction-service.js';
import type { PresenceService } from './presence-service.js';

/**
 * Runs the ACD: keeps the router's view of agents and workgroups in step with the directory,
 * presence and activations, asks the routing policy for decisions after every change and on its
 * timers, and applies them (alerts, alert timeouts with "ACD - Agent Not Answering", hold limits,
 * wrap-up time limits).
 */
export class AcdRouter {
  private scheduled = false;
  /** Commits of applied decisions still in progress. */
  private inFlight: Promise<void> = Promise.resolve();
  private running: Promise<void> | undefined;
  private wake: NodeJS.Timeout | undefined;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      interactions: InteractionService;
      directory: DirectoryService;
      presence: PresenceService;
      activations: ActivationService;
      clock: Clock;
      logger: FastifyBaseLogger;
    },
  ) {
    const { interactions, directory, presence, activations } = deps;
    presence.onChange((s) => this.agentChanged(s.userId));
    activations.onChange((userId) => this.agentChanged(userId));
    directory.onChange((change) => this.directoryChanged(change));
    // On the change in memory, not its commit: the alert then usually commits with the arrival.
    interactions.onApplied(() => this.schedule());
  }

  /** Loads every workgroup and agent into the router, then the interactions. */
  start(): void {
    const { directory, interactions } = this.deps;
    for (const wg of directory.directory.list('workgroups'))
      interactions.routing.upsertWorkgroup(routingWorkgroupOf(wg));
    for (const user of directory.directory.list('users')) this.syncAgent(user.id);
    interactions.trackAll();
    this.schedule();
  }

  /** Production timers: a tick every `everyMs` for time limits, plus the router's own wake-ups. */
  startTimers(everyMs = 250): void {
    this.ticker = setInterval(() => {
      this.tick().catch((error: unknown) => this.deps.logger.error({ err: error }, 'routing tick failed'));
    }, everyMs).unref();
  }

  stopTimers(): void {
    clearInterval(this.ticker);
    clearTimeout(this.wake);
  }

  /** Routes now and applies time limits that have passed; tests call it after moving the clock. */
  async tick(): Promise<void> {
    await this.applyTimeLimits();
    await this.route();
    await this.deps.interactions.purgeFinished();
  }

  /** Resolves when no routing is pending or running and every write is committed. */
  async settle(): Promise<void> {
    for (let i = 0; i < 100 && (this.scheduled || this.running); i++) {
      await new Promise((r) => setImmediate(r));
      if (this.running) await this.running;
      await this.inFlight;
    }
    await this.deps.interactions.flush();
  }

  private agentChanged(userId: string): void {
    this.syncAgent(userId);
    this.schedule();
  }

  private directoryChanged(change: DirectoryChange): void {
    const { directory, interactions } = this.deps;
    for (const d of change.deletes) if (d.kind === 'users') interactions.routing.removeAgent(d.id);
    for (const r of change.upserts) {
      if (r.kind === 'workgroups') {
        const wg = directory.directory.get('workgroups', r.id);
        if (wg) interactions.routing.upsertWorkgroup(routingWorkgroupOf(wg));
        for (const member of directory.directory.memberIds(r.id)) this.syncAgent(member);
      }
      if (r.kind === 'users') this.syncAgent(r.id);
      if (r.kind === 'status-messages') for (const user of directory.directory.list('users')) this.syncAgent(user.id);
    }
    this.schedule();
  }

  private syncAgent(userId: string): void {
    const { directory, presence, activations, interactions, clock } = this.deps;
    const user = directory.directory.get('users', userId);
    if (!user) return;
    const status = presence.get(userId);
    const message = directory.directory.get('status-messages', status.statusId);
    const now = clock.now();
    const agent = routingAgentOf(user, {
      loggedOn: status.loggedOn,
      statusId: status.statusId,
      availableForAcd: message?.availableForAcd ?? false,
      activeWorkgroups: activations.activeWorkgroups(userId),
      idleSince: interactions.routing.idleSinceOf(userId) ?? now,
    });
    interactions.routing.upsertAgent(agent, now);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.route();
    });
  }

  /** One routing pass at a time: a second caller waits for the running one, then runs again. */
  private async route(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.routeOnce().catch((error: unknown) => this.deps.logger.error({ err: error }, 'routing failed'));
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async routeOnce(): Promise<void> {
    const { interactions, presence, clock } = this.deps;
    const decision = interactions.routing.decide(clock.now());
    const pending: Promise<unknown>[] = [];
    for (const t of decision.alertTimeouts) {
      const ix = interactions.get(t.interactionId);
      if (ix?.state === 'acd-alerting' && ix.userId === t.userId)
        pending.push(interactions.command(t.interactionId, { type: 'alert-timeout' }, SYSTEM_ACTOR));
      pending.push(presence.setBySystem(t.userId, t.statusId));
    }
    for (const a of decision.assignments)
      pending.push(interactions.command(a.interactionId, { type: 'alert-agent', userId: a.userId }, SYSTEM_ACTOR));
    // Each command changed memory (and the router's state) at once; their commits group together in
    // the background. The next pass need not wait for them: `settle` does, for tests and shutdown.
    this.inFlight = Promise.allSettled([this.inFlight, ...pending]).then((results) => {
      for (const r of results)
        if (r.status === 'rejected')
          this.deps.logger.error({ err: r.reason as unknown }, 'applying a routing decision failed');
    });
    clearTimeout(this.wake);
    if (decision.nextWakeAt !== undefined && this.ticker) {
      const delay = Math.max(0, decision.nextWakeAt - clock.now());
      this.wake = setTimeout(() => void this.route(), delay).unref();
    }
  }

  private async applyTimeLimits(): Promise<void> {
    const { interactions, clock } = this.deps;
    const now = clock.now();
    const pending: Promise<unknown>[] = [];
    const hold = holdLimitPolicy(this.deps.directory.directory);
    // Finished interactions (most of those in memory) have no hold or wrap-up left to time out.
    for (const ix of [...interactions.active()]) {
      const holdEnds = holdLimitAt(ix, hold.limitMs);
      if (holdEnds !== undefined && holdEnds <= now)
        pending.push(
          interactions.command(
            ix.id,
            { type: 'hold-timeout', action: hold.action, limitMs: hold.limitMs },
            SYSTEM_ACTOR,
          ),
        );
      for (const w of pendingWrapUps(ix))
        if (w.deadline <= now)
          pending.push(interactions.command(ix.id, { type: 'wrap-up-timeout', userId: w.userId }, SYSTEM_ACTOR));
    }
    await Promise.allSettled(pending);
  }
}
