import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  type Json,
  openEventStream,
  openSocket,
  startServer,
  statusChange,
  subscribe,
  type TestServer,
  type TestSocket,
  within,
} from './messaging-test-kit.js';

let server: TestServer | undefined;
const sockets: TestSocket[] = [];

async function aServer(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  server = await startServer(options);
  return server;
}

async function aSocket(token = 'good'): Promise<TestSocket> {
  if (!server) throw new Error('start the server first');
  const socket = await openSocket(server.wsUrl(token));
  sockets.push(socket);
  return socket;
}

const isEvent = (m: Json) => m.type === 'user-status.changed';

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.ws.terminate();
  await server?.app.close();
  server = undefined;
});

describe('GET /api/v1/messaging over WebSocket', () => {
  it('delivers published events to a subscriber with increasing seq', async () => {
    const { hub, opened } = await aServer();
    const socket = await aSocket();
    expect(await opened.next(() => true, 'onOpen')).toMatchObject({ userId: 'agent1', sessionId: 'session-agent1' });
    const ack = await subscribe(socket, 'user-status');
    expect(ack).toMatchObject({ type: 'subscribed', topic: 'user-status', seq: 0 });
    statusChange(hub, 'agent1', 'away');
    statusChange(hub, 'agent2', 'available');
    const first = await socket.inbox.next(isEvent, 'the first status change');
    const second = await socket.inbox.next(isEvent, 'the second status change');
    expect(first).toEqual({ type: 'user-status.changed', seq: 1, data: { userId: 'agent1', statusId: 'away' } });
    expect(second['seq']).toBe(2);
  });

  it('delivers only the users named in the filter', async () => {
    const { hub } = await aServer();
    const socket = await aSocket();
    await subscribe(socket, 'user-status', { filter: { userIds: ['agent2'] } });
    statusChange(hub, 'agent1');
    statusChange(hub, 'agent2');
    const event = await socket.inbox.next(isEvent, 'the change of agent2');
    expect(event['seq']).toBe(2);
  });

  it('answers a bad message with an error naming the field and keeps the socket open', async () => {
    await aServer();
    const socket = await aSocket();
    socket.send('{not json');
    expect(await socket.inbox.next((m) => m.type === 'error', 'the JSON error')).toMatchObject({
      error: { code: 'MALFORMED_REQUEST' },
    });
    socket.send({ type: 'subscribe', id: 7 });
    const missingTopic = await socket.inbox.next((m) => m.type === 'error', 'the missing topic error');
    expect(missingTopic).toMatchObject({
      id: 7,
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'topic' }] } },
    });
    expect((missingTopic['error'] as { message: string }).message).toMatch(/^topic: /);
    socket.send({ type: 'subscribe', topic: 'user-status', filter: { userIds: 'agent1' } });
    expect(await socket.inbox.next((m) => m.type === 'error', 'the filter error')).toMatchObject({
      error: { details: { issues: [{ path: 'filter.userIds' }] } },
    });
    socket.send({ type: 'dance' });
    expect(await socket.inbox.next((m) => m.type === 'error', 'the type error')).toMatchObject({
      error: { details: { issues: [{ path: 'type' }] } },
    });
    socket.send({ type: 'subscribe', topic: 'weather' });
    expect(await socket.inbox.next((m) => m.type === 'error', 'the topic error')).toMatchObject({
      error: { message: expect.stringMatching(/unknown topic 'weather'/) },
    });
    socket.send({ type: 'ping', id: 'p1' });
    expect(await socket.inbox.next((m) => m.type === 'pong', 'the pong')).toEqual({ type: 'pong', id: 'p1' });
  });

  it('refuses an upgrade without a session with 401 NOT_AUTHENTICATED', async () => {
    const { wsUrl } = await aServer();
    const ws = new WebSocket(wsUrl('bad'));
    const answer = await within(
      new Promise<{ status: number; body: string }>((resolve) => {
        ws.on('unexpected-response', (_request, response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += String(chunk)));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
      }),
      'the refusal',
    );
    ws.on('error', () => undefined);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'NOT_AUTHENTICATED' } });
  });

  it('replays exactly the events missed while disconnected when resubscribing with since', async () => {
    const { hub } = await aServer();
    const first = await aSocket();
    await subscribe(first, 'user-status');
    statusChange(hub, 'agent1', 'away');
    const seen = await first.inbox.next(isEvent, 'the event before the drop');
    first.ws.terminate();
    await first.closed;
    statusChange(hub, 'agent1', 'available');
    statusChange(hub, 'agent2', 'away');
    statusChange(hub, 'agent3', 'away');
    const second = await aSocket();
    await subscribe(second, 'user-status', { since: seen['seq'] });
    statusChange(hub, 'agent4', 'away');
    await second.inbox.next((m) => isEvent(m) && m['seq'] === 5, 'the live event after the ack');
    const events = second.inbox.received.filter(isEvent).map((m) => m['seq']);
    expect(events).toEqual([2, 3, 4, 5]);
    const ackIndex = second.inbox.received.findIndex((m) => m.type === 'subscribed');
    expect(second.inbox.received.slice(0, ackIndex).filter(isEvent)).toHaveLength(3);
  });

  it('says resync when since is older than the events the server still holds', async () => {
    const { hub } = await aServer({ hubOptions: { capacity: 2 } });
    for (const user of ['a', 'b', 'c', 'd']) statusChange(hub, user);
    const socket = await aSocket();
    await subscribe(socket, 'user-status', { since: 1 });
    expect(socket.inbox.received.map((m) => m.type)).toEqual(['resync', 'subscribed']);
    expect(socket.inbox.received[0]).toMatchObject({ topic: 'user-status' });
  });

  it('sends session.ended and closes with 4001 when the session ends', async () => {
    const { hub, closed } = await aServer();
    const mine = await aSocket('good');
    const other = await aSocket('agent2');
    await subscribe(mine, 'user-status');
    expect(hub.endSession('session-agent1', 'logged-on-elsewhere')).toBe(1);
    expect(await mine.inbox.next((m) => m.type === 'session.ended', 'the goodbye')).toEqual({
      type: 'session.ended',
      data: { reason: 'logged-on-elsewhere' },
    });
    expect(await within(mine.closed, 'the close')).toMatchObject({ code: 4001 });
    other.send({ type: 'ping' });
    await other.inbox.next((m) => m.type === 'pong', 'the other session to still answer');
    expect(await closed.next(() => true, 'onClose')).toMatchObject({ userId: 'agent1' });
    expect(closed.received).toHaveLength(1);
  });

  it('closes a socket that reads too slowly with 1013 so that it can resume', async () => {
    const { hub } = await aServer({ maxBufferedBytes: 64 * 1024 });
    const socket = await aSocket();
    await subscribe(socket, 'user-status');
    socket.ws.pause();
    const notes = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 2_000 && hub.subscriberCount() > 0; i += 1)
      hub.publish('user-status', 'changed', { userId: 'a', notes }, { userId: 'a' });
    expect(hub.subscriberCount()).toBe(0);
    socket.ws.resume();
    expect(await within(socket.closed, 'the close')).toMatchObject({ code: 1013 });
  });

  it('closes every connection and finishes when the server closes', async () => {
    const { app, httpUrl } = await aServer();
    const socket = await aSocket();
    await subscribe(socket, 'user-status');
    const stream = await openEventStream(`${httpUrl}/api/v1/messaging?token=good&topics=user-status`);
    await stream.inbox.next((f) => f.event === 'subscribed', 'the SSE subscription');
    await within(app.close(), 'app.close()');
    server = undefined;
    expect(await within(socket.closed, 'the socket close')).toEqual({ code: 1001, reason: 'server closing' });
    await within(stream.ended, 'the end of the event stream');
  });

  it('does not wait for a client that never answers the close handshake', async () => {
    const { app } = await aServer({ closeGraceMs: 50 });
    const socket = await aSocket();
    await subscribe(socket, 'user-status');
    socket.ws.pause();
    await within(app.close(), 'app.close()', 2_000);
    server = undefined;
    socket.ws.resume();
    // The goodbye may still sit in the client's receive buffer; either way the socket is gone.
    expect([1001, 1006]).toContain((await within(socket.closed, 'the socket close')).code);
  });
});

describe('GET /api/v1/messaging as Server-Sent Events', () => {
  it('streams events with their seq as id and type as event', async () => {
    const { hub, httpUrl } = await aServer();
    const stream = await openEventStream(`${httpUrl}/api/v1/messaging?token=good&topics=user-status`);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.inbox.next((f) => f.event === 'subscribed', 'the subscription');
    statusChange(hub, 'agent1', 'away');
    const frame = await stream.inbox.next((f) => f.event === 'user-status.changed', 'the event');
    expect(frame.id).toBe('1');
    expect(JSON.parse(frame.data ?? '')).toEqual({
      type: 'user-status.changed',
      seq: 1,
      data: { userId: 'agent1', statusId: 'away' },
    });
    stream.abort();
  });

  it('resumes from Last-Event-ID, filtered as the query says', async () => {
    const { hub, httpUrl } = await aServer();
    for (const user of ['agent1', 'agent2', 'agent1', 'agent2']) statusChange(hub, user);
    const filter = encodeURIComponent(JSON.stringify({ userIds: ['agent1'] }));
    const url = `${httpUrl}/api/v1/messaging?token=good&topics=user-status&since=0&filter.user-status=${filter}`;
    const stream = await openEventStream(url, { 'last-event-id': '1' });
    const ack = await stream.inbox.next((f) => f.event === 'subscribed', 'the subscription');
    expect(stream.inbox.received.filter((f) => f.event === 'user-status.changed').map((f) => f.id)).toEqual(['3']);
    expect(ack.id).toBe('4');
    stream.abort();
  });

  it('sends a heartbeat comment when nothing happens', async () => {
    const { httpUrl } = await aServer({ heartbeatMs: 20 });
    const stream = await openEventStream(`${httpUrl}/api/v1/messaging?token=good&topics=user-status`);
    expect(await stream.inbox.next((f) => f.comment === 'heartbeat', 'a heartbeat')).toBeDefined();
    stream.abort();
  });

  it('refuses a request without a session with 401 and a bad query naming the field', async () => {
    const { httpUrl } = await aServer();
    const anonymous = await fetch(`${httpUrl}/api/v1/messaging?topics=user-status`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'NOT_AUTHENTICATED' } });
    const noTopics = await fetch(`${httpUrl}/api/v1/messaging?token=good`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(noTopics.status).toBe(400);
    expect(await noTopics.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'topics' }] } },
    });
    const badFilter = await fetch(`${httpUrl}/api/v1/messaging?token=good&topics=user-status&filter.user-status={`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(await badFilter.json()).toMatchObject({ error: { details: { issues: [{ path: 'filter.user-status' }] } } });
    const plain = await fetch(`${httpUrl}/api/v1/messaging?token=good`);
    expect(plain.status).toBe(400);
  });

  it('ends the stream with session.ended when the session ends', async () => {
    const { hub, httpUrl } = await aServer();
    const stream = await openEventStream(`${httpUrl}/api/v1/messaging?token=good&topics=user-status`);
    await stream.inbox.next((f) => f.event === 'subscribed', 'the subscription');
    hub.endSession('session-agent1', 'timeout');
    const goodbye = await stream.inbox.next((f) => f.event === 'session.ended', 'the goodbye');
    expect(JSON.parse(goodbye.data ?? '')).toEqual({ type: 'session.ended', data: { reason: 'timeout' } });
    await within(stream.ended, 'the end of the stream');
  });
});
