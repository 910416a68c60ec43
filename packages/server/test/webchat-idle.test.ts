import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSocket, type Json, type TestSocket } from './messaging-test-kit.js';
import { aChatServer, asVisitor, startChat, wsUrl, type ChatTestServer, type Visitor } from './webchat-test-kit.js';

let s: ChatTestServer;
beforeEach(async () => {
  s = await aChatServer();
  await s.listen();
});
afterEach(async () => {
  await s.close();
});

const isType = (type: string) => (m: Json) => m.type === type;
const seconds = (n: number) => n * 1000;

async function pickedUp(): Promise<{ visitor: Visitor; agent: string; customer: TestSocket }> {
  const agent = await s.available('agent3');
  const visitor = await startChat(s);
  await s.settle();
  const customer = await openSocket(
    wsUrl(s.baseUrl, `/api/v1/webchat/chats/${visitor.chatId}/events?token=${visitor.token}`),
  );
  await customer.inbox.next(isType('ready'), 'ready');
  expect((await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/pickup`, {})).statusCode).toBe(200);
  await customer.inbox.next(isType('agent-joined'), 'agent joined');
  return { visitor, agent, customer };
}

/** Moves the clock and runs the channel's timers. */
async function after(ms: number): Promise<void> {
  s.clock.advance(ms);
  await s.webChat.tick();
  await s.settle();
}

const lines = async (visitor: Visitor) =>
  ((await asVisitor(s, visitor)('GET', '/messages')).json().messages as { text: string }[]).map((m) => m.text);

describe('a silent web chat customer', () => {
  it('is warned after PartyIdleTime, and the chat is disconnected PartyIdleGraceTime later', async () => {
    const { visitor, agent, customer } = await pickedUp();
    await after(seconds(299));
    expect(customer.inbox.received.some(isType('idle-warning'))).toBe(false);
    await after(seconds(1));
    const warning = await customer.inbox.next(isType('idle-warning'), 'the idle warning');
    expect(warning.data).toEqual({ disconnectAt: s.clock.now() + seconds(60) });
    expect((await lines(visitor)).at(-1)).toBe('Are you still there? This chat will end soon unless you reply.');

    await after(seconds(59));
    expect((await s.call(agent, 'GET', `/api/v1/interactions/${visitor.chatId}`)).json().state).toBe('acd-assigned');
    await after(seconds(1));
    expect((await customer.inbox.next(isType('chat-ended'), 'chat ended')).data).toEqual({ reason: 'idle-timeout' });
    expect((await customer.closed).code).toBe(4002);
    const ix = (await s.call(agent, 'GET', `/api/v1/interactions/${visitor.chatId}`)).json();
    expect(ix).toMatchObject({ state: 'disconnected', disconnectReason: 'local' });
    expect(await lines(visitor)).toContain('This chat has ended because there was no reply.');
  });

  it('starts counting again whenever the customer writes or types', async () => {
    const { visitor, customer } = await pickedUp();
    const as = asVisitor(s, visitor);
    await after(seconds(250));
    await as('POST', '/messages', { text: 'still here' });
    await after(seconds(250));
    await as('PUT', '/typing', { on: true });
    await after(seconds(250));
    expect(customer.inbox.received.some(isType('idle-warning'))).toBe(false);
    await after(seconds(50));
    await customer.inbox.next(isType('idle-warning'), 'warned at last');
    await as('POST', '/messages', { text: 'yes!' });
    await after(seconds(100));
    expect(customer.inbox.received.some(isType('chat-ended')), 'writing after the warning saves the chat').toBe(false);
  });

  it('is not counted idle while waiting for an agent, and the time starts when the agent picks up', async () => {
    const visitor = await startChat(s);
    await after(seconds(3600));
    expect(await lines(visitor)).toEqual([]);
    const agent = await s.available('agent3');
    await s.settle();
    expect((await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/pickup`, {})).statusCode).toBe(200);
    await after(seconds(299));
    expect(await lines(visitor)).toEqual(['Chen Wei has joined the conversation.']);
  });

  it('follows the server parameters: shorter times, or no idle timeout at all', async () => {
    await s.parameter('PartyIdleTime', 60);
    await s.parameter('PartyIdleGraceTime', 10);
    const { visitor, customer } = await pickedUp();
    await after(seconds(60));
    await customer.inbox.next(isType('idle-warning'), 'warned after 60 s');
    await s.parameter('EnabledIdleTimeout', false);
    await after(seconds(3600));
    expect(customer.inbox.received.some(isType('chat-ended'))).toBe(false);
    expect((await asVisitor(s, visitor)('GET', '')).json().state).toBe('connected');
  });
});
