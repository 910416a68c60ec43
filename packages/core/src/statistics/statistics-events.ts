import type { InteractionEvent } from '../interactions/commands.js';
import type { DisconnectReason, Interaction } from '../interactions/interaction.js';

/**
 * What the statistics engine needs to know of an interaction's history, in order. Made from the
 * events of live changes (`statisticsEventsOf`) or, after a restart, from the interaction log
 * (`statisticsEventsFromLog`), so both paths feed the same rules.
 */
export type StatisticsEvent = { at: number } & (
  | /** Entered a workgroup queue ("Entered Workgroup"). */ { kind: 'queued'; workgroupId: string }
  | /** Alerting on a user's queue: an ACD alert, or a transfer to the user. */ { kind: 'offered'; userId: string }
  | /** The agent let an ACD alert time out. */ { kind: 'not-answered'; userId: string }
  | /** Picked up by a user (ACD - Assigned, or Connected). */ { kind: 'answered'; userId: string }
  | { kind: 'held' }
  | { kind: 'unheld' }
  | /** Left its user's or its queue's hands without ending. */ {
      kind: 'left';
      how: 'transferred' | 'parked' | 'snoozed';
    }
  | { kind: 'disconnected'; reason: DisconnectReason }
);

/** The statistics events of one committed change: its interaction events, read with the interaction after it. */
export function statisticsEventsOf(events: readonly InteractionEvent[], after: Interaction): StatisticsEvent[] {
  // A loop into one array (not a flatMap of small arrays): this runs for every change.
  const out: StatisticsEvent[] = [];
  for (const e of events) addStatisticsEvents(out, e, after);
  return out;
}

function addStatisticsEvents(out: StatisticsEvent[], e: InteractionEvent, after: Interaction): void {
  const at = e.at;
  switch (e.type) {
    case 'interaction.entered-workgroup': {
      const workgroupId = e.workgroupId ?? after.workgroupId;
      if (workgroupId !== undefined) out.push({ at, kind: 'queued', workgroupId });
      return;
    }
    case 'interaction.alerting':
      if (e.userId !== undefined) out.push({ at, kind: 'offered', userId: e.userId });
      return;
    case 'interaction.alert-timed-out':
      if (e.userId !== undefined) out.push({ at, kind: 'not-answered', userId: e.userId });
      return;
    case 'interaction.assigned':
    case 'interaction.connected':
      if (e.userId !== undefined) out.push({ at, kind: 'answered', userId: e.userId });
      return;
    case 'interaction.held':
      out.push({ at, kind: 'held' });
      return;
    case 'interaction.unheld':
      out.push({ at, kind: 'unheld' });
      return;
    case 'interaction.transferred':
      out.push({ at, kind: 'left', how: 'transferred' });
      // A transfer to a user alerts on that user's queue; a transfer to a workgroup is followed by its entered-workgroup.
      if (e.queue?.type === 'user') out.push({ at, kind: 'offered', userId: e.queue.id });
      return;
    case 'interaction.parked':
      out.push({ at, kind: 'left', how: 'parked' });
      return;
    case 'interaction.snoozed':
      out.push({ at, kind: 'left', how: 'snoozed' });
      return;
    case 'interaction.disconnected':
      out.push({ at, kind: 'disconnected', reason: after.disconnectReason ?? 'local' });
      return;
    default:
      return;
  }
}
