import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { EventHub, type EventHubOptions } from '../src/messaging/event-hub.js';
import { goingAwayPreClose, type MessagingOptions, registerMessaging } from '../src/messaging/messaging-routes.js';
import type { Subscriber } from '../src/messaging/topic.js';
import { userStatusTopic } from '../src/messaging/topics/user-status-topic.js';

/** Rejects with `label` when `promise` has not settled within `ms`: tests await events, never sleep. */
export async function within<T>(promise: Promise<T>, label: string, ms = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${label}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Messages received so far, and a way to await the next one that matches. */
export class Inbox<T> {
  readonly received: T[] = [];
  #cursor = 0;
  #waiters: (() => void)[] = [];

  push(message: T): void {
    this.received.push(message);
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** The first message after the previously awaited one that matches; skips those before it. */
  async next(matches: (message: T) => boolean, label: string, ms?: number): Promise<T> {
    const found = async (): Promise<T> => {
      for (;;) {
        const index = this.received.findIndex((m, i) => i >= this.#cursor && matches(m));
        if (index >= 0) {
          this.#cursor = index + 1;
          return this.received[index] as T;
        }
        await new Promise<void>((resolve) => this.#waiters.push(resolve));
      }
    };
    return within(found(), label, ms);
  }
}

export type Json = Record<string, unknown> & { type: string };

export const subscriberOf = (userId: string, sessionId = `session-${userId}`): Subscriber => ({
  sessionId,
  userId,
  rights: {},
});

export interface TestServer {
  app: FastifyInstance;
  hub: EventHub;
  httpUrl: string;
  wsUrl: (token?: string) => string;
  opened: Inbox<Subscriber>;
  closed: Inbox<Subscriber>;
}

/**
 * A bare Fastify app with the messaging routes only. `?token=good` (or `agent2`) authenticates;
 * anything else is refused. Listening on a free port.
 */
export async function startServer(
  options: Partial<MessagingOptions> & { hubOptions?: EventHubOptions; closeGraceMs?: number } = {},
): Promise<TestServer> {
  const hub = new EventHub(options.hubOptions);
  hub.registerTopic(userStatusTopic);
  const app = Fastify();
  await app.register(cookie);
  await app.register(websocket, { preClose: goingAwayPreClose(options.closeGraceMs) });
  const opened = new Inbox<Subscriber>();
  const closed = new Inbox<Subscriber>();
  const { hubOptions: _hub, closeGraceMs: _grace, ...messagingOptions } = options;
  registerMessaging(app, {
    hub,
    authenticate: async (request) => {
      const token = (request.query as { token?: string }).token;
      if (token === 'good') return subscriberOf('agent1');
      if (token === 'agent2') return subscriberOf('agent2');
      return undefined;
    },
    onOpen: (s) => opened.push(s),
    onClose: (s) => closed.push(s),
    ...messagingOptions,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    hub,
    httpUrl: address,
    wsUrl: (token = 'good') => `${address.replace('http', 'ws')}/api/v1/messaging?token=${token}`,
    opened,
    closed,
  };
}

export interface TestSocket {
  ws: WebSocket;
  inbox: Inbox<Json>;
  send(message: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a WebSocket and collects what the server sends. */
export async function openSocket(url: string): Promise<TestSocket> {
  const ws = new WebSocket(url);
  const inbox = new Inbox<Json>();
  ws.on('message', (data) => inbox.push(JSON.parse((data as Buffer).toString('utf8')) as Json));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await within(
    new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject))),
    'the socket to open',
  );
  return {
    ws,
    inbox,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
  };
}

/** Subscribes and awaits the acknowledgement. */
export async function subscribe(socket: TestSocket, topic: string, extra: Record<string, unknown> = {}): Promise<Json> {
  const id = `sub-${Math.random()}`;
  socket.send({ type: 'subscribe', topic, id, ...extra });
  return socket.inbox.next((m) => m.type === 'subscribed' && m['id'] === id, `the ${topic} subscription`);
}

export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** Opens a Server-Sent Events stream with fetch and parses its frames. */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ inbox: Inbox<SseFrame>; ended: Promise<void>; abort(): void; response: Response }> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const inbox = new Inbox<SseFrame>();
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          inbox.push(parseFrame(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return { inbox, ended, abort: () => controller.abort(), response };
}

function parseFrame(text: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    const match = /^(id|event|data): ?(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) frame[match[1] as 'id' | 'event' | 'data'] = match[2];
  }
  return frame;
}

export const statusChange = (hub: EventHub, userId: string, statusId = 'available') =>
  hub.publish('user-status', 'changed', { userId, statusId }, { userId });
