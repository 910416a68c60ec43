import type { Clock, ProcessEvent, ProcessInstance, TandemStore } from '@tandem/core';
import type { FastifyBaseLogger } from 'fastify';
import type { ProcessEngine } from '../process-engine.js';
import {
  adopterOf,
  deadOwners,
  launchTarget,
  moveAnswerKey,
  readSnapshot,
  type MoveRequest,
  type NodeSnapshot,
} from './node-plan.js';

export interface ClusterOptions {
  /** How often a node writes its heartbeat and looks at the others. Default 2 s. */
  heartbeatMs: number;
  /** A node whose heartbeat is older than this is dead and its instances are adopted. Default 10 s. */
  staleAfterMs: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { heartbeatMs: 2_000, staleAfterMs: 10_000 };

/** Effects whose outcome only this node would hear: an instance waiting on one stays until it settles. */
const IN_FLIGHT: ReadonlySet<string> = new Set(['invokeWebService', 'runHandler', 'databaseQuery', 'sendEmail']);
const EMAIL_GRACE_MS = 60_000;

export interface ClusterDeps {
  store: TandemStore;
  engine: ProcessEngine;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** Applies the recovery rules to instances just adopted (work items, timers, restored in error). */
  recover: (instanceIds: string[]) => Promise<void>;
  /** Runs before an instance leaves this node, under its lock (its work item leaves this node's queues). */
  beforeRelease: (instance: ProcessInstance) => Promise<void>;
  /** Takes the process definitions other nodes changed (see `DefinitionRegistry.refresh`). */
  refreshDefinitions: () => Promise<unknown>;
  /** `PAS_LoadBalanceThreshold`. */
  loadBalanceThreshold: () => number;
  /** `PAS_HandlerResponseTimeout` in seconds; 0 waits without limit. */
  handlerResponseTimeout: () => number;
  options?: Partial<ClusterOptions>;
}

/**
 * One engine node among several on one database. Each node heartbeats in `process_engine_nodes`;
 * the least loaded live node adopts the instances of a node whose heartbeat went stale; a node
 * running more than `PAS_LoadBalanceThreshold` instances hands new launches to a less loaded one;
 * flow-admin's move requests are carried out by the owning node, under each instance's lock;
 * definitions changed on other nodes are taken at each look.
 * An instance waiting on a web service, handler, query or e-mail in flight leaves only once it
 * settled, or once its timeout passed (`PAS_HandlerResponseTimeout` for a handler): the new owner
 * then restores it in error, as after an outage.
 */
export class EngineCluster {
  private snapshot: NodeSnapshot = { nodes: [], requests: [], answers: [] };
  /** Owned rows not in memory at the last look: adopted when still missing at the next one. */
  private suspects = new Set<string>();
  /** Launches to hand over: instance id → target node. */
  private readonly handOvers = new Map<string, string>();
  /** Instances moved so far per move request. */
  private readonly progress = new Map<string, number>();
  private readonly options: ClusterOptions;
  private readonly startedAt: number;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(private readonly deps: ClusterDeps) {
    this.options = { ...DEFAULT_CLUSTER_OPTIONS, ...deps.options };
    this.startedAt = deps.clock.now();
    deps.engine.onStep((instance, events) => this.onStep(instance, events));
  }

  get storageId(): string {
    return this.deps.engine.storageId;
  }

  /** Announces this node (call before it launches anything). */
  async join(): Promise<void> {
    await this.beat();
  }

  startTimers(): void {
    this.timer ??= setInterval(() => void this.tick(), this.options.heartbeatMs).unref();
  }

  /** Stops the heartbeat and leaves: the live nodes adopt this node's instances at their next look. */
  async leave(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    await this.deps.store.processes.removeNode(this.storageId).catch(() => undefined);
  }

  /** The last snapshot of the cluster (nodes, heartbeats, running counts). */
  nodes(): NodeSnapshot['nodes'] {
    return this.snapshot.nodes;
  }

  /** One look at the cluster; overlapping calls share the one in progress. */
  tick(): Promise<void> {
    this.ticking ??= this.look()
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'engine cluster heartbeat failed'))
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async look(): Promise<void> {
    const { store, clock } = this.deps;
    await this.beat();
    await this.deps.refreshDefinitions();
    // While the node restores its own instances, it takes on no others.
    if (this.deps.engine.restoring) return;
    const [rows, counts] = await Promise.all([store.processes.listNodes(), store.processes.countRunning()]);
    this.snapshot = readSnapshot(rows, counts, { now: clock.now(), staleAfterMs: this.options.staleAfterMs });
    await this.adoptDead();
    await this.serveRequests();
    await this.handOverLaunches();
    await this.reconcile(counts.get(this.storageId) ?? 0);
  }

  private beat(): Promise<void> {
    const now = this.deps.clock.now();
    return this.deps.store.processes.heartbeat({
      storageId: this.storageId,
      startedAt: this.startedAt,
      heartbeatAt: now,
    });
  }

  private async adoptDead(): Promise<void> {
    if (adopterOf(this.snapshot) !== this.storageId) return;
    const processes = this.deps.store.processes;
    for (const dead of deadOwners(this.snapshot)) {
      const ids = (await processes.loadRunning(dead.storageId)).map((r) => r.id);
      const moved = ids.length > 0 ? await processes.transferOwnership(dead.storageId, this.storageId, ids) : 0;
      this.deps.logger.warn({ from: dead.storageId, moved }, 'adopted the instances of a dead engine node');
      await this.take(ids);
    }
    // Rows of dead nodes left with nothing to run are removed (also when an adoption above failed
    // half-way and a later look finished it).
    for (const dead of this.snapshot.nodes.filter((n) => !n.alive && n.heartbeatAt > 0))
      if ((await processes.loadRunning(dead.storageId)).length === 0) await processes.removeNode(dead.storageId);
  }

  /** Loads instances this node now owns and applies the recovery rules to them. */
  private async take(ids: string[]): Promise<void> {
    const fresh = ids.filter((id) => this.deps.engine.liveInstance(id) === undefined);
    if (fresh.length === 0) return;
    const adopted = await this.deps.engine.adopt(fresh);
    if (adopted.length > 0) await this.deps.recover(adopted);
  }

  private async serveRequests(): Promise<void> {
    for (const request of this.snapshot.requests.filter((r) => r.from === this.storageId)) {
      const ids =
        request.instanceId === null
          ? this.deps.engine.ownedIds()
          : [request.instanceId].filter((id) => this.deps.engine.liveInstance(id) !== undefined);
      const { moved, waiting } = await this.moveAll(ids, request.to);
      const total = (this.progress.get(request.key) ?? 0) + moved;
      if (waiting > 0) {
        this.progress.set(request.key, total);
        continue;
      }
      this.progress.delete(request.key);
      await this.answer(request, total);
    }
  }

  private async answer(request: MoveRequest, moved: number): Promise<void> {
    const now = this.deps.clock.now();
    const processes = this.deps.store.processes;
    await processes.heartbeat({ storageId: moveAnswerKey(request.nonce, moved), startedAt: now, heartbeatAt: now });
    await processes.removeNode(request.key);
    this.deps.logger.info({ to: request.to, moved }, 'moved process instances as flow-admin asked');
  }

  /** Moves the instances that may leave now; answers how many moved and how many must wait. */
  private async moveAll(ids: readonly string[], to: string): Promise<{ moved: number; waiting: number }> {
    let moved = 0;
    let waiting = 0;
    for (const id of ids) {
      const outcome = await this.moveOne(id, to);
      if (outcome === 'moved') moved += 1;
      else if (outcome === 'waiting') waiting += 1;
    }
    return { moved, waiting };
  }

  private async moveOne(id: string, to: string): Promise<'moved' | 'waiting' | 'gone'> {
    let waiting = false;
    const moved = await this.deps.engine.release(id, async () => {
      const instance = this.deps.engine.liveInstance(id);
      if (!instance) return false;
      if (!this.mayLeave(instance)) {
        waiting = true;
        return false;
      }
      await this.deps.beforeRelease(instance);
      return (await this.deps.store.processes.transferOwnership(this.storageId, to, [id])) === 1;
    });
    return moved ? 'moved' : waiting ? 'waiting' : 'gone';
  }

  /** Whether the instance may change node now: no outcome of an action in flight would be lost. */
  private mayLeave(instance: ProcessInstance): boolean {
    const pending = instance.pending;
    if (instance.status !== 'waiting' || !pending || pending.restoredInError) return true;
    const effect = pending.effect;
    if (!IN_FLIGHT.has(effect.type)) return true;
    const age = this.deps.clock.now() - pending.issuedAt;
    if (effect.type === 'runHandler') {
      const seconds = this.deps.handlerResponseTimeout();
      return seconds > 0 && age > seconds * 1000;
    }
    const limit = 'timeoutMs' in effect ? effect.timeoutMs : EMAIL_GRACE_MS;
    return age > limit;
  }

  private onStep(instance: ProcessInstance, events: readonly ProcessEvent[]): void {
    if (instance.parent || !events.some((e) => e.type === 'instance.started')) return;
    if (instance.status !== 'waiting' && instance.status !== 'error') return;
    const threshold = this.deps.loadBalanceThreshold();
    const running = this.deps.engine.runningCount;
    if (running <= threshold) return;
    const target = launchTarget(this.snapshot, this.storageId, running, threshold);
    if (target !== this.storageId) this.handOvers.set(instance.id, target);
  }

  private async handOverLaunches(): Promise<void> {
    for (const [id, to] of [...this.handOvers]) {
      const outcome = await this.moveOne(id, to);
      if (outcome !== 'waiting') this.handOvers.delete(id);
    }
  }

  /**
   * Keeps memory and ownership in step: instances moved here are adopted (when still missing at
   * the next look, so a launch committing right now is not mistaken for one), and instances
   * another node adopted while this one looked dead are dropped.
   */
  private async reconcile(owned: number): Promise<void> {
    const liveIds = new Set(this.deps.engine.ownedIds());
    if (owned === liveIds.size && this.suspects.size === 0) return;
    const rows = await this.deps.store.processes.loadRunning(this.storageId);
    const ownedIds = new Set(rows.map((r) => r.id));
    const missing = rows.map((r) => r.id).filter((id) => !liveIds.has(id));
    const confirmed = missing.filter((id) => this.suspects.has(id));
    this.suspects = new Set(missing.filter((id) => !this.suspects.has(id)));
    if (confirmed.length > 0) await this.take(confirmed);
    const lost = [...liveIds].filter((id) => !ownedIds.has(id) && this.deps.engine.liveInstance(id) !== undefined);
    if (lost.length > 0) {
      this.deps.logger.warn({ lost: lost.length }, 'another engine node owns instances this node ran: dropped');
      this.deps.engine.forget(lost);
    }
  }
}
