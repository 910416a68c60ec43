import { TandemError, type Interaction, type RightSet } from '@tandem/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../../http/auth.js';
import { mayView } from '../../routes/interaction-routes.js';
import type { InteractionService } from '../../services/interaction-service.js';
import { interactionIdParam, messageText, transcriptQuery } from './chat-schemas.js';
import { inviteView, type FileTransfers } from './file-transfer.js';
import type { WebChatService } from './webchat-service.js';

const params = z.strictObject({ id: interactionIdParam });
const tags = ['web chat (agent)'];

/** Safe to show inline in the agent client; anything else is served as a download. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The agent side of chats, under `/api/v1/interactions/:id/chat/*` (session auth). Writing and
 * typing are for the users connected to the chat; reading the transcript and downloading its
 * files, for anyone who may view the interaction.
 */
export function agentChatRoutes(deps: {
  chat: WebChatService;
  files: FileTransfers;
  interactions: InteractionService;
}): FastifyPluginAsyncZod {
  const { chat, files, interactions } = deps;
  const viewable = (ix: Interaction, userId: string, rights: RightSet): Interaction => {
    if (!mayView(ix, userId, rights))
      throw new TandemError('FORBIDDEN', `interaction ${ix.id} is not on a queue you may view`);
    return ix;
  };
  const live = (id: string): Interaction => {
    const ix = interactions.get(id);
    if (!ix) throw new TandemError('INTERACTION_NOT_FOUND', `no interaction '${id}' in progress`);
    return ix;
  };

  return async (app) => {
    app.post(
      '/api/v1/interactions/:id/chat/messages',
      {
        schema: {
          tags,
          summary: 'Write in a chat you are connected to',
          params,
          body: z.strictObject({ text: messageText }),
        },
      },
      async (request, reply) => {
        const { userId, rights } = authOf(request);
        viewable(live(request.params.id), userId, rights);
        const message = await chat.postAgent(request.params.id, userId, request.body.text);
        return reply.status(201).send(message);
      },
    );

    app.get(
      '/api/v1/interactions/:id/chat/messages',
      {
        schema: {
          tags,
          summary: 'The transcript of a chat after a seq',
          params,
          querystring: z.strictObject(transcriptQuery),
        },
      },
      async (request) => {
        const { userId, rights } = authOf(request);
        const ix = viewable(await interactions.find(request.params.id), userId, rights);
        const messages = await chat.transcripts.read(ix.id, request.query.after ?? 0, request.query.limit ?? 100);
        return { interactionId: ix.id, messages };
      },
    );

    app.put(
      '/api/v1/interactions/:id/chat/typing',
      {
        schema: {
          tags,
          summary: 'Tell the chat whether you are typing',
          params,
          body: z.strictObject({ on: z.boolean() }),
        },
      },
      async (request, reply) => {
        const { userId, rights } = authOf(request);
        viewable(live(request.params.id), userId, rights);
        chat.agentTyping(request.params.id, userId, request.body.on);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/v1/interactions/:id/chat/file-invites',
      {
        schema: {
          tags,
          summary: 'Invite the web chat visitor to send files (Inbound File Transfer Settings apply)',
          params,
          body: z.strictObject({
            minutes: z.int().min(1).max(300).optional(),
            maxFiles: z.int().min(1).max(25).optional(),
          }),
        },
      },
      async (request, reply) => {
        const { userId, rights } = authOf(request);
        viewable(live(request.params.id), userId, rights);
        const invite = await files.invite(request.params.id, userId, request.body);
        return reply.status(201).send(inviteView(invite));
      },
    );

    app.get(
      '/api/v1/interactions/:id/chat/files/:attachmentId',
      {
        schema: {
          tags,
          summary: 'Download a file the visitor sent',
          params: z.strictObject({
            id: interactionIdParam,
            attachmentId: z
              .string()
              .min(1)
              .max(200)
              .regex(/^[A-Za-z0-9_.:-]+$/, 'must be a file id'),
          }),
        },
      },
      async (request, reply) => {
        const { userId, rights } = authOf(request);
        viewable(await interactions.find(request.params.id), userId, rights);
        const { attachment, data } = await files.download(request.params.id, request.params.attachmentId);
        const inline = INLINE_TYPES.has(attachment.contentType);
        return reply
          .header('content-type', inline ? attachment.contentType : 'application/octet-stream')
          .header(
            'content-disposition',
            `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
          )
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(Buffer.from(data));
      },
    );
  };
}
