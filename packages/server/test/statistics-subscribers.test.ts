import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aServer, type TestServer } from './support/harness.js';
import { aStatisticsListener } from './support/statistics-listener.js';

let s: TestServer;
let admin: string;
/** Every statistics event the hub published, as `kind:id`. */
let published: string[];

beforeEach(async () => {
  s = await aServer();
  admin = await s.logon('admin');
  published = [];
  const { hub } = s.tandem;
  const publish = hub.publish.bind(hub);
  hub.publish = (topic, event, data, scope) => {
    if (topic === 'statistics') published.push(`${event}:${String(scope?.['workgroupId'] ?? scope?.['userId'])}`);
    return publish(topic, event, data, scope);
  };
});
afterEach(async () => {
  await s.close();
});

/**
 * Lets the publishing turns the service scheduled run. Each turn has a 2 ms slice of real time and
 * serves at least one new subscription, so on a slow machine a few new subscriptions may take a few
 * turns; the fake clock, not the number of turns, decides what falls due.
 */
async function aTurn(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function aChatIn(workgroupId: string): Promise<void> {
  const r = await s.call(admin, 'POST', '/api/v1/interactions', { type: 'chat', workgroupId });
  expect(r.statusCode, r.body).toBe(201);
  await s.tandem.router.settle();
  await aTurn();
}

/** agent3, a member of Support, available for ACD work. */
async function agent3Available(): Promise<void> {
  const agent3 = await s.logon('agent3');
  const r = await s.call(agent3, 'PUT', '/api/v1/status/user-statuses/agent3', { statusId: 'available' });
  expect(r.statusCode, r.body).toBe(200);
}

describe('statistics published only to subscribers', () => {
  it('builds no figures nobody subscribes to, and still answers them over REST', async () => {
    await agent3Available();
    await aChatIn('Support');
    s.clock.advance(1000);
    expect(s.tandem.statistics.flush()).toBe(0);
    expect(published).toEqual([]);
    const supervisor = await s.logon('supervisor');
    const figures = (await s.call(supervisor, 'GET', '/api/v1/statistics/workgroups/Support')).json();
    expect(figures).toMatchObject({ intervals: { currentShift: { received: 1 } } });
    const own = (await s.call(await s.logon('agent3'), 'GET', '/api/v1/statistics/agents/agent3')).json();
    expect(own.workgroups).toContainEqual(expect.objectContaining({ workgroupId: 'Support' }));
  });

  it('publishes only the subscribed workgroups and agents', async () => {
    const wallboard = aStatisticsListener(s.tandem, 'supervisor', { workgroupIds: ['Support'] });
    await aTurn();
    published.length = 0;
    s.clock.advance(1000);
    await aChatIn('Support');
    await aChatIn('Sales');
    expect(published).toEqual(['workgroup:Support']);
    expect(wallboard.workgroup('Support').at(-1)).toMatchObject({ live: { waiting: 1 } });
    wallboard.close();
  });

  it('brings a subscriber added later the current figures at once, sent to it alone', async () => {
    const first = aStatisticsListener(s.tandem, 'supervisor', { workgroupIds: ['Support'] });
    await aTurn();
    expect(first.workgroup('Support')).toHaveLength(1);
    expect(first.workgroup('Support').at(-1)).toMatchObject({ live: { waiting: 0 } });
    s.clock.advance(1000);
    await aChatIn('Support');
    expect(first.workgroup('Support')).toHaveLength(2);
    expect(first.workgroup('Support').at(-1)).toMatchObject({ live: { waiting: 1 } });
    // Support was just published: a change now waits for the next second, a new subscriber does not.
    await aChatIn('Support');
    const later = aStatisticsListener(s.tandem, 'supervisor', { workgroupIds: ['Support'] });
    const own = aStatisticsListener(s.tandem, 'agent3', { userIds: ['agent3'] });
    await aTurn();
    expect(later.workgroup('Support')).toEqual([
      expect.objectContaining({
        intervals: expect.objectContaining({ currentShift: expect.objectContaining({ received: 2 }) }),
      }),
    ]);
    expect(later.workgroup('Support')[0]).toMatchObject({ live: { waiting: 2 } });
    expect(own.agent('agent3')).toEqual([expect.objectContaining({ userId: 'agent3' })]);
    // The first subscriber was not sent them again, and its second still runs: the change waits for it.
    expect(first.workgroup('Support')).toHaveLength(2);
    // Only the change was published to all: first figures go to their subscription alone.
    expect(published.filter((p) => p === 'workgroup:Support')).toHaveLength(1);
    await aChatIn('Support');
    expect(first.workgroup('Support')).toHaveLength(2);
    expect(later.workgroup('Support')).toHaveLength(1);
    s.clock.advance(1000);
    expect(s.tandem.statistics.flush()).toBe(1);
    for (const listener of [first, later])
      expect(listener.workgroup('Support').at(-1)).toMatchObject({ live: { waiting: 3 } });
    for (const listener of [first, later, own]) listener.close();
  });

  it('keeps other subscribers to once a second while a client resubscribes in a loop', async () => {
    const wallboard = aStatisticsListener(s.tandem, 'supervisor', { workgroupIds: ['Support'] });
    const restless = aStatisticsListener(s.tandem, 'supervisor', { workgroupIds: ['Support'] });
    await aTurn();
    // A first change is published to both at once and starts Support's second.
    await aChatIn('Support');
    const seen = wallboard.workgroup('Support').length;
    const restlessSeen = restless.workgroup('Support').length;
    expect(seen).toBe(2);
    for (let i = 0; i < 20; i++) {
      restless.resubscribe();
      await aChatIn('Support');
    }
    // Twenty changes and twenty resubscriptions in the same second: the wallboard gets nothing more
    // until the second ends, the restless client its own figures for each resubscription.
    expect(wallboard.workgroup('Support')).toHaveLength(seen);
    expect(restless.workgroup('Support')).toHaveLength(restlessSeen + 20);
    // Each resubscription's figures were built before that round's chat arrived.
    expect(restless.workgroup('Support').at(-1)).toMatchObject({ live: { waiting: 20 } });
    s.clock.advance(1000);
    s.tandem.statistics.flush();
    expect(wallboard.workgroup('Support')).toHaveLength(seen + 1);
    expect(wallboard.workgroup('Support').at(-1)).toMatchObject({ live: { waiting: 21 } });
    wallboard.close();
    restless.close();
  });

  it('publishes what is due before the first figures of new subscriptions', async () => {
    const wallboard = aStatisticsListener(s.tandem, 'supervisor', { workgroupIds: ['Support'] });
    await aTurn();
    s.clock.advance(1000);
    await aChatIn('Support');
    // Support was just published: this change waits for the next second.
    await aChatIn('Support');
    s.clock.advance(1000);
    const seen = wallboard.events.length;
    // Support is due and, before any turn runs, clients subscribe (as one that resubscribes without pause would).
    const newcomers = [1, 2, 3].map(() => aStatisticsListener(s.tandem, 'supervisor', { workgroupIds: ['Support'] }));
    s.tandem.statistics.flush();
    await aTurn();
    const broadcast = wallboard.events.slice(seen);
    expect(broadcast).toHaveLength(1);
    expect(broadcast[0]?.data).toMatchObject({ live: { waiting: 2 } });
    for (const newcomer of newcomers) {
      // The due publication first, to all, then the newcomer's own figures.
      expect(newcomer.events.map((e) => e.seq)).toEqual([broadcast[0]?.seq, expect.any(Number)]);
      expect(newcomer.events[1]?.seq).toBeGreaterThan(broadcast[0]?.seq ?? Infinity);
      expect(newcomer.workgroup('Support').at(-1)).toMatchObject({ live: { waiting: 2 } });
    }
    for (const listener of [wallboard, ...newcomers]) listener.close();
  });

  it('brings a subscriber that resumes with since the figures published nowhere while it was away', async () => {
    const supervisor = aStatisticsListener(s.tandem, 'supervisor', { workgroupIds: ['Support'] });
    await aTurn();
    expect(supervisor.workgroup('Support')).toHaveLength(1);
    const lastSeen = s.tandem.hub.currentSeq();
    supervisor.unsubscribe();
    s.clock.advance(5000);
    await aChatIn('Support');
    await aChatIn('Support');
    // Nobody listened: nothing was built or published.
    expect(published.filter((p) => p === 'workgroup:Support')).toHaveLength(0);
    supervisor.resubscribe(lastSeen);
    await aTurn();
    expect(supervisor.workgroup('Support')).toHaveLength(2);
    expect(supervisor.workgroup('Support')[1]).toMatchObject({
      live: { waiting: 2 },
      intervals: { currentShift: { received: 2 } },
    });
    supervisor.close();
  });
});
