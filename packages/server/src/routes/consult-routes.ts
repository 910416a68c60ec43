import { KIND_SPECS, TandemError, type ActingUser, type Interaction } from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/auth.js';
import type { DirectoryService } from '../services/directory-service.js';
import type { InteractionService } from '../services/interaction-service.js';

const params = z.strictObject({ id: z.string().regex(/^\d{10}$/, 'must be a ten-digit interaction id') });
const consultRef = z.strictObject({ consultId: z.string().regex(/^\d{10}$/, 'must be a ten-digit interaction id') });

/**
 * Consult transfer and conference of chats. A consult is an intercom chat between the agent and
 * the colleague, a child of the customer's chat; completing it transfers the customer's chat to the
 * colleague, cancelling it leaves the chat with the agent. A conference adds a colleague to the chat.
 */
export function consultRoutes(deps: {
  interactions: InteractionService;
  directory: DirectoryService;
}): FastifyPluginAsyncZod {
  const { interactions, directory } = deps;
  const ownChat = (id: string, actor: ActingUser): Interaction => {
    const ix = interactions.get(id);
    if (!ix) throw new TandemError('INTERACTION_NOT_FOUND', `no interaction '${id}' in progress`);
    if (ix.type !== 'chat')
      throw new TandemError('ACTION_NOT_ALLOWED', 'consult transfer and conference are for chats');
    if (ix.userId !== actor.userId) throw new TandemError('NOT_ASSIGNED', `interaction ${id} is not assigned to you`);
    return ix;
  };
  const consultOf = (parent: Interaction, consultId: string): Interaction => {
    const consult = interactions.get(consultId);
    if (!consult || consult.parentId !== parent.id || consult.state === 'disconnected')
      throw new TandemError(
        'VALIDATION_FAILED',
        `consultId: no open consult ${consultId} on interaction ${parent.id}`,
        {
          issues: [{ path: 'consultId', message: 'is not an open consult of this interaction' }],
        },
      );
    return consult;
  };
  const colleague = (userId: string) => {
    const user = directory.directory.get('users', userId);
    if (!user)
      throw new TandemError('VALIDATION_FAILED', `userId: no user '${userId}'`, {
        issues: [{ path: 'userId', message: 'no such user' }],
      });
    return user;
  };

  return async (app) => {
    const tags = ['interactions'];
    app.post(
      '/api/v1/interactions/:id/consult',
      {
        schema: {
          tags,
          summary: 'Consult a colleague about a chat (intercom chat, child of it)',
          params,
          body: z.strictObject({ userId: KIND_SPECS.users.id }),
        },
      },
      async (request, reply) => {
        const { userId, rights } = authOf(request);
        const actor: ActingUser = { kind: 'user', userId, rights };
        if (!rights.has('transfer')) throw new TandemError('FORBIDDEN', 'consult transfer needs the Transfer right');
        const parent = ownChat(request.params.id, actor);
        const target = colleague(request.body.userId);
        const consult = await interactions.create(
          {
            type: 'chat',
            direction: 'intercom',
            ownerId: userId,
            parentId: parent.id,
            participants: [{ id: target.id, kind: 'user', displayName: target.displayName }],
          },
          actor,
        );
        await interactions.command(parent.id, { type: 'link-child', childId: consult.id }, { kind: 'system' });
        return reply.status(201).send(interactions.view(consult, { userId, rights }));
      },
    );
    app.post(
      '/api/v1/interactions/:id/consult/complete',
      {
        schema: {
          tags,
          summary: 'Complete a consult transfer: the chat goes to the consulted colleague',
          params,
          body: consultRef,
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const actor: ActingUser = { kind: 'user', userId, rights };
        const parent = ownChat(request.params.id, actor);
        const consult = consultOf(parent, request.body.consultId);
        const target = consult.participants.find((p) => p.kind === 'user' && p.id !== userId);
        if (!target) throw new TandemError('ACTION_NOT_ALLOWED', 'the consult has no colleague to transfer to');
        const moved = await interactions.command(
          parent.id,
          { type: 'transfer', target: { type: 'user', id: target.id } },
          actor,
        );
        await interactions.command(consult.id, { type: 'disconnect', by: 'local' }, actor);
        return interactions.view(moved, { userId, rights });
      },
    );
    app.post(
      '/api/v1/interactions/:id/consult/cancel',
      { schema: { tags, summary: 'Cancel a consult: the chat stays with you', params, body: consultRef } },
      async (request) => {
        const { userId, rights } = authOf(request);
        const actor: ActingUser = { kind: 'user', userId, rights };
        const parent = ownChat(request.params.id, actor);
        const consult = consultOf(parent, request.body.consultId);
        await interactions.command(consult.id, { type: 'disconnect', by: 'local' }, actor);
        return interactions.view(interactions.get(parent.id) ?? parent, { userId, rights });
      },
    );
    app.post(
      '/api/v1/interactions/:id/conference',
      {
        schema: {
          tags,
          summary: 'Add a colleague to a chat (conference)',
          params,
          body: z.strictObject({ userId: KIND_SPECS.users.id }),
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const actor: ActingUser = { kind: 'user', userId, rights };
        ownChat(request.params.id, actor);
        const target = colleague(request.body.userId);
        const changed = await interactions.command(
          request.params.id,
          { type: 'add-participant', participant: { id: target.id, kind: 'user', displayName: target.displayName } },
          actor,
        );
        return interactions.view(changed, { userId, rights });
      },
    );
  };
}
