// Test kit for the web chat and callback channels: a harness server with both channels wired
// (registered here until app.ts wires them), a visitor who starts chats, and agents.
import type { TandemStore } from '@tandem/core';
import { expect } from 'vitest';
import type { Tandem } from '../src/app.js';
import { registerCallbacks, type CallbackChannel } from '../src/channels/callbacks/index.js';
import { registerChatChannel, type ChatChannel } from '../src/channels/webchat/index.js';
import { randomIds } from '../src/util/system-ports.js';
import { aServer, type TestServer } from './support/harness.js';

export interface Channels {
  webChat: ChatChannel;
  callbacks: CallbackChannel;
}

export interface ChatTestServer extends TestServer, Channels {
  /** `http://127.0.0.1:<port>` once `listen()` was called. */
  baseUrl: string;
  listen(): Promise<string>;
  /** Makes `userId` available for ACD; answers the bearer token. */
  available(userId: string): Promise<string>;
  /** Lets the router route, then commits. */
  settle(): Promise<void>;
  /** Sets a server parameter as the administrator. */
  parameter(name: string, value: string | number | boolean): Promise<void>;
}

/**
 * The channels of a server: the ones app.ts wired (exposed as `tandem.webChat` and
 * `tandem.callbacks`), else registered here. Call before the app is ready.
 */
export async function channelsOf(tandem: Tandem, store: TandemStore, clock: TestServer['clock']): Promise<Channels> {
  const wired = tandem as Tandem & Partial<Channels>;
  if (wired.webChat && wired.callbacks) return { webChat: wired.webChat, callbacks: wired.callbacks };
  const { interactions, directory, hub } = tandem;
  const webChat = await registerChatChannel(tandem.app, { interactions, directory, hub, store, clock, ids: randomIds });
  const callbacks = await registerCallbacks(tandem.app, { interactions, directory, clock });
  return { webChat, callbacks };
}

export async function aChatServer(): Promise<ChatTestServer> {
  const s = await aServer();
  const channels = await channelsOf(s.tandem, s.store, s.clock);
  let admin: string | undefined;
  const server: ChatTestServer = {
    ...s,
    ...channels,
    baseUrl: '',
    async listen() {
      server.baseUrl = await s.tandem.app.listen({ port: 0, host: '127.0.0.1' });
      return server.baseUrl;
    },
    async available(userId) {
      const token = await s.logon(userId);
      const r = await s.call(token, 'PUT', `/api/v1/status/user-statuses/${userId}`, { statusId: 'available' });
      expect(r.statusCode, r.body).toBe(200);
      return token;
    },
    // Routing done, then every transcript line already appended (system lines follow events) committed.
    settle: async () => {
      await s.tandem.router.settle();
      await s.tandem.webChat.chat.transcripts.flush();
    },
    async parameter(name, value) {
      admin ??= await s.logon('admin');
      const url = `/api/v1/config/server-parameters`;
      let r = await s.call(admin, 'PUT', `${url}/${encodeURIComponent(name)}`, { value });
      // Outside the catalogue (see CHANNEL_PARAMETERS) a parameter is created, not updated.
      if (r.statusCode === 404) r = await s.call(admin, 'POST', url, { id: name, value });
      expect(r.statusCode, r.body).toBeLessThan(300);
    },
  };
  return server;
}

export interface Visitor {
  chatId: string;
  participantId: string;
  token: string;
}

/** A visitor starts a chat; answers its id and token. */
export async function startChat(s: TestServer, body: Record<string, unknown> = {}): Promise<Visitor> {
  const r = await s.call(undefined, 'POST', '/api/v1/webchat/chats', {
    workgroup: 'Support',
    displayName: 'Vera Visitor',
    ...body,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Visitor>();
}

/** A request as the visitor of a chat (bearer chat token). */
export function asVisitor(s: TestServer, visitor: Visitor) {
  return (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
    s.call(visitor.token, method, `/api/v1/webchat/chats/${visitor.chatId}${path}`, body);
}

export function wsUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}${path}`;
}
