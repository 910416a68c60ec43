import { accountCodeId } from '../directory/schemas.js';
import { fieldError, TandemError } from '../errors.js';
import { mayAssignAccountCode } from './account-code-rights.js';
import type { CommandResult, InteractionCommand } from './commands.js';
import type { InteractionContext } from './context.js';
import { validateAttributes } from './create-interaction.js';
import type { Interaction } from './interaction.js';
import { actorId, change } from './transition.js';

type Cmd<T extends InteractionCommand['type']> = Extract<InteractionCommand, { type: T }>;
const MAX_NOTE = 4000;
const MAX_PARTICIPANTS = 50;
const changed = { type: 'interaction.changed' as const };

/** Notes are appended; chat participants never see them, monitoring users do. */
export function addNote(interaction: Interaction, ctx: InteractionContext, text: string): CommandResult {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NOTE)
    throw fieldError('text', `must be 1 to ${MAX_NOTE} characters`);
  return change(interaction, ctx, {
    patch: { notes: [...interaction.notes, { at: ctx.now, userId: actorId(ctx), text: trimmed }] },
    events: [changed],
  });
}

export function setPrivate(interaction: Interaction, ctx: InteractionContext, on: boolean): CommandResult {
  return change(interaction, ctx, {
    patch: { private: on },
    log: [on ? 'Private' : 'Private off'],
    events: [changed],
  });
}

/**
 * One account code per interaction: 1 to 50 digits, configured, and account codes enabled
 * (`AccountCodesEnabled`, else ACTION_NOT_ALLOWED). A user needs View Account Codes on the code
 * itself (FORBIDDEN otherwise); the server assigns any.
 */
export function setAccountCode(interaction: Interaction, ctx: InteractionContext, code: string): CommandResult {
  if (!ctx.lookup.accountCodesEnabled)
    throw new TandemError('ACTION_NOT_ALLOWED', 'account codes are not enabled (AccountCodesEnabled)');
  if (!accountCodeId.safeParse(code).success) throw fieldError('code', 'must be 1 to 50 digits 0-9');
  if (!ctx.lookup.accountCodeExists(code)) throw fieldError('code', `no account code '${code}'`);
  if (ctx.actor.kind === 'user' && !mayAssignAccountCode(ctx.actor.rights, code))
    throw new TandemError('FORBIDDEN', `account code '${code}' needs the View Account Codes right on it`, {
      field: 'code',
    });
  return change(interaction, ctx, { patch: { accountCode: code }, log: [`Account code ${code}`], events: [changed] });
}

export function setAttributes(
  interaction: Interaction,
  ctx: InteractionContext,
  attributes: Record<string, string>,
): CommandResult {
  const merged = { ...interaction.attributes, ...attributes };
  validateAttributes(merged);
  return change(interaction, ctx, { patch: { attributes: merged }, events: [changed] });
}

export function linkChild(interaction: Interaction, ctx: InteractionContext, childId: string): CommandResult {
  if (childId === interaction.id) throw fieldError('childId', 'an interaction cannot be its own child');
  if (interaction.childIds.includes(childId)) return { interaction, events: [] };
  return change(interaction, ctx, { patch: { childIds: [...interaction.childIds, childId] }, events: [changed] });
}

/** Conference of chats: another party joins ("<name> has joined the conversation."). */
export function addParticipant(
  interaction: Interaction,
  ctx: InteractionContext,
  cmd: Cmd<'add-participant'>,
): CommandResult {
  const { participant } = cmd;
  const present = interaction.participants.filter((p) => p.leftAt === undefined);
  if (present.some((p) => p.id === participant.id)) throw fieldError('participant.id', 'already takes part');
  if (present.length >= MAX_PARTICIPANTS)
    throw fieldError('participant', `at most ${MAX_PARTICIPANTS} participants take part at once`);
  return change(interaction, ctx, {
    patch: { participants: [...interaction.participants, { ...participant, joinedAt: ctx.now }] },
    log: [`${participant.displayName} has joined the conversation.`],
    events: [changed],
  });
}

export function removeParticipant(
  interaction: Interaction,
  ctx: InteractionContext,
  participantId: string,
): CommandResult {
  const index = interaction.participants.findIndex((p) => p.id === participantId && p.leftAt === undefined);
  const leaving = interaction.participants[index];
  if (!leaving) throw fieldError('participantId', `'${participantId}' does not take part`);
  const participants = interaction.participants.map((p, i) => (i === index ? { ...p, leftAt: ctx.now } : p));
  return change(interaction, ctx, {
    patch: { participants },
    log: [`${leaving.displayName} has left the conversation.`],
    events: [changed],
  });
}

/** One open assistance request per interaction; the workgroup's supervisors are told by the server. */
export function requestAssistance(interaction: Interaction, ctx: InteractionContext, text: string): CommandResult {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NOTE)
    throw fieldError('text', `must be 1 to ${MAX_NOTE} characters`);
  if (interaction.assistance?.state === 'active')
    throw new TandemError('ACTION_NOT_ALLOWED', 'an assistance request is already open');
  const userId = actorId(ctx);
  return change(interaction, ctx, {
    patch: { assistance: { userId, text: trimmed, requestedAt: ctx.now, state: 'active' } },
    log: ['Assistance requested'],
    events: [{ type: 'interaction.assistance-requested', userId, data: { workgroupId: interaction.workgroupId } }],
  });
}

/** Only the requester ends an assistance request. */
export function endAssistance(interaction: Interaction, ctx: InteractionContext): CommandResult {
  const open = interaction.assistance;
  if (open?.state !== 'active') throw new TandemError('ACTION_NOT_ALLOWED', 'no assistance request is open');
  if (open.userId !== actorId(ctx)) throw new TandemError('NOT_ASSIGNED', 'only the requester ends the request');
  return change(interaction, ctx, {
    patch: { assistance: { ...open, state: 'done' } },
    log: ['Assistance done'],
    events: [{ type: 'interaction.assistance-ended', userId: open.userId }],
  });
}
