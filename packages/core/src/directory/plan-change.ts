import { TandemError, type FieldIssue } from '../errors.js';
import { isConcurrentLicence, type LicenceType } from '../licences/licence.js';
import type { Right } from '../rights/right.js';
import { SYSTEM_STATUS_IDS } from './default-statuses.js';
import type { Directory, DirectoryChange } from './directory.js';
import { toRecord, type AnyEntity, type DirectoryRecord, type User } from './entities.js';
import { KIND_SPECS, type ConfigKind } from './kinds.js';
import { findReferrers, type Referrer } from './referrers.js';
import { validateParameter, type ParameterValue } from './server-parameters.js';

/** Fields already parsed by the kind's schema (`KIND_SPECS[kind].fields`). */
export type ParsedFields = Record<string, unknown>;

export interface PlanContext {
  directory: Directory;
  now: number;
}

function referenceIssues(ctx: PlanContext, kind: ConfigKind, fields: ParsedFields): FieldIssue[] {
  const { directory } = ctx;
  const issues: FieldIssue[] = [];
  const must = (target: ConfigKind, ids: unknown, path: string) => {
    if (!Array.isArray(ids)) return;
    ids.forEach((id, i) => {
      if (typeof id === 'string' && !directory.has(target, id))
        issues.push({ path: `${path}.${i}`, message: `no ${KIND_SPECS[target].noun} '${id}'` });
    });
  };
  const skills = (list: unknown, path: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((s: { skillId: string }, i) => {
      if (!directory.has('skills', s.skillId))
        issues.push({ path: `${path}.${i}.skillId`, message: `no skill '${s.skillId}'` });
    });
  };
  if (kind === 'users') {
    must('roles', fields.roles, 'roles');
    must('workgroups', fields.workgroups, 'workgroups');
    must('status-messages', fields.allowedStatuses, 'allowedStatuses');
    skills(fields.skills, 'skills');
  }
  if (kind === 'workgroups') {
    must('users', fields.members, 'members');
    must('users', fields.supervisors, 'supervisors');
    must('wrap-up-codes', fields.wrapUpCodes, 'wrapUpCodes');
    skills(fields.skills, 'skills');
  }
  if (kind === 'security-specifications') {
    must('users', fields.users, 'users');
    must('roles', fields.roles, 'roles');
    must('workgroups', fields.workgroups, 'workgroups');
  }
  if (kind === 'response-libraries' && typeof fields.owner === 'string') must('users', [fields.owner], 'owner');
  if (kind === 'widgets' && typeof fields.workgroup === 'string' && !directory.has('workgroups', fields.workgroup))
    issues.push({ path: 'workgroup', message: `no workgroup '${fields.workgroup}'` });
  return issues;
}

/** Named licences may be assigned to at most `count` users; returns the issue, if any. */
function licenceIssues(directory: Directory, users: User[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const changedIds = new Set(users.map((u) => u.id));
  const holders = new Map<string, number>();
  for (const user of [...directory.list('users').filter((u) => !changedIds.has(u.id)), ...users])
    for (const type of user.licences) holders.set(type, (holders.get(type) ?? 0) + 1);
  for (const [type, count] of holders) {
    if (isConcurrentLicence(type as LicenceType)) continue;
    const available = directory.get('licences', type)?.count ?? 0;
    if (count > available)
      issues.push({
        path: 'licences',
        message: `licence '${type}' is assigned to ${count} users but only ${available} are licensed`,
      });
  }
  return issues;
}

function fail(issues: FieldIssue[]): never {
  const first = issues[0] as FieldIssue;
  throw new TandemError('VALIDATION_FAILED', `${first.path}: ${first.message}`, { issues });
}

function entityOf(
  kind: ConfigKind,
  id: string,
  fields: ParsedFields,
  revision: number,
  createdAt: number,
  now: number,
): AnyEntity {
  const { members: _members, password: _password, ...rest } = fields;
  return { ...rest, id, revision, createdAt, updatedAt: now } as unknown as AnyEntity;
}

/**
 * Plans a create or a full update of one entity: validates what needs the rest of the directory
 * (references exist, licence counts hold, parameter types), and answers every record to write:
 * the entity itself and, for a workgroup's `members`, the users whose membership changes.
 * Throws `TandemError` (VALIDATION_FAILED, ALREADY_EXISTS, NOT_FOUND, REVISION_CONFLICT, LICENCE_LIMIT_REACHED).
 */
export function planUpsert(
  ctx: PlanContext,
  op: { kind: ConfigKind; id: string; fields: ParsedFields; create: boolean; expectedRevision?: number },
): DirectoryChange {
  const { directory, now } = ctx;
  const { kind, id, create } = op;
  const fields = { ...op.fields };
  const existing = directory.get(kind, id);
  if (create && existing)
    throw new TandemError('ALREADY_EXISTS', `${KIND_SPECS[kind].noun} '${id}' already exists`, {
      issues: [{ path: 'id', message: 'is taken' }],
    });
  if (!create && !existing) throw new TandemError('NOT_FOUND', `no ${KIND_SPECS[kind].noun} '${id}'`);
  if (existing && op.expectedRevision !== undefined && existing.revision !== op.expectedRevision)
    throw new TandemError(
      'REVISION_CONFLICT',
      `${KIND_SPECS[kind].noun} '${id}' is at revision ${existing.revision}, not ${op.expectedRevision}`,
    );

  const issues = referenceIssues(ctx, kind, fields);
  if (issues.length) fail(issues);
  if (kind === 'server-parameters') fields.value = validateParameter(id, fields.value as ParameterValue);
  if (
    kind === 'status-messages' &&
    existing &&
    id === SYSTEM_STATUS_IDS.agentNotAnswering &&
    fields.systemOnly === false
  )
    fail([{ path: 'systemOnly', message: 'the ACD sets this status itself; it stays system-only' }]);

  const upserts: DirectoryRecord[] = [];
  const entity = entityOf(kind, id, fields, (existing?.revision ?? 0) + 1, existing?.createdAt ?? now, now);
  upserts.push(toRecord(kind, entity));
  const changedUsers: User[] = kind === 'users' ? [entity as User] : [];

  if (kind === 'workgroups' && Array.isArray(fields.members)) {
    const wanted = new Set(fields.members as string[]);
    for (const user of directory.list('users')) {
      const isMember = user.workgroups.includes(id);
      if (isMember === wanted.has(user.id)) continue;
      const workgroups = isMember ? user.workgroups.filter((w) => w !== id) : [...user.workgroups, id];
      const changed: User = { ...user, workgroups, revision: user.revision + 1, updatedAt: now };
      changedUsers.push(changed);
      upserts.push(toRecord('users', changed));
    }
  }
  if (kind === 'users') {
    const licenceProblems = licenceIssues(directory, changedUsers);
    if (licenceProblems.length)
      throw new TandemError('LICENCE_LIMIT_REACHED', (licenceProblems[0] as FieldIssue).message, {
        issues: licenceProblems,
      });
  }
  if (kind === 'licences' && !isConcurrentLicence(id as LicenceType)) {
    const holders = directory.list('users').filter((u) => (u.licences as string[]).includes(id)).length;
    if ((fields.count as number) < holders)
      throw new TandemError(
        'LICENCE_LIMIT_REACHED',
        `count: ${holders} users hold licence '${id}'; take it from them first`,
        {
          issues: [{ path: 'count', message: `must be at least ${holders}, the users who hold it` }],
        },
      );
  }
  return { upserts, deletes: [] };
}

/** Plans a delete: refused while anything still names the entity, or when the server relies on it. */
export function planDelete(ctx: PlanContext, kind: ConfigKind, id: string, inUse: Referrer[] = []): DirectoryChange {
  const { directory } = ctx;
  if (!directory.has(kind, id)) throw new TandemError('NOT_FOUND', `no ${KIND_SPECS[kind].noun} '${id}'`);
  if (kind === 'status-messages' && (Object.values(SYSTEM_STATUS_IDS) as string[]).includes(id))
    throw new TandemError('STILL_REFERENCED', `status message '${id}' is used by the server itself`, {
      referrers: [{ kind: 'system', id: 'server', field: 'status' }],
    });
  const referrers = [...findReferrers(directory, kind, id), ...inUse];
  if (referrers.length) {
    const named = referrers
      .slice(0, 5)
      .map((r) => `${r.kind}/${r.id} (${r.field})`)
      .join(', ');
    throw new TandemError(
      'STILL_REFERENCED',
      `${KIND_SPECS[kind].noun} '${id}' is still referenced by ${named}${referrers.length > 5 ? ` and ${referrers.length - 5} more` : ''}`,
      { referrers },
    );
  }
  return { upserts: [], deletes: [{ kind, id }] };
}

/** Whether a right list grants something dangerous enough to need the `rights` admin area. */
export function touchesRights(before: readonly Right[] | undefined, after: readonly Right[] | undefined): boolean {
  return JSON.stringify(before ?? []) !== JSON.stringify(after ?? []);
}
