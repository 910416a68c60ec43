import { TandemError } from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/auth.js';
import type { DirectoryService } from '../services/directory-service.js';
import type { InteractionService } from '../services/interaction-service.js';
import { mayView } from './interaction-routes.js';

const params = z.strictObject({ id: z.string().regex(/^\d{10}$/, 'must be a ten-digit interaction id') });

/**
 * `GET /api/v1/interactions/{id}/wrap-up-codes`: the codes an agent may pick for an interaction,
 * those of the workgroup of the agent's open wrap-up prompt, else of the workgroup it came through.
 * Agents have no right to the configuration of wrap-up codes; this is what the prompt shows them.
 */
export function wrapUpCodeRoutes(deps: {
  interactions: InteractionService;
  directory: DirectoryService;
}): FastifyPluginAsyncZod {
  const { interactions, directory } = deps;
  return async (app) => {
    app.get(
      '/api/v1/interactions/:id/wrap-up-codes',
      {
        schema: {
          tags: ['interactions'],
          summary: 'The wrap-up codes you may choose for an interaction (its workgroup’s)',
          params,
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const ix = await interactions.find(request.params.id);
        if (!mayView(ix, userId, rights))
          throw new TandemError('FORBIDDEN', `interaction ${ix.id} is not on a queue you may view`);
        const pending = ix.wrapUps.find((w) => w.userId === userId && w.state === 'pending');
        const workgroupId = pending?.workgroupId ?? ix.workgroupId;
        const workgroup = workgroupId === undefined ? undefined : directory.directory.get('workgroups', workgroupId);
        const codes = (workgroup?.wrapUpCodes ?? []).map((id) => {
          const code = directory.directory.get('wrap-up-codes', id);
          return {
            id,
            displayName: code?.displayName ?? id,
            ...(code?.category === undefined ? {} : { category: code.category }),
          };
        });
        return {
          interactionId: ix.id,
          workgroupId: workgroupId ?? null,
          pending: pending === undefined ? null : { deadline: pending.deadline },
          codes,
        };
      },
    );
  };
}
