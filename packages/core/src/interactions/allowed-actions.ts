import type { ErrorCode } from '../errors.js';
import { viewsAnyAccountCode } from './account-code-rights.js';
import type { ActingUser, InteractionLookup } from './context.js';
import type { Interaction, InteractionState, QueueRef } from './interaction.js';

/** The actions a user may take on an interaction; the names of `POST /interactions/{id}/{action}`. */
export const INTERACTION_ACTIONS = [
  'pickup',
  'hold',
  'unhold',
  'disconnect',
  'transfer',
  'park',
  'wrap-up',
  'account-code',
  'notes',
  'private',
  'conference',
  'request-assistance',
] as const;
export type InteractionAction = (typeof INTERACTION_ACTIONS)[number];

/** Why an action is refused: the error code it throws with, and a message. */
export interface ActionBlock {
  code: ErrorCode;
  message: string;
}

type StateSet = ReadonlySet<InteractionState>;
const states = (...list: InteractionState[]): StateSet => new Set(list);
const TALKING = states('connected', 'acd-assigned');
const ACTIVE = states('connected', 'acd-assigned', 'held');

/** States in which each action makes sense, whoever asks. */
const STATES_FOR: Record<InteractionAction, StateSet> = {
  pickup: states('acd-wait-agent', 'acd-alerting', 'alerting', 'held', 'parked'),
  hold: TALKING,
  unhold: states('held'),
  disconnect: states('acd-wait-agent', 'acd-alerting', 'acd-assigned', 'alerting', 'connected', 'held', 'parked'),
  transfer: states('acd-wait-agent', 'acd-alerting', 'alerting', 'connected', 'acd-assigned', 'held', 'parked'),
  park: ACTIVE,
  'wrap-up': states('acd-assigned', 'connected', 'held', 'disconnected'),
  'account-code': states('acd-assigned', 'connected', 'held', 'disconnected'),
  notes: ACTIVE,
  private: ACTIVE,
  conference: TALKING,
  'request-assistance': ACTIVE,
};

/**
 * The queue right (`RightSet.canOnQueue` action) that lets a user act on an interaction in someone
 * else's queue; actions without one are for the user the interaction is assigned to only.
 */
const QUEUE_RIGHT_FOR: Partial<Record<InteractionAction, string>> = {
  pickup: 'pickup',
  hold: 'hold',
  unhold: 'hold',
  disconnect: 'disconnect',
  transfer: 'transfer',
  park: 'transfer',
};

/** The queue whose rights govern an interaction: its user's queue when it has one, else where it lies. */
export function governingQueue(interaction: Interaction): QueueRef | undefined {
  return interaction.userId !== undefined ? { type: 'user', id: interaction.userId } : interaction.queue;
}

const notAllowed = (message: string): ActionBlock => ({ code: 'ACTION_NOT_ALLOWED', message });
const forbidden = (message: string): ActionBlock => ({ code: 'FORBIDDEN', message });
const notAssigned = (message: string): ActionBlock => ({ code: 'NOT_ASSIGNED', message });

/** Checks beyond state and ownership, for the user the interaction is assigned to. */
function ownerBlock(
  interaction: Interaction,
  user: ActingUser,
  action: InteractionAction,
  lookup: InteractionLookup,
): ActionBlock | undefined {
  switch (action) {
    case 'transfer':
      return user.rights.has('transfer') ? undefined : forbidden('transferring needs the Transfer Interactions right');
    case 'account-code':
      if (!lookup.accountCodesEnabled) return notAllowed('account codes are not enabled (AccountCodesEnabled)');
      if (!user.rights.has('account-code-verification'))
        return forbidden('account codes need the Account Code Verification right');
      return viewsAnyAccountCode(user.rights)
        ? undefined
        : forbidden('account codes need the View Account Codes right on at least one code');
    case 'wrap-up':
      return wrapUpBlock(interaction, user, lookup);
    case 'conference':
      return interaction.type === 'chat' || interaction.type === 'sms'
        ? undefined
        : notAllowed('only chats can be conferenced here');
    case 'request-assistance':
      if (interaction.workgroupId === undefined) return notAllowed('assistance is for ACD-routed interactions');
      if (interaction.assistance?.state === 'active') return notAllowed('an assistance request is already open');
      return user.rights.has('request-assistance')
        ? undefined
        : forbidden('needs the Request Assistance from Supervisors right');
    default:
      return undefined;
  }
}

/** A wrap-up code may be set by an agent with a prompt open, or by the owner of an ACD interaction. */
function wrapUpBlock(interaction: Interaction, user: ActingUser, lookup: InteractionLookup): ActionBlock | undefined {
  if (interaction.wrapUps.some((w) => w.userId === user.userId && w.state === 'pending')) return undefined;
  if (interaction.state === 'disconnected') return notAssigned('no wrap-up prompt is open for this user');
  const wg = interaction.workgroupId === undefined ? undefined : lookup.workgroup(interaction.workgroupId);
  if (!wg || wg.wrapUpCodes.length === 0) return notAllowed('the workgroup has no wrap-up codes');
  return lookup.isMember(user.userId, wg.id) ? undefined : forbidden('wrap-up codes are for members of the workgroup');
}

/**
 * Why `user` may not take `action` on the interaction now, or undefined when it may. State comes
 * first (ACTION_NOT_ALLOWED); then either the user is the one it is assigned to (own-queue rules),
 * or a queue right on the queue it lies in is needed (FORBIDDEN); owner-only actions answer
 * NOT_ASSIGNED to others.
 */
export function actionBlock(
  interaction: Interaction,
  user: ActingUser,
  action: InteractionAction,
  lookup: InteractionLookup,
): ActionBlock | undefined {
  const pendingWrapUp = action === 'wrap-up' && interaction.wrapUps.some((w) => w.userId === user.userId);
  if (!STATES_FOR[action].has(interaction.state) && !pendingWrapUp)
    return notAllowed(`cannot ${action} an interaction in state ${interaction.state}`);
  if (interaction.userId === user.userId || pendingWrapUp) return ownerBlock(interaction, user, action, lookup);
  const right = QUEUE_RIGHT_FOR[action];
  if (right === undefined) return notAssigned(`only the user the interaction is assigned to may ${action} it`);
  const queue = governingQueue(interaction);
  if (!queue || !user.rights.canOnQueue(queue.type, queue.id, right))
    return forbidden(`${action} on the ${queue?.type ?? 'system'} queue ${queue?.id ?? ''} needs a queue right`.trim());
  return action === 'transfer' ? ownerBlock(interaction, user, action, lookup) : undefined;
}

/** The actions `user` may take now; sent with every interaction to the client. */
export function allowedActions(
  interaction: Interaction,
  user: ActingUser,
  lookup: InteractionLookup,
): InteractionAction[] {
  return INTERACTION_ACTIONS.filter((action) => actionBlock(interaction, user, action, lookup) === undefined);
}
