import {
  markRestoredInError,
  type Clock,
  type EffectRecord,
  type Interaction,
  type ProcessEffect,
  type SendWorkItemEffect,
  type TandemStore,
} from '@tandem/core';
import type { FastifyBaseLogger } from 'fastify';
import type { InteractionService } from '../services/interaction-service.js';
import type { EffectRunner } from './effect-runner.js';
import { settled } from './flow-records.js';
import type { ProcessEngine } from './process-engine.js';
import { EFFECT_ATTRIBUTE, parseTarget, type WorkItemService } from './work-item-service.js';

export interface RecoveryReport {
  instances: number;
  restoredInError: number;
  workItemsReconnected: number;
  workItemsRecreated: number;
  workItemsHeld: number;
  reissued: number;
}

const WORKED = ['connected', 'acd-assigned', 'held', 'parked'];

/**
 * Restore at start, as the reference's persistence section says: the instances this node owns are
 * loaded; a web service or handler action that was in flight comes back "restored in error" (it
 * may or may not have run; a retry re-issues it), and so does an e-mail already handed to the relay;
 * timers are re-armed; e-mail that never reached the relay, queries, subprocess launches and
 * notifications are run again (each is idempotent or keyed by its effect id); work
 * items are reconnected to their interactions or recreated from their saved attributes, and those
 * being worked or held come back held: to the same user when direct-routed, to the workgroup when
 * group-routed. Work items whose instance no longer waits on them are withdrawn.
 */
export async function recover(deps: {
  store: TandemStore;
  engine: ProcessEngine;
  runner: EffectRunner;
  workItems: WorkItemService;
  interactions: InteractionService;
  clock: Clock;
  logger: FastifyBaseLogger;
}): Promise<RecoveryReport> {
  const { store, engine, clock } = deps;
  const report: RecoveryReport = {
    instances: 0,
    restoredInError: 0,
    workItemsReconnected: 0,
    workItemsRecreated: 0,
    workItemsHeld: 0,
    reissued: 0,
  };
  report.instances = (await engine.loadOwned()).length;
  for (const entry of await store.processes.effectsWithStatus(engine.storageId, ['issued'])) {
    const effect = entry.effect as unknown as ProcessEffect;
    const waiting = engine.liveInstance(entry.instanceId)?.pending?.effect.effectId === entry.effectId;
    // An e-mail counts as in flight once it was marked as handed to the relay (see markSending);
    // one that never got that far is simply sent.
    const sending = effect.type === 'sendEmail' && entry.result?.sendingAt !== undefined;
    if (effect.type === 'invokeWebService' || effect.type === 'runHandler' || sending) {
      if (waiting) {
        const at = clock.now();
        const mark = settled(effect, engine.storageId, {
          status: 'restored-in-error',
          result: null,
          at,
          issuedAt: entry.issuedAt,
        });
        await engine.replace(entry.instanceId, (i) => markRestoredInError(i, at), [mark]);
        report.restoredInError += 1;
      } else await stale(engine, entry, clock);
    } else if (effect.type === 'sendWorkItem') {
      if (waiting) await recoverWorkItem(deps, effect, report);
      else await stale(engine, entry, clock);
    } else if (waiting || effect.type === 'withdraw' || effect.type === 'subprocessEnded') {
      deps.runner.dispatch(effect);
      report.reissued += 1;
    } else await stale(engine, entry, clock);
  }
  for (const record of await store.processes.openWorkItems(engine.storageId)) {
    const waiting = engine.liveInstance(record.instanceId)?.pending?.effect.effectId === record.effectId;
    if (!waiting) await deps.workItems.withdraw(record.effectId);
  }
  return report;
}

/** An issued entry the instance no longer waits on (it moved on before the journal caught up). */
async function stale(engine: ProcessEngine, entry: EffectRecord, clock: Clock): Promise<void> {
  await engine.settleJournal([{ ...entry, status: 'done', result: { stale: true }, updatedAt: clock.now() }]);
}

async function recoverWorkItem(
  deps: Parameters<typeof recover>[0],
  effect: SendWorkItemEffect,
  report: RecoveryReport,
): Promise<void> {
  const { store, interactions, workItems, clock } = deps;
  const record = await store.processes.getWorkItem(effect.effectId);
  let ix: Interaction | undefined = record?.interactionId ? interactions.get(record.interactionId) : undefined;
  // A crash between routing the item and recording its interaction: find it by its attribute.
  ix ??= [...interactions.all()].find((i) => i.attributes[EFFECT_ATTRIBUTE] === effect.effectId);
  if (!record) {
    await workItems.create(effect);
    report.workItemsRecreated += 1;
    return;
  }
  const direct = record.routedTo.startsWith('user:');
  const live = ix !== undefined && ix.state !== 'disconnected';
  const worked = live ? WORKED.includes(ix?.state ?? '') : record.state === 'in-progress' || record.state === 'held';
  const userId = ix?.userId ?? record.userId ?? (direct ? parseTarget(record.routedTo).id : undefined);
  const target = direct && userId !== undefined ? { type: 'user' as const, id: userId } : parseTarget(record.routedTo);
  if (ix && ix.state !== 'disconnected') {
    report.workItemsReconnected += 1;
    const there = ix.state === 'parked' && ix.queue.type === target.type && ix.queue.id === target.id;
    if (worked && !there) {
      ix = await workItems.place(ix, target, 'parked', 'Held (restored)');
      report.workItemsHeld += 1;
    }
  } else {
    ix = await workItems.route(effect, worked ? target : parseTarget(record.routedTo), worked);
    report.workItemsRecreated += 1;
    if (worked) report.workItemsHeld += 1;
  }
  await store.processes.saveWorkItems([
    { ...record, interactionId: ix.id, state: worked ? 'held' : record.state, updatedAt: clock.now() },
  ]);
}
