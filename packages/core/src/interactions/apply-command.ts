import { TandemError } from '../errors.js';
import { actionBlock, type InteractionAction } from './allowed-actions.js';
import type { CommandResult, InteractionCommand, InteractionCommandType } from './commands.js';
import type { InteractionContext } from './context.js';
import { disconnect, hold, holdTimeout, park, transfer, unhold } from './handling-commands.js';
import type { Interaction } from './interaction.js';
import {
  addNote,
  addParticipant,
  endAssistance,
  linkChild,
  removeParticipant,
  requestAssistance,
  setAccountCode,
  setAttributes,
  setPrivate,
} from './property-commands.js';
import { alertAgent, alertTimeout, enqueue, pickup, queueTimeout, snooze } from './routing-commands.js';
import { setWrapUpCode, wrapUpTimeout } from './wrap-up.js';

/** Commands only the server gives (router, timers, channels). */
const SYSTEM_ONLY: ReadonlySet<InteractionCommandType> = new Set([
  'enqueue',
  'alert-agent',
  'alert-timeout',
  'queue-timeout',
  'hold-timeout',
  'wrap-up-timeout',
  'snooze',
  'set-attributes',
  'link-child',
]);

/** Commands that need a user: the server cannot give them on its own. */
const NEEDS_USER: ReadonlySet<InteractionCommandType> = new Set([
  'pickup',
  'set-wrap-up-code',
  'set-account-code',
  'add-note',
  'request-assistance',
  'end-assistance',
]);

/** The action of `allowedActions` a user command is checked against. */
const ACTION_OF: Partial<Record<InteractionCommandType, InteractionAction>> = {
  pickup: 'pickup',
  hold: 'hold',
  unhold: 'unhold',
  transfer: 'transfer',
  park: 'park',
  disconnect: 'disconnect',
  'set-wrap-up-code': 'wrap-up',
  'set-account-code': 'account-code',
  'add-note': 'notes',
  'set-private': 'private',
  'add-participant': 'conference',
  'remove-participant': 'conference',
  'request-assistance': 'request-assistance',
};

function authorize(interaction: Interaction, command: InteractionCommand, ctx: InteractionContext): void {
  const { actor } = ctx;
  if (actor.kind === 'system') {
    if (NEEDS_USER.has(command.type))
      throw new TandemError('ACTION_NOT_ALLOWED', `${command.type} needs a user`, { command: command.type });
    return;
  }
  if (SYSTEM_ONLY.has(command.type) || (command.type === 'disconnect' && command.by === 'remote'))
    throw new TandemError('ACTION_NOT_ALLOWED', `${command.type} is done by the server only`, {
      command: command.type,
    });
  const action = ACTION_OF[command.type];
  const block = action && actionBlock(interaction, actor, action, ctx.lookup);
  if (block) throw new TandemError(block.code, block.message, { state: interaction.state, action });
}

/**
 * The interaction state machine: applies one command and answers the changed interaction with the
 * events to publish. Pure: time, the acting user and the directory come in `ctx`. User commands
 * are checked against `allowedActions` (state, ownership, rights) and throw ACTION_NOT_ALLOWED,
 * NOT_ASSIGNED or FORBIDDEN; system commands from a user throw ACTION_NOT_ALLOWED; bad arguments
 * throw VALIDATION_FAILED naming the field.
 */
export function applyCommand(
  interaction: Interaction,
  command: InteractionCommand,
  ctx: InteractionContext,
): CommandResult {
  authorize(interaction, command, ctx);
  return dispatch(interaction, command, ctx);
}

function dispatch(ix: Interaction, command: InteractionCommand, ctx: InteractionContext): CommandResult {
  switch (command.type) {
    case 'enqueue':
      return enqueue(ix, ctx, command);
    case 'alert-agent':
      return alertAgent(ix, ctx, command);
    case 'alert-timeout':
      return alertTimeout(ix, ctx);
    case 'queue-timeout':
      return queueTimeout(ix, ctx);
    case 'hold-timeout':
      return holdTimeout(ix, ctx, command.action, command.limitMs);
    case 'wrap-up-timeout':
      return wrapUpTimeout(ix, ctx, command.userId);
    case 'snooze':
      return snooze(ix, ctx);
    case 'set-attributes':
      return setAttributes(ix, ctx, command.attributes);
    case 'link-child':
      return linkChild(ix, ctx, command.childId);
    case 'pickup':
      return pickup(ix, ctx);
    case 'hold':
      return hold(ix, ctx);
    case 'unhold':
      return unhold(ix, ctx);
    case 'transfer':
      return transfer(ix, ctx, command.target);
    case 'park':
      return park(ix, ctx, command.target);
    case 'disconnect':
      return disconnect(ix, ctx, command.by);
    default:
      return dispatchProperty(ix, command, ctx);
  }
}

function dispatchProperty(ix: Interaction, command: InteractionCommand, ctx: InteractionContext): CommandResult {
  switch (command.type) {
    case 'set-wrap-up-code':
      return setWrapUpCode(ix, ctx, command.code);
    case 'set-account-code':
      return setAccountCode(ix, ctx, command.code);
    case 'add-note':
      return addNote(ix, ctx, command.text);
    case 'set-private':
      return setPrivate(ix, ctx, command.on);
    case 'add-participant':
      return addParticipant(ix, ctx, command);
    case 'remove-participant':
      return removeParticipant(ix, ctx, command.participantId);
    case 'request-assistance':
      return requestAssistance(ix, ctx, command.text);
    case 'end-assistance':
      return endAssistance(ix, ctx);
    default:
      throw new TandemError('VALIDATION_FAILED', `unknown command '${command.type}'`);
  }
}

/** Finds an interaction by id or throws INTERACTION_NOT_FOUND. */
export function requireInteraction(find: (id: string) => Interaction | undefined, interactionId: string): Interaction {
  const found = find(interactionId);
  if (!found) throw new TandemError('INTERACTION_NOT_FOUND', `no interaction '${interactionId}'`);
  return found;
}
