import {
  TandemError,
  specificationsOf,
  type FlowFilter,
  type ProcessInstance,
  type RightSet,
  type TandemStore,
} from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/auth.js';
import { journalView, monitorVariables, summaryOf, waitDescription } from '../process/instance-views.js';
import type { ProcessServer } from '../process/process-server.js';
import type { DirectoryService } from '../services/directory-service.js';
import { definitionId } from './process-routes.js';

const instanceId = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'holds letters, digits and _ . : -');
const params = z.strictObject({ id: instanceId });
const date = z.iso.datetime({ message: 'must be an ISO-8601 date-time like 2026-11-21T09:00:00Z' });
const MAX_VARIABLE_FILTERS = 10;
const monitorQuery = z
  .object({
    definition: definitionId.optional(),
    state: z.string().min(1).max(128).optional(),
    status: z.enum(['waiting', 'error', 'completed', 'cancelled']).optional(),
    originator: z.string().min(1).max(128).optional(),
    from: date.optional(),
    to: date.optional(),
  })
  .catchall(z.string().max(500, 'must be at most 500 characters'));
const noBody = z.strictObject({});
const variablesBody = z.record(z.string().min(1).max(128), z.unknown());

/** `PAS Maximum Monitored Flows`: the most instances one monitor filter may match (default 5000, at least 100). */
export function maxMonitoredFlows(value: unknown): number {
  return typeof value === 'number' && value >= 100 ? Math.floor(value) : 5000;
}

/** The `variable.<name>` filters of a monitor query; anything else unknown is refused, naming it. */
function variableFilters(query: Record<string, string | undefined>): Record<string, string> {
  const known = new Set(['definition', 'state', 'status', 'originator', 'from', 'to']);
  const variables: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (known.has(key) || value === undefined) continue;
    const name = /^variable\.([A-Za-z_][A-Za-z0-9_]{0,127})$/.exec(key)?.[1];
    if (name === undefined)
      throw new TandemError(
        'VALIDATION_FAILED',
        `query.${key}: is not a filter (variable filters are variable.<name>)`,
        {
          issues: [{ path: `query.${key}`, message: 'is not a filter (variable filters are variable.<name>)' }],
        },
      );
    variables[name] = value;
  }
  if (Object.keys(variables).length > MAX_VARIABLE_FILTERS)
    throw new TandemError('VALIDATION_FAILED', `variable: at most ${MAX_VARIABLE_FILTERS} variable filters`, {
      issues: [{ path: 'variable', message: `at most ${MAX_VARIABLE_FILTERS} variable filters` }],
    });
  return variables;
}

/**
 * The process monitor: `GET /api/v1/process-instances` (filters, capped by `PAS Maximum Monitored
 * Flows`), `GET /api/v1/process-instances/{id}` (details, action history, what it waits on),
 * `POST …/{cancel|retry}` and `PATCH …/variables` (manage right). Values of secured variables are
 * left out for users outside their security specification.
 */
export function processInstanceRoutes(deps: {
  processes: ProcessServer;
  directory: DirectoryService;
  store: TandemStore;
}): FastifyPluginAsyncZod {
  const { processes, directory, store } = deps;
  const load = async (id: string, userId: string, rights: RightSet, need: 'view' | 'manage') => {
    const instance = await processes.engine.find(id);
    const access = processes.access(userId, rights, instance.definitionId, instance);
    if (!access[need])
      throw new TandemError(
        'FORBIDDEN',
        `${need === 'view' ? 'viewing' : 'managing'} process instance '${id}' needs the ${need} right on ${instance.definitionId}`,
      );
    return instance;
  };
  const details = async (instance: ProcessInstance, userId: string) => {
    const definition = await processes.definitions.findVersion(instance.definitionId, instance.definitionVersion);
    const viewer = { userId, specifications: specificationsOf(directory.directory, userId) };
    const { variables, secured } = monitorVariables(instance, definition, viewer);
    const pending = instance.pending;
    const workItem =
      pending?.effect.type === 'sendWorkItem' ? await store.processes.getWorkItem(pending.effect.effectId) : undefined;
    return {
      ...summaryOf(instance),
      variables,
      securedVariables: secured,
      waitingOnDescription: pending && instance.status === 'waiting' ? waitDescription(pending.effect, workItem) : null,
      workItem: workItem
        ? {
            interactionId: workItem.interactionId,
            routedTo: workItem.routedTo,
            userId: workItem.userId,
            state: workItem.state,
          }
        : null,
      history: instance.history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
      actions: journalView(await store.processes.effectsOf(instance.id)),
    };
  };
  return async (app) => {
    app.get(
      '/api/v1/process-instances',
      { schema: { tags: ['processes'], summary: 'Search process instances (the monitor)', querystring: monitorQuery } },
      async (request) => {
        const { userId, rights } = authOf(request);
        const q = request.query;
        const max = maxMonitoredFlows(directory.directory.parameter('PAS Maximum Monitored Flows'));
        const filter: FlowFilter = {
          definitionId: q.definition,
          state: q.state,
          status: q.status,
          originator: q.originator,
          from: q.from === undefined ? undefined : Date.parse(q.from),
          to: q.to === undefined ? undefined : Date.parse(q.to),
          variables: variableFilters(q),
          limit: max + 1,
        };
        const rows = await store.processes.searchFlows(filter);
        if (rows.length > max)
          throw new TandemError(
            'VALIDATION_FAILED',
            `query: the filter matches more than ${max} process instances (PAS Maximum Monitored Flows); narrow it`,
            { issues: [{ path: 'query', message: `matches more than ${max} instances; narrow the filter` }] },
          );
        const visible = rows.filter(
          (r) => processes.access(userId, rights, r.definitionId, { originator: r.originator }).view,
        );
        return { items: visible.map((r) => summaryOf(r.doc as unknown as ProcessInstance)), limit: max };
      },
    );
    app.get(
      '/api/v1/process-instances/:id',
      { schema: { tags: ['processes'], summary: 'A process instance: variables, history, what it waits on', params } },
      async (request) => {
        const { userId, rights } = authOf(request);
        return details(await load(request.params.id, userId, rights, 'view'), userId);
      },
    );
    for (const action of ['cancel', 'retry'] as const)
      app.post(
        `/api/v1/process-instances/:id/${action}`,
        {
          schema: {
            tags: ['processes'],
            summary: `${action === 'cancel' ? 'Cancel' : 'Retry'} a process instance`,
            params,
            body: noBody.optional(),
          },
        },
        async (request) => {
          const { userId, rights } = authOf(request);
          const instance = await load(request.params.id, userId, rights, 'manage');
          const input =
            action === 'cancel' ? { type: 'cancel' as const, reason: `by ${userId}` } : { type: 'retry' as const };
          return details(await processes.engine.input(instance.id, input), userId);
        },
      );
    app.patch(
      '/api/v1/process-instances/:id/variables',
      {
        schema: { tags: ['processes'], summary: 'Edit process variables of an instance', params, body: variablesBody },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const instance = await load(request.params.id, userId, rights, 'manage');
        const edited = await processes.engine.editVariables(instance.id, request.body).catch((error: unknown) => {
          throw bodyPaths(error);
        });
        return details(edited, userId);
      },
    );
  };
}

/** Core names a variable `variables.<name>`; in this route's body the variable is the top-level field. */
function bodyPaths(error: unknown): unknown {
  if (!(error instanceof TandemError) || error.code !== 'VALIDATION_FAILED') return error;
  const issues = ((error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? []).map(
    (i) => ({ ...i, path: i.path.replace(/^variables\./, '') }),
  );
  return new TandemError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}
