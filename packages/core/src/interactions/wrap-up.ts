import { fieldError, TandemError } from '../errors.js';
import type { CommandResult } from './commands.js';
import { DEFAULT_WRAP_UP_SECONDS, type InteractionContext } from './context.js';
import type { Interaction, WrapUpRequest } from './interaction.js';
import { actorId, change } from './transition.js';

/** States in which the user holding the interaction is working it (their "part"). */
const WORKING = new Set(['acd-assigned', 'connected', 'held']);

/**
 * The agent's part ends (disconnect, transfer, park): when the interaction came in through a
 * workgroup with wrap-up codes and the agent is a member, the agent's segment gets a wrap-up record.
 * A code chosen during the interaction completes it at once; else, when the workgroup prompts
 * (`wrapUpRequired`), a prompt opens with a time limit (`wrapUpTimeoutSeconds`, default 120 s).
 * Outbound interactions (replies, forwards) get none.
 */
export function endAgentPart(interaction: Interaction, ctx: InteractionContext): CommandResult | undefined {
  const { userId, workgroupId } = interaction;
  if (userId === undefined || workgroupId === undefined || !WORKING.has(interaction.state)) return undefined;
  if (interaction.direction !== 'inbound') return undefined;
  const wg = ctx.lookup.workgroup(workgroupId);
  if (!wg || wg.wrapUpCodes.length === 0 || !ctx.lookup.isMember(userId, workgroupId)) return undefined;
  const done = interaction.wrapUpCode !== undefined;
  if (!done && !wg.wrapUpRequired) return undefined;
  const seconds = wg.wrapUpTimeoutSeconds > 0 ? wg.wrapUpTimeoutSeconds : DEFAULT_WRAP_UP_SECONDS;
  const request: WrapUpRequest = {
    userId,
    workgroupId,
    requestedAt: ctx.now,
    deadline: ctx.now + seconds * 1000,
    state: done ? 'done' : 'pending',
    code: interaction.wrapUpCode,
  };
  return change(interaction, ctx, {
    patch: { wrapUps: [...interaction.wrapUps, request], wrapUpCode: undefined },
    log: done ? [`Wrap-up ${interaction.wrapUpCode}`] : ['Wrap-up requested'],
    events: [
      done
        ? { type: 'interaction.wrapped-up', userId, data: { workgroupId } }
        : { type: 'interaction.wrap-up-requested', userId, data: { workgroupId } },
    ],
  });
}

/**
 * Sets a wrap-up code: completes the acting agent's open prompt, or, during the interaction, notes
 * the code the agent chose. The code must be one of the workgroup's (VALIDATION_FAILED on `code`).
 */
export function setWrapUpCode(interaction: Interaction, ctx: InteractionContext, code: string): CommandResult {
  const who = actorId(ctx);
  const open = interaction.wrapUps.findIndex((w) => w.userId === who && w.state === 'pending');
  const workgroupId = open >= 0 ? interaction.wrapUps[open]?.workgroupId : interaction.workgroupId;
  const wg = workgroupId === undefined ? undefined : ctx.lookup.workgroup(workgroupId);
  if (!wg?.wrapUpCodes.includes(code))
    throw fieldError('code', `'${code}' is not a wrap-up code of workgroup '${workgroupId ?? '-'}'`);
  if (open < 0)
    return change(interaction, ctx, { patch: { wrapUpCode: code }, events: [{ type: 'interaction.changed' }] });
  const wrapUps = interaction.wrapUps.map((w, i) => (i === open ? { ...w, state: 'done' as const, code } : w));
  return change(interaction, ctx, {
    patch: { wrapUps },
    log: [`Wrap-up ${code}`],
    events: [{ type: 'interaction.wrapped-up', userId: who, data: { workgroupId } }],
  });
}

/** A prompt reached its time limit: it closes without a code. Throws ACTION_NOT_ALLOWED before that. */
export function wrapUpTimeout(interaction: Interaction, ctx: InteractionContext, userId: string): CommandResult {
  const open = interaction.wrapUps.findIndex((w) => w.userId === userId && w.state === 'pending');
  const request = interaction.wrapUps[open];
  if (!request) throw new TandemError('NOT_ASSIGNED', `no wrap-up prompt is open for '${userId}'`);
  if (ctx.now < request.deadline)
    throw new TandemError('ACTION_NOT_ALLOWED', 'the wrap-up time limit has not been reached', {
      deadline: request.deadline,
    });
  const wrapUps = interaction.wrapUps.map((w, i) => (i === open ? { ...w, state: 'expired' as const } : w));
  return change(interaction, ctx, {
    patch: { wrapUps },
    log: ['Wrap-up time limit reached'],
    events: [{ type: 'interaction.wrap-up-expired', userId, data: { workgroupId: request.workgroupId } }],
  });
}

/** Open wrap-up prompts and their deadlines, for the server's timers. */
export function pendingWrapUps(interaction: Interaction): WrapUpRequest[] {
  return interaction.wrapUps.filter((w) => w.state === 'pending');
}
