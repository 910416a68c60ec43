import type { DirectoryUser, UserStatusView } from '@tandem/client';

/** A status message's flags that decide how a status shows (from `GET /api/v1/status/status-messages`). */
export interface StatusFlags {
  id: string;
  text: string;
  available: boolean;
  availableForAcd: boolean;
  doNotDisturb?: boolean;
}

export type StatusTone = 'available' | 'acd' | 'busy' | 'away' | 'off';

/** How a user's presence shows: logged off, available for ACD, available, do not disturb, or away. */
export function toneOf(status: UserStatusView | undefined, flags: ReadonlyMap<string, StatusFlags>): StatusTone {
  if (!status || !status.loggedOn) return 'off';
  const f = flags.get(status.statusId);
  if (!f) return 'away';
  if (f.availableForAcd) return 'acd';
  if (f.available) return 'available';
  return f.doNotDisturb ? 'busy' : 'away';
}

/** A directory row: the user with the live status. */
export interface DirectoryEntry {
  user: DirectoryUser;
  status: UserStatusView | undefined;
}

export interface DirectoryFilter {
  /** Words that must all appear in the name, id, e-mail, phones, workgroups or status. */
  text: string;
  /** Only members of this workgroup ('' for all). */
  workgroup: string;
  /** Only users who are logged on. */
  loggedOnOnly: boolean;
}

export const NO_FILTER: DirectoryFilter = { text: '', workgroup: '', loggedOnOnly: false };

const haystackOf = (e: DirectoryEntry): string =>
  [
    e.user.id,
    e.user.displayName,
    e.user.businessEmail ?? '',
    ...Object.values(e.user.phones),
    ...e.user.workgroups,
    e.status?.statusText ?? '',
  ]
    .join(' ')
    .toLowerCase();

/** The entries matching `filter`, sorted by display name. */
export function filterDirectory(entries: readonly DirectoryEntry[], filter: DirectoryFilter): DirectoryEntry[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return entries
    .filter((e) => !filter.workgroup || e.user.workgroups.includes(filter.workgroup))
    .filter((e) => !filter.loggedOnOnly || e.status?.loggedOn === true)
    .filter((e) => {
      if (words.length === 0) return true;
      const haystack = haystackOf(e);
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => a.user.displayName.localeCompare(b.user.displayName));
}

/** Applies a `user-status.changed` event to the statuses by user id (a new map; the old one is left alone). */
export function applyStatus(
  statuses: ReadonlyMap<string, UserStatusView>,
  changed: UserStatusView,
): Map<string, UserStatusView> {
  const next = new Map(statuses);
  next.set(changed.userId, changed);
  return next;
}
