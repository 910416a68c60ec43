import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../http/auth.js';
import { mayView } from '../../routes/interaction-routes.js';
import type { InteractionService } from '../../services/interaction-service.js';
import { customAttributes, interactionIdParam, notBlank } from '../webchat/chat-schemas.js';
import { CALLBACK_OUTCOMES, type CallbackService } from './callback-service.js';
import { TandemError } from '@tandem/core';

/** A telephone number as a visitor types it: digits with the usual separators, 3 to 20 digits. */
const telephone = z
  .string()
  .min(3)
  .max(40)
  .regex(/^\+?[0-9 ()./-]+$/, 'must be a telephone number: digits, spaces and + ( ) . / -')
  .refine((t) => {
    const digits = t.replace(/\D/g, '').length;
    return digits >= 3 && digits <= 20;
  }, 'must hold 3 to 20 digits');

const requestBody = z.strictObject({
  workgroup: z.string().min(1).max(128),
  name: notBlank(100),
  telephone,
  subject: z.string().max(500).optional(),
  attributes: customAttributes.optional(),
});

const outcomeBody = z.strictObject({
  outcome: z.enum(CALLBACK_OUTCOMES),
  /** Retry Later only: seconds before the ACD routes it again; default `CallbackSnoozeTimeSeconds`. */
  retryAfterSeconds: z.int().min(1).max(604_800).optional(),
});

/**
 * `POST /api/v1/webchat/callbacks` (customer side, no session) and
 * `POST /api/v1/interactions/:id/callback-outcome` (the agent the callback is assigned to).
 */
export function callbackRoutes(deps: {
  callbacks: CallbackService;
  interactions: InteractionService;
}): FastifyPluginAsyncZod {
  const { callbacks, interactions } = deps;
  return async (app) => {
    app.post(
      '/api/v1/webchat/callbacks',
      {
        config: { auth: 'none' },
        schema: {
          tags: ['callbacks'],
          summary: 'Ask to be called back; routed to the workgroup by the ACD',
          body: requestBody,
          security: [],
        },
      },
      async (request, reply) => {
        const { workgroup, name, telephone: number, subject, attributes } = request.body;
        const created = await callbacks.request({ workgroup, name, telephone: number, subject, attributes });
        return reply.status(201).send({ callbackId: created.id });
      },
    );

    app.post(
      '/api/v1/interactions/:id/callback-outcome',
      {
        schema: {
          tags: ['callbacks'],
          summary: 'Record the outcome of a callback: complete, retry-later (snooze, requeue) or attempt-failed',
          params: z.strictObject({ id: interactionIdParam }),
          body: outcomeBody,
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const ix = interactions.get(request.params.id);
        if (!ix) throw new TandemError('INTERACTION_NOT_FOUND', `no interaction '${request.params.id}' in progress`);
        if (!mayView(ix, userId, rights))
          throw new TandemError('FORBIDDEN', `interaction ${ix.id} is not on a queue you may view`);
        const { outcome, retryAfterSeconds } = request.body;
        const changed = await callbacks.outcome(ix.id, { kind: 'user', userId, rights }, outcome, retryAfterSeconds);
        return interactions.view(changed, { userId, rights });
      },
    );
  };
}
