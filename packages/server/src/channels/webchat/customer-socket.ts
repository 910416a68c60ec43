import type { WebSocket } from '@fastify/websocket';
import type { FastifyBaseLogger } from 'fastify';
import { customerView, type CustomerEvent } from './customer-events.js';
import type { WebChatService } from './webchat-service.js';

/** Close codes of the customer's event socket. */
export const CustomerCloseCode = {
  /** The server is going away: reconnect and resume with `after=<last seq>`. */
  GOING_AWAY: 1001,
  /** The customer read too slowly: reconnect and resume. */
  TRY_AGAIN_LATER: 1013,
  /** The chat ended: do not reconnect. */
  CHAT_ENDED: 4002,
} as const;

const PAGE = 500;
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface CustomerSocketContext {
  chat: WebChatService;
  chatId: string;
  customerId: string;
  /** The last `seq` the customer holds: the transcript after it is sent first. */
  after: number;
  logger: FastifyBaseLogger;
}

/**
 * Serves a customer's event socket: first the transcript after `after` (`message` events), then
 * `{type: 'ready', data: {seq}}`, then live events. Events that arrive while the transcript is read
 * are held and sent after it, without repeating a `seq`. A chat that has ended sends `chat-ended`
 * and closes with 4002. The customer may send `{"type":"ping"}` (answered `pong`); nothing else.
 */
export function serveCustomerSocket(socket: WebSocket, ctx: CustomerSocketContext): void {
  const { chat, chatId, customerId } = ctx;
  let lastSeq = ctx.after;
  let live = false;
  let closed = false;
  let endSent = false;
  const held: CustomerEvent[] = [];

  const send = (message: { type: string; data?: unknown }): void => {
    if (closed || socket.readyState !== socket.OPEN) return;
    socket.send(JSON.stringify(message));
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES)
      close(CustomerCloseCode.TRY_AGAIN_LATER, 'too slow: resume with after');
  };
  const close = (code: number, reason: string): void => {
    if (closed) return;
    closed = true;
    stop();
    socket.close(code, reason);
  };
  const deliver = (event: CustomerEvent): void => {
    if (event.type === 'message') {
      if (event.data.seq <= lastSeq) return;
      lastSeq = event.data.seq;
    }
    if (event.type === 'chat-ended') {
      if (endSent) return;
      endSent = true;
    }
    send(event);
    if (event.type === 'chat-ended') close(CustomerCloseCode.CHAT_ENDED, 'chat ended');
  };
  const stop = chat.customers.listen(chatId, (event) => (live ? deliver(event) : held.push(event)));

  socket.on('close', () => {
    closed = true;
    stop();
  });
  socket.on('message', (raw: Buffer | ArrayBuffer | Buffer[]) => {
    const text = Array.isArray(raw)
      ? Buffer.concat(raw).toString('utf8')
      : Buffer.from(raw as ArrayBuffer).toString('utf8');
    let type: unknown;
    try {
      type = (JSON.parse(text) as { type?: unknown } | null)?.type;
    } catch {
      type = undefined;
    }
    if (type === 'ping') send({ type: 'pong' });
    else
      send({
        type: 'error',
        data: { code: 'VALIDATION_FAILED', message: 'type: only "ping" is accepted here; send messages over REST' },
      });
  });

  const replay = async (): Promise<void> => {
    for (;;) {
      const page = await chat.transcripts.read(chatId, lastSeq, PAGE);
      for (const message of page) deliver({ type: 'message', data: customerView(message, customerId) });
      if (page.length < PAGE || closed) break;
    }
    live = true;
    for (const event of held.splice(0)) deliver(event);
    send({ type: 'ready', data: { seq: lastSeq } });
    const reason = await chat.endedReason(chatId);
    if (reason) deliver({ type: 'chat-ended', data: { reason } });
  };
  replay().catch((error: unknown) => {
    ctx.logger.error({ err: error, interactionId: chatId }, 'web chat: replaying a transcript failed');
    close(CustomerCloseCode.TRY_AGAIN_LATER, 'could not read the transcript: reconnect');
  });
}
