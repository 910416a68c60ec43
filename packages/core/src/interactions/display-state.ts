import type { Interaction, QueueRef } from './interaction.js';

/** The display strings of the manual's "interaction state" table, keyed by machine state. */
export const DISPLAY_STATES = {
  offering: 'Offering',
  waitAgent: 'ACD - Wait Agent',
  alerting: 'Alerting',
  connected: 'Connected',
  held: 'Held',
  parked: 'Parked',
  snoozed: 'Snoozed',
  disconnected: 'Disconnected',
  localDisconnect: 'Disconnected (Local Disconnect)',
  remoteDisconnect: 'Disconnected (Remote Disconnect)',
  queueTimeout: 'Queue Timeout',
} as const;

export const acdAlertingText = (name: string) => `ACD - Alerting: ${name}`;
export const acdAssignedText = (name: string) => `ACD - Assigned: ${name}`;
export const lastAttemptedText = (name: string) => `${DISPLAY_STATES.waitAgent} -> Last Attempted: ${name}`;

/**
 * The state as the client shows it ("ACD - Alerting: Ann Smith", "Disconnected (Remote
 * Disconnect)", ...). `nameOf` turns user ids into display names.
 */
export function displayState(interaction: Interaction, nameOf: (userId: string) => string): string {
  const user = interaction.userId === undefined ? '' : nameOf(interaction.userId);
  switch (interaction.state) {
    case 'offering':
      return DISPLAY_STATES.offering;
    case 'acd-wait-agent':
      return interaction.lastAttemptedUserId === undefined
        ? DISPLAY_STATES.waitAgent
        : lastAttemptedText(nameOf(interaction.lastAttemptedUserId));
    case 'acd-alerting':
      return acdAlertingText(user);
    case 'acd-assigned':
      return acdAssignedText(user);
    case 'alerting':
      return DISPLAY_STATES.alerting;
    case 'connected':
      return DISPLAY_STATES.connected;
    case 'held':
      return DISPLAY_STATES.held;
    case 'parked':
      return DISPLAY_STATES.parked;
    case 'snoozed':
      return DISPLAY_STATES.snoozed;
    case 'disconnected':
      return disconnectedText(interaction);
  }
}

function disconnectedText(interaction: Interaction): string {
  switch (interaction.disconnectReason) {
    case 'local':
      return DISPLAY_STATES.localDisconnect;
    case 'remote':
      return DISPLAY_STATES.remoteDisconnect;
    case 'queue-timeout':
      return DISPLAY_STATES.queueTimeout;
    default:
      return DISPLAY_STATES.disconnected;
  }
}

/**
 * The queues an interaction shows in: where it lies, its user's queue, and its ACD workgroup's queue
 * while it waits there or is alerting or assigned through it (the manual keeps ACD items visible in
 * the workgroup queue while a member works them).
 */
export function queuesOf(interaction: Interaction): QueueRef[] {
  // On the path of every change (the server's queue index): no closure per call.
  const result: QueueRef[] = [interaction.queue];
  if (interaction.userId !== undefined) addQueue(result, 'user', interaction.userId);
  const viaAcd =
    interaction.state === 'acd-alerting' ||
    interaction.state === 'acd-assigned' ||
    (interaction.state === 'held' && interaction.heldFrom === 'acd-assigned');
  if (viaAcd && interaction.workgroupId !== undefined) addQueue(result, 'workgroup', interaction.workgroupId);
  return result;
}

function addQueue(queues: QueueRef[], type: QueueRef['type'], id: string): void {
  for (const q of queues) if (q.type === type && q.id === id) return;
  queues.push({ type, id });
}
