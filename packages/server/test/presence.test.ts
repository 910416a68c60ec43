import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aServer, type TestServer } from './support/harness.js';

let s: TestServer;
beforeEach(async () => {
  s = await aServer();
});
afterEach(async () => {
  await s.close();
});

describe('presence', () => {
  it('lists the status messages of the manual, marking those the user may select', async () => {
    const token = await s.logon('agent1');
    const { items } = (await s.call(token, 'GET', '/api/v1/status/status-messages')).json();
    expect(items.map((i: { text: string }) => i.text)).toEqual(
      expect.arrayContaining([
        'Available',
        'Available, Follow-Me',
        'Available, Forward',
        'Available, No ACD',
        'Gone Home',
        'ACD - Agent Not Answering',
      ]),
    );
    expect(items).toHaveLength(16);
    expect(items.find((i: { id: string }) => i.id === 'acd-agent-not-answering').selectable).toBe(false);
    expect(items.find((i: { id: string }) => i.id === 'available').selectable).toBe(true);
  });

  it('sets a status with notes and until, and counts time in status', async () => {
    const token = await s.logon('agent1');
    const set = await s.call(token, 'PUT', '/api/v1/status/user-statuses/agent1', {
      statusId: 'at-lunch',
      notes: 'back soon',
      until: Date.UTC(2026, 10, 2, 13),
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({
      statusId: 'at-lunch',
      statusText: 'At Lunch',
      notes: 'back soon',
      loggedOn: true,
      timeInStatusSeconds: 0,
    });
    s.clock.advance(95_000);
    expect((await s.call(token, 'GET', '/api/v1/status/user-statuses/agent1')).json().timeInStatusSeconds).toBe(95);
  });

  it("lets a supervisor set an agent's status, but not an agent another agent's", async () => {
    const agent = await s.logon('agent1');
    const supervisor = await s.logon('supervisor');
    expect(
      (await s.call(agent, 'PUT', '/api/v1/status/user-statuses/agent2', { statusId: 'gone-home' })).statusCode,
    ).toBe(403);
    const done = await s.call(supervisor, 'PUT', '/api/v1/status/user-statuses/agent2', { statusId: 'available' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ userId: 'agent2', statusId: 'available', changedBy: 'supervisor' });
  });

  it('keeps a status message in use from being deleted, naming who is in it', async () => {
    const admin = await s.logon('admin');
    await s.call(admin, 'PUT', '/api/v1/status/user-statuses/admin', { statusId: 'on-vacation' });
    const refused = await s.call(admin, 'DELETE', '/api/v1/config/status-messages/on-vacation');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.referrers).toEqual([{ kind: 'user-statuses', id: 'admin', field: 'statusId' }]);
  });

  it('answers the event sequence with status reads, so a client can subscribe from there without a gap', async () => {
    const token = await s.logon('agent1');
    const before = Number((await s.call(token, 'GET', '/api/v1/status/user-statuses')).headers['x-tandem-seq']);
    await s.call(token, 'PUT', '/api/v1/status/user-statuses/agent1', { statusId: 'available' });
    const after = Number((await s.call(token, 'GET', '/api/v1/status/user-statuses/agent1')).headers['x-tandem-seq']);
    // A subscriber starting from `before` is replayed exactly the change made since.
    const hub = s.tandem.hub;
    hub.addSubscriber(
      'probe',
      { sessionId: 'probe', userId: 'agent1', rights: undefined },
      { deliver: () => undefined, end: () => undefined },
    );
    const result = hub.subscribe('probe', 'user-status', { userIds: ['agent1'] }, before);
    expect(result.status).toBe('subscribed');
    const replay = result.status === 'subscribed' ? result.replay : [];
    expect(replay.map((e) => e.seq).every((seq) => seq > before && seq <= after)).toBe(true);
    expect(replay.map((e) => (e.data as { statusId: string }).statusId)).toEqual(['available']);
  });
});
