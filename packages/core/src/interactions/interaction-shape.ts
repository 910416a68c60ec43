import type { Interaction } from './interaction.js';

/**
 * A copy of an interaction with every field present, in one fixed order (absent ones undefined),
 * so that all interactions share one object layout in V8. Changes used to spread a patch over the
 * previous interaction, and the fields each patch added or left out made dozens of layouts: every
 * place that reads interactions (the router, queues, statistics, serialising them for the store)
 * then took V8's slow, many-layout path, thousands of times a second under ACD load. Undefined
 * fields are left out of JSON, so stored documents do not change.
 */
export function shapedInteraction(ix: Interaction): Interaction {
  return {
    id: ix.id,
    type: ix.type,
    direction: ix.direction,
    state: ix.state,
    disconnectReason: ix.disconnectReason,
    createdAt: ix.createdAt,
    stateChangedAt: ix.stateChangedAt,
    queue: ix.queue,
    workgroupId: ix.workgroupId,
    enteredQueueAt: ix.enteredQueueAt,
    userId: ix.userId,
    lastAttemptedUserId: ix.lastAttemptedUserId,
    priority: ix.priority,
    skills: ix.skills,
    relaxation: ix.relaxation,
    attributes: ix.attributes,
    notes: ix.notes,
    participants: ix.participants,
    parentId: ix.parentId,
    childIds: ix.childIds,
    log: ix.log,
    wrapUpCode: ix.wrapUpCode,
    wrapUps: ix.wrapUps,
    accountCode: ix.accountCode,
    private: ix.private,
    heldAt: ix.heldAt,
    heldFrom: ix.heldFrom,
    assistance: ix.assistance,
    version: ix.version,
  };
}
