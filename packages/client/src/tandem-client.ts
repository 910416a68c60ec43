import { apiErrorOf, TandemApiError } from './errors.js';
import { EventStream, type EventStreamOptions } from './event-stream.js';
import type { WebSocketFactory } from './web-socket.js';

/** Where a user works from (mirrors `Station` in core). */
export type Station =
  { type: 'none' } | { type: 'workstation'; id: string } | { type: 'remote'; number: string; persistent?: boolean };

/** The answer of `POST /api/v1/connection`. */
export interface ConnectionInfo {
  sessionId: string;
  token: string;
  csrfToken: string;
  userId: string;
  displayName: string;
  licences: string[];
  rights: unknown;
  [key: string]: unknown;
}

export interface TandemClientOptions {
  /** `http(s)://host[:port][/prefix]`, without `/api/v1`. */
  baseUrl: string;
  /** The session's bearer token (set by `connect`). */
  token?: string;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Default: the global `WebSocket`, else `ws`. */
  webSocket?: WebSocketFactory;
  /** A browser session (cookie): sent as `X-CSRF-Token` on every mutation. */
  csrfToken?: string;
}

export interface ConnectOptions extends Omit<TandemClientOptions, 'token'> {
  userId: string;
  password: string;
  station?: Station;
  /** Take the station over from the user who holds it. */
  force?: boolean;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The typed client of the Tandem API, for programs (bearer token; no CSRF token needed).
 * `request` throws `TandemApiError` for every non-2xx answer.
 */
export class TandemClient {
  readonly baseUrl: string;
  #token: string | undefined;
  #session: ConnectionInfo | undefined;
  readonly #fetch: typeof fetch;
  readonly #webSocket: WebSocketFactory | undefined;
  #csrfToken: string | undefined;

  constructor(options: TandemClientOptions) {
    this.#csrfToken = options.csrfToken;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#webSocket = options.webSocket;
  }

  /** Logs on (`POST /api/v1/connection`) and answers a client holding the session's token. */
  static async connect(options: ConnectOptions): Promise<TandemClient> {
    const { userId, password, station, force, ...clientOptions } = options;
    const client = new TandemClient(clientOptions);
    const body = { userId, password, ...(station ? { station } : {}), ...(force === undefined ? {} : { force }) };
    const session = await client.request<ConnectionInfo>('POST', '/api/v1/connection', body);
    client.#token = session.token;
    client.#session = session;
    return client;
  }

  /** The session from `connect`, if this client logged on. */
  get session(): ConnectionInfo | undefined {
    return this.#session;
  }

  get token(): string | undefined {
    return this.#token;
  }

  /** The CSRF token a cookie session sends on mutations (browsers); set it after logon or resume. */
  get csrfToken(): string | undefined {
    return this.#csrfToken;
  }

  set csrfToken(value: string | undefined) {
    this.#csrfToken = value;
  }

  /** Sends `body` as JSON; answers the parsed JSON body (undefined for 204). */
  async request<T = unknown>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    return (await this.requestWithSeq<T>(method, path, body)).body;
  }

  /**
   * Like `request`, also answering the `X-Tandem-Seq` header: subscribe with `since` = `seq` to
   * get every change after the state in `body`, without a gap.
   */
  async requestWithSeq<T = unknown>(
    method: HttpMethod,
    path: string,
    body?: unknown,
  ): Promise<{ body: T; seq: number | undefined }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.#token) headers['authorization'] = `Bearer ${this.#token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.#csrfToken && method !== 'GET') headers['x-csrf-token'] = this.#csrfToken;
    const init: RequestInit = { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
    let response: Response;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, init);
    } catch (cause) {
      throw new TandemApiError(
        0,
        'NETWORK_ERROR',
        `${method} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (!response.ok) throw apiErrorOf(response.status, parsed);
    const seqHeader = response.headers.get('x-tandem-seq');
    return { body: parsed as T, seq: seqHeader === null ? undefined : Number(seqHeader) };
  }

  /** Logs off (`DELETE /api/v1/connection`); the session's event streams end with `session.ended`. */
  async disconnect(): Promise<void> {
    await this.request('DELETE', '/api/v1/connection');
    this.#token = undefined;
    this.#session = undefined;
  }

  /** Opens the live-events stream of this session (`/api/v1/messaging` over WebSocket). */
  events(options: Partial<Omit<EventStreamOptions, 'url'>> = {}): EventStream {
    const url = new URL(`${this.baseUrl}/api/v1/messaging`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (this.#token) url.searchParams.set('token', this.#token);
    const webSocket = options.webSocket ?? this.#webSocket;
    return new EventStream({ ...options, url: url.toString(), ...(webSocket ? { webSocket } : {}) });
  }
}
