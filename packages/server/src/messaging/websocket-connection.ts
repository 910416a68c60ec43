import type { WebSocket } from '@fastify/websocket';
import type { EventHub, PublishedEvent, SubscribeResult } from './event-hub.js';
import { type ClientMessage, parseClientMessage, type ServerControlMessage, withId } from './messages.js';
import type { Subscriber } from './topic.js';

/** Close codes the messaging endpoint uses; clients reconnect on all but `SESSION_ENDED`. */
export const CloseCode = {
  /** The server is shutting down (or switching over): reconnect, resume with `since`. */
  GOING_AWAY: 1001,
  /** The client read too slowly and the send buffer passed its limit: reconnect, resume. */
  TRY_AGAIN_LATER: 1013,
  /** The session was ended (logoff, timeout, logged on elsewhere...): do not reconnect. */
  SESSION_ENDED: 4001,
} as const;

export interface ConnectionContext {
  hub: EventHub;
  subscriber: Subscriber;
  connectionId: string;
  maxBufferedBytes: number;
  maxMessageBytes: number;
  onActivity?: ((subscriber: Subscriber) => void) | undefined;
  onClose?: ((subscriber: Subscriber) => void) | undefined;
}

/** What the routes keep per open connection, WebSocket or SSE. */
export interface MessagingConnection {
  readonly subscriber: Subscriber;
  /** Sends nothing more, closes with `code`; idempotent. */
  close(code: number, reason: string): void;
  /** Called every ping interval: answers false when the peer did not answer the last probe. */
  probe(): boolean;
  /** Drops the connection without a goodbye. */
  destroy(): void;
}

/** Serves one upgraded WebSocket: parses client messages, relays hub events, tracks the buffer. */
export function serveWebSocket(socket: WebSocket, ctx: ConnectionContext): MessagingConnection {
  const { hub, subscriber, connectionId } = ctx;
  let closed = false;
  let alive = true;

  const sendText = (text: string): void => {
    if (closed || socket.readyState !== socket.OPEN) return;
    socket.send(text);
    // Events are produced faster than a stalled client reads them: stop rather than buffer
    // without bound. The client resumes with `since` once it reconnects.
    if (socket.bufferedAmount > ctx.maxBufferedBytes) close(CloseCode.TRY_AGAIN_LATER, 'too slow: resume with since');
  };
  const send = (message: ServerControlMessage): void => sendText(JSON.stringify(message));

  const close = (code: number, reason: string): void => {
    if (closed) return;
    closed = true;
    hub.removeSubscriber(connectionId);
    socket.close(code, reason);
  };

  hub.addSubscriber(connectionId, subscriber, {
    deliver: (event: PublishedEvent) => sendText(event.json),
    end: (reason: string) => {
      send({ type: 'session.ended', data: { reason } });
      close(CloseCode.SESSION_ENDED, 'session ended');
    },
  });

  socket.on('message', (raw) => {
    if (closed) return;
    const text = Array.isArray(raw)
      ? Buffer.concat(raw).toString('utf8')
      : Buffer.isBuffer(raw)
        ? raw.toString('utf8')
        : Buffer.from(raw).toString('utf8');
    ctx.onActivity?.(subscriber);
    const parsed = parseClientMessage(text, ctx.maxMessageBytes);
    if (!parsed.ok) send(withId({ type: 'error', error: parsed.error }, parsed.id));
    else handle(parsed.message);
  });
  socket.on('pong', () => {
    alive = true;
  });
  socket.on('close', () => {
    closed = true;
    hub.removeSubscriber(connectionId);
    ctx.onClose?.(subscriber);
  });

  function handle(message: ClientMessage): void {
    switch (message.type) {
      case 'ping':
        return send(withId({ type: 'pong' }, message.id));
      case 'unsubscribe':
        hub.unsubscribe(connectionId, message.topic);
        return send(withId({ type: 'unsubscribed', topic: message.topic }, message.id));
      case 'subscribe':
        return answerSubscribe(
          message.topic,
          message.id,
          hub.subscribe(connectionId, message.topic, message.filter, message.since),
        );
    }
  }

  function answerSubscribe(topic: string, id: string | number | undefined, result: SubscribeResult): void {
    if (result.status === 'refused') {
      const details = result.issues.length > 0 ? { details: { issues: result.issues } } : {};
      return send(withId({ type: 'error', error: { code: result.code, message: result.message, ...details } }, id));
    }
    if (result.status === 'resync') send(withId({ type: 'resync', topic }, id));
    else for (const event of result.replay) sendText(event.json);
    send(withId({ type: 'subscribed', topic, seq: result.seq }, id));
  }

  return {
    subscriber,
    close,
    probe: () => {
      if (!alive) return false;
      alive = false;
      if (socket.readyState === socket.OPEN) socket.ping();
      return true;
    },
    destroy: () => {
      closed = true;
      hub.removeSubscriber(connectionId);
      socket.terminate();
    },
  };
}
