import { DISPLAY_STATES } from '../interactions/display-state.js';
import type { DisconnectReason, Interaction } from '../interactions/interaction.js';
import type { StatisticsEvent } from './statistics-events.js';

/** Turns the display names the log holds back into ids. */
export interface NameLookup {
  /** Ids of the users with this display name. */
  usersNamed(displayName: string): readonly string[];
  /** Ids of the workgroups with this display name. */
  workgroupsNamed(displayName: string): readonly string[];
  /** Whether a user has this id (the log names a deleted user by id). */
  userExists(id: string): boolean;
  workgroupExists(id: string): boolean;
}

/** Stands for an agent whose name the log holds but the directory no longer knows. */
export const UNKNOWN_AGENT = '(unknown)';

const PREFIX = {
  entered: 'Entered Workgroup ',
  alerting: 'ACD - Alerting: ',
  lastAttempted: `${DISPLAY_STATES.waitAgent} -> Last Attempted: `,
  assigned: 'ACD - Assigned: ',
  connected: `${DISPLAY_STATES.connected}: `,
  transferred: 'Transferred to ',
  parked: 'Parked on ',
  localDisconnect: DISPLAY_STATES.localDisconnect,
} as const;

const EXACT: Record<string, 'held' | 'unheld' | 'direct-alert' | 'snoozed' | 'queue-timeout' | 'remote'> = {
  [DISPLAY_STATES.held]: 'held',
  'Picked up from hold': 'unheld',
  [DISPLAY_STATES.alerting]: 'direct-alert',
  [DISPLAY_STATES.snoozed]: 'snoozed',
  [DISPLAY_STATES.queueTimeout]: 'queue-timeout',
  [DISPLAY_STATES.remoteDisconnect]: 'remote',
};

/**
 * Rebuilds an interaction's statistics events from its log, for the restart: the log lines are
 * written with the same change as the events (same time, same order), and name users and
 * workgroups by display name. When several share a name, the one the interaction itself mentions
 * (its user, wrap-ups, participants, workgroup) is taken, else the first; a name nobody has any
 * more counts for `UNKNOWN_AGENT` (users) or is skipped (workgroups).
 */
export function statisticsEventsFromLog(ix: Interaction, names: NameLookup): StatisticsEvent[] {
  const hintedUsers = new Set([
    ix.userId,
    ix.lastAttemptedUserId,
    ...ix.wrapUps.map((w) => w.userId),
    ...ix.participants.map((p) => p.id),
  ]);
  const hintedGroups = new Set([ix.workgroupId, ...ix.wrapUps.map((w) => w.workgroupId)]);
  const user = (name: string) =>
    pick(names.usersNamed(name), hintedUsers) ?? (names.userExists(name) ? name : UNKNOWN_AGENT);
  const group = (name: string) =>
    pick(names.workgroupsNamed(name), hintedGroups) ?? (names.workgroupExists(name) ? name : undefined);
  const out: StatisticsEvent[] = [];
  let transferTarget: string | undefined;
  for (const { at, text } of ix.log) {
    const event = fromLine(text, at, {
      user,
      group,
      transferTarget: () => transferTarget,
      disconnectReason: ix.disconnectReason,
    });
    if (text.startsWith(PREFIX.transferred)) transferTarget = text.slice(PREFIX.transferred.length);
    if (event) out.push(event);
  }
  return out;
}

interface LineContext {
  user(name: string): string;
  group(name: string): string | undefined;
  transferTarget(): string | undefined;
  disconnectReason: DisconnectReason | undefined;
}

function fromLine(text: string, at: number, c: LineContext): StatisticsEvent | undefined {
  const after = (prefix: string) => (text.startsWith(prefix) ? text.slice(prefix.length) : undefined);
  let name: string | undefined;
  if ((name = after(PREFIX.entered)) !== undefined) {
    const workgroupId = c.group(name);
    return workgroupId === undefined ? undefined : { at, kind: 'queued', workgroupId };
  }
  if ((name = after(PREFIX.alerting)) !== undefined) return { at, kind: 'offered', userId: c.user(name) };
  if ((name = after(PREFIX.lastAttempted)) !== undefined) return { at, kind: 'not-answered', userId: c.user(name) };
  if ((name = after(PREFIX.assigned)) !== undefined) return { at, kind: 'answered', userId: c.user(name) };
  if ((name = after(PREFIX.connected)) !== undefined) return { at, kind: 'answered', userId: c.user(name) };
  if (after(PREFIX.transferred) !== undefined) return { at, kind: 'left', how: 'transferred' };
  if (after(PREFIX.parked) !== undefined) return { at, kind: 'left', how: 'parked' };
  if (text.startsWith(PREFIX.localDisconnect)) return { at, kind: 'disconnected', reason: 'local' };
  // A disconnect by a timer logs the bare word; the stored interaction keeps the reason.
  if (text === DISPLAY_STATES.disconnected) return { at, kind: 'disconnected', reason: c.disconnectReason ?? 'local' };
  const exact = EXACT[text];
  switch (exact) {
    case 'held':
    case 'unheld':
      return { at, kind: exact };
    case 'snoozed':
      return { at, kind: 'left', how: 'snoozed' };
    case 'queue-timeout':
    case 'remote':
      return { at, kind: 'disconnected', reason: exact };
    case 'direct-alert': {
      const target = c.transferTarget();
      return target === undefined ? undefined : { at, kind: 'offered', userId: c.user(target) };
    }
    default:
      return undefined;
  }
}

function pick(candidates: readonly string[], hints: ReadonlySet<string | undefined>): string | undefined {
  return candidates.find((id) => hints.has(id)) ?? candidates[0];
}
