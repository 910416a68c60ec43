import {
  CONFIG_KINDS,
  KIND_SPECS,
  SERVER_PARAMETERS,
  TandemError,
  effectiveRights,
  queueRightProblem,
  rightNotHeld,
  rightsGainedBy,
  touchesRights,
  type AnyEntity,
  type ConfigKind,
  type FieldIssue,
  type RightSet,
  type Right,
} from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/auth.js';
import { kindAccess } from './config-access.js';
import type { ChangeGuard, DirectoryService } from '../services/directory-service.js';
import type { PresenceService } from '../services/presence-service.js';
import type { SessionService } from '../services/session-service.js';

/** A query number in plain decimal digits (not `0x10`, `1e3` or ` 5`). */
const decimal = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a whole number in decimal digits')
  .transform(Number);
const listQuery = z.strictObject({
  limit: decimal.pipe(z.int().min(1).max(10000)).default(1000),
  offset: decimal.pipe(z.int().min(0)).default(0),
});
const ifMatch = z.object({
  'if-match': z
    .string()
    .regex(/^"?\d+"?$/, 'must be a revision number')
    .optional(),
});

function requireAdmin(rights: RightSet, kind: ConfigKind, access: 'view' | 'modify'): void {
  const area = KIND_SPECS[kind].area;
  if (!rights.canAdmin(area, access))
    throw new TandemError(
      'FORBIDDEN',
      `${access === 'view' ? 'reading' : 'changing'} ${kind} needs the ${area} administrator right (${access})`,
    );
}

/** Granting rights or licences is itself guarded, so a user administrator cannot promote anyone. */
function requireGrantRights(
  rights: RightSet,
  before: Partial<AnyEntity> | undefined,
  after: Record<string, unknown>,
): void {
  const b = before as { rights?: Right[]; licences?: string[] } | undefined;
  if ('rights' in after && touchesRights(b?.rights, after.rights as Right[]) && !rights.canAdmin('rights', 'modify'))
    throw new TandemError('FORBIDDEN', 'granting or removing rights needs the rights administrator right (modify)');
  if (
    'licences' in after &&
    JSON.stringify(b?.licences ?? []) !== JSON.stringify(after.licences) &&
    !rights.canAdmin('licences', 'modify')
  )
    throw new TandemError('FORBIDDEN', 'assigning licences needs the licences administrator right (modify)');
}

/**
 * Refuses a change that would give any user a right the actor does not hold, unless the actor
 * administers rights: otherwise a user administrator could add anyone (itself) to a powerful role
 * or workgroup.
 */
function noEscalation(actor: RightSet): ChangeGuard | undefined {
  if (actor.canAdmin('rights', 'modify')) return undefined;
  return (change, before) => {
    for (const [userId, gained] of rightsGainedBy(before, change)) {
      const missing = rightNotHeld(actor, gained);
      if (missing)
        throw new TandemError(
          'FORBIDDEN',
          `this change would give '${userId}' the right ${JSON.stringify(missing)} that you do not hold; it needs the rights administrator right (modify)`,
        );
    }
  };
}

function checkRightLists(fields: Record<string, unknown>): void {
  const list = fields.rights;
  if (!Array.isArray(list)) return;
  const issues: FieldIssue[] = [];
  (list as Right[]).forEach((right, i) => {
    const problem = queueRightProblem(right);
    if (problem) issues.push({ path: `rights.${i}.actions`, message: problem });
  });
  if (issues.length)
    throw new TandemError('VALIDATION_FAILED', `${issues[0]?.path}: ${issues[0]?.message}`, { issues });
}

function revisionOf(header: string | undefined): number | undefined {
  return header === undefined ? undefined : Number(header.replace(/"/g, ''));
}

/** CRUD under `/api/v1/config/{kind}` for every kind of the directory, guarded by administrator rights. */
export function configRoutes(deps: {
  directory: DirectoryService;
  presence: PresenceService;
  sessions: SessionService;
}): FastifyPluginAsyncZod {
  const { directory, presence, sessions } = deps;
  return async (app) => {
    for (const kind of CONFIG_KINDS) {
      const spec = KIND_SPECS[kind];
      const base = `/api/v1/config/${kind}`;
      const params = z.strictObject({ id: spec.id });
      const tags = [`config: ${kind}`];
      const createBody =
        kind === 'users'
          ? spec.fields.extend({ id: spec.id, password: z.string().min(1).max(256) })
          : spec.fields.extend({ id: spec.id });

      app.get(base, { schema: { tags, summary: `List ${kind}`, querystring: listQuery } }, async (request) => {
        const access = kindAccess(authOf(request).rights, kind, 'view');
        const all = directory.directory
          .list(kind)
          .filter((e) => access.covers(e))
          .map((e) => directory.view(kind, e));
        if (kind === 'server-parameters') {
          const configured = new Set(all.map((p) => p.id as string));
          for (const [name, p] of Object.entries(SERVER_PARAMETERS))
            if (!configured.has(name))
              all.push({ id: name, value: p.default, description: p.description, configured: false });
          all.sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
        }
        const { limit, offset } = request.query;
        return { items: all.slice(offset, offset + limit), total: all.length };
      });

      app.post(
        base,
        { schema: { tags, summary: `Create a ${spec.noun}`, body: createBody } },
        async (request, reply) => {
          const { rights } = authOf(request);
          const access = kindAccess(rights, kind, 'modify');
          const { id, ...fields } = request.body as Record<string, unknown> & { id: string };
          access.requireCreate({ ...fields, id });
          checkRightLists(fields);
          requireGrantRights(rights, undefined, fields);
          const entity = await directory.create(kind, id, fields, { guard: noEscalation(rights) });
          return reply.status(201).header('etag', `"${entity.revision}"`).send(directory.view(kind, entity));
        },
      );

      app.get(`${base}/:id`, { schema: { tags, summary: `Read a ${spec.noun}`, params } }, async (request, reply) => {
        const access = kindAccess(authOf(request).rights, kind, 'view');
        const { id } = request.params;
        const entity = directory.directory.get(kind, id);
        if (entity) access.require(entity);
        if (!entity) {
          const param = kind === 'server-parameters' ? SERVER_PARAMETERS[id] : undefined;
          if (param) return { id, value: param.default, description: param.description, configured: false };
          throw new TandemError('NOT_FOUND', `no ${spec.noun} '${id}'`);
        }
        return reply.header('etag', `"${entity.revision}"`).send(directory.view(kind, entity));
      });

      app.put(
        `${base}/:id`,
        { schema: { tags, summary: `Replace a ${spec.noun}`, params, body: spec.fields, headers: ifMatch } },
        async (request, reply) => {
          const { rights } = authOf(request);
          const access = kindAccess(rights, kind, 'modify');
          const { id } = request.params;
          const fields = request.body;
          const before = directory.directory.get(kind, id);
          if (before) access.require(before);
          // What it becomes must stay within reach too (an account code moved to another group).
          access.require({ ...fields, id });
          checkRightLists(fields);
          requireGrantRights(rights, before, fields);
          const revision = revisionOf(request.headers['if-match']);
          const entity =
            !before && kind === 'server-parameters' && SERVER_PARAMETERS[id]
              ? await directory.create(kind, id, fields, { guard: noEscalation(rights) })
              : await directory.update(kind, id, fields, { expectedRevision: revision, guard: noEscalation(rights) });
          if (kind === 'users' && before && 'enabled' in fields && fields.enabled === false)
            await sessions.endSessionsOfUser(id, 'user-disabled');
          return reply.header('etag', `"${entity.revision}"`).send(directory.view(kind, entity));
        },
      );

      app.delete(
        `${base}/:id`,
        { schema: { tags, summary: `Delete a ${spec.noun}`, params } },
        async (request, reply) => {
          const access = kindAccess(authOf(request).rights, kind, 'modify');
          const { id } = request.params;
          const before = directory.directory.get(kind, id);
          if (before) access.require(before);
          const inUse = () =>
            kind === 'status-messages'
              ? presence
                  .usersIn(id)
                  .map((userId) => ({ kind: 'user-statuses' as const, id: userId, field: 'statusId' }))
              : [];
          await directory.remove(kind, id, inUse);
          if (kind === 'users') {
            await sessions.endSessionsOfUser(id, 'user-deleted');
            presence.forget(id);
          }
          return reply.status(204).send();
        },
      );
    }

    app.post(
      '/api/v1/config/users/:id/password',
      {
        schema: {
          tags: ['config: users'],
          summary: "Reset a user's password",
          params: z.strictObject({ id: KIND_SPECS.users.id }),
          body: z.strictObject({ password: z.string().min(1).max(256), mustChange: z.boolean().default(true) }),
        },
      },
      async (request, reply) => {
        const { rights } = authOf(request);
        requireAdmin(rights, 'users', 'modify');
        // Setting the password of someone with more rights would let the actor become them.
        const missing = rights.canAdmin('rights', 'modify')
          ? undefined
          : rightNotHeld(rights, effectiveRights(directory.directory, request.params.id).rights);
        if (missing)
          throw new TandemError(
            'FORBIDDEN',
            `'${request.params.id}' holds the right ${JSON.stringify(missing)} that you do not; resetting this password needs the rights administrator right (modify)`,
          );
        await directory.setPassword(request.params.id, request.body.password, { mustChange: request.body.mustChange });
        return reply.status(204).send();
      },
    );
  };
}
