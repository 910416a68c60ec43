import {
  TandemError,
  advance,
  launchInstance,
  migrateInstance,
  setVariables,
  type Clock,
  type EffectRecord,
  type FlowCommit,
  type FlowRecord,
  type IdSource,
  type ProcessEffect,
  type ProcessEvent,
  type ProcessInput,
  type ProcessInstance,
  type ProcessLimits,
  type StepResult,
  type TandemStore,
} from '@tandem/core';
import { CommitQueue } from '../util/commit-queue.js';
import { KeyedMutex } from '../util/mutex.js';
import type { DefinitionRegistry } from './definition-registry.js';
import { issued, NOTIFICATIONS, outcomeOf, settled, toFlowRecord } from './flow-records.js';

/** A running instance this node owns: the snapshot steps start from, and its stored version. */
export interface LiveInstance {
  instance: ProcessInstance;
  version: number;
}

/** Runs effects once their step is committed (web services, work items, timers, ...). */
export interface EffectDispatcher {
  dispatch(effect: ProcessEffect): void;
}

/** Hears every committed step (the monitor topic, work items). */
export type StepListener = (instance: ProcessInstance, events: ProcessEvent[]) => void;

export interface LaunchRequest {
  definitionId: string;
  originator: string | null;
  inputs?: Record<string, unknown>;
  /** Set for a subprocess; its id is then derived from the parent's effect, so a re-issue finds it. */
  parent?: { instanceId: string; effectId: string; depth: number };
}

/**
 * The process runner of one engine node. Each step loads the instance's snapshot (kept in memory
 * for the instances this node owns), calls core's pure `advance`, commits the new instance and the
 * effects it issued (and the outcome of the effect it consumed) in one transaction, group-committed
 * with the other instances' steps, and only then runs the effects and answers. Steps of one
 * instance run one at a time; the stored version guards against another node writing meanwhile.
 */
export class ProcessEngine {
  private readonly live = new Map<string, LiveInstance>();
  private readonly locks = new KeyedMutex();
  private readonly commits: CommitQueue<PendingCommit>;
  private readonly listeners: StepListener[] = [];
  private dispatcher: EffectDispatcher | undefined;
  /** While true, launches are refused when PAS_blockLaunchDuringRestore is on. */
  restoring = false;

  constructor(
    private readonly deps: {
      store: TandemStore;
      definitions: DefinitionRegistry;
      clock: Clock;
      ids: IdSource;
      storageId: string;
      limits: () => Partial<ProcessLimits>;
      blockLaunchDuringRestore: () => boolean;
    },
  ) {
    // On PostgreSQL, steps gathered in one turn go out as several statements of at most 16 on
    // parallel connections: the engine then works on the answers of one while PostgreSQL commits
    // the next, instead of waiting for one big statement (bench/process.ts at 40 in flight: about
    // 1,030/s against 710-980/s with one statement per turn on a loaded machine). PGlite has one
    // connection: one big statement at a time is cheapest there.
    const postgres = deps.store.engine === 'postgres';
    this.commits = new CommitQueue((batch) => this.commitBatch(batch), {
      maxBatch: postgres ? 16 : 500,
      maxInFlight: postgres ? 6 : 1,
      keyOf: (p) => p.commit.flow.id,
      gatherUntilImmediate: true,
    });
  }

  get storageId(): string {
    return this.deps.storageId;
  }

  setDispatcher(dispatcher: EffectDispatcher): void {
    this.dispatcher = dispatcher;
  }

  onStep(listener: StepListener): void {
    this.listeners.push(listener);
  }

  /** Loads the running instances this node owns into memory (recovery then settles their effects). */
  async loadOwned(): Promise<FlowRecord[]> {
    const rows = await this.deps.store.processes.loadRunning(this.deps.storageId);
    for (const row of rows) {
      await this.knowDefinitionOf(row);
      this.live.set(row.id, { instance: migrateInstance(row.doc), version: row.version });
    }
    return rows;
  }

  /**
   * Adopts running instances moved to this node (another node died, or flow-admin moved them).
   * Each under its lock: a launch of this node whose commit is still on its way is not adopted (it
   * was never missing). Answers the ids adopted, for the recovery rules to settle.
   */
  async adopt(ids: readonly string[]): Promise<string[]> {
    const adopted: string[] = [];
    for (const id of ids)
      await this.locks.run(id, async () => {
        if (this.live.has(id)) return;
        const row = await this.deps.store.processes.getFlow(id);
        if (!row || row.ownerStorageId !== this.deps.storageId || row.endedAt !== null) return;
        await this.knowDefinitionOf(row);
        this.live.set(id, { instance: migrateInstance(row.doc), version: row.version });
        adopted.push(id);
      });
    return adopted;
  }

  /** Reads the instance's definition from the store when this node does not know its version (published elsewhere). */
  private async knowDefinitionOf(row: FlowRecord): Promise<void> {
    if (!this.deps.definitions.has(row.definitionId, row.definitionVersion))
      await this.deps.definitions.reload(row.definitionId);
  }

  /**
   * Hands an instance to another node: runs `move` (the ownership change in the store) under the
   * instance's lock, so no step of it is half-committed; when `move` answers true the instance
   * leaves this node's memory. Answers false when this node does not run it.
   */
  async release(id: string, move: () => Promise<boolean>): Promise<boolean> {
    return this.locks.run(id, async () => {
      if (!this.live.has(id)) return false;
      const moved = await move();
      if (moved) this.live.delete(id);
      return moved;
    });
  }

  /** Drops instances this node no longer owns (another node adopted them while this one looked dead). */
  forget(ids: Iterable<string>): void {
    for (const id of ids) this.live.delete(id);
  }

  /** Ids of the instances this node runs now. */
  ownedIds(): string[] {
    return [...this.live.keys()];
  }

  /** How many instances this node runs now. */
  get runningCount(): number {
    return this.live.size;
  }

  liveInstance(id: string): ProcessInstance | undefined {
    return this.live.get(id)?.instance;
  }

  /** From memory when this node runs it, else from the store (ended, or another node's). */
  async find(id: string): Promise<ProcessInstance> {
    const live = this.live.get(id);
    if (live) return live.instance;
    const row = await this.deps.store.processes.getFlow(id);
    if (!row) throw new TandemError('NOT_FOUND', `no process instance '${id}'`);
    return migrateInstance(row.doc);
  }

  /**
   * Launches the active version of a definition and runs it to its first wait. Resolves once the
   * instance is committed. Throws ACTION_NOT_ALLOWED (not active), VALIDATION_FAILED (inputs),
   * SERVICE_UNAVAILABLE while restore holds launches.
   */
  async launch(request: LaunchRequest): Promise<ProcessInstance> {
    if (this.restoring && this.deps.blockLaunchDuringRestore())
      throw new TandemError(
        'SERVICE_UNAVAILABLE',
        'launches are held until the process engine has restored its instances (PAS_blockLaunchDuringRestore)',
      );
    const published = await this.deps.definitions.loadLaunchable(request.definitionId);
    const instanceId = request.parent ? `${request.parent.effectId}.sub` : this.deps.ids.newId('p');
    return this.locks.run(instanceId, async () => {
      const result = launchInstance(
        published.definition,
        {
          instanceId,
          definitionVersion: published.version,
          originator: request.originator,
          ...(request.inputs ? { inputs: request.inputs } : {}),
          ...(request.parent ? { parent: request.parent } : {}),
        },
        { clock: this.deps.clock, limits: this.deps.limits() },
      );
      await this.commit(undefined, result, []);
      return result.instance;
    });
  }

  /** Feeds one input to an instance this node runs. Resolves with the instance once the step is committed. */
  async input(instanceId: string, input: ProcessInput, also: EffectRecord[] = []): Promise<ProcessInstance> {
    return this.locks.run(instanceId, async () => {
      const live = this.requireLive(instanceId);
      const definition = this.deps.definitions.version(live.instance.definitionId, live.instance.definitionVersion);
      const result = advance(live.instance, definition, input, { clock: this.deps.clock, limits: this.deps.limits() });
      const journal = [...also];
      const outcome = outcomeOf(input);
      const pending = live.instance.pending;
      if (outcome && pending)
        journal.push(
          settled(pending.effect, this.deps.storageId, {
            ...outcome,
            at: this.deps.clock.now(),
            issuedAt: pending.issuedAt,
          }),
        );
      await this.commit(live, result, journal);
      return result.instance;
    });
  }

  /** The monitor's edit of process variables (manage right), committed as a step of its own. */
  async editVariables(instanceId: string, values: Record<string, unknown>): Promise<ProcessInstance> {
    return this.locks.run(instanceId, async () => {
      const live = this.requireLive(instanceId);
      const definition = this.deps.definitions.version(live.instance.definitionId, live.instance.definitionVersion);
      const instance = setVariables(live.instance, definition, values, this.deps.clock.now());
      await this.commit(live, { instance, effects: [], events: [] }, []);
      return instance;
    });
  }

  /** Replaces an instance outside a step (recovery's "restored in error"), committed like one. */
  async replace(
    instanceId: string,
    fn: (instance: ProcessInstance) => ProcessInstance,
    also: EffectRecord[],
  ): Promise<void> {
    await this.locks.run(instanceId, async () => {
      const live = this.requireLive(instanceId);
      const instance = fn(live.instance);
      if (instance === live.instance) return;
      await this.commit(live, { instance, effects: [], events: [] }, also);
    });
  }

  /** Settles journal entries outside a step (a withdraw done, a child's end delivered). */
  async settleJournal(records: readonly EffectRecord[]): Promise<void> {
    await this.deps.store.processes.settleEffects(
      records.map((r) => ({ effectId: r.effectId, status: r.status, result: r.result, at: r.updatedAt })),
    );
  }

  /**
   * Records, before an e-mail goes to the relay, that it is being sent (`result.sendingAt` on the
   * still-issued entry): recovery then knows the outcome is unknown and restores it in error
   * instead of sending it again.
   */
  async markSending(effectId: string, at: number): Promise<void> {
    await this.deps.store.processes.settleEffects([{ effectId, status: 'issued', result: { sendingAt: at }, at }]);
  }

  /** Resolves when every step accepted so far is committed. */
  flush(): Promise<void> {
    return this.commits.flush();
  }

  private requireLive(id: string): LiveInstance {
    const live = this.live.get(id);
    if (live) return live;
    throw new TandemError('ACTION_NOT_ALLOWED', `process instance '${id}' is not running on this engine node`);
  }

  private async commit(before: LiveInstance | undefined, result: StepResult, journal: EffectRecord[]): Promise<void> {
    const now = this.deps.clock.now();
    const owner = this.deps.storageId;
    const version = (before?.version ?? 0) + 1;
    const effects = [...journal, ...result.effects.map((e) => issued(e, owner, now))];
    const pending: PendingCommit = {
      commit: {
        flow: toFlowRecord(result.instance, version, owner),
        expectedVersion: before?.version ?? null,
        effects,
      },
    };
    await this.commits.write(pending);
    if (pending.refused) throw pending.refused;
    const ended = result.instance.status === 'completed' || result.instance.status === 'cancelled';
    if (ended) this.live.delete(result.instance.id);
    else this.live.set(result.instance.id, { instance: result.instance, version });
    for (const listener of this.listeners) listener(result.instance, result.events);
    for (const effect of result.effects) this.dispatcher?.dispatch(effect);
  }

  /**
   * Commits a batch of steps. A step refused by the version guard (another node wrote the
   * instance) must not fail the other instances' steps of its batch: it is set aside with its
   * refusal and the rest is committed again.
   */
  private async commitBatch(batch: PendingCommit[]): Promise<void> {
    let rest = batch;
    while (rest.length > 0) {
      try {
        await this.deps.store.processes.commitSteps(rest.map((p) => p.commit));
        return;
      } catch (error) {
        const ids = conflictingIds(error);
        if (!ids || !rest.some((p) => ids.has(p.commit.flow.id))) throw error;
        for (const p of rest) if (ids.has(p.commit.flow.id)) p.refused = error as TandemError;
        rest = rest.filter((p) => !p.refused);
      }
    }
  }

  /** Whether an effect is one the instance waits on (not a notification). */
  static waitsOn(effect: ProcessEffect): boolean {
    return !NOTIFICATIONS.has(effect.type);
  }
}

/** A step waiting for its commit; `refused` is set when the version guard refused it alone. */
interface PendingCommit {
  commit: FlowCommit;
  refused?: TandemError;
}

function conflictingIds(error: unknown): Set<string> | undefined {
  if (!(error instanceof TandemError) || error.code !== 'REVISION_CONFLICT') return undefined;
  const ids = (error.details as { instanceIds?: unknown } | undefined)?.instanceIds;
  return Array.isArray(ids) ? new Set(ids.filter((id): id is string => typeof id === 'string')) : undefined;
}
