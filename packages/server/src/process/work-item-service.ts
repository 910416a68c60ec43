import {
  SYSTEM_ACTOR,
  TandemError,
  acdLicenceFor,
  effectiveLicences,
  type Clock,
  type Interaction,
  type InteractionEvent,
  type QueueRef,
  type SendWorkItemEffect,
  type TandemStore,
  type WorkItemRecord,
  type WorkItemTarget,
} from '@tandem/core';
import type { DirectoryService } from '../services/directory-service.js';
import type { InteractionService } from '../services/interaction-service.js';
import { KeyedMutex } from '../util/mutex.js';
import type { WorkItemPort } from './effect-runner.js';

/** Attributes that tie a work item interaction to its instance and effect. */
export const INSTANCE_ATTRIBUTE = 'Tandem_ProcessInstanceId';
export const EFFECT_ATTRIBUTE = 'Tandem_WorkItemEffectId';
export const HOLD_REASON_ATTRIBUTE = 'Tandem_HoldReason';

/** The work item states of the agent client, from the interaction's machine state. */
export function workItemState(ix: Pick<Interaction, 'state'>): string {
  switch (ix.state) {
    case 'offering':
    case 'acd-wait-agent':
      return 'ACD - Wait Agent';
    case 'acd-alerting':
    case 'alerting':
      return 'New';
    case 'connected':
    case 'acd-assigned':
      return 'In Progress';
    case 'held':
    case 'parked':
      return 'Held';
    default:
      return 'Completed';
  }
}

/** The storage state a work item record keeps (what recovery reads). */
function storedState(ix: Interaction): string {
  return (
    {
      'ACD - Wait Agent': 'waiting',
      New: 'new',
      'In Progress': 'in-progress',
      Held: 'held',
      Completed: 'completed',
    } as const
  )[workItemState(ix) as 'New'];
}

export const targetKey = (t: WorkItemTarget) => (t.kind === 'user' ? `user:${t.userId}` : `workgroup:${t.workgroupId}`);

export function parseTarget(key: string): QueueRef {
  const colon = key.indexOf(':');
  return { type: key.slice(0, colon) as 'user' | 'workgroup', id: key.slice(colon + 1) };
}

/**
 * Work items: interactions of type `workitem` made from `sendWorkItem` effects, routed by the ACD to
 * a workgroup or straight to a user. Their saved data and attributes live in process storage, so a
 * lost work item can be recreated; pickup timeouts re-route an item nobody took.
 */
export class WorkItemService implements WorkItemPort {
  private readonly pickupDue = new Map<string, { at: number; reroute: WorkItemTarget }>();

  constructor(
    private readonly deps: {
      store: TandemStore;
      interactions: InteractionService;
      directory: DirectoryService;
      clock: Clock;
    },
  ) {
    deps.interactions.onChange((ix, events) => this.followed(ix, events));
  }

  /** Creation and withdrawal of one work item run one at a time, in the order they were asked for. */
  private readonly locks = new KeyedMutex();

  async create(effect: SendWorkItemEffect): Promise<void> {
    return this.locks.run(effect.effectId, () => this.createNow(effect));
  }

  private async createNow(effect: SendWorkItemEffect): Promise<void> {
    const { store, clock } = this.deps;
    const known = await store.processes.getWorkItem(effect.effectId);
    if (known?.state === 'completed') return; // withdrawn before it was created
    if (known?.interactionId && this.deps.interactions.get(known.interactionId)) return;
    const record: WorkItemRecord = known ?? {
      effectId: effect.effectId,
      instanceId: effect.instanceId,
      interactionId: null,
      routedTo: targetKey(effect.target),
      userId: null,
      state: 'new',
      updatedAt: clock.now(),
      doc: { data: {}, effect: effect },
    };
    // Saved before the interaction exists: a crash in between leaves a record recovery completes.
    if (!known) await store.processes.saveWorkItems([record]);
    const ix = await this.route(effect, parseTarget(record.routedTo), false);
    await store.processes.saveWorkItems([
      { ...record, interactionId: ix.id, state: storedState(ix), updatedAt: clock.now() },
    ]);
  }

  /** Creates the interaction of a work item: new on a user's queue, waiting in a workgroup's, or held on either. */
  async route(effect: SendWorkItemEffect, target: QueueRef, held: boolean): Promise<Interaction> {
    const { interactions } = this.deps;
    const attributes = {
      [INSTANCE_ATTRIBUTE]: effect.instanceId,
      [EFFECT_ATTRIBUTE]: effect.effectId,
      Tandem_Category: effect.category,
      // Rendered by core with secured values masked.
      Tandem_Description: effect.description,
      ...(effect.dueDate === null ? {} : { Tandem_DueDate: new Date(effect.dueDate).toISOString() }),
    };
    if (target.type === 'user' && !this.deps.directory.directory.has('users', target.id))
      throw new Error(`no user '${target.id}' to send the work item to`);
    const created =
      target.type === 'workgroup'
        ? await interactions.create({ type: 'workitem', workgroupId: target.id, attributes }, SYSTEM_ACTOR)
        : await interactions.create({ type: 'workitem', ownerId: target.id, attributes }, SYSTEM_ACTOR);
    if (effect.pickupTimeoutSeconds !== null && effect.reroute !== null && !held)
      this.pickupDue.set(created.id, {
        at: this.deps.clock.now() + effect.pickupTimeoutSeconds * 1000,
        reroute: effect.reroute,
      });
    if (target.type === 'workgroup' && !held) return created;
    return this.place(created, target, held ? 'parked' : 'alerting', held ? 'Held (restored)' : 'Alerting');
  }

  /** Puts an item in a state the commands do not reach (new on a user queue, held to a user or a workgroup). */
  async place(
    ix: Interaction,
    target: QueueRef,
    state: 'alerting' | 'parked',
    text: string,
    reason?: string,
  ): Promise<Interaction> {
    const now = this.deps.clock.now();
    const next: Interaction = {
      ...ix,
      state,
      stateChangedAt: now,
      queue: target,
      userId: target.type === 'user' ? target.id : undefined,
      workgroupId: target.type === 'workgroup' ? target.id : ix.workgroupId,
      heldAt: state === 'parked' ? now : undefined,
      heldFrom: undefined,
      attributes: reason === undefined ? ix.attributes : { ...ix.attributes, [HOLD_REASON_ATTRIBUTE]: reason },
      log: [...ix.log, { at: now, text }],
      version: ix.version + 1,
    };
    const event: InteractionEvent = { type: 'interaction.changed', interactionId: ix.id, at: now, userId: next.userId };
    await this.deps.interactions.commitMany([{ interaction: next, events: [event], before: ix }]);
    return next;
  }

  async withdraw(effectId: string): Promise<void> {
    await this.locks.run(effectId, async () => {
      const record = await this.deps.store.processes.getWorkItem(effectId);
      if (!record) return;
      const ix = record.interactionId === null ? undefined : this.deps.interactions.get(record.interactionId);
      if (ix && ix.state !== 'disconnected') await this.complete(ix.id);
      await this.deps.store.processes.saveWorkItems([
        { ...record, state: 'completed', updatedAt: this.deps.clock.now() },
      ]);
    });
  }

  /**
   * Ends a work item's interaction: Completed, and gone from the queues about 30 s later. Work items
   * take no wrap-up code, so a wrap-up prompt the ACD opened for the agent is closed at once.
   */
  async complete(interactionId: string): Promise<Interaction> {
    const { interactions } = this.deps;
    const ix = await interactions.command(interactionId, { type: 'disconnect', by: 'local' }, SYSTEM_ACTOR);
    if (!ix.wrapUps.some((w) => w.state === 'pending')) return ix;
    const now = this.deps.clock.now();
    const next: Interaction = {
      ...ix,
      wrapUps: ix.wrapUps.map((w) => (w.state === 'pending' ? { ...w, state: 'done' as const } : w)),
      log: [...ix.log, { at: now, text: 'Completed (work items take no wrap-up code)' }],
      version: ix.version + 1,
    };
    const event: InteractionEvent = { type: 'interaction.changed', interactionId: ix.id, at: now, userId: ix.userId };
    await interactions.commitMany([{ interaction: next, events: [event], before: ix }]);
    return next;
  }

  /** Re-routes items whose pickup timeout passed while nobody took them. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    for (const [id, due] of [...this.pickupDue]) {
      if (due.at > now) continue;
      this.pickupDue.delete(id);
      const ix = this.deps.interactions.get(id);
      if (!ix || !['offering', 'acd-wait-agent', 'acd-alerting', 'alerting'].includes(ix.state)) continue;
      const target: QueueRef =
        due.reroute.kind === 'user'
          ? { type: 'user', id: due.reroute.userId }
          : { type: 'workgroup', id: due.reroute.workgroupId };
      if (target.type === ix.queue.type && target.id === ix.queue.id) continue;
      await this.deps.interactions.command(id, { type: 'transfer', target }, SYSTEM_ACTOR);
    }
  }

  /**
   * Checks a work item transfer target: a user holding a process licence, or a workgroup with a
   * queue and at least one member who holds one. Throws ACTION_NOT_ALLOWED (409) saying why.
   */
  checkTransferTarget(target: QueueRef): void {
    const directory = this.deps.directory.directory;
    const licensed = (userId: string) => {
      const user = directory.get('users', userId);
      const needed = acdLicenceFor('workitem');
      return user !== undefined && needed !== undefined && effectiveLicences(user.licences ?? []).includes(needed);
    };
    if (target.type === 'user') {
      if (!directory.has('users', target.id))
        throw new TandemError('VALIDATION_FAILED', `target.id: no user '${target.id}'`, {
          issues: [{ path: 'target.id', message: `no user '${target.id}'` }],
        });
      if (!licensed(target.id))
        throw new TandemError('ACTION_NOT_ALLOWED', `user '${target.id}' holds no process licence to work items`);
      return;
    }
    const wg = directory.get('workgroups', target.id);
    if (!wg)
      throw new TandemError('VALIDATION_FAILED', `target.id: no workgroup '${target.id}'`, {
        issues: [{ path: 'target.id', message: `no workgroup '${target.id}'` }],
      });
    if (!wg.hasQueue) throw new TandemError('ACTION_NOT_ALLOWED', `workgroup '${target.id}' has no queue`);
    if (!directory.memberIds(target.id).some(licensed))
      throw new TandemError('ACTION_NOT_ALLOWED', `workgroup '${target.id}' has no member with a process licence`);
  }

  /** Keeps the stored state of a work item in step with its interaction (what recovery reads). */
  private followed(ix: Interaction, events: InteractionEvent[]): void {
    if (ix.type !== 'workitem' || events.length === 0) return;
    const effectId = ix.attributes[EFFECT_ATTRIBUTE];
    if (effectId === undefined) return;
    // Picked up, or transferred (then under an agent's control): the pickup timeout no longer applies.
    const transferred = events.some((e) => e.type === 'interaction.transferred');
    if (transferred || !['offering', 'acd-wait-agent', 'acd-alerting', 'alerting'].includes(ix.state))
      this.pickupDue.delete(ix.id);
    void this.deps.store.processes
      .getWorkItem(effectId)
      .then(async (record) => {
        if (!record || record.interactionId !== ix.id) return;
        const state = storedState(ix);
        // Submit and withdraw record completion themselves; an item ended behind the process's back
        // keeps its last working state, which recovery recreates it in.
        if (state === 'completed') return;
        const userId = ix.userId ?? null;
        if (record.state === state && record.userId === userId) return;
        await this.deps.store.processes.saveWorkItems([{ ...record, state, userId, updatedAt: this.deps.clock.now() }]);
      })
      .catch(() => undefined);
  }
}
