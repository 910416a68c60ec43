import type { WebSocket } from '@fastify/websocket';
import type { Interaction } from '@tandem/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../http/error-handler.js';
import { IN_CONVERSATION, customerOf } from './chat-identity.js';
import {
  chatTokenOf,
  customAttributes,
  interactionIdParam,
  messageText,
  notBlank,
  tokenQuery,
  transcriptQuery,
} from './chat-schemas.js';
import { customerView } from './customer-events.js';
import { serveCustomerSocket } from './customer-socket.js';
import { inviteOf, inviteView } from './file-transfer.js';
import type { WebChatService } from './webchat-service.js';

const startBody = z.strictObject({
  workgroup: z.string().min(1).max(128),
  displayName: notBlank(100),
  email: z.email('must be an email address').max(254).optional(),
  attributes: customAttributes.optional(),
  routingContexts: z
    .array(
      z.strictObject({
        context: z.string().min(1).max(128),
        category: z
          .string()
          .min(1)
          .max(64)
          .regex(/^[A-Za-z0-9_.-]+$/, 'a category holds letters, digits and _ . -'),
      }),
    )
    .max(20)
    .optional(),
});

const chatParams = z.strictObject({ chatId: interactionIdParam });
const none = { auth: 'none' as const };
const tags = ['web chat (customer)'];

/** What the customer may know of the chat: where it stands, who serves it, an open file invitation. */
function chatView(chat: WebChatService, ix: Interaction, now: number) {
  const state =
    ix.state === 'disconnected'
      ? 'ended'
      : ix.state === 'held'
        ? 'held'
        : IN_CONVERSATION.has(ix.state)
          ? 'connected'
          : 'waiting';
  const agents = IN_CONVERSATION.has(ix.state) && ix.userId !== undefined ? [chat.displayNameOf(ix.userId)] : [];
  for (const p of ix.participants) if (p.kind === 'user' && p.leftAt === undefined) agents.push(p.displayName);
  const invite = inviteOf(ix);
  const open = invite && invite.expiresAt > now && invite.received < invite.maxFiles && state !== 'ended';
  return {
    chatId: ix.id,
    participantId: customerOf(ix).participantId,
    state,
    agents,
    ...(open ? { fileInvite: inviteView(invite) } : {}),
  };
}

/**
 * The customer API of web chat (DESIGN.md "Customer side"): no agent session; each request carries
 * the chat's token (`Authorization: Bearer` or `?token=`). Input is validated before the token is
 * checked, so bad input answers 400 naming the field; then an unknown chat answers 404 and a wrong
 * token 401.
 */
export function customerRoutes(deps: { chat: WebChatService; now: () => number }): FastifyPluginAsyncZod {
  const { chat } = deps;
  const socketChats = new WeakMap<FastifyRequest, Interaction>();
  const authed = (request: FastifyRequest, chatId: string) => chat.authenticate(chatId, chatTokenOf(request));
  return async (app) => {
    app.post(
      '/api/v1/webchat/chats',
      {
        config: none,
        schema: { tags, summary: 'Start a web chat, routed to a workgroup', body: startBody, security: [] },
      },
      async (request, reply) => {
        const { workgroup, displayName, email, attributes, routingContexts } = request.body;
        const started = await chat.start({ workgroup, displayName, email, attributes, routingContexts });
        return reply.status(201).send(started);
      },
    );

    app.get(
      '/api/v1/webchat/chats/:chatId',
      {
        config: none,
        schema: {
          tags,
          summary: 'Where the chat stands',
          params: chatParams,
          querystring: z.strictObject(tokenQuery),
          security: [],
        },
      },
      async (request) => chatView(chat, await authed(request, request.params.chatId), deps.now()),
    );

    app.post(
      '/api/v1/webchat/chats/:chatId/messages',
      {
        config: none,
        schema: {
          tags,
          summary: 'Write in the chat; answers once the line is committed',
          params: chatParams,
          querystring: z.strictObject(tokenQuery),
          body: z.strictObject({ text: messageText }),
          security: [],
        },
      },
      async (request, reply) => {
        await authed(request, request.params.chatId);
        const message = await chat.postCustomer(request.params.chatId, request.body.text);
        return reply.status(201).send({ seq: message.seq });
      },
    );

    app.get(
      '/api/v1/webchat/chats/:chatId/messages',
      {
        config: none,
        schema: {
          tags,
          summary: 'The transcript after a seq',
          params: chatParams,
          querystring: z.strictObject({ ...tokenQuery, ...transcriptQuery }),
          security: [],
        },
      },
      async (request) => {
        const ix = await authed(request, request.params.chatId);
        const messages = await chat.transcripts.read(ix.id, request.query.after ?? 0, request.query.limit ?? 100);
        const customerId = customerOf(ix).participantId;
        return { chatId: ix.id, messages: messages.map((m) => customerView(m, customerId)) };
      },
    );

    app.put(
      '/api/v1/webchat/chats/:chatId/typing',
      {
        config: none,
        schema: {
          tags,
          summary: 'Tell the agents whether the customer is typing',
          params: chatParams,
          querystring: z.strictObject(tokenQuery),
          body: z.strictObject({ on: z.boolean() }),
          security: [],
        },
      },
      async (request, reply) => {
        await authed(request, request.params.chatId);
        chat.customerTyping(request.params.chatId, request.body.on);
        return reply.status(204).send();
      },
    );

    app.delete(
      '/api/v1/webchat/chats/:chatId',
      {
        config: none,
        schema: {
          tags,
          summary: 'Leave the chat (Remote Disconnect)',
          params: chatParams,
          querystring: z.strictObject(tokenQuery),
          security: [],
        },
      },
      async (request, reply) => {
        await authed(request, request.params.chatId);
        await chat.leave(request.params.chatId);
        return reply.status(204).send();
      },
    );

    app.route({
      method: 'GET',
      url: '/api/v1/webchat/chats/:chatId/events',
      config: none,
      schema: {
        tags,
        summary:
          'WebSocket: the transcript after `after`, then live messages, typing, agents joining and leaving, chat ended',
        params: chatParams,
        querystring: z.strictObject({ ...tokenQuery, after: transcriptQuery.after }),
        security: [],
      },
      preHandler: async (request: FastifyRequest) => {
        const { chatId } = request.params as { chatId: string };
        socketChats.set(request, await authed(request, chatId));
      },
      handler: (_request: FastifyRequest, reply: FastifyReply) =>
        reply.status(400).send(errorBody('MALFORMED_REQUEST', 'this path needs a WebSocket upgrade')),
      wsHandler: (socket: WebSocket, request: FastifyRequest) => {
        const ix = socketChats.get(request);
        if (!ix) return socket.close(1008, 'not authenticated');
        const { after } = request.query as { after?: number };
        serveCustomerSocket(socket, {
          chat,
          chatId: ix.id,
          customerId: customerOf(ix).participantId,
          after: after ?? 0,
          logger: request.log,
        });
      },
    });
  };
}
