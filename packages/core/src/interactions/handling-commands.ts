import { fieldError, TandemError } from '../errors.js';
import type { CommandResult, HoldLimitAction } from './commands.js';
import { DEFAULT_HOLD_LIMIT_MS, type InteractionContext } from './context.js';
import { DISPLAY_STATES } from './display-state.js';
import { INTERACTION_STATES, type DisconnectReason, type Interaction, type QueueRef } from './interaction.js';
import { enterWorkgroup, queueWorkgroup } from './routing-commands.js';
import { chain, change, nameOf, requireState } from './transition.js';
import { endAgentPart } from './wrap-up.js';

export function hold(interaction: Interaction, ctx: InteractionContext): CommandResult {
  requireState(interaction, ['connected', 'acd-assigned'], 'hold');
  return change(interaction, ctx, {
    patch: { state: 'held', heldAt: ctx.now, heldFrom: interaction.state as 'connected' | 'acd-assigned' },
    log: [DISPLAY_STATES.held],
    events: [{ type: 'interaction.held', userId: interaction.userId }],
  });
}

export function unhold(interaction: Interaction, ctx: InteractionContext): CommandResult {
  requireState(interaction, ['held'], 'unhold');
  return change(interaction, ctx, {
    patch: { state: interaction.heldFrom ?? 'connected', heldAt: undefined, heldFrom: undefined },
    log: ['Picked up from hold'],
    events: [{ type: 'interaction.unheld', userId: interaction.userId }],
  });
}

/** The moment a held interaction reaches the hold limit, or undefined when it is not held. */
export function holdLimitAt(interaction: Interaction, holdLimitMs = DEFAULT_HOLD_LIMIT_MS): number | undefined {
  return interaction.state === 'held' && interaction.heldAt !== undefined
    ? interaction.heldAt + holdLimitMs
    : undefined;
}

/** Held past the limit (15 minutes by default): disconnected, or transferred where the policy says. */
export function holdTimeout(
  interaction: Interaction,
  ctx: InteractionContext,
  action: HoldLimitAction,
  limitMs?: number,
): CommandResult {
  const limit = limitMs ?? ctx.options?.holdLimitMs ?? DEFAULT_HOLD_LIMIT_MS;
  const at = holdLimitAt(interaction, limit);
  if (at === undefined) throw new TandemError('ACTION_NOT_ALLOWED', 'the interaction is not on hold');
  if (ctx.now < at) throw new TandemError('ACTION_NOT_ALLOWED', 'the hold limit has not been reached', { at });
  const noted = change(interaction, ctx, { patch: {}, log: ['Hold limit reached'] });
  return chain(
    noted,
    action.kind === 'disconnect'
      ? disconnect(noted.interaction, ctx, 'hold-timeout')
      : transfer(noted.interaction, ctx, action.target),
  );
}

/** Checks a transfer or park target: an existing user, or a workgroup with a queue. */
function targetName(ctx: InteractionContext, target: QueueRef): string {
  if (target.type === 'workgroup') return queueWorkgroup(ctx, target.id, 'target.id').displayName;
  if (target.type === 'user') {
    const name = ctx.lookup.userName(target.id);
    if (name === undefined) throw fieldError('target.id', `no user '${target.id}'`);
    return name;
  }
  throw fieldError('target.type', 'must be user or workgroup');
}

function checkTarget(interaction: Interaction, ctx: InteractionContext, target: QueueRef): string {
  const name = targetName(ctx, target);
  const here = interaction.queue;
  if (here.type === target.type && here.id === target.id)
    throw fieldError('target', 'the interaction is already there');
  if (ctx.actor.kind === 'user' && !ctx.actor.rights.canOnQueue(target.type, target.id, 'transfer-target'))
    throw new TandemError('FORBIDDEN', `${target.type} queue '${target.id}' is not a transfer target for this user`);
  return name;
}

/** The wrap-up of the agent whose part ends, if any, then the rest. */
function afterPart(
  interaction: Interaction,
  ctx: InteractionContext,
  rest: (ix: Interaction) => CommandResult,
): CommandResult {
  const ended = endAgentPart(interaction, ctx);
  return ended ? chain(ended, rest(ended.interaction)) : rest(interaction);
}

/**
 * Blind transfer. To a workgroup: it enters that workgroup's queue afresh. To a user: it alerts on
 * the user's queue ("Alerting", then "Connected" on pickup) and leaves any workgroup queue.
 */
export function transfer(interaction: Interaction, ctx: InteractionContext, target: QueueRef): CommandResult {
  requireState(
    interaction,
    ['acd-wait-agent', 'acd-alerting', 'alerting', 'connected', 'acd-assigned', 'held', 'parked'],
    'transfer',
  );
  const name = checkTarget(interaction, ctx, target);
  const event = { type: 'interaction.transferred' as const, data: { queue: target } };
  return afterPart(interaction, ctx, (ix) => {
    if (target.type === 'workgroup') {
      const noted = change(ix, ctx, { patch: {}, log: [`Transferred to ${name}`], events: [event] });
      return chain(noted, enterWorkgroup(noted.interaction, ctx, { workgroupId: target.id }));
    }
    return change(ix, ctx, {
      patch: {
        state: 'alerting',
        queue: target,
        userId: target.id,
        // The workgroup stays: the receiving agent, if a member, wraps up the interaction for it too.
        heldAt: undefined,
        heldFrom: undefined,
        wrapUpCode: undefined,
      },
      log: [`Transferred to ${name}`, DISPLAY_STATES.alerting],
      events: [{ ...event, userId: target.id }],
    });
  });
}

/** Park on another user's or a workgroup's queue: it waits there, held, without alerting anyone. */
export function park(interaction: Interaction, ctx: InteractionContext, target: QueueRef): CommandResult {
  requireState(interaction, ['connected', 'acd-assigned', 'held'], 'park');
  const name = checkTarget(interaction, ctx, target);
  return afterPart(interaction, ctx, (ix) =>
    change(ix, ctx, {
      patch: {
        state: 'parked',
        queue: target,
        userId: target.type === 'user' ? target.id : undefined,
        workgroupId: undefined,
        heldAt: ctx.now,
        heldFrom: undefined,
        wrapUpCode: undefined,
      },
      log: [`Parked on ${name}`],
      events: [{ type: 'interaction.parked', data: { queue: target } }],
    }),
  );
}

/** Ends the interaction; every participant leaves. It stays on its user's queue until the server removes it. */
export function disconnect(interaction: Interaction, ctx: InteractionContext, reason: DisconnectReason): CommandResult {
  requireState(
    interaction,
    INTERACTION_STATES.filter((state) => state !== 'disconnected'),
    'disconnect',
  );
  const text =
    reason === 'remote'
      ? DISPLAY_STATES.remoteDisconnect
      : reason === 'local'
        ? `${DISPLAY_STATES.localDisconnect}${ctx.actor.kind === 'user' ? `: ${nameOf(ctx, ctx.actor.userId)}` : ''}`
        : DISPLAY_STATES.disconnected;
  return afterPart(interaction, ctx, (ix) =>
    change(ix, ctx, {
      patch: {
        state: 'disconnected',
        disconnectReason: reason,
        heldAt: undefined,
        participants: ix.participants.map((p) => (p.leftAt === undefined ? { ...p, leftAt: ctx.now } : p)),
      },
      log: [text],
      events: [{ type: 'interaction.disconnected', userId: ix.userId, data: { workgroupId: ix.workgroupId } }],
    }),
  );
}
