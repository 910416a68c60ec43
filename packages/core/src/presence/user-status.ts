import type { Directory } from '../directory/directory.js';
import type { StatusMessage } from '../directory/entities.js';
import { TandemError } from '../errors.js';
import type { RightSet } from '../rights/right-set.js';

/** A user's presence: the current status with its details, and whether the user is logged on. */
export interface UserStatus {
  userId: string;
  statusId: string;
  notes?: string;
  /** Epoch ms until which the status holds, told to callers. */
  until?: number;
  forwardNumber?: string;
  /** When the status was set: time in status is `now - changedAt`. */
  changedAt: number;
  /** Who set it: the user, another user, or `system`. */
  changedBy: string;
  loggedOn: boolean;
  stationId?: string;
}

export interface StatusChange {
  statusId: string;
  notes?: string | undefined;
  until?: number | undefined;
  forwardNumber?: string | undefined;
}

/**
 * The statuses a user may pick: not system-only, and selectable by all, or in the user's allowed
 * statuses, or granted by a View Status Messages right.
 */
export function selectableStatuses(directory: Directory, userId: string, rights: RightSet): StatusMessage[] {
  const user = directory.get('users', userId);
  const allowed = new Set(user?.allowedStatuses ?? []);
  return directory
    .list('status-messages')
    .filter(
      (s) =>
        !s.systemOnly && (s.selectableByAll || allowed.has(s.id) || rights.canOnObject('status-message', s.id, 'view')),
    );
}

/**
 * Validates a status change made by `actor` for `target` and answers the new status.
 * Throws FORBIDDEN when setting another user's status without the Change Status Users right, or
 * notes without the Status Notes right; STATUS_NOT_SELECTABLE for system-only or filtered statuses;
 * VALIDATION_FAILED naming `forwardNumber` when a forward status lacks one.
 */
export function planStatusChange(
  ctx: { directory: Directory; now: number },
  who: { actorId: string; actorRights: RightSet; targetId: string; current: UserStatus | undefined },
  change: StatusChange,
): UserStatus {
  const { directory, now } = ctx;
  const { actorId, actorRights, targetId, current } = who;
  if (!directory.has('users', targetId)) throw new TandemError('NOT_FOUND', `no user '${targetId}'`);
  const status = directory.get('status-messages', change.statusId);
  if (!status)
    throw new TandemError('VALIDATION_FAILED', `statusId: no status message '${change.statusId}'`, {
      issues: [{ path: 'statusId', message: `no status message '${change.statusId}'` }],
    });
  if (actorId !== targetId && !actorRights.canOnObject('user', targetId, 'change-status'))
    throw new TandemError('FORBIDDEN', `changing the status of '${targetId}' needs the Change Status Users right`);
  if (status.systemOnly) throw new TandemError('STATUS_NOT_SELECTABLE', `'${status.text}' is set by the system only`);
  const selectable =
    selectableStatuses(directory, targetId, actorRights).some((s) => s.id === status.id) ||
    (actorId !== targetId && selectableStatuses(directory, actorId, actorRights).some((s) => s.id === status.id));
  if (!selectable)
    throw new TandemError('STATUS_NOT_SELECTABLE', `'${status.text}' is not among the statuses this user may select`);
  if (change.notes && !actorRights.has('status-notes'))
    throw new TandemError('FORBIDDEN', 'status notes need the Status Notes right');
  if (status.forwardNumberRequired && !change.forwardNumber)
    throw new TandemError('VALIDATION_FAILED', `forwardNumber: '${status.text}' needs a forward number`, {
      issues: [{ path: 'forwardNumber', message: `is required by '${status.text}'` }],
    });
  const next: UserStatus = {
    userId: targetId,
    statusId: status.id,
    changedAt: now,
    changedBy: actorId,
    loggedOn: current?.loggedOn ?? false,
  };
  if (change.notes) next.notes = change.notes;
  if (change.until !== undefined) next.until = change.until;
  if (change.forwardNumber) next.forwardNumber = change.forwardNumber;
  if (current?.stationId) next.stationId = current.stationId;
  return next;
}
