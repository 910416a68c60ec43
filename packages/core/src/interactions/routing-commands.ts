import { fieldError, TandemError } from '../errors.js';
import type { CommandResult, InteractionCommand } from './commands.js';
import type { InteractionContext } from './context.js';
import { validateRouting } from './create-interaction.js';
import { acdAlertingText, acdAssignedText, DISPLAY_STATES, lastAttemptedText } from './display-state.js';
import type { Interaction } from './interaction.js';
import { actorId, change, nameOf, requireState } from './transition.js';

type Cmd<T extends InteractionCommand['type']> = Extract<InteractionCommand, { type: T }>;

/** The workgroup facts for a workgroup that must exist and have a queue; throws naming `field`. */
export function queueWorkgroup(ctx: InteractionContext, workgroupId: string, field: string) {
  const wg = ctx.lookup.workgroup(workgroupId);
  if (!wg?.hasQueue) throw fieldError(field, `no workgroup with a queue '${workgroupId}'`);
  return wg;
}

/**
 * Into a workgroup queue. Used for the first routing and for transfers to a workgroup: the time in
 * queue starts again, priority and skills are kept unless given.
 */
export function enterWorkgroup(
  interaction: Interaction,
  ctx: InteractionContext,
  cmd: Omit<Cmd<'enqueue'>, 'type'>,
): CommandResult {
  const wg = queueWorkgroup(ctx, cmd.workgroupId, 'workgroupId');
  const priority = cmd.priority ?? interaction.priority;
  const skills = cmd.skills ?? interaction.skills;
  const relaxation = cmd.relaxation ?? interaction.relaxation;
  validateRouting(priority, skills, relaxation);
  return change(interaction, ctx, {
    patch: {
      state: 'acd-wait-agent',
      queue: { type: 'workgroup', id: wg.id },
      workgroupId: wg.id,
      enteredQueueAt: ctx.now,
      userId: undefined,
      lastAttemptedUserId: undefined,
      heldAt: undefined,
      heldFrom: undefined,
      wrapUpCode: undefined,
      priority,
      skills: [...skills],
      relaxation: [...relaxation].sort((a, b) => a.afterSeconds - b.afterSeconds),
    },
    log: [`Entered Workgroup ${wg.displayName}`, DISPLAY_STATES.waitAgent],
    events: [{ type: 'interaction.entered-workgroup', data: { workgroupId: wg.id } }],
  });
}

export function enqueue(interaction: Interaction, ctx: InteractionContext, cmd: Cmd<'enqueue'>): CommandResult {
  requireState(interaction, ['offering', 'snoozed'], 'enqueue');
  return enterWorkgroup(interaction, ctx, cmd);
}

/** The router offers a waiting interaction to an agent: "ACD - Alerting: <agent>". */
export function alertAgent(interaction: Interaction, ctx: InteractionContext, cmd: Cmd<'alert-agent'>): CommandResult {
  requireState(interaction, ['acd-wait-agent'], 'alert an agent for');
  if (ctx.lookup.userName(cmd.userId) === undefined) throw fieldError('userId', `no user '${cmd.userId}'`);
  return change(interaction, ctx, {
    patch: { state: 'acd-alerting', userId: cmd.userId, queue: { type: 'user', id: cmd.userId } },
    log: [acdAlertingText(nameOf(ctx, cmd.userId))],
    events: [{ type: 'interaction.alerting', userId: cmd.userId, data: { workgroupId: interaction.workgroupId } }],
  });
}

/** The alerted agent did not answer: back to the workgroup queue, keeping its place (time in queue). */
export function alertTimeout(interaction: Interaction, ctx: InteractionContext): CommandResult {
  requireState(interaction, ['acd-alerting'], 'time out the alert of');
  const agent = interaction.userId as string;
  return change(interaction, ctx, {
    patch: {
      state: 'acd-wait-agent',
      userId: undefined,
      lastAttemptedUserId: agent,
      queue: { type: 'workgroup', id: interaction.workgroupId as string },
    },
    log: [lastAttemptedText(nameOf(ctx, agent))],
    events: [{ type: 'interaction.alert-timed-out', userId: agent, data: { workgroupId: interaction.workgroupId } }],
  });
}

export function queueTimeout(interaction: Interaction, ctx: InteractionContext): CommandResult {
  requireState(interaction, ['acd-wait-agent'], 'time out');
  return change(interaction, ctx, {
    patch: { state: 'disconnected', disconnectReason: 'queue-timeout' },
    log: [DISPLAY_STATES.queueTimeout],
    events: [{ type: 'interaction.disconnected', data: { workgroupId: interaction.workgroupId } }],
  });
}

/** Retry Later on a callback: back on the workgroup queue, snoozed until the server requeues it. */
export function snooze(interaction: Interaction, ctx: InteractionContext): CommandResult {
  requireState(interaction, ['acd-assigned', 'connected', 'held'], 'snooze');
  if (interaction.type !== 'callback' || interaction.workgroupId === undefined)
    throw new TandemError('ACTION_NOT_ALLOWED', 'only callbacks routed through a workgroup can be snoozed');
  return change(interaction, ctx, {
    patch: {
      state: 'snoozed',
      userId: undefined,
      queue: { type: 'workgroup', id: interaction.workgroupId },
      heldAt: undefined,
      heldFrom: undefined,
    },
    log: [DISPLAY_STATES.snoozed],
    events: [{ type: 'interaction.snoozed', data: { workgroupId: interaction.workgroupId } }],
  });
}

/**
 * Pickup: answers an alerting interaction, takes one off hold or out of park, or takes a waiting one
 * from the workgroup queue. A member of the workgroup gets it "ACD - Assigned" (it stays visible in
 * the workgroup queue); a non-member gets it "Connected" and it leaves the workgroup queue.
 */
export function pickup(interaction: Interaction, ctx: InteractionContext): CommandResult {
  requireState(interaction, ['acd-wait-agent', 'acd-alerting', 'alerting', 'held', 'parked'], 'pick up');
  const who = actorId(ctx);
  if (interaction.state === 'held' && interaction.userId === who)
    return change(interaction, ctx, {
      patch: { state: interaction.heldFrom ?? 'connected', heldAt: undefined, heldFrom: undefined },
      log: ['Picked up from hold'],
      events: [{ type: 'interaction.unheld', userId: who }],
    });
  const wg = interaction.workgroupId;
  const viaAcd = wg !== undefined && interaction.state !== 'alerting' && interaction.state !== 'parked';
  if (viaAcd && ctx.lookup.isMember(who, wg))
    return change(interaction, ctx, {
      patch: {
        state: 'acd-assigned',
        userId: who,
        queue: { type: 'user', id: who },
        heldAt: undefined,
        heldFrom: undefined,
      },
      log: [acdAssignedText(nameOf(ctx, who))],
      events: [{ type: 'interaction.assigned', userId: who, data: { workgroupId: wg } }],
    });
  return change(interaction, ctx, {
    patch: {
      state: 'connected',
      userId: who,
      queue: { type: 'user', id: who },
      workgroupId: viaAcd ? undefined : interaction.workgroupId,
      heldAt: undefined,
      heldFrom: undefined,
    },
    log: [`${DISPLAY_STATES.connected}: ${nameOf(ctx, who)}`],
    events: [{ type: 'interaction.connected', userId: who }],
  });
}
