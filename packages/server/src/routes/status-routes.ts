import { KIND_SPECS, TandemError, phoneNumber, selectableStatuses } from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/auth.js';
import type { DirectoryService } from '../services/directory-service.js';
import type { PresenceService } from '../services/presence-service.js';

const userParams = z.strictObject({ userId: KIND_SPECS.users.id });
const statusBody = z.strictObject({
  statusId: KIND_SPECS['status-messages'].id,
  notes: z.string().max(500, 'must be at most 500 characters').optional(),
  /** Epoch milliseconds. */
  until: z.int('must be epoch milliseconds').min(0).max(8_640_000_000_000_000).optional(),
  forwardNumber: phoneNumber.min(1).optional(),
});

/** Presence: the status catalogue and users' statuses. Any logged-on user may read them (company directory). */
export function statusRoutes(deps: {
  directory: DirectoryService;
  presence: PresenceService;
  currentSeq: () => number;
}): FastifyPluginAsyncZod {
  const { directory, presence } = deps;
  return async (app) => {
    app.get(
      '/api/v1/status/status-messages',
      { schema: { tags: ['presence'], summary: 'Status messages, with those this user may select' } },
      async (request) => {
        const { userId, rights } = authOf(request);
        const selectable = new Set(selectableStatuses(directory.directory, userId, rights).map((s) => s.id));
        return {
          items: directory.directory.list('status-messages').map((s) => ({ ...s, selectable: selectable.has(s.id) })),
        };
      },
    );

    app.get(
      '/api/v1/status/user-statuses',
      {
        schema: {
          tags: ['presence'],
          summary: 'Statuses of many users (all when no userIds)',
          querystring: z.strictObject({ userIds: z.string().max(100_000).optional() }),
        },
      },
      async (request, reply) => {
        const ids = request.query.userIds
          ? request.query.userIds.split(',').filter(Boolean)
          : directory.directory.list('users').map((u) => u.id);
        const bad = ids.find((id) => !KIND_SPECS.users.id.safeParse(id).success);
        if (bad !== undefined)
          throw new TandemError('VALIDATION_FAILED', `query.userIds: '${bad.slice(0, 40)}' is not a user id`, {
            issues: [{ path: 'query.userIds', message: 'holds a bad id' }],
          });
        // The seq lets a client subscribe to `user-status` from exactly this point, with no gap.
        void reply.header('x-tandem-seq', String(deps.currentSeq()));
        return {
          items: ids.filter((id) => directory.directory.has('users', id)).map((id) => presence.view(presence.get(id))),
        };
      },
    );

    app.get(
      '/api/v1/status/user-statuses/:userId',
      { schema: { tags: ['presence'], summary: "A user's status", params: userParams } },
      async (request, reply) => {
        const { userId } = request.params;
        if (!directory.directory.has('users', userId)) throw new TandemError('NOT_FOUND', `no user '${userId}'`);
        void reply.header('x-tandem-seq', String(deps.currentSeq()));
        return presence.view(presence.get(userId));
      },
    );

    app.put(
      '/api/v1/status/user-statuses/:userId',
      {
        schema: {
          tags: ['presence'],
          summary: "Set a user's status (another user's needs Change Status Users)",
          params: userParams,
          body: statusBody,
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const status = await presence.set({ userId, rights }, request.params.userId, request.body);
        return presence.view(status);
      },
    );
  };
}
