import type { Right } from '../rights/right.js';
import type { Directory } from './directory.js';
import type { ConfigKind } from './kinds.js';

export interface Referrer {
  /** A configuration kind, or what else holds the reference (`user-statuses`, `system`). */
  kind: ConfigKind | 'user-statuses' | 'system';
  id: string;
  field: string;
}

/** Whether a right names an object of `kind` with `id` as its target. */
function rightTargets(right: Right, kind: ConfigKind, id: string): boolean {
  switch (right.type) {
    case 'queue':
      return (
        right.target === id &&
        ((right.queueType === 'user' && kind === 'users') || (right.queueType === 'workgroup' && kind === 'workgroups'))
      );
    case 'object':
      return (
        right.target === id &&
        ((right.object === 'user' && kind === 'users') ||
          (right.object === 'workgroup' && kind === 'workgroups') ||
          (right.object === 'status-message' && kind === 'status-messages') ||
          (right.object === 'response-library' && kind === 'response-libraries') ||
          (right.object === 'account-code' && kind === 'account-codes'))
      );
    default:
      return false;
  }
}

/**
 * Everything in the directory that still names `kind`/`id`. Deleting an entity with referrers is
 * refused (409) and the answer lists them, so the administrator knows what to change first.
 */
export function findReferrers(directory: Directory, kind: ConfigKind, id: string): Referrer[] {
  const found: Referrer[] = [];
  const add = (k: ConfigKind, refId: string, field: string) => found.push({ kind: k, id: refId, field });

  for (const user of directory.list('users')) {
    if (user.id === id && kind === 'users') continue;
    if (kind === 'roles' && user.roles.includes(id)) add('users', user.id, 'roles');
    if (kind === 'workgroups' && user.workgroups.includes(id)) add('users', user.id, 'workgroups');
    if (kind === 'skills' && user.skills.some((s) => s.skillId === id)) add('users', user.id, 'skills');
    if (kind === 'status-messages' && user.allowedStatuses.includes(id)) add('users', user.id, 'allowedStatuses');
    if (kind === 'licences' && (user.licences as string[]).includes(id)) add('users', user.id, 'licences');
    if (user.rights.some((r) => rightTargets(r, kind, id))) add('users', user.id, 'rights');
  }
  for (const wg of directory.list('workgroups')) {
    if (kind === 'users' && wg.supervisors.includes(id)) add('workgroups', wg.id, 'supervisors');
    if (kind === 'skills' && wg.skills.some((s) => s.skillId === id)) add('workgroups', wg.id, 'skills');
    if (kind === 'wrap-up-codes' && wg.wrapUpCodes.includes(id)) add('workgroups', wg.id, 'wrapUpCodes');
    const isSelf = kind === 'workgroups' && wg.id === id;
    if (!isSelf && wg.rights.some((r) => rightTargets(r, kind, id))) add('workgroups', wg.id, 'rights');
  }
  for (const role of directory.list('roles')) {
    if (role.rights.some((r) => rightTargets(r, kind, id))) add('roles', role.id, 'rights');
  }
  for (const spec of directory.list('security-specifications')) {
    if (kind === 'users' && spec.users.includes(id)) add('security-specifications', spec.id, 'users');
    if (kind === 'roles' && spec.roles.includes(id)) add('security-specifications', spec.id, 'roles');
    if (kind === 'workgroups' && spec.workgroups.includes(id)) add('security-specifications', spec.id, 'workgroups');
  }
  for (const library of directory.list('response-libraries')) {
    if (kind === 'users' && library.owner === id) add('response-libraries', library.id, 'owner');
  }
  for (const widget of directory.list('widgets')) {
    if (kind === 'workgroups' && widget.workgroup === id) add('widgets', widget.id, 'workgroup');
  }
  return found;
}
