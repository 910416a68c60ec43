import { SYSTEM_ACTOR } from '@tandem/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { StatisticsService } from '../src/services/statistics-service.js';
import { aServer, type TestServer } from './support/harness.js';

/** The statistics app.ts wired on a server. */
function withStatistics(tandem: TestServer['tandem'], _s?: TestServer): StatisticsService {
  return tandem.statistics;
}

let s: TestServer;
let admin: string;
beforeEach(async () => {
  s = await aServer();
  withStatistics(s.tandem, s);
  admin = await s.logon('admin');
});
afterEach(async () => {
  await s.close();
});

const settle = () => s.tandem.router.settle();
const seconds = (n: number) => s.clock.advance(n * 1000);

async function setStatus(token: string, userId: string, statusId: string): Promise<void> {
  const r = await s.call(token, 'PUT', `/api/v1/status/user-statuses/${userId}`, { statusId });
  expect(r.statusCode, r.body).toBe(200);
  await settle();
}

async function aChatIn(workgroupId: string): Promise<string> {
  const r = await s.call(admin, 'POST', '/api/v1/interactions', { type: 'chat', workgroupId });
  expect(r.statusCode, r.body).toBe(201);
  await settle();
  return r.json().id as string;
}

async function act(token: string, id: string, action: string, body: unknown = {}): Promise<void> {
  const r = await s.call(token, 'POST', `/api/v1/interactions/${id}/${action}`, body);
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  await settle();
}

/**
 * In Support, from 09:00 on Monday 2 November 2026: a chat Chen Wei (agent3) answers after 5 s and
 * ends after 60 s; then, Chen Wei at lunch, one the customer abandons after 30 s of waiting and
 * one the administrator transfers to Sales after 10 s.
 */
async function aMorningInSupport(): Promise<{ agent3: string; waitingInSales: string }> {
  const agent3 = await s.logon('agent3');
  await setStatus(agent3, 'agent3', 'available');
  const answered = await aChatIn('Support');
  seconds(5);
  await act(agent3, answered, 'pickup');
  seconds(60);
  await act(agent3, answered, 'disconnect');
  await setStatus(agent3, 'agent3', 'at-lunch');

  const abandoned = await aChatIn('Support');
  seconds(30);
  await s.tandem.interactions.command(abandoned, { type: 'disconnect', by: 'remote' }, SYSTEM_ACTOR);
  const transferred = await aChatIn('Support');
  seconds(10);
  await act(admin, transferred, 'transfer', { target: { type: 'workgroup', id: 'Sales' } });
  return { agent3, waitingInSales: transferred };
}

describe('workgroup statistics over the API', () => {
  it('count a chat answered within the service level, one abandoned while waiting and one transferred out', async () => {
    await aMorningInSupport();
    const supervisor = await s.logon('supervisor');
    const r = await s.call(supervisor, 'GET', '/api/v1/statistics/workgroups/Support');
    expect(r.statusCode, r.body).toBe(200);
    const stats = r.json();
    expect(stats).toMatchObject({ workgroupId: 'Support', at: s.clock.now(), serviceLevelSeconds: 20 });
    const shift = stats.intervals.currentShift;
    expect(shift).toMatchObject({
      start: Date.UTC(2026, 10, 2),
      received: 3,
      answered: 1,
      answeredWithinTarget: 1,
      abandoned: 1,
      flowedOut: 1,
      completed: 1,
      talk: { totalMs: 60_000, averageMs: 60_000, longestMs: 60_000 },
      wait: { totalMs: 45_000, averageMs: 15_000, longestMs: 30_000 },
    });
    expect(shift.serviceLevelPercent).toBeCloseTo(100 / 3, 5);
    expect(shift.abandonRatePercent).toBeCloseTo(100 / 3, 5);
    expect(stats.intervals.currentPeriod).toMatchObject({ start: Date.UTC(2026, 10, 2, 9, 0), received: 3 });
    expect(stats.live).toMatchObject({
      waiting: 0,
      longestWaitingMs: null,
      agents: { loggedOn: 1, available: 0, onAcd: 0, inAcw: 0 },
    });
  });

  it('show the chat waiting in the queue it was transferred to, and no wait estimate without agents', async () => {
    await aMorningInSupport();
    seconds(7);
    const sales = (await s.call(admin, 'GET', '/api/v1/statistics/workgroups/Sales')).json();
    expect(sales.intervals.currentShift).toMatchObject({ received: 1, answered: 0 });
    expect(sales.live).toMatchObject({ waiting: 1, longestWaitingMs: 7_000 });
    expect(sales.estimatedWait).toEqual({ seconds: null, method: 'no-agents' });
  });

  it('estimate the wait from the shift’s handle time once an agent is available', async () => {
    const { agent3 } = await aMorningInSupport();
    await setStatus(agent3, 'agent3', 'available');
    const support = (await s.call(admin, 'GET', '/api/v1/statistics/workgroups/Support')).json();
    expect(support.live.agents).toMatchObject({ loggedOn: 1, available: 1, idle: 1 });
    expect(support.estimatedWait).toEqual({ seconds: 0, method: 'idle-agent' });
    await aChatIn('Support');
    await aChatIn('Support');
    const busy = (await s.call(admin, 'GET', '/api/v1/statistics/workgroups/Support')).json();
    // Both chats alert Chen Wei (four chats fit); neither is answered, so both still wait.
    expect(busy.live).toMatchObject({ waiting: 2, alerting: 2 });
    expect(busy.estimatedWait).toEqual({ seconds: 180, method: 'queue-position', handleTimeFrom: 'current-shift' });
  });
});

describe('agent statistics over the API', () => {
  it('show agents their own figures in their workgroups', async () => {
    const { agent3 } = await aMorningInSupport();
    const r = await s.call(agent3, 'GET', '/api/v1/statistics/agents/agent3');
    expect(r.statusCode, r.body).toBe(200);
    const stats = r.json();
    expect(stats.workgroups.map((w: { workgroupId: string }) => w.workgroupId)).toEqual(['Support']);
    expect(stats.workgroups[0].intervals.currentShift).toMatchObject({
      received: 1,
      answered: 1,
      completed: 1,
      talk: { averageMs: 60_000 },
    });
    expect(stats.nonAcd.currentShift).toMatchObject({ received: 0 });
  });

  it('show a supervisor any agent’s figures in the workgroups it may see', async () => {
    await aMorningInSupport();
    const supervisor = await s.logon('supervisor');
    const r = await s.call(supervisor, 'GET', '/api/v1/statistics/agents/agent3');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().workgroups[0].intervals.currentShift.answered).toBe(1);
  });
});

describe('statistics rights', () => {
  it('refuse another workgroup’s statistics to an agent without the Statistics right on it, and other agents’ figures', async () => {
    const agent1 = await s.logon('agent1');
    const other = await s.call(agent1, 'GET', '/api/v1/statistics/workgroups/Support');
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('FORBIDDEN');
    expect((await s.call(agent1, 'GET', '/api/v1/statistics/workgroups/Sales')).statusCode).toBe(200);
    expect((await s.call(agent1, 'GET', '/api/v1/statistics/agents/agent2')).statusCode).toBe(403);
  });

  it('answer 404 for an unknown workgroup or agent, and 401 without a session', async () => {
    const unknownGroup = await s.call(admin, 'GET', '/api/v1/statistics/workgroups/Nowhere');
    expect([unknownGroup.statusCode, unknownGroup.json().error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await s.call(admin, 'GET', '/api/v1/statistics/agents/nobody')).statusCode).toBe(404);
    expect((await s.call(undefined, 'GET', '/api/v1/statistics/workgroups/Sales')).statusCode).toBe(401);
  });
});

describe('statistics after a restart', () => {
  it('rebuild the current shift from the stored interactions on a second server over the same store', async () => {
    await aMorningInSupport();
    // Past the linger time the finished chats are closed in the store; the transferred one is still open.
    seconds(31);
    await s.tandem.router.tick();
    await settle();
    const agent3 = await s.logon('agent3');
    const before = {
      support: (await s.call(admin, 'GET', '/api/v1/statistics/workgroups/Support')).json(),
      sales: (await s.call(admin, 'GET', '/api/v1/statistics/workgroups/Sales')).json(),
      agent3: (await s.call(agent3, 'GET', '/api/v1/statistics/agents/agent3')).json(),
    };
    expect(before.support.intervals.currentShift.received).toBe(3);

    const config = { ...loadConfig({}), logLevel: 'silent' as const };
    const rebuilt = await createServer({ config, store: s.store, clock: s.clock });
    try {
      const statistics = withStatistics(rebuilt, s);
      expect(statistics.workgroup('Support').intervals).toEqual(before.support.intervals);
      expect(statistics.workgroup('Sales').intervals).toEqual(before.sales.intervals);
      expect(statistics.workgroup('Sales').live.waiting).toBe(1);
      expect(statistics.agent('agent3').workgroups).toEqual(before.agent3.workgroups);
    } finally {
      await rebuilt.app.close();
    }
  });
});
