import { WebChatCustomer, type CustomerMessage } from '@tandem/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatSession, type SessionListener } from '../src/chat-session.js';
import { loadResumeState, saveResumeState, type KeyValueStorage, type ResumeState } from '../src/resume-state.js';

/*
 * The chat session against a scripted server: a fake `fetch` answering the customer API and fake
 * sockets the test drives. Reconnect delays run on vitest's fake timers.
 */

const aLine = (seq: number): CustomerMessage => ({
  seq,
  kind: 'text',
  text: `line ${seq}`,
  at: seq,
  participantType: 'agent',
  displayName: 'Chen Wei',
  mine: false,
});

class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

class FakeSocket {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  receive(type: string, data: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type, data }) });
  }
  drop(code = 1006) {
    this.onclose?.({ code });
  }
  get after() {
    return Number(new URL(this.url).searchParams.get('after'));
  }
}

const KEY = 'tandem-widget:test';
const savedState = (lastSeq: number): ResumeState => ({
  version: 1,
  credentials: { chatId: '0000000042', participantId: 'p-1', token: 'tok' },
  displayName: 'Vera',
  lastSeq,
  messages: Array.from({ length: lastSeq }, (_, i) => aLine(i + 1)),
  open: true,
});

let storage: MemoryStorage;
let sockets: FakeSocket[];
let requests: string[];
let transcript: CustomerMessage[];
let chatGone: boolean;
let shown: number[];
let endedWith: string | undefined;

function deps() {
  const fetcher = (async (url: string, init?: RequestInit) => {
    const body = typeof init?.body === 'string' && url.endsWith('/typing') ? ` ${init.body}` : '';
    requests.push(`${init?.method ?? 'GET'} ${url.replace('http://t.example/api/v1/webchat', '')}${body}`);
    if (chatGone)
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no chat' } }), { status: 404 });
    const after = Number(new URL(url).searchParams.get('after') ?? 0);
    if (url.includes('/messages') && (init?.method ?? 'GET') === 'GET')
      return Response.json({ messages: transcript.filter((m) => m.seq > after) });
    if (url.endsWith('/chats')) return Response.json({ chatId: '0000000042', participantId: 'p-1', token: 'tok' });
    return new Response(null, { status: 204 });
  }) as typeof fetch;
  const listener: SessionListener = {
    messages: (fresh) => shown.push(...fresh.map((m) => m.seq)),
    typing: () => undefined,
    agentJoined: () => undefined,
    connection: () => undefined,
    ended: (reason) => (endedWith = reason),
  };
  return {
    customer: new WebChatCustomer('http://t.example', { fetch: fetcher }),
    storage,
    storageKey: KEY,
    listener,
    openSocket: (url: string) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    random: () => 0.5,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  storage = new MemoryStorage();
  sockets = [];
  requests = [];
  transcript = [1, 2, 3, 4, 5].map(aLine);
  chatGone = false;
  shown = [];
  endedWith = undefined;
});
afterEach(() => vi.useRealTimers());

describe('a chat resumed after a page reload', () => {
  it('fetches the lines after the last one seen, then listens from the newest', async () => {
    const session = await ChatSession.resume(deps(), savedState(3));
    expect(requests).toEqual(['GET /chats/0000000042/messages?after=3&limit=500']);
    expect(shown).toEqual([4, 5]);
    expect(session?.transcript.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(sockets.map((s) => s.after)).toEqual([5]);
    expect(loadResumeState(storage, KEY)?.lastSeq).toBe(5);
  });

  it('forgets the saved chat when the server no longer knows it', async () => {
    chatGone = true;
    saveResumeState(storage, KEY, savedState(3));
    expect(await ChatSession.resume(deps(), savedState(3))).toBeUndefined();
    expect(storage.items.size).toBe(0);
    expect(sockets).toEqual([]);
  });
});

describe('the events socket', () => {
  it('reconnects after a drop from the last line received, without showing a line twice', async () => {
    const session = await ChatSession.start(deps(), { workgroup: 'Support', displayName: 'Vera' });
    const first = sockets[0]!;
    expect(first.after).toBe(0);
    first.receive('message', aLine(1));
    first.receive('message', aLine(2));
    first.receive('ready', { seq: 2 });
    first.drop();
    await vi.advanceTimersByTimeAsync(10_000);
    const second = sockets[1]!;
    expect(second.after).toBe(2);
    second.receive('message', aLine(2));
    second.receive('message', aLine(3));
    expect(shown).toEqual([1, 2, 3]);
    expect(session.transcript.lastSeq).toBe(3);
  });

  it('ends the chat on the ended close code: no reconnect, the saved state is gone', async () => {
    await ChatSession.start(deps(), { workgroup: 'Support', displayName: 'Vera' });
    expect(storage.items.size).toBe(1);
    sockets[0]!.drop(4002);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
    expect(endedWith).toBe('ended');
    expect(storage.items.size).toBe(0);
  });

  it('tells the reason the server gives when the chat ends', async () => {
    await ChatSession.start(deps(), { workgroup: 'Support', displayName: 'Vera' });
    sockets[0]!.receive('chat-ended', { reason: 'agent-ended' });
    expect(endedWith).toBe('agent-ended');
    expect(sockets[0]!.closed).toBe(true);
  });
});

describe('typing', () => {
  it('says typing once per burst of keystrokes, and stopped after a pause or on send', async () => {
    const session = await ChatSession.start(deps(), { workgroup: 'Support', displayName: 'Vera' });
    requests = [];
    session.keystroke();
    session.keystroke();
    await vi.advanceTimersByTimeAsync(3500);
    session.keystroke();
    await session.send('hello');
    expect(requests.filter((r) => r.includes('typing') || r.includes('messages'))).toEqual([
      'PUT /chats/0000000042/typing {"on":true}',
      'PUT /chats/0000000042/typing {"on":false}',
      'PUT /chats/0000000042/typing {"on":true}',
      'PUT /chats/0000000042/typing {"on":false}',
      'POST /chats/0000000042/messages',
    ]);
  });
});
