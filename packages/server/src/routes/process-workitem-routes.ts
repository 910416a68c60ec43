import { TandemError } from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/auth.js';
import type { ProcessServer } from '../process/process-server.js';
import type { InteractionService } from '../services/interaction-service.js';
import { mayView } from './interaction-routes.js';

const params = z.strictObject({ id: z.string().regex(/^\d{10}$/, 'must be a ten-digit interaction id') });
const data = z.record(z.string().min(1).max(128), z.unknown());
const saveBody = z.strictObject({ data });
const holdBody = z.strictObject({ data: data.optional() });
const submitBody = z.strictObject({ button: z.string().min(1).max(128), data: data.optional() });
const transferBody = z.strictObject({
  target: z.strictObject({ type: z.enum(['user', 'workgroup']), id: z.string().min(1).max(128) }),
});

/**
 * Work items (interactions of type `workitem`): `GET /api/v1/interactions/{id}/workitem` (the form
 * and values you may see), `PUT …/workitem/data` (save), `POST …/workitem/hold` (save the valid
 * data, hold), `POST …/workitem/submit {button}` (the button's exit path), `POST …/workitem/transfer`
 * (to a licensed user, or a workgroup with a queue and a licensed member).
 */
export function processWorkItemRoutes(deps: {
  processes: ProcessServer;
  interactions: InteractionService;
}): FastifyPluginAsyncZod {
  const { processes, interactions } = deps;
  const visible = async (id: string, userId: string, rights: Parameters<typeof mayView>[2]) => {
    const ix = await interactions.find(id);
    if (!mayView(ix, userId, rights))
      throw new TandemError('FORBIDDEN', `interaction ${ix.id} is not on a queue you may view`);
    return ix;
  };
  const plugin: FastifyPluginAsyncZod = async (app) => {
    // The generic transfer (`POST /api/v1/interactions/{id}/transfer`) of a work item obeys the same
    // target rule as the work item transfer: checked before that route's handler runs.
    app.addHook('preHandler', async (request) => {
      if (request.method !== 'POST' || request.routeOptions.url !== '/api/v1/interactions/:id/transfer') return;
      const id = (request.params as { id?: string }).id ?? '';
      const target = (request.body as { target?: { type?: string; id?: string } } | undefined)?.target;
      if (interactions.get(id)?.type !== 'workitem' || (target?.type !== 'user' && target?.type !== 'workgroup'))
        return;
      processes.workItems.checkTransferTarget({ type: target.type, id: target.id ?? '' });
    });
    app.get(
      '/api/v1/interactions/:id/workitem',
      { schema: { tags: ['work items'], summary: 'The work item form and the values you may see', params } },
      async (request) => {
        const { userId, rights } = authOf(request);
        await visible(request.params.id, userId, rights);
        return processes.forms.get(request.params.id, userId);
      },
    );
    app.put(
      '/api/v1/interactions/:id/workitem/data',
      { schema: { tags: ['work items'], summary: 'Save work item data', params, body: saveBody } },
      async (request) => {
        const { userId, rights } = authOf(request);
        await visible(request.params.id, userId, rights);
        return processes.forms.save(request.params.id, userId, request.body.data);
      },
    );
    app.post(
      '/api/v1/interactions/:id/workitem/hold',
      { schema: { tags: ['work items'], summary: 'Hold a work item, saving its valid data', params, body: holdBody } },
      async (request) => {
        const { userId, rights } = authOf(request);
        await visible(request.params.id, userId, rights);
        return processes.forms.hold(request.params.id, userId, request.body.data ?? {});
      },
    );
    app.post(
      '/api/v1/interactions/:id/workitem/submit',
      { schema: { tags: ['work items'], summary: 'Submit a work item with a button', params, body: submitBody } },
      async (request) => {
        const { userId, rights } = authOf(request);
        await visible(request.params.id, userId, rights);
        return processes.forms.submit(request.params.id, userId, request.body.button, request.body.data ?? {});
      },
    );
    app.post(
      '/api/v1/interactions/:id/workitem/transfer',
      {
        schema: {
          tags: ['work items'],
          summary: 'Transfer a work item to a licensed user or workgroup',
          params,
          body: transferBody,
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const ix = await visible(request.params.id, userId, rights);
        if (ix.type !== 'workitem')
          throw new TandemError('INTERACTION_NOT_FOUND', `interaction '${ix.id}' is not a work item`);
        processes.workItems.checkTransferTarget(request.body.target);
        const moved = await interactions.command(
          ix.id,
          { type: 'transfer', target: request.body.target },
          { kind: 'user', userId, rights },
        );
        return interactions.view(moved, { userId, rights });
      },
    );
  };
  // Not encapsulated, so that the hook above also sees the interaction routes.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
}
