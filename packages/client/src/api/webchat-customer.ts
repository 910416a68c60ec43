import { apiErrorOf, TandemApiError } from '../errors.js';

/**
 * The customer side of web chat (DESIGN.md "Customer side"): no agent session; a chat is reached
 * with its own token. Used by the website widget (in browsers) and by benchmarks (in Node). Kept
 * free of the agent client so that the widget's bundle stays small.
 */

export interface RoutingContext {
  context: string;
  category: string;
}

export interface StartChatRequest {
  workgroup: string;
  displayName: string;
  email?: string;
  attributes?: Record<string, string>;
  routingContexts?: RoutingContext[];
}

/** What reaches a chat again: keep it (the widget keeps it in sessionStorage) to resume after a reload. */
export interface ChatCredentials {
  chatId: string;
  participantId: string;
  token: string;
}

/** A transcript line as the customer sees it. */
export interface CustomerMessage {
  seq: number;
  kind: string;
  text: string;
  at: number;
  participantType: string;
  displayName: string;
  /** True for the customer's own lines. */
  mine: boolean;
}

/** What the customer's events WebSocket sends, as `{type, data}`. */
export type CustomerChatEvent =
  | { type: 'message'; data: CustomerMessage }
  | { type: 'typing'; data: { participantType: string; displayName: string; on: boolean } }
  | { type: 'agent-joined' | 'agent-left'; data: { displayName: string } }
  | { type: 'idle-warning'; data: { disconnectAt: number } }
  | { type: 'chat-ended'; data: { reason: string } }
  | { type: 'ready'; data: { seq: number } }
  | { type: 'file-invite' | 'pong' | 'error'; data?: unknown };

/** The public configuration of a website widget (`GET /api/v1/webchat/widgets/{id}`). */
export interface PublicWidgetConfig {
  id: string;
  title: string;
  greeting?: string;
  color?: string;
  callbacksEnabled: boolean;
  workgroup: string;
  workgroupName: string;
  routingContexts?: RoutingContext[];
  attributes?: Record<string, string>;
}

export interface CallbackRequest {
  workgroup: string;
  name: string;
  telephone: string;
  subject?: string;
  attributes?: Record<string, string>;
}

/** The close code of the events socket once the chat has ended: do not reconnect. */
export const CHAT_ENDED_CLOSE_CODE = 4002;

type Fetch = typeof fetch;

async function call<T>(
  fetcher: Fetch,
  url: string,
  init: { method: string; token?: string | undefined; body?: unknown },
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetcher(url, {
      method: init.method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (cause) {
    throw new TandemApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  if (!response.ok) throw apiErrorOf(response.status, parsed);
  return parsed as T;
}

/** The customer API of one server. `baseUrl` is `http(s)://host[:port]`, without `/api/v1`. */
export class WebChatCustomer {
  readonly baseUrl: string;
  readonly #fetch: Fetch;

  constructor(baseUrl: string, options: { fetch?: Fetch } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  widget(widgetId: string): Promise<PublicWidgetConfig> {
    return call(this.#fetch, `${this.baseUrl}/api/v1/webchat/widgets/${encodeURIComponent(widgetId)}`, {
      method: 'GET',
    });
  }

  /** Starts a chat routed to the workgroup; throws `TandemApiError` (e.g. 400 naming the field). */
  async start(request: StartChatRequest): Promise<CustomerChat> {
    const credentials = await call<ChatCredentials>(this.#fetch, `${this.baseUrl}/api/v1/webchat/chats`, {
      method: 'POST',
      body: request,
    });
    return this.chat(credentials);
  }

  /** The chat behind credentials kept from an earlier start (after a page reload). */
  chat(credentials: ChatCredentials): CustomerChat {
    return new CustomerChat(this.baseUrl, credentials, this.#fetch);
  }

  requestCallback(request: CallbackRequest): Promise<{ callbackId: string }> {
    return call(this.#fetch, `${this.baseUrl}/api/v1/webchat/callbacks`, { method: 'POST', body: request });
  }
}

/** One chat, as its customer: write, read the transcript, type, leave, listen. */
export class CustomerChat {
  readonly #fetch: Fetch;
  readonly #base: string;

  constructor(
    readonly baseUrl: string,
    readonly credentials: ChatCredentials,
    fetcher: Fetch,
  ) {
    this.#fetch = fetcher;
    this.#base = `${baseUrl}/api/v1/webchat/chats/${encodeURIComponent(credentials.chatId)}`;
  }

  get chatId(): string {
    return this.credentials.chatId;
  }

  #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return call<T>(this.#fetch, `${this.#base}${path}`, { method, token: this.credentials.token, body });
  }

  /** Answers once the line is committed, with its `seq`. */
  send(text: string): Promise<{ seq: number }> {
    return this.#call('POST', '/messages', { text });
  }

  async messages(after = 0, limit?: number): Promise<CustomerMessage[]> {
    const query = `?after=${after}${limit === undefined ? '' : `&limit=${limit}`}`;
    return (await this.#call<{ messages: CustomerMessage[] }>('GET', `/messages${query}`)).messages;
  }

  status(): Promise<{ chatId: string; state: 'waiting' | 'connected' | 'held' | 'ended'; agents: string[] }> {
    return this.#call('GET', '');
  }

  async typing(on: boolean): Promise<void> {
    await this.#call('PUT', '/typing', { on });
  }

  /** Leaves the chat (the agents see a Remote Disconnect). */
  async end(): Promise<void> {
    await this.#call('DELETE', '');
  }

  /** The URL of the events WebSocket: the transcript after `after`, `ready`, then live events. */
  eventsUrl(after: number): string {
    const url = new URL(`${this.#base}/events`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('after', String(after));
    url.searchParams.set('token', this.credentials.token);
    return url.toString();
  }
}
