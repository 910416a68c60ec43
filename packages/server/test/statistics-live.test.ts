import { TandemClient, type TandemEvent } from '@tandem/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatisticsService } from '../src/services/statistics-service.js';
import { DEMO_PASSWORD, aServer, type TestServer } from './support/harness.js';
import { aStatisticsListener } from './support/statistics-listener.js';

let s: TestServer;
let statistics: StatisticsService;
let baseUrl: string;
/** Every statistics event the hub published, as `kind id`. */
let published: { event: string; data: { workgroupId?: string; userId?: string } & Record<string, unknown> }[];

beforeEach(async () => {
  s = await aServer();
  const t = s.tandem;
  statistics = t.statistics;
  published = [];
  const publish = t.hub.publish.bind(t.hub);
  t.hub.publish = (topic, event, data, scope) => {
    if (topic === 'statistics') published.push({ event, data: data as (typeof published)[number]['data'] });
    return publish(topic, event, data, scope);
  };
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterEach(async () => {
  statistics.stopTimers();
  await s.close();
});

function nextEvent(
  stream: ReturnType<TandemClient['events']>,
  type: string,
  where: (e: TandemEvent) => boolean,
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

const connect = (userId: string) => TandemClient.connect({ baseUrl, userId, password: DEMO_PASSWORD });
const chatIn = (client: TandemClient, workgroupId: string) =>
  client.request('POST', '/api/v1/interactions', { type: 'chat', workgroupId });

describe('the statistics topic', () => {
  it('brings a subscribed supervisor the workgroup’s figures when a chat arrives', async () => {
    const supervisor = await connect('supervisor');
    const stream = supervisor.events();
    const current = nextEvent(stream, 'statistics.workgroup', () => true);
    await stream.subscribe('statistics', { workgroupIds: ['Support'] }).ready;
    // A subscription brings the current figures first; the next come at least a second later.
    expect((await current).data).toMatchObject({ workgroupId: 'Support', live: { waiting: 0 } });
    s.clock.advance(1000);
    const seen = nextEvent(
      stream,
      'statistics.workgroup',
      (e) => (e.data as { workgroupId: string }).workgroupId === 'Support',
    );
    await chatIn(await connect('admin'), 'Support');
    const event = await seen;
    expect(event.data).toMatchObject({
      workgroupId: 'Support',
      intervals: { currentShift: { received: 1 } },
      live: { waiting: 1 },
    });
    stream.close();
  });

  it('brings agents their own figures, and refuses them another workgroup’s or another agent’s', async () => {
    const agent3 = await connect('agent3');
    await agent3.request('PUT', '/api/v1/status/user-statuses/agent3', { statusId: 'available' });
    const stream = agent3.events();
    const current = nextEvent(stream, 'statistics.agent', () => true);
    await stream.subscribe('statistics', { userIds: ['agent3'], workgroupIds: ['Support'] }).ready;
    await current;
    s.clock.advance(1000);
    const mine = nextEvent(stream, 'statistics.agent', () => true);
    await chatIn(await connect('admin'), 'Support');
    expect((await mine).data).toMatchObject({
      userId: 'agent3',
      workgroups: [{ workgroupId: 'Support', intervals: { currentShift: { received: 1 } } }],
    });

    const other = agent3.events();
    await expect(other.subscribe('statistics', { workgroupIds: ['Sales'] }).ready).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(other.subscribe('statistics', { userIds: ['agent4'] }).ready).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(other.subscribe('statistics', {}).ready).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'filter' }] },
    });
    stream.close();
    other.close();
  });

  it('publishes a workgroup at most once a second, the changes in between in the next publication', async () => {
    // Figures are published only to subscribers; the subscription's own publication starts a second.
    const wallboard = aStatisticsListener(s.tandem, 'supervisor', { workgroupIds: ['Loans'] });
    await new Promise((r) => setImmediate(r));
    s.clock.advance(1000);
    published.length = 0;
    const admin = await connect('admin');
    await chatIn(admin, 'Loans');
    await s.tandem.router.settle();
    await new Promise((r) => setImmediate(r));
    await chatIn(admin, 'Loans');
    await chatIn(admin, 'Loans');
    await s.tandem.router.settle();
    await new Promise((r) => setImmediate(r));
    const loans = () => published.filter((p) => p.event === 'workgroup' && p.data.workgroupId === 'Loans');
    expect(loans().map((p) => (p.data as { live: { waiting: number } }).live.waiting)).toEqual([1]);
    s.clock.advance(999);
    expect(statistics.flush()).toBe(0);
    s.clock.advance(1);
    expect(statistics.flush()).toBe(1);
    expect(loans().map((p) => (p.data as { live: { waiting: number } }).live.waiting)).toEqual([1, 3]);
    expect(statistics.flush()).toBe(0);
    wallboard.close();
  });
});
