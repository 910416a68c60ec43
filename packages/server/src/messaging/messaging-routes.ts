import type { WebSocket } from '@fastify/websocket';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EventHub, FieldIssue } from './event-hub.js';
import { parseEventStreamRequest, serveEventStream } from './event-stream-connection.js';
import type { Subscriber } from './topic.js';
import { CloseCode, type ConnectionContext, type MessagingConnection, serveWebSocket } from './websocket-connection.js';

export interface MessagingOptions {
  hub: EventHub;
  /** The session behind a request (cookie, `?token=` or bearer token), or `undefined` → 401. */
  authenticate(request: FastifyRequest): Promise<Subscriber | undefined>;
  /** A connection (WebSocket or SSE) of this subscriber opened; `onClose` follows once. */
  onOpen?(subscriber: Subscriber): void;
  /** Each connect and each client message: lets the session service keep the session alive. */
  onActivity?(subscriber: Subscriber): void;
  /** A connection of this subscriber closed, for whatever reason. */
  onClose?(subscriber: Subscriber): void;
  /** Default `/api/v1/messaging`. */
  path?: string;
  /** The route's `config`, e.g. `{ auth: 'none' }` so that a global auth hook skips it: `authenticate` guards it. */
  routeConfig?: FastifyContextConfig;
  /** A connection whose unsent bytes pass this is closed (WebSocket code 1013). Default 8 MiB. */
  maxBufferedBytes?: number;
  /** Larger client messages are refused with PAYLOAD_TOO_LARGE. Default 1 MiB. */
  maxMessageBytes?: number;
  /** SSE comment heartbeat interval. Default 15 s. */
  heartbeatMs?: number;
  /** WebSocket ping interval; a peer that misses one ping is dropped. Default 30 s. */
  pingIntervalMs?: number;
}

/** A handle on the open connections; session endings go through `EventHub.endSession`. */
export interface Messaging {
  connectionCount(): number;
  /** Closes every connection (WebSocket code `code`); clients reconnect and resume. */
  closeAll(code?: number, reason?: string): void;
}

type ErrorBody = { error: { code: string; message: string; details?: { issues: FieldIssue[] } } };

function errorBody(code: string, message: string, issues: FieldIssue[] = []): ErrorBody {
  return { error: { code, message, ...(issues.length > 0 ? { details: { issues } } : {}) } };
}

let connectionCounter = 0;

/**
 * Registers `GET /api/v1/messaging`: a WebSocket upgrade, or Server-Sent Events for a plain GET
 * with `Accept: text/event-stream` (subscriptions from the query: see `parseEventStreamRequest`).
 * Both answer 401 NOT_AUTHENTICATED when `authenticate` finds no session. `@fastify/websocket`
 * must be registered first, with `preClose: goingAwayPreClose()` so that `app.close()` sends 1001
 * and never waits on an unresponsive peer. On close, SSE streams are ended too.
 */
export function registerMessaging(app: FastifyInstance, options: MessagingOptions): Messaging {
  const path = options.path ?? '/api/v1/messaging';
  const subscribers = new WeakMap<FastifyRequest, Subscriber>();
  const connections = new Set<MessagingConnection>();
  const context = (subscriber: Subscriber, kind: string): ConnectionContext => ({
    hub: options.hub,
    subscriber,
    connectionId: `${kind}-${(connectionCounter += 1)}`,
    maxBufferedBytes: options.maxBufferedBytes ?? 8 * 1024 * 1024,
    maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024,
    onActivity: options.onActivity?.bind(options),
    onClose: options.onClose?.bind(options),
  });
  const track = (connection: MessagingConnection, onClosed: (listener: () => void) => void): void => {
    connections.add(connection);
    onClosed(() => connections.delete(connection));
  };

  app.route({
    method: 'GET',
    url: path,
    ...(options.routeConfig ? { config: options.routeConfig } : {}),
    preValidation: async (request: FastifyRequest, reply: FastifyReply) => {
      const subscriber = await options.authenticate(request);
      if (!subscriber)
        return reply
          .code(401)
          .send(errorBody('NOT_AUTHENTICATED', 'no session: log on, then connect with the session cookie or ?token='));
      subscribers.set(request, subscriber);
      return undefined;
    },
    handler: (request: FastifyRequest, reply: FastifyReply) => {
      const subscriber = subscribers.get(request);
      if (!subscriber) return reply.code(401).send(errorBody('NOT_AUTHENTICATED', 'no session'));
      if (!(request.headers.accept ?? '').includes('text/event-stream')) {
        return reply
          .code(400)
          .send(errorBody('MALFORMED_REQUEST', `${path} needs a WebSocket upgrade or Accept: text/event-stream`));
      }
      const lastEventId = request.headers['last-event-id'];
      const wanted = parseEventStreamRequest(request.query, Array.isArray(lastEventId) ? lastEventId[0] : lastEventId);
      if (!wanted.ok) {
        const first = wanted.issues[0] ?? { path: '(query)', message: 'is invalid' };
        return reply.code(400).send(errorBody('VALIDATION_FAILED', `${first.path}: ${first.message}`, wanted.issues));
      }
      const heartbeatMs = options.heartbeatMs ?? 15_000;
      const served = serveEventStream(reply, wanted.value, { ...context(subscriber, 'sse'), heartbeatMs });
      if (!('connection' in served))
        return reply.code(served.status).send(errorBody(served.code, served.message, served.issues));
      track(served.connection, (listener) => reply.raw.on('close', listener));
      options.onOpen?.(subscriber);
      return reply;
    },
    wsHandler: (socket: WebSocket, request: FastifyRequest) => {
      const subscriber = subscribers.get(request);
      if (!subscriber) return socket.close(1008, 'not authenticated');
      const connection = serveWebSocket(socket, context(subscriber, 'ws'));
      track(connection, (listener) => socket.on('close', listener));
      options.onOpen?.(subscriber);
      options.onActivity?.(subscriber);
    },
  });

  const closeAll = (code: number = CloseCode.GOING_AWAY, reason = 'server closing'): void => {
    for (const connection of [...connections]) connection.close(code, reason);
  };
  const pinger = setInterval(() => {
    for (const connection of [...connections]) if (!connection.probe()) connection.destroy();
  }, options.pingIntervalMs ?? 30_000);
  pinger.unref();

  app.addHook('preClose', (done) => {
    clearInterval(pinger);
    closeAll();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    clearInterval(pinger);
    done();
  });
  return { connectionCount: () => connections.size, closeAll };
}

/**
 * A `preClose` for `@fastify/websocket` (`app.register(websocket, { preClose: goingAwayPreClose() })`):
 * closes every socket with 1001 Going Away, so clients know to reconnect (to the backup server),
 * and terminates those that have not finished the close handshake after `graceMs`, so that
 * `app.close()` never waits for ws's 30 s close timeout. Without it, the plugin closes with 1005.
 */
export function goingAwayPreClose(graceMs = 2_000): (this: FastifyInstance, done: () => void) => void {
  return function preClose(this: FastifyInstance, done: () => void): void {
    const wss = this.websocketServer;
    for (const client of wss.clients) client.close(CloseCode.GOING_AWAY, 'server closing');
    const timer = setTimeout(() => wss.clients.forEach((client) => client.terminate()), graceMs);
    timer.unref();
    wss.close(() => {
      clearTimeout(timer);
      done();
    });
  };
}
