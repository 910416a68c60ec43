import {
  KIND_SPECS,
  MEDIA_TYPES,
  QUEUE_TYPES,
  TandemError,
  queuesOf,
  type Interaction,
  type InteractionCommand,
  type NewInteraction,
  type RightSet,
} from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/auth.js';
import type { ActivationService } from '../services/activation-service.js';
import type { DirectoryService } from '../services/directory-service.js';
import type { InteractionService } from '../services/interaction-service.js';

const interactionId = z.string().regex(/^\d{10}$/, 'must be a ten-digit interaction id');
const queueRef = z.strictObject({ type: z.enum(QUEUE_TYPES), id: z.string().min(1).max(128) });
const text = (max: number) => z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const attributes = z
  .record(
    z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'attribute names hold letters, digits and _ . : -'),
    z.string().max(10_000),
  )
  .refine((a) => Object.keys(a).length <= 200, 'must hold at most 200 attributes')
  // The server's own attributes (email message keys, chat tokens, callback state) cannot be forged.
  .refine(
    (a) => !Object.keys(a).some((k) => /^(Email|Tandem)_/.test(k)),
    'names starting Email_ or Tandem_ are kept for the server',
  );

const createBody = z.strictObject({
  type: z.enum(MEDIA_TYPES),
  /** An ACD interaction: routed to this workgroup. */
  workgroupId: KIND_SPECS.workgroups.id.optional(),
  priority: z.int().min(0).max(100).optional(),
  skills: z
    .array(z.strictObject({ skillId: KIND_SPECS.skills.id, minProficiency: z.int().min(1).max(100) }))
    .max(20)
    .optional(),
  relaxation: z
    .array(z.strictObject({ afterSeconds: z.int().min(1).max(86_400), lowerBy: z.int().min(1).max(100) }))
    .max(10)
    .optional(),
  attributes: attributes.optional(),
  parentId: interactionId.optional(),
});

/** The body each action takes; the command it becomes. */
const ACTION_BODIES = {
  pickup: z.strictObject({}),
  hold: z.strictObject({}),
  unhold: z.strictObject({}),
  disconnect: z.strictObject({}),
  transfer: z.strictObject({ target: queueRef }),
  park: z.strictObject({ target: queueRef }),
  'wrap-up': z.strictObject({ code: KIND_SPECS['wrap-up-codes'].id }),
  'account-code': z.strictObject({ code: KIND_SPECS['account-codes'].id }),
  notes: z.strictObject({ text: text(4000) }),
  private: z.strictObject({ on: z.boolean() }),
  'request-assistance': z.strictObject({ text: text(2000) }),
  'end-assistance': z.strictObject({}),
} as const;
type ActionName = keyof typeof ACTION_BODIES;

/** The actions posted to `/api/v1/interactions/{id}/{action}`. */
export const ACTION_ROUTES = Object.keys(ACTION_BODIES) as ActionName[];

function toCommand(action: ActionName, body: Record<string, unknown>): InteractionCommand {
  switch (action) {
    case 'transfer':
    case 'park':
      return { type: action, target: body.target as { type: 'user' | 'workgroup' | 'station'; id: string } };
    case 'wrap-up':
      return { type: 'set-wrap-up-code', code: body.code as string };
    case 'account-code':
      return { type: 'set-account-code', code: body.code as string };
    case 'notes':
      return { type: 'add-note', text: body.text as string };
    case 'private':
      return { type: 'set-private', on: body.on as boolean };
    case 'request-assistance':
      return { type: 'request-assistance', text: body.text as string };
    case 'disconnect':
      return { type: 'disconnect', by: 'local' };
    default:
      return { type: action };
  }
}

/** The core input of a create request: optional fields left out rather than undefined. */
function newInteractionOf(body: z.output<typeof createBody>, userId: string): NewInteraction {
  const input: NewInteraction = { type: body.type };
  if (body.workgroupId !== undefined) input.workgroupId = body.workgroupId;
  else input.ownerId = userId;
  if (body.priority !== undefined) input.priority = body.priority;
  if (body.skills) input.skills = body.skills;
  if (body.relaxation) input.relaxation = body.relaxation;
  if (body.attributes) input.attributes = body.attributes;
  if (body.parentId !== undefined) input.parentId = body.parentId;
  return input;
}

/** Whether a user may see an interaction: it is on the user's queue, or on a queue the user may view. */
export function mayView(ix: Interaction, userId: string, rights: RightSet): boolean {
  if (
    ix.userId === userId ||
    ix.participants.some((p) => p.id === userId) ||
    ix.wrapUps.some((w) => w.userId === userId)
  )
    return true;
  return queuesOf(ix).some((q) => (q.type === 'user' && q.id === userId) || rights.canOnQueue(q.type, q.id, 'view'));
}

export function interactionRoutes(deps: {
  interactions: InteractionService;
  activations: ActivationService;
  directory: DirectoryService;
  currentSeq: () => number;
  /** Whether a session is logged on to the station (workstation id or remote number). */
  stationInUse: (id: string) => boolean;
}): FastifyPluginAsyncZod {
  const { interactions, activations, directory } = deps;
  return async (app) => {
    app.post(
      '/api/v1/interactions',
      {
        schema: {
          tags: ['interactions'],
          summary: 'Create an interaction (ACD-routed to a workgroup, or on your own queue)',
          body: createBody,
        },
      },
      async (request, reply) => {
        const { userId, rights } = authOf(request);
        const { workgroupId } = request.body;
        if (workgroupId !== undefined && !rights.canOnQueue('workgroup', workgroupId, 'transfer-target'))
          throw new TandemError(
            'FORBIDDEN',
            `routing interactions to '${workgroupId}' needs the search right on its queue`,
          );
        const created = await interactions.create(newInteractionOf(request.body, userId), {
          kind: 'user',
          userId,
          rights,
        });
        return reply.status(201).send(interactions.view(created, { userId, rights }));
      },
    );

    app.get(
      '/api/v1/interactions/:id',
      {
        schema: {
          tags: ['interactions'],
          summary: 'An interaction, with the actions you may take',
          params: z.strictObject({ id: interactionId }),
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const ix = await interactions.find(request.params.id);
        if (!mayView(ix, userId, rights))
          throw new TandemError('FORBIDDEN', `interaction ${ix.id} is not on a queue you may view`);
        return interactions.view(ix, { userId, rights });
      },
    );

    for (const action of Object.keys(ACTION_BODIES) as ActionName[]) {
      app.post(
        `/api/v1/interactions/:id/${action}`,
        {
          schema: {
            tags: ['interactions'],
            summary: `Interaction action: ${action}`,
            params: z.strictObject({ id: interactionId }),
            body: ACTION_BODIES[action],
          },
        },
        async (request) => {
          const { userId, rights } = authOf(request);
          const ix = interactions.get(request.params.id);
          if (!ix) throw new TandemError('INTERACTION_NOT_FOUND', `no interaction '${request.params.id}' in progress`);
          if (!mayView(ix, userId, rights))
            throw new TandemError('FORBIDDEN', `interaction ${ix.id} is not on a queue you may view`);
          const changed = await interactions.command(ix.id, toCommand(action, request.body), {
            kind: 'user',
            userId,
            rights,
          });
          return interactions.view(changed, { userId, rights });
        },
      );
    }

    const limitQuery = z.strictObject({
      limit: z
        .string()
        .regex(/^\d{1,6}$/, 'must be a whole number')
        .transform(Number)
        .pipe(z.int().min(1))
        .optional(),
    });
    const queueIds = {
      user: KIND_SPECS.users.id,
      workgroup: KIND_SPECS.workgroups.id,
      station: z.string().regex(/^[A-Za-z0-9+][A-Za-z0-9._+-]{0,127}$/, 'must be a station id or number'),
    };
    for (const type of QUEUE_TYPES) {
      app.get(
        `/api/v1/queues/${type}s/:id`,
        {
          schema: {
            tags: ['queues'],
            summary: `The contents of a ${type} queue`,
            params: z.strictObject({ id: queueIds[type] }),
            querystring: limitQuery,
          },
        },
        async (request, reply) => {
          const { userId, rights } = authOf(request);
          const { id } = request.params;
          if (!(type === 'user' && id === userId) && !rights.canOnQueue(type, id, 'view'))
            throw new TandemError('FORBIDDEN', `viewing the ${type} queue ${id} needs the view right on it`);
          if (type === 'workgroup' && !directory.directory.has('workgroups', id))
            throw new TandemError('NOT_FOUND', `no workgroup '${id}'`);
          if (type === 'user' && !directory.directory.has('users', id))
            throw new TandemError('NOT_FOUND', `no user '${id}'`);
          if (type === 'station' && !deps.stationInUse(id) && interactions.queue({ type, id }, 1).total === 0)
            throw new TandemError('NOT_FOUND', `no station '${id}' is logged on to or holds interactions`);
          const max = directory.directory.intParameter('InteractionConnectMaxQueueLimit');
          const limit = Math.min(
            request.query.limit ?? directory.directory.intParameter('InteractionConnectDefaultQueueLimit'),
            max,
          );
          const { items, total } = interactions.queue({ type, id }, limit);
          void reply.header('x-tandem-seq', String(deps.currentSeq()));
          return {
            queue: `${type}:${id}`,
            limit,
            total,
            items: items.map((ix) => interactions.view(ix, { userId, rights })),
          };
        },
      );
    }

    const userParams = z.strictObject({ userId: KIND_SPECS.users.id });
    app.get(
      '/api/v1/activations/users/:userId',
      { schema: { tags: ['activations'], summary: "A user's workgroup activations", params: userParams } },
      async (request) => {
        if (!directory.directory.has('users', request.params.userId))
          throw new TandemError('NOT_FOUND', `no user '${request.params.userId}'`);
        return { userId: request.params.userId, workgroups: activations.list(request.params.userId) };
      },
    );
    app.put(
      '/api/v1/activations/users/:userId',
      {
        schema: {
          tags: ['activations'],
          summary: 'Activate or deactivate a user in workgroups (self: activate-self; others: activate-others)',
          params: userParams,
          body: z.strictObject({
            workgroups: z
              .array(z.strictObject({ workgroupId: KIND_SPECS.workgroups.id, active: z.boolean() }))
              .min(1)
              .max(200),
          }),
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const workgroups = await activations.set({ userId, rights }, request.params.userId, request.body.workgroups);
        return { userId: request.params.userId, workgroups };
      },
    );
  };
}
