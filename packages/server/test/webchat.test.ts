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
const data = <T = Record<string, unknown>>(m: Json) => m.data as T;

/** The visitor's event socket, open and caught up (after `ready`). */
async function visitorSocket(visitor: Visitor, after?: number): Promise<TestSocket> {
  const query = `token=${visitor.token}${after === undefined ? '' : `&after=${after}`}`;
  const socket = await openSocket(wsUrl(s.baseUrl, `/api/v1/webchat/chats/${visitor.chatId}/events?${query}`));
  await socket.inbox.next(isType('ready'), 'ready');
  return socket;
}

/** An agent's hub socket following one interaction. */
async function agentSocket(token: string, interactionId: string): Promise<TestSocket> {
  const socket = await openSocket(wsUrl(s.baseUrl, `/api/v1/messaging?token=${token}`));
  socket.send({ type: 'subscribe', topic: 'interaction', filter: { interactionIds: [interactionId] } });
  await socket.inbox.next(isType('subscribed'), 'subscribed');
  return socket;
}

/** A user with no rights at all, logged on. */
async function aUserWithoutRights(): Promise<string> {
  const admin = await s.logon('admin');
  const created = await s.call(admin, 'POST', '/api/v1/config/users', {
    id: 'guest',
    displayName: 'Guest',
    password: 'guest-password-1',
  });
  expect(created.statusCode, created.body).toBe(201);
  return s.logon('guest', 'guest-password-1');
}

/** A chat to Support picked up by Chen Wei (agent3), with both sockets open; the join line is in. */
async function aConnectedChat() {
  const agent = await s.available('agent3');
  const visitor = await startChat(s, { attributes: { Order: 'A-17' } });
  await s.settle();
  const customer = await visitorSocket(visitor);
  const hub = await agentSocket(agent, visitor.chatId);
  const picked = await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/pickup`, {});
  expect(picked.statusCode, picked.body).toBe(200);
  // The system line comes first, then the event.
  await customer.inbox.next(isType('agent-joined'), 'agent joined');
  return { agent, visitor, customer, hub, as: asVisitor(s, visitor) };
}

describe('a web chat between a visitor and an agent', () => {
  it('routes the visitor to an available Support agent, with the website attributes prefixed WebTools_', async () => {
    const agent = await s.available('agent3');
    const visitor = await startChat(s, {
      email: 'vera@example.com',
      attributes: { Order: 'A-17' },
      routingContexts: [{ context: 'web', category: 'channel' }],
    });
    await s.settle();
    const ix = (await s.call(agent, 'GET', `/api/v1/interactions/${visitor.chatId}`)).json();
    expect(ix).toMatchObject({ type: 'chat', state: 'acd-alerting', userId: 'agent3', workgroupId: 'Support' });
    expect(ix.attributes).toMatchObject({
      WebTools_Order: 'A-17',
      WebTools_RoutingContext_channel: 'web',
      Eic_RemoteName: 'Vera Visitor',
      Tandem_CustomerEmail: 'vera@example.com',
    });
    expect(JSON.stringify(ix)).not.toContain(visitor.token);
    expect(ix.participants).toEqual([expect.objectContaining({ id: visitor.participantId, kind: 'customer' })]);
  });

  it('requires the skill a routing context names', async () => {
    await s.available('agent3');
    const admin = await s.logon('admin');
    await s.call(admin, 'POST', '/api/v1/config/skills', { id: 'Welsh', displayName: 'Welsh' });
    const visitor = await startChat(s, { routingContexts: [{ context: 'Welsh', category: 'skills' }] });
    await s.settle();
    const ix = (await s.call(admin, 'GET', `/api/v1/interactions/${visitor.chatId}`)).json();
    expect(ix.skills).toEqual([{ skillId: 'Welsh', minProficiency: 1 }]);
    expect(ix.state).toBe('acd-wait-agent');
  });

  it('tells the visitor the agent joined, and both sides hear each other', async () => {
    const { agent, visitor, customer, hub, as } = await aConnectedChat();
    expect(customer.inbox.received.filter(isType('message')).map(data)).toEqual([
      expect.objectContaining({
        seq: 1,
        kind: 'system',
        participantType: 'system',
        text: 'Chen Wei has joined the conversation.',
      }),
    ]);

    const sent = await as('POST', '/messages', { text: 'Hello, my order is late' });
    expect(sent.statusCode, sent.body).toBe(201);
    const heard = await hub.inbox.next(
      (m) =>
        m.type === 'interaction.chat-message' && data<{ message: { seq: number } }>(m).message.seq === sent.json().seq,
      'the customer line on the hub',
    );
    expect(data(heard)).toMatchObject({
      interactionId: visitor.chatId,
      message: {
        seq: sent.json().seq,
        participantType: 'customer',
        displayName: 'Vera Visitor',
        text: 'Hello, my order is late',
      },
    });
    expect(data(await customer.inbox.next(isType('message'), 'own line echoed'))).toMatchObject({ mine: true });

    const reply = await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/chat/messages`, {
      text: 'Let me look',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const line = data(await customer.inbox.next(isType('message'), 'the agent line'));
    expect(line).toEqual({
      seq: reply.json().seq,
      kind: 'text',
      text: 'Let me look',
      at: s.clock.now(),
      participantType: 'agent',
      displayName: 'Chen Wei',
      mine: false,
    });
    expect(JSON.stringify(line)).not.toContain('agent3');
  });

  it('shows typing both ways', async () => {
    const { agent, visitor, customer, hub, as } = await aConnectedChat();
    expect((await as('PUT', '/typing', { on: true })).statusCode).toBe(204);
    expect(data(await hub.inbox.next(isType('interaction.chat-typing'), 'customer typing'))).toMatchObject({
      participantType: 'customer',
      displayName: 'Vera Visitor',
      on: true,
    });
    const typing = await s.call(agent, 'PUT', `/api/v1/interactions/${visitor.chatId}/chat/typing`, { on: true });
    expect(typing.statusCode, typing.body).toBe(204);
    expect(data(await customer.inbox.next(isType('typing'), 'agent typing'))).toEqual({
      participantType: 'agent',
      displayName: 'Chen Wei',
      on: true,
    });
  });

  it('gives a visitor who reconnects with after=<seq> what they missed, in order, then live lines', async () => {
    const { agent, visitor, customer, as } = await aConnectedChat();
    const first = (await as('POST', '/messages', { text: 'one' })).json().seq as number;
    await customer.inbox.next((m) => m.type === 'message' && data(m).seq === first, 'one');
    customer.ws.close();
    await customer.closed;
    for (const text of ['two', 'three', 'four'])
      await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/chat/messages`, { text });

    const again = await visitorSocket(visitor, first);
    const replayed = again.inbox.received.filter(isType('message')).map((m) => data(m).text);
    expect(replayed).toEqual(['two', 'three', 'four']);
    await as('POST', '/messages', { text: 'five' });
    expect(data(await again.inbox.next(isType('message'), 'five live'))).toMatchObject({ text: 'five', mine: true });

    const transcript = (await as('GET', '/messages?after=0')).json().messages as { seq: number; text: string }[];
    expect(transcript.map((m) => m.seq)).toEqual(transcript.map((_, i) => i + 1));
    expect(transcript.map((m) => m.text)).toEqual([
      'Chen Wei has joined the conversation.',
      'one',
      'two',
      'three',
      'four',
      'five',
    ]);
    const page = (await as('GET', `/messages?after=2&limit=2`)).json().messages as { text: string }[];
    expect(page.map((m) => m.text)).toEqual(['two', 'three']);
    const agentView = await s.call(agent, 'GET', `/api/v1/interactions/${visitor.chatId}/chat/messages?after=5`);
    expect(agentView.json().messages).toEqual([
      expect.objectContaining({ seq: 6, participantId: visitor.participantId }),
    ]);
  });

  it('disconnects the chat with Remote Disconnect when the visitor leaves, and tells the agent', async () => {
    const { agent, visitor, customer, hub, as } = await aConnectedChat();
    const left = await as('DELETE', '');
    expect(left.statusCode, left.body).toBe(204);
    expect(data(await hub.inbox.next(isType('interaction.disconnected'), 'disconnected'))).toMatchObject({
      interaction: {
        state: 'disconnected',
        disconnectReason: 'remote',
        displayState: 'Disconnected (Remote Disconnect)',
      },
    });
    expect(data(await customer.inbox.next(isType('chat-ended'), 'chat ended'))).toEqual({ reason: 'customer-left' });
    expect((await customer.closed).code).toBe(4002);
    const texts = ((await as('GET', '/messages')).json().messages as { text: string }[]).map((m) => m.text);
    expect(texts.at(-1)).toBe('Vera Visitor has left the conversation.');

    expect((await as('POST', '/messages', { text: 'still there?' })).statusCode).toBe(409);
    const late = await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/chat/messages`, {
      text: 'hello?',
    });
    expect(late.json().error.code).toBe('ACTION_NOT_ALLOWED');
    expect((await as('DELETE', '')).statusCode, 'leaving twice changes nothing').toBe(204);
    const closedSocket = await openSocket(
      wsUrl(s.baseUrl, `/api/v1/webchat/chats/${visitor.chatId}/events?token=${visitor.token}`),
    );
    expect(data(await closedSocket.inbox.next(isType('chat-ended'), 'ended at once'))).toEqual({
      reason: 'customer-left',
    });
    expect((await closedSocket.closed).code).toBe(4002);
  });

  it('ends the chat for the visitor when the agent disconnects', async () => {
    const { agent, visitor, customer, as } = await aConnectedChat();
    expect((await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/disconnect`, {})).statusCode).toBe(200);
    expect((await customer.inbox.next(isType('agent-left'), 'agent left')).data).toEqual({ displayName: 'Chen Wei' });
    expect((await customer.inbox.next(isType('chat-ended'), 'chat ended')).data).toEqual({ reason: 'agent-ended' });
    expect((await customer.closed).code).toBe(4002);
    expect((await as('GET', '')).json()).toMatchObject({ state: 'ended', agents: [] });
    expect((await as('PUT', '/typing', { on: true })).statusCode).toBe(409);
  });

  it('writes system lines when the agent transfers the chat, and the next agent takes over', async () => {
    const { agent, visitor, customer } = await aConnectedChat();
    const next = await s.available('agent4');
    const moved = await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/transfer`, {
      target: { type: 'user', id: 'agent4' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(data(await customer.inbox.next(isType('agent-left'), 'agent left'))).toEqual({ displayName: 'Chen Wei' });
    expect((await s.call(next, 'POST', `/api/v1/interactions/${visitor.chatId}/pickup`, {})).statusCode).toBe(200);
    const joined = data(await customer.inbox.next(isType('agent-joined'), 'next agent joined'));
    const texts = customer.inbox.received.filter(isType('message')).map((m) => data(m).text);
    expect(texts).toEqual([
      'Chen Wei has joined the conversation.',
      'Interaction transferred to Dolores Ruiz.',
      'Chen Wei has left the conversation.',
      `${String(joined.displayName)} has joined the conversation.`,
    ]);
    const stale = await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/chat/messages`, { text: 'bye' });
    expect(stale.json().error.code).toBe('NOT_ASSIGNED');
  });
});

describe('who may do what in a web chat', () => {
  it('refuses bad input naming the field, an unknown chat with 404 and a wrong token with 401', async () => {
    const noWorkgroup = await s.call(undefined, 'POST', '/api/v1/webchat/chats', { displayName: 'X' });
    expect(noWorkgroup.statusCode).toBe(400);
    expect(noWorkgroup.json().error.details.issues[0].path).toBe('workgroup');
    const unknown = await s.call(undefined, 'POST', '/api/v1/webchat/chats', {
      workgroup: 'Nowhere',
      displayName: 'X',
    });
    expect(unknown.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'workgroup' }] },
    });
    const skill = await s.call(undefined, 'POST', '/api/v1/webchat/chats', {
      workgroup: 'Support',
      displayName: 'X',
      routingContexts: [{ context: 'Klingon', category: 'skills' }],
    });
    expect(skill.json().error.details.issues[0].path).toBe('routingContexts.0.context');
    const blank = await s.call(undefined, 'POST', '/api/v1/webchat/chats', {
      workgroup: 'Support',
      displayName: '   ',
    });
    expect(blank.json().error.details.issues[0].path).toBe('displayName');

    const visitor = await startChat(s);
    const as = asVisitor(s, visitor);
    const empty = await as('POST', '/messages', { text: '' });
    expect(empty.json().error.details.issues[0].path).toBe('text');
    expect((await as('POST', '/messages', { text: 'x'.repeat(4001) })).statusCode).toBe(400);
    expect((await as('PUT', '/typing', { on: 'yes' })).json().error.details.issues[0].path).toBe('on');
    expect((await as('GET', '/messages?after=-1')).json().error.details.issues[0].path).toBe('query.after');

    const wrong = await s.call('not-the-token', 'POST', `/api/v1/webchat/chats/${visitor.chatId}/messages`, {
      text: 'hi',
    });
    expect(wrong.statusCode).toBe(401);
    const none = await s.call(undefined, 'GET', `/api/v1/webchat/chats/${visitor.chatId}/messages`);
    expect(none.json().error.code).toBe('NOT_AUTHENTICATED');
    const viaQuery = await s.call(undefined, 'GET', `/api/v1/webchat/chats/${visitor.chatId}?token=${visitor.token}`);
    expect(viaQuery.json()).toMatchObject({ chatId: visitor.chatId, state: 'waiting', agents: [] });
    expect((await s.call(visitor.token, 'GET', '/api/v1/webchat/chats/1999999999/messages')).statusCode).toBe(404);
    const other = await startChat(s);
    expect((await s.call(other.token, 'GET', `/api/v1/webchat/chats/${visitor.chatId}/messages`)).statusCode).toBe(401);
    const agent = await s.logon('agent1');
    expect((await s.call(agent, 'GET', `/api/v1/webchat/chats/${visitor.chatId}/messages`)).statusCode).toBe(401);
  });

  it('lets only a user connected to the chat write in it; others who may view it read the transcript', async () => {
    const { visitor, as } = await aConnectedChat();
    await as('POST', '/messages', { text: 'hi' });
    const colleague = await s.logon('agent2');
    const write = await s.call(colleague, 'POST', `/api/v1/interactions/${visitor.chatId}/chat/messages`, {
      text: 'me too',
    });
    expect(write.json().error.code).toBe('NOT_ASSIGNED');
    const read = await s.call(colleague, 'GET', `/api/v1/interactions/${visitor.chatId}/chat/messages`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().messages.map((m: { text: string }) => m.text)).toContain('hi');
    const outsider = await aUserWithoutRights();
    expect((await s.call(outsider, 'GET', `/api/v1/interactions/${visitor.chatId}/chat/messages`)).statusCode).toBe(
      403,
    );
  });

  it('does not let the alerted agent write before picking up', async () => {
    const agent = await s.available('agent3');
    const visitor = await startChat(s);
    await s.settle();
    const early = await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/chat/messages`, { text: 'hi' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/pick it up/);
  });
});
