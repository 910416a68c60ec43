import { TandemError, effectiveLicences, type DefinitionRecord, type RightSet } from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/auth.js';
import type { DirectoryService } from '../services/directory-service.js';
import type { StoredDefinition } from '../process/definition-registry.js';
import { summaryOf } from '../process/instance-views.js';
import type { ProcessServer } from '../process/process-server.js';

export const definitionId = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'holds letters, digits and _ . -');
const params = z.strictObject({ id: definitionId });
/** A definition document: its shape and meaning are checked by core's parser, which names each path. */
const definitionBody = z.record(z.string(), z.unknown());
const launchBody = z.strictObject({ inputs: z.record(z.string().max(128), z.unknown()).optional() });

const STATUS = { draft: 'draft', active: 'published', inactive: 'deactivated' } as const;

/** What the API shows of a definition record. */
export function definitionView(stored: StoredDefinition) {
  const r: DefinitionRecord = stored.record;
  const latest = r.versions[r.versions.length - 1]?.definition;
  return {
    id: r.id,
    name: (r.draft ?? latest)?.name ?? r.id,
    status: STATUS[r.status],
    revision: stored.revision,
    activeVersion: r.activeVersion,
    updatedAt: new Date(r.updatedAt).toISOString(),
    draft: r.draft,
    versions: r.versions.map((v) => ({
      version: v.version,
      publishedAt: new Date(v.publishedAt).toISOString(),
      publishedBy: v.publishedBy,
      definition: v.definition,
    })),
  };
}

/**
 * Process definitions: `GET|POST /api/v1/processes`, `GET|PUT /api/v1/processes/{id}`,
 * `POST /api/v1/processes/{id}/{publish|activate|deactivate|launch}`. Designing (create, save,
 * publish, activate, deactivate) needs the manage right on the process and the process-designer
 * licence; launching the launch right and a process licence; reading any right on it.
 */
export function processRoutes(deps: { processes: ProcessServer; directory: DirectoryService }): FastifyPluginAsyncZod {
  const { processes, directory } = deps;
  const designer = (userId: string, rights: RightSet, id: string) => {
    const licences = effectiveLicences(directory.directory.get('users', userId)?.licences ?? []);
    if (!licences.includes('process-designer'))
      throw new TandemError('LICENCE_UNAVAILABLE', 'designing processes needs the process-designer licence');
    if (!rights.canProcess(id, 'manage'))
      throw new TandemError('FORBIDDEN', `designing process '${id}' needs the manage right on it`);
  };
  const mayRead = (userId: string, rights: RightSet, id: string) => {
    const a = processes.access(userId, rights, id);
    return a.view || a.launch || a.manage || rights.canProcess(id, 'launch');
  };
  return async (app) => {
    app.get(
      '/api/v1/processes',
      { schema: { tags: ['processes'], summary: 'Process definitions you have a right to' } },
      async (request) => {
        const { userId, rights } = authOf(request);
        const items = processes.definitions.list().filter((d) => mayRead(userId, rights, d.record.id));
        return { items: items.map((d) => ({ ...definitionView(d), draft: undefined, versions: undefined })) };
      },
    );
    app.post(
      '/api/v1/processes',
      { schema: { tags: ['processes'], summary: 'Create a process definition (a draft)', body: definitionBody } },
      async (request, reply) => {
        const { userId, rights } = authOf(request);
        const id = typeof request.body['id'] === 'string' ? request.body['id'] : '';
        designer(userId, rights, id === '' ? '*' : id);
        const created = await processes.definitions.create(request.body);
        return reply.code(201).send(definitionView(created));
      },
    );
    app.get(
      '/api/v1/processes/:id',
      { schema: { tags: ['processes'], summary: 'A process definition: draft and published versions', params } },
      async (request) => {
        const { userId, rights } = authOf(request);
        const found = await processes.definitions.current(request.params.id);
        if (!mayRead(userId, rights, found.record.id))
          throw new TandemError('FORBIDDEN', `process '${found.record.id}' needs a right on it`);
        return definitionView(found);
      },
    );
    app.put(
      '/api/v1/processes/:id',
      {
        schema: {
          tags: ['processes'],
          summary: 'Save the draft of a process definition',
          params,
          body: definitionBody,
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        designer(userId, rights, request.params.id);
        return definitionView(await processes.definitions.saveDraft(request.params.id, request.body));
      },
    );
    for (const action of ['publish', 'activate', 'deactivate'] as const)
      app.post(
        `/api/v1/processes/:id/${action}`,
        {
          schema: {
            tags: ['processes'],
            summary: `${action[0]?.toUpperCase()}${action.slice(1)} a process definition`,
            params,
          },
        },
        async (request) => {
          const { userId, rights } = authOf(request);
          const { id } = request.params;
          designer(userId, rights, id);
          await processes.definitions.load(id);
          const defs = processes.definitions;
          const changed =
            action === 'publish'
              ? await defs.publish(id, userId)
              : action === 'activate'
                ? await defs.activate(id)
                : await defs.deactivate(id);
          return definitionView(changed);
        },
      );
    app.post(
      '/api/v1/processes/:id/launch',
      {
        schema: { tags: ['processes'], summary: 'Launch an instance of the active version', params, body: launchBody },
      },
      async (request, reply) => {
        const { userId, rights } = authOf(request);
        const { id } = request.params;
        await processes.definitions.load(id);
        if (!processes.access(userId, rights, id).launch)
          throw new TandemError('FORBIDDEN', `launching process '${id}' needs the launch right and a process licence`);
        const instance = await processes.engine.launch({
          definitionId: id,
          originator: userId,
          ...(request.body.inputs ? { inputs: request.body.inputs } : {}),
        });
        return reply.code(201).send(summaryOf(instance));
      },
    );
  };
}
