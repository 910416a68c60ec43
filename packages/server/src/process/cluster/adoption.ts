import {
  SYSTEM_ACTOR,
  markRestoredInError,
  type Clock,
  type Interaction,
  type SendWorkItemEffect,
  type TandemStore,
} from '@tandem/core';
import type { InteractionService } from '../../services/interaction-service.js';
import type { EffectRunner } from '../effect-runner.js';
import { settled } from '../flow-records.js';
import type { ProcessEngine } from '../process-engine.js';
import { EFFECT_ATTRIBUTE, parseTarget, type WorkItemService } from '../work-item-service.js';

export interface AdoptionDeps {
  store: TandemStore;
  engine: ProcessEngine;
  runner: EffectRunner;
  workItems: WorkItemService;
  interactions: InteractionService;
  clock: Clock;
}

/**
 * The recovery rules applied to instances this node just adopted (from a dead node, or moved here
 * by flow-admin or load balancing), each waiting on its pending effect: a web service or handler
 * action comes back "restored in error" (its outcome would have reached the old node); a work item
 * is reconnected when this node knows its interaction, else recreated from its saved attributes,
 * held when someone was working it; any other effect is run again (timers re-armed; e-mail,
 * queries and subprocess launches are keyed by their effect id).
 */
export async function recoverAdopted(deps: AdoptionDeps, ids: readonly string[]): Promise<void> {
  const { engine, clock } = deps;
  for (const id of ids) {
    const instance = engine.liveInstance(id);
    const pending = instance?.status === 'waiting' ? instance.pending : null;
    if (!pending || pending.restoredInError) continue;
    const effect = pending.effect;
    if (effect.type === 'invokeWebService' || effect.type === 'runHandler') {
      const at = clock.now();
      const mark = settled(effect, engine.storageId, {
        status: 'restored-in-error',
        result: null,
        at,
        issuedAt: pending.issuedAt,
      });
      await engine.replace(id, (i) => markRestoredInError(i, at), [mark]);
    } else if (effect.type === 'sendWorkItem') await adoptWorkItem(deps, effect);
    else deps.runner.dispatch(effect);
  }
}

async function adoptWorkItem(deps: AdoptionDeps, effect: SendWorkItemEffect): Promise<void> {
  const { store, interactions, workItems, clock } = deps;
  const record = await store.processes.getWorkItem(effect.effectId);
  if (!record) return workItems.create(effect);
  let ix: Interaction | undefined = record.interactionId ? interactions.get(record.interactionId) : undefined;
  ix ??= [...interactions.all()].find((i) => i.attributes[EFFECT_ATTRIBUTE] === effect.effectId);
  if (ix && ix.state !== 'disconnected') return;
  const worked = record.state === 'in-progress' || record.state === 'held';
  const direct = record.routedTo.startsWith('user:');
  const target =
    worked && direct && record.userId !== null
      ? { type: 'user' as const, id: record.userId }
      : parseTarget(record.routedTo);
  const created = await workItems.route(effect, target, worked);
  await store.processes.saveWorkItems([
    { ...record, interactionId: created.id, state: worked ? 'held' : record.state, updatedAt: clock.now() },
  ]);
}

/**
 * Before an instance waiting on a work item leaves this node: its interaction leaves this node's
 * queues, and the saved record (state, user, data) stays for the new owner to recreate it from.
 */
export async function releaseWorkItem(deps: AdoptionDeps, effect: SendWorkItemEffect): Promise<void> {
  const { store, interactions, clock } = deps;
  const record = await store.processes.getWorkItem(effect.effectId);
  if (!record?.interactionId) return;
  const ix = interactions.get(record.interactionId);
  // Detached first, so that the disconnect below is not taken for the item's completion.
  await store.processes.saveWorkItems([{ ...record, interactionId: null, updatedAt: clock.now() }]);
  if (ix && ix.state !== 'disconnected')
    await interactions.command(ix.id, { type: 'disconnect', by: 'local' }, SYSTEM_ACTOR);
}
