import type { FastifyInstance } from 'fastify';
import { agentChatRoutes } from './agent-routes.js';
import { customerRoutes } from './customer-routes.js';
import { FileTransfers } from './file-transfer.js';
import { uploadRoute } from './upload-route.js';
import { WebChatService, type WebChatDeps } from './webchat-service.js';

export { CHANNEL_PARAMETERS } from './channel-parameters.js';
export { CHAT_ATTRIBUTES } from './chat-identity.js';
export type { ChatEndReason, CustomerEvent, CustomerMessageView, FileInviteView } from './customer-events.js';
export { CustomerCloseCode } from './customer-socket.js';
export { FileTransfers, type FileInvite } from './file-transfer.js';
export { WebChatService, type StartChat, type StartedChat, type WebChatDeps } from './webchat-service.js';

export type ChatChannelDeps = Omit<WebChatDeps, 'logger'>;

/** A registered web chat channel: its services and its timers. */
export interface ChatChannel {
  chat: WebChatService;
  files: FileTransfers;
  /** Applies the idle rules due at the clock's time; tests call it after moving the clock. */
  tick(): Promise<void>;
  /** Production: `tick()` every `everyMs` (default 1 s), stopped when the app closes. */
  startTimers(everyMs?: number): void;
  stopTimers(): void;
}

/**
 * Registers the web chat channel on `app` (before it is ready): the customer API under
 * `/api/v1/webchat/chats`, the agent API under `/api/v1/interactions/:id/chat/*`, and the
 * listeners that write system lines when agents join, leave or transfer a chat.
 * `@fastify/websocket`, the auth hook and the zod compilers must already be installed.
 */
export async function registerChatChannel(app: FastifyInstance, deps: ChatChannelDeps): Promise<ChatChannel> {
  const chat = new WebChatService({ ...deps, logger: app.log });
  const files = new FileTransfers({
    chat,
    interactions: deps.interactions,
    directory: deps.directory,
    attachments: deps.store.attachments,
    clock: deps.clock,
    ids: deps.ids,
  });
  await app.register(customerRoutes({ chat, now: () => deps.clock.now() }));
  await app.register(uploadRoute({ chat, files }));
  await app.register(agentChatRoutes({ chat, files, interactions: deps.interactions }));

  let timer: NodeJS.Timeout | undefined;
  const channel: ChatChannel = {
    chat,
    files,
    tick: () => chat.tick(),
    startTimers(everyMs = 1000) {
      clearInterval(timer);
      timer = setInterval(() => {
        chat.tick().catch((error: unknown) => app.log.error({ err: error }, 'web chat tick failed'));
      }, everyMs).unref();
    },
    stopTimers() {
      clearInterval(timer);
      timer = undefined;
    },
  };
  app.addHook('onClose', async () => {
    channel.stopTimers();
    await chat.transcripts.flush();
  });
  return channel;
}
