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
  return events.flatMap((e): StatisticsEvent[] => {
    const at = e.at;
    switch (e.type) {
      case 'interaction.entered-workgroup': {
        const workgroupId = e.workgroupId ?? after.workgroupId;
        return workgroupId === undefined ? [] : [{ at, kind: 'queued', workgroupId }];
      }
      case 'interaction.alerting':
        return e.userId === undefined ? [] : [{ at, kind: 'offered', userId: e.userId }];
      case 'interaction.alert-timed-out':
        return e.userId === undefined ? [] : [{ at, kind: 'not-answered', userId: e.userId }];
      case 'interaction.assigned':
      case 'interaction.connected':
        return e.userId === undefined ? [] : [{ at, kind: 'answered', userId: e.userId }];
      case 'interaction.held':
        return [{ at, kind: 'held' }];
      case 'interaction.unheld':
        return [{ at, kind: 'unheld' }];
      case 'interaction.transferred': {
        const left: StatisticsEvent = { at, kind: 'left', how: 'transferred' };
        // A transfer to a user alerts on that user's queue; a transfer to a workgroup is followed by its entered-workgroup.
        return e.queue?.type === 'user' ? [left, { at, kind: 'offered', userId: e.queue.id }] : [left];
      }
      case 'interaction.parked':
        return [{ at, kind: 'left', how: 'parked' }];
      case 'interaction.snoozed':
        return [{ at, kind: 'left', how: 'snoozed' }];
      case 'interaction.disconnected':
        return [{ at, kind: 'disconnected', reason: after.disconnectReason ?? 'local' }];
      default:
        return [];
    }
  });
}
