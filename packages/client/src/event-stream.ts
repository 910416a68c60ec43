import { TandemApiError } from './errors.js';
import type { ControlMessage, StreamLifecycleEvents, TandemEvent, TandemEventMap, TopicFilterMap } from './messages.js';
import { newSubscriptionState, SeenSeqs, type SubscriptionState } from './subscription-state.js';
import { defaultWebSocketFactory, type WebSocketFactory, type WebSocketLike } from './web-socket.js';

export interface EventStreamOptions {
  /** `ws(s)://host/api/v1/messaging?token=…` (or without token in a browser holding the cookie). */
  url: string;
  /** Makes the socket. Default: the global `WebSocket` (browsers, Node 22), else the `ws` package. */
  webSocket?: WebSocketFactory;
  /** Delay before reconnect attempt `attempt` (1, 2…). Default 250 ms doubling to 10 s, with jitter. */
  reconnectDelayMs?: (attempt: number) => number;
  /** Application-level ping, to notice a dead connection; 0 turns it off. Default 25 s. */
  pingIntervalMs?: number;
  /** A handler threw; the other handlers still run. Default `console.error`. */
  onHandlerError?: (error: unknown) => void;
}

/** A subscription to one topic; it survives reconnects until `unsubscribe()`. */
export interface StreamSubscription {
  readonly topic: string;
  /** Resolves with the server's `seq` at the first acknowledgement; rejects if the server refuses. */
  readonly ready: Promise<number>;
  unsubscribe(): void;
}

const SESSION_ENDED = 4001;
type Handler = (payload: never) => void;

const defaultDelay = (attempt: number): number =>
  Math.min(10_000, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);

/**
 * Live events over one WebSocket, with automatic reconnect. After a drop it resubscribes every
 * topic with `since` = the last `seq` it saw, so nothing is lost, and drops events it has already
 * delivered (by `seq`), so nothing is seen twice. Events of one topic arrive in `seq` order.
 */
export class EventStream {
  readonly #options: EventStreamOptions;
  readonly #subscriptions = new Map<string, SubscriptionState>();
  readonly #handlers = new Map<string, Set<Handler>>();
  readonly #seen = new SeenSeqs();
  #factory: WebSocketFactory | undefined;
  #socket: WebSocketLike | undefined;
  #lastSeq: number | undefined;
  #attempt = 0;
  #opened = false;
  #closed = false;
  #nextId = 1;
  #lastError = '';
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #awaitingPong = false;

  constructor(options: EventStreamOptions) {
    this.#options = options;
    this.#factory = options.webSocket;
    void this.#connect();
  }

  /** The highest `seq` received (events and acknowledgements), or `undefined` before any. */
  get lastSeq(): number | undefined {
    return this.#lastSeq;
  }

  get connected(): boolean {
    return this.#socket !== undefined && this.#socket.readyState === 1;
  }

  /**
   * Subscribes to `topic` (replacing an earlier subscription to it). Pass `since` = the
   * `X-Tandem-Seq` of the REST answer the state came from, to get every change after it.
   */
  subscribe<K extends string>(
    topic: K,
    filter?: K extends keyof TopicFilterMap ? TopicFilterMap[K] : unknown,
    options: { since?: number } = {},
  ): StreamSubscription {
    const state = newSubscriptionState(topic, filter, options.since);
    const { ready } = state;
    const previous = this.#subscriptions.get(topic);
    if (previous && !previous.settled) previous.resolve(ready);
    this.#subscriptions.set(topic, state);
    this.#sendSubscribe(state, state.since);
    return { topic, ready, unsubscribe: () => this.unsubscribe(topic) };
  }

  unsubscribe(topic: string): void {
    if (!this.#subscriptions.delete(topic)) return;
    this.#send({ type: 'unsubscribe', topic });
  }

  /** Listens to a lifecycle event or to events of one type (`user-status.changed`); answers the undo. */
  on<K extends keyof StreamLifecycleEvents>(type: K, handler: (event: StreamLifecycleEvents[K]) => void): () => void;
  on<K extends keyof TandemEventMap>(type: K, handler: (event: TandemEvent<TandemEventMap[K]>) => void): () => void;
  on(type: string, handler: (event: TandemEvent) => void): () => void;
  on(type: string, handler: (event: never) => void): () => void {
    const set = this.#handlers.get(type) ?? new Set<Handler>();
    this.#handlers.set(type, set);
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Listens to every event of every topic. */
  onEvent(handler: (event: TandemEvent) => void): () => void {
    return this.on('*', handler);
  }

  /** Closes the stream for good; pending subscriptions reject. */
  close(): void {
    if (this.#closed) return;
    this.#finish();
    this.#socket?.close(1000, 'client closed');
    this.#socket = undefined;
  }

  async #connect(): Promise<void> {
    this.#factory ??= await defaultWebSocketFactory();
    if (this.#closed) return;
    let socket: WebSocketLike;
    try {
      socket = this.#factory(this.#options.url);
    } catch (error) {
      this.#lastError = error instanceof Error ? error.message : String(error);
      return this.#scheduleReconnect(1006, this.#lastError);
    }
    this.#socket = socket;
    socket.onopen = () => this.#onOpen(socket);
    socket.onmessage = (event) => this.#onMessage(event.data);
    socket.onerror = (event) => {
      const message = (event as { message?: unknown } | null)?.message;
      this.#lastError = typeof message === 'string' ? message : '';
    };
    socket.onclose = (event) => this.#onClose(socket, event.code, event.reason);
  }

  #onOpen(socket: WebSocketLike): void {
    if (socket !== this.#socket) return;
    const reconnect = this.#opened;
    const attempt = this.#attempt;
    this.#opened = true;
    this.#attempt = 0;
    // All resubscriptions go out before any replay is read, so they share one resume point.
    const resumeFrom = this.#lastSeq;
    for (const state of this.#subscriptions.values())
      this.#sendSubscribe(state, state.acked ? resumeFrom : state.since);
    this.#startPing(socket);
    this.#emit('open', { reconnect });
    if (reconnect) this.#emit('reconnected', { attempt });
  }

  #onMessage(data: unknown): void {
    this.#awaitingPong = false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(data));
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null) return;
    const message = parsed as ControlMessage;
    switch (message.type) {
      case 'subscribed': {
        this.#advance(message.seq);
        const state = this.#subscriptions.get(message.topic);
        if (state && state.id === message.id) {
          state.acked = true;
          state.settled = true;
          state.resolve(message.seq);
        }
        return;
      }
      case 'resync':
        return this.#emit('resync', { topic: message.topic });
      case 'pong':
      case 'unsubscribed':
        return;
      case 'error':
        return this.#onError(message.error, message.id);
      case 'session.ended':
        return this.#endSession(message.data.reason);
      default: {
        const event = parsed as TandemEvent;
        if (typeof event.seq === 'number' && typeof event.type === 'string') this.#onEvent(event);
      }
    }
  }

  #onEvent(event: TandemEvent): void {
    if (!this.#seen.add(event.seq)) return;
    this.#advance(event.seq);
    this.#emit(event.type, event);
    this.#emit('*', event);
  }

  #onError(error: { code: string; message: string; details?: unknown }, id: string | number | undefined): void {
    const state = [...this.#subscriptions.values()].find((s) => s.id === id);
    if (state) {
      this.#subscriptions.delete(state.topic);
      state.settled = true;
      state.reject(new TandemApiError(0, error.code, error.message, error.details as TandemApiError['details']));
    }
    this.#emit('error', { ...error, ...(state ? { topic: state.topic } : {}) });
  }

  #onClose(socket: WebSocketLike, code: number, reason: string): void {
    if (socket !== this.#socket) return;
    this.#socket = undefined;
    this.#stopPing();
    if (this.#closed) return;
    if (code === SESSION_ENDED) return this.#endSession(reason || 'session ended');
    // Node's `ws` says why an upgrade failed; a 401 means the session is gone, so retrying is pointless.
    if (/\b401\b/.test(this.#lastError)) return this.#endSession('not-authenticated');
    this.#scheduleReconnect(code, reason);
  }

  #scheduleReconnect(code: number, reason: string): void {
    this.#emit('disconnected', { code, reason });
    if (this.#closed) return;
    this.#attempt += 1;
    const delay = (this.#options.reconnectDelayMs ?? defaultDelay)(this.#attempt);
    this.#reconnectTimer = setTimeout(() => void this.#connect(), delay);
  }

  #endSession(reason: string): void {
    if (this.#closed) return;
    this.#emit('session.ended', { reason });
    this.#finish();
  }

  #finish(): void {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    this.#stopPing();
    for (const state of this.#subscriptions.values()) {
      if (!state.settled) state.reject(new TandemApiError(0, 'STREAM_CLOSED', 'the event stream was closed'));
    }
    this.#emit('closed', {});
  }

  #sendSubscribe(state: SubscriptionState, since: number | undefined): void {
    if (!this.connected) return; // sent on open
    state.id = this.#nextId++;
    const message: Record<string, unknown> = { type: 'subscribe', topic: state.topic, id: state.id };
    if (state.filter !== undefined) message['filter'] = state.filter;
    if (since !== undefined) message['since'] = since;
    this.#send(message);
  }

  #send(message: object): void {
    if (this.connected) this.#socket?.send(JSON.stringify(message));
  }

  #advance(seq: number): void {
    if (this.#lastSeq === undefined || seq > this.#lastSeq) this.#lastSeq = seq;
  }

  #startPing(socket: WebSocketLike): void {
    const every = this.#options.pingIntervalMs ?? 25_000;
    if (every <= 0) return;
    this.#awaitingPong = false;
    this.#pingTimer = setInterval(() => {
      if (!this.#awaitingPong) {
        this.#awaitingPong = true;
        return this.#send({ type: 'ping' });
      }
      // No answer for a whole interval: the connection is dead even if the socket does not know yet.
      socket.close(4000, 'no answer to ping');
      this.#onClose(socket, 1006, 'no answer to ping');
    }, every);
  }

  #stopPing(): void {
    clearInterval(this.#pingTimer);
    this.#pingTimer = undefined;
  }

  #emit(type: string, payload: unknown): void {
    for (const handler of [...(this.#handlers.get(type) ?? [])]) {
      try {
        (handler as (payload: unknown) => void)(payload);
      } catch (error) {
        (this.#options.onHandlerError ?? console.error)(error);
      }
    }
  }
}
