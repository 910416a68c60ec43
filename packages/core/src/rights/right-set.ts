import type { Directory } from '../directory/directory.js';
import {
  QUEUE_LEVEL_ACTIONS,
  QUEUE_LEVELS,
  type ConfigArea,
  type ObjectAccess,
  type ObjectKind,
  type ProcessAccess,
  type QueueType,
  type Right,
  type SecurityRight,
} from './right.js';

/**
 * A user's effective rights: the union of what is granted to the user, to each of the user's roles
 * and to each of the user's workgroups. All checks the server makes go through here.
 */
export class RightSet {
  constructor(readonly rights: readonly Right[]) {}

  /** `modify` implies `view`; area `'*'` is the Master Administrator. Narrowed rights (a `target`) do not count. */
  canAdmin(area: ConfigArea, access: 'view' | 'modify'): boolean {
    return this.rights.some(
      (r) =>
        r.type === 'admin' &&
        (r.area === area || r.area === '*') &&
        (r.access === 'modify' || access === 'view') &&
        (r.target === undefined || r.target === '*'),
    );
  }

  isMasterAdministrator(): boolean {
    return this.rights.some((r) => r.type === 'admin' && r.area === '*' && r.access === 'modify');
  }

  /** Whether an action (`view`, `pickup`, `listen`, `activate-others`, ...) is granted on a queue. */
  canOnQueue(queueType: QueueType, target: string, action: string): boolean {
    return this.rights.some((r) => {
      if (r.type !== 'queue' || r.queueType !== queueType || (r.target !== target && r.target !== '*')) return false;
      const granted = r.actions ?? QUEUE_LEVEL_ACTIONS[queueType][r.level];
      // Any level lets one see the queue.
      return action === 'view' || granted.includes(action);
    });
  }

  canOnObject(object: ObjectKind, target: string, access: ObjectAccess): boolean {
    return this.rights.some(
      (r) =>
        r.type === 'object' && r.object === object && r.access === access && (r.target === target || r.target === '*'),
    );
  }

  canProcess(definition: string, access: ProcessAccess): boolean {
    return this.rights.some(
      (r) =>
        r.type === 'process' &&
        (r.definition === definition || r.definition === '*') &&
        (r.access === access || (r.access === 'manage' && access === 'view')),
    );
  }

  has(right: SecurityRight): boolean {
    return this.rights.some((r) => r.type === 'security' && r.right === right);
  }
}

/** The union of the rights granted to a user, its roles and its workgroups, duplicates removed. */
export function effectiveRights(directory: Directory, userId: string): RightSet {
  const user = directory.get('users', userId);
  if (!user) return new RightSet([]);
  const all: Right[] = [...user.rights];
  for (const roleId of user.roles) all.push(...(directory.get('roles', roleId)?.rights ?? []));
  for (const wgId of user.workgroups) all.push(...(directory.get('workgroups', wgId)?.rights ?? []));
  const seen = new Set<string>();
  return new RightSet(
    all.filter((r) => {
      const key = JSON.stringify(r);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
}

/** Checks that a queue right's narrowed actions belong to its level; answers a message or undefined. */
export function queueRightProblem(right: Right): string | undefined {
  if (right.type !== 'queue' || !right.actions) return undefined;
  const allowed = QUEUE_LEVEL_ACTIONS[right.queueType][right.level];
  const wrong = right.actions.find((a) => !allowed.includes(a));
  return wrong === undefined
    ? undefined
    : `'${wrong}' is not a ${right.level} action on ${right.queueType} queues (allowed: ${allowed.join(', ')})`;
}

export { QUEUE_LEVELS };
