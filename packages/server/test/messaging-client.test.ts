import { type EventStream, type StreamLifecycleEvents, TandemClient, type TandemEvent } from '@tandem/client';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Inbox, startServer, statusChange, type TestServer, within } from './messaging-test-kit.js';

let server: TestServer | undefined;
const streams: EventStream[] = [];

/** A stream of the test server's `agent1` session that records events and lifecycle changes. */
function aStream(token = 'good', reconnectDelayMs = () => 0) {
  if (!server) throw new Error('start the server first');
  const stream = new TandemClient({ baseUrl: server.httpUrl, token }).events({ reconnectDelayMs });
  streams.push(stream);
  const events = new Inbox<TandemEvent>();
  const lifecycle = new Inbox<{ type: keyof StreamLifecycleEvents; payload: unknown }>();
  stream.onEvent((e) => events.push(e));
  for (const type of ['open', 'reconnected', 'disconnected', 'resync', 'session.ended', 'error', 'closed'] as const) {
    stream.on(type, (payload: unknown) => lifecycle.push({ type, payload }));
  }
  return { stream, events, lifecycle, seqs: () => events.received.map((e) => e.seq) };
}

/** Drops every socket from the server side, as a network failure or a restart would. */
function dropAllSockets(): void {
  for (const ws of server?.app.websocketServer.clients ?? []) ws.terminate();
}

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await server?.app.close();
  server = undefined;
});

describe('the client SDK event stream', () => {
  it('delivers the events of its subscriptions', async () => {
    server = await startServer();
    const { stream, events } = aStream();
    const ready = await within(stream.subscribe('user-status', { userIds: ['agent2'] }).ready, 'the subscription');
    expect(ready).toBe(0);
    statusChange(server.hub, 'agent1');
    statusChange(server.hub, 'agent2', 'away');
    expect(await events.next(() => true, 'the event')).toEqual({
      type: 'user-status.changed',
      seq: 2,
      data: { userId: 'agent2', statusId: 'away' },
    });
  });

  it('reconnects after a drop and gets exactly the events it missed, once each', async () => {
    server = await startServer();
    const { hub } = server;
    const { stream, events, lifecycle, seqs } = aStream();
    await within(stream.subscribe('user-status').ready, 'the subscription');
    statusChange(hub, 'agent1', 'away');
    await events.next((e) => e.seq === 1, 'the event before the drop');
    // Published while the client is down: it must get them by resuming, not live.
    stream.on('disconnected', () => ['agent1', 'agent2', 'agent3'].forEach((user) => statusChange(hub, user, 'lunch')));
    dropAllSockets();
    await lifecycle.next((l) => l.type === 'disconnected', 'the drop');
    await lifecycle.next((l) => l.type === 'reconnected', 'the reconnection');
    await events.next((e) => e.seq === 4, 'the last missed event');
    statusChange(hub, 'agent4', 'away');
    await events.next((e) => e.seq === 5, 'the live event after the reconnection');
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
    expect(stream.lastSeq).toBe(5);
  });

  it('resumes every topic from one point when several were subscribed', async () => {
    server = await startServer();
    const { hub } = server;
    hub.registerTopic('queue', { filterSchema: z.unknown(), matches: () => true, authorize: () => undefined });
    const { stream, events, lifecycle, seqs } = aStream();
    await within(
      Promise.all([stream.subscribe('user-status').ready, stream.subscribe('queue').ready]),
      'the subscriptions',
    );
    stream.on('disconnected', () => {
      statusChange(hub, 'agent1');
      hub.publish('queue', 'added', { id: 'chat-1' }, {});
      statusChange(hub, 'agent2');
      hub.publish('queue', 'added', { id: 'chat-2' }, {});
    });
    dropAllSockets();
    await lifecycle.next((l) => l.type === 'reconnected', 'the reconnection');
    await events.next(() => events.received.length >= 4, 'the four missed events');
    expect([...seqs()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
  });

  it('says resync when the server no longer holds what it missed', async () => {
    server = await startServer({ hubOptions: { capacity: 2 } });
    const { hub } = server;
    const { stream, lifecycle, events } = aStream();
    await within(stream.subscribe('user-status').ready, 'the subscription');
    stream.on('disconnected', () => ['a', 'b', 'c', 'd'].forEach((user) => statusChange(hub, user)));
    dropAllSockets();
    await lifecycle.next((l) => l.type === 'reconnected', 'the reconnection');
    expect(await lifecycle.next((l) => l.type === 'resync', 'the resync')).toEqual({
      type: 'resync',
      payload: { topic: 'user-status' },
    });
    statusChange(hub, 'e');
    expect(await events.next(() => true, 'the live event after the resync')).toMatchObject({ seq: 5 });
    expect(events.received).toHaveLength(1);
  });

  it('stops for good when the session ends, without reconnecting', async () => {
    server = await startServer();
    const { stream, lifecycle } = aStream();
    await within(stream.subscribe('user-status').ready, 'the subscription');
    server.hub.endSession('session-agent1', 'logoff');
    expect(await lifecycle.next((l) => l.type === 'session.ended', 'the end')).toEqual({
      type: 'session.ended',
      payload: { reason: 'logoff' },
    });
    await lifecycle.next((l) => l.type === 'closed', 'the close');
    expect(lifecycle.received.map((l) => l.type)).not.toContain('disconnected');
    expect(stream.connected).toBe(false);
  });

  it('treats a refused upgrade as an ended session', async () => {
    server = await startServer();
    const { lifecycle } = aStream('expired');
    expect(await lifecycle.next((l) => l.type === 'session.ended', 'the end')).toEqual({
      type: 'session.ended',
      payload: { reason: 'not-authenticated' },
    });
  });

  it('rejects a refused subscription and reports the field', async () => {
    server = await startServer();
    const { stream, lifecycle } = aStream();
    const refused = stream.subscribe('user-status', { userIds: 'agent1' } as never).ready;
    await expect(within(refused, 'the refusal')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'filter.userIds' }] },
    });
    expect(await lifecycle.next((l) => l.type === 'error', 'the error event')).toMatchObject({
      payload: { topic: 'user-status' },
    });
  });

  it('reconnects after the server closes a slow socket with 1013', async () => {
    server = await startServer();
    const { stream, lifecycle } = aStream();
    await within(stream.subscribe('user-status').ready, 'the subscription');
    for (const ws of server.app.websocketServer.clients) ws.close(1013, 'too slow');
    expect(await lifecycle.next((l) => l.type === 'disconnected', 'the drop')).toMatchObject({
      payload: { code: 1013 },
    });
    await lifecycle.next((l) => l.type === 'reconnected', 'the reconnection');
  });
});
