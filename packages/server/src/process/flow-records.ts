import type {
  EffectRecord,
  EffectStatus,
  FlowRecord,
  ProcessEffect,
  ProcessInput,
  ProcessInstance,
} from '@tandem/core';

/** Effects that are facts to act on (and settle), as opposed to the ones the instance waits on. */
export const NOTIFICATIONS: ReadonlySet<ProcessEffect['type']> = new Set(['withdraw', 'subprocessEnded']);

/** The row of an instance in flows (or completion, when it ended). */
export function toFlowRecord(instance: ProcessInstance, version: number, owner: string): FlowRecord {
  return {
    id: instance.id,
    definitionId: instance.definitionId,
    definitionVersion: instance.definitionVersion,
    ownerStorageId: owner,
    status: instance.status,
    state: instance.state,
    waitingOn: instance.status === 'waiting' ? (instance.pending?.effect.effectId ?? null) : null,
    originator: instance.originator,
    schemaVersion: instance.schemaVersion,
    version,
    startedAt: instance.startedAt,
    updatedAt: instance.updatedAt,
    endedAt: instance.endedAt ?? null,
    doc: instance as unknown as Record<string, unknown>,
  };
}

/** A journal entry for an effect just issued by a step. */
export function issued(effect: ProcessEffect, owner: string, at: number): EffectRecord {
  return {
    effectId: effect.effectId,
    instanceId: effect.instanceId,
    kind: effect.type,
    status: 'issued',
    ownerStorageId: owner,
    dueAt: effect.type === 'startTimer' ? effect.fireAt : null,
    issuedAt: at,
    updatedAt: at,
    effect: effect as unknown as Record<string, unknown>,
    result: null,
  };
}

/** The journal entry of `effect` settled with an outcome. */
export function settled(
  effect: ProcessEffect,
  owner: string,
  outcome: { status: EffectStatus; result: Record<string, unknown> | null; at: number; issuedAt: number },
): EffectRecord {
  return {
    ...issued(effect, owner, outcome.issuedAt),
    status: outcome.status,
    result: outcome.result,
    updatedAt: outcome.at,
  };
}

/** How an input settles the effect the instance waited on (null: it settles none). */
export function outcomeOf(input: ProcessInput): { status: EffectStatus; result: Record<string, unknown> } | null {
  switch (input.type) {
    case 'effectCompleted':
      return { status: 'done', result: { outputs: input.outputs } };
    case 'effectFailed':
      return { status: 'failed', result: { error: input.error.message } };
    case 'workItemSubmitted':
      return { status: 'done', result: { button: input.button, userId: input.userId ?? null } };
    case 'timerFired':
      return { status: 'done', result: { fired: true } };
    case 'cancel':
      return { status: 'done', result: { withdrawn: true } };
    case 'retry':
      return null;
  }
}
