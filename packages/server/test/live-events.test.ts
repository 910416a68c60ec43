import { TandemClient, type TandemEvent } from '@tandem/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, aServer, type TestServer } from './support/harness.js';

let s: TestServer;
let baseUrl: string;
beforeEach(async () => {
  s = await aServer();
  await s.tandem.app.listen({ port: 0, host: '127.0.0.1' });
  const address = s.tandem.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterEach(async () => {
  await s.close();
});

function nextEvent(
  stream: ReturnType<TandemClient['events']>,
  type: string,
  where: (e: TandemEvent) => boolean = () => true,
): Promise<TandemEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within 5 s`)), 5000);
    const off = stream.on(type, (event: TandemEvent) => {
      if (!where(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

describe('live user statuses', () => {
  it('reach a subscribed client when another user changes status', async () => {
    const watcher = await TandemClient.connect({ baseUrl, userId: 'supervisor', password: DEMO_PASSWORD });
    const stream = watcher.events();
    await stream.subscribe('user-status', { userIds: ['agent1'] }).ready;
    const agent = await TandemClient.connect({ baseUrl, userId: 'agent1', password: DEMO_PASSWORD });
    const seen = nextEvent(
      stream,
      'user-status.changed',
      (e) => (e.data as { statusId: string }).statusId === 'available',
    );
    await agent.request('PUT', '/api/v1/status/user-statuses/agent1', { statusId: 'available' });
    const event = await seen;
    expect(event.data).toMatchObject({
      userId: 'agent1',
      statusId: 'available',
      statusText: 'Available',
      loggedOn: true,
    });
    expect(event.seq).toBeGreaterThan(0);
    stream.close();
  });

  it('tell the old session why it ended when the user logs on elsewhere', async () => {
    const first = await TandemClient.connect({ baseUrl, userId: 'agent2', password: DEMO_PASSWORD });
    const stream = first.events();
    await stream.subscribe('user-status', {}).ready;
    const ended = new Promise<unknown>((resolve) => stream.on('session.ended', resolve));
    await TandemClient.connect({ baseUrl, userId: 'agent2', password: DEMO_PASSWORD });
    expect(await ended).toEqual({ reason: 'logged-on-elsewhere' });
    stream.close();
  });

  it('keep a session with an open stream from timing out', async () => {
    const client = await TandemClient.connect({ baseUrl, userId: 'agent3', password: DEMO_PASSWORD });
    const stream = client.events();
    await stream.subscribe('user-status', {}).ready;
    s.clock.advance(3600_000);
    expect(await s.tandem.sessions.sweep()).toBe(0);
    stream.close();
  });
});
