import { Directory, type DirectoryChange } from '../directory/directory.js';
import type { Right } from './right.js';
import { effectiveRights, type RightSet } from './right-set.js';

const keyOf = (right: Right) => JSON.stringify(right);

/** Users whose effective rights a change may alter: changed users, members of changed workgroups, holders of changed roles. */
function affectedUsers(before: Directory, after: Directory, change: DirectoryChange): Set<string> {
  const ids = new Set<string>();
  for (const record of change.upserts) {
    if (record.kind === 'users') ids.add(record.id);
    if (record.kind === 'workgroups')
      for (const id of [...before.memberIds(record.id), ...after.memberIds(record.id)]) ids.add(id);
    if (record.kind === 'roles')
      for (const user of after.list('users')) if (user.roles.includes(record.id)) ids.add(user.id);
  }
  return ids;
}

/**
 * The rights a change would newly give to users, per user: what their effective rights (own, roles,
 * workgroups) hold after the change and did not before. Pure: works on a copy of the directory.
 */
export function rightsGainedBy(before: Directory, change: DirectoryChange): Map<string, Right[]> {
  const after = Directory.fromRecords(before.records());
  after.apply(change);
  const gained = new Map<string, Right[]>();
  for (const userId of affectedUsers(before, after, change)) {
    const had = new Set(effectiveRights(before, userId).rights.map(keyOf));
    const extra = effectiveRights(after, userId).rights.filter((r) => !had.has(keyOf(r)));
    if (extra.length) gained.set(userId, extra);
  }
  return gained;
}

/**
 * The first right in `rights` that `actor` does not hold itself, if any. Granting (directly or
 * through roles and workgroups) only what one holds oneself cannot raise anyone above the actor.
 */
export function rightNotHeld(actor: RightSet, rights: readonly Right[]): Right | undefined {
  const held = new Set(actor.rights.map(keyOf));
  return rights.find((r) => !held.has(keyOf(r)));
}
