import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { aServer, type TestServer } from './support/harness.js';
import { aStatisticsListener } from './support/statistics-listener.js';

let s: TestServer;
let admin: string;
let supervisor: string;
beforeEach(async () => {
  s = await aServer();
  admin = await s.logon('admin');
});
afterEach(async () => {
  await s.close();
});

const settle = () => s.tandem.router.settle();
const seconds = (n: number) => s.clock.advance(n * 1000);
const minutes = (n: number) => s.clock.advance(n * 60_000);

/** Replaces a workgroup's configuration with its current one plus `statistics`. */
async function configureStatistics(workgroupId: string, statistics: Record<string, unknown>) {
  const current = (await s.call(admin, 'GET', `/api/v1/config/workgroups/${workgroupId}`)).json();
  const { id: _id, revision: _r, createdAt: _c, updatedAt: _u, members: _m, ...fields } = current;
  return s.call(admin, 'PUT', `/api/v1/config/workgroups/${workgroupId}`, { ...fields, statistics });
}

async function supportFigures() {
  // Sessions end after 30 minutes without a request: the clock moves in bigger steps here.
  supervisor = await s.logon('supervisor');
  const r = await s.call(supervisor, 'GET', '/api/v1/statistics/workgroups/Support');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** A chat in Support that agent3 answers after `waitSeconds`. */
async function aChatAnsweredAfter(agent3: string, waitSeconds: number): Promise<void> {
  const r = await s.call(admin, 'POST', '/api/v1/interactions', { type: 'chat', workgroupId: 'Support' });
  expect(r.statusCode, r.body).toBe(201);
  await settle();
  seconds(waitSeconds);
  const id = r.json().id as string;
  expect((await s.call(agent3, 'POST', `/api/v1/interactions/${id}/pickup`, {})).statusCode).toBe(200);
  expect((await s.call(agent3, 'POST', `/api/v1/interactions/${id}/disconnect`, {})).statusCode).toBe(200);
  await settle();
}

async function anAvailableAgent3(): Promise<string> {
  const agent3 = await s.logon('agent3');
  const r = await s.call(agent3, 'PUT', '/api/v1/status/user-statuses/agent3', { statusId: 'available' });
  expect(r.statusCode, r.body).toBe(200);
  return agent3;
}

describe('statistics settings from the workgroup configuration', () => {
  it('keeps the defaults for a workgroup configured without statistics settings', async () => {
    const figures = await supportFigures();
    expect(figures.serviceLevelSeconds).toBe(20);
    expect(figures.intervals.currentPeriod).toMatchObject({
      start: Date.UTC(2026, 10, 2, 9, 0),
      end: Date.UTC(2026, 10, 2, 9, 30),
    });
    expect(figures.intervals.currentShift).toMatchObject({ start: Date.UTC(2026, 10, 2), end: Date.UTC(2026, 10, 3) });
  });

  it('cuts shifts and periods as the workgroup defines them, in its time zone', async () => {
    const r = await configureStatistics('Support', {
      timeZone: 'Europe/Paris',
      shiftStarts: ['08:00', '16:00'],
      periodMinutes: 15,
    });
    expect(r.statusCode, r.body).toBe(200);
    const figures = await supportFigures();
    // 09:00 UTC is 10:00 in Paris on 2 November: the 08:00 shift began at 07:00 UTC and ends at 15:00 UTC.
    expect(figures.intervals.currentShift).toMatchObject({
      start: Date.UTC(2026, 10, 2, 7, 0),
      end: Date.UTC(2026, 10, 2, 15, 0),
    });
    expect(figures.intervals.currentPeriod).toMatchObject({
      start: Date.UTC(2026, 10, 2, 9, 0),
      end: Date.UTC(2026, 10, 2, 9, 15),
    });
  });

  it('measures answers against the workgroup’s service level, and a changed level from the next answer on', async () => {
    const agent3 = await anAvailableAgent3();
    expect((await configureStatistics('Support', { serviceLevelSeconds: 3 })).statusCode).toBe(200);
    await aChatAnsweredAfter(agent3, 5);
    expect((await supportFigures()).intervals.currentShift).toMatchObject({ answered: 1, answeredWithinTarget: 0 });

    expect((await configureStatistics('Support', { serviceLevelSeconds: 10 })).statusCode).toBe(200);
    await aChatAnsweredAfter(agent3, 5);
    const figures = await supportFigures();
    expect(figures.serviceLevelSeconds).toBe(10);
    expect(figures.intervals.currentShift).toMatchObject({ answered: 2, answeredWithinTarget: 1 });
  });

  it('lets a changed period length apply from the next period, without a restart and without losing a count', async () => {
    const agent3 = await anAvailableAgent3();
    await aChatAnsweredAfter(agent3, 1);
    expect((await configureStatistics('Support', { periodMinutes: 60 })).statusCode).toBe(200);
    // The running 09:00-09:30 period keeps its end; the next one starts where it ended.
    expect((await supportFigures()).intervals.currentPeriod).toMatchObject({
      end: Date.UTC(2026, 10, 2, 9, 30),
      received: 1,
    });
    minutes(31);
    const figures = await supportFigures();
    expect(figures.intervals.currentPeriod).toMatchObject({
      start: Date.UTC(2026, 10, 2, 9, 30),
      end: Date.UTC(2026, 10, 2, 10, 0),
      received: 0,
    });
    expect(figures.intervals.previousPeriod).toMatchObject({ start: Date.UTC(2026, 10, 2, 9, 0), received: 1 });
    minutes(30);
    expect((await supportFigures()).intervals.currentPeriod).toMatchObject({
      start: Date.UTC(2026, 10, 2, 10, 0),
      end: Date.UTC(2026, 10, 2, 11, 0),
    });
  });

  it('publishes the workgroup’s figures with the new service level when its configuration changes', async () => {
    const wallboard = aStatisticsListener(s.tandem, 'supervisor', { workgroupIds: ['Support'] });
    const seen: { serviceLevelSeconds: number }[] = [];
    const publish = s.tandem.hub.publish.bind(s.tandem.hub);
    s.tandem.hub.publish = (topic, event, data, scope) => {
      if (
        topic === 'statistics' &&
        event === 'workgroup' &&
        (data as { workgroupId: string }).workgroupId === 'Support'
      )
        seen.push(data as { serviceLevelSeconds: number });
      return publish(topic, event, data, scope);
    };
    expect((await configureStatistics('Support', { serviceLevelSeconds: 45 })).statusCode).toBe(200);
    // Publications of one workgroup are at least a second apart: the subscription just published Support.
    seconds(1);
    s.tandem.statistics.flush();
    expect(seen.at(-1)?.serviceLevelSeconds).toBe(45);
    wallboard.close();
  });

  it('refuses settings that cannot cut a day, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ timeZone: 'Mars/Olympus' }, 'statistics.timeZone'],
      [{ shiftStarts: [] }, 'statistics.shiftStarts'],
      [{ shiftStarts: ['8:00'] }, 'statistics.shiftStarts.0'],
      [{ shiftStarts: ['08:00', '08:00'] }, 'statistics.shiftStarts'],
      [{ periodMinutes: 0 }, 'statistics.periodMinutes'],
      [{ periodMinutes: 1441 }, 'statistics.periodMinutes'],
      [{ serviceLevelSeconds: -1 }, 'statistics.serviceLevelSeconds'],
      [{ serviceLevelSeconds: 2.5 }, 'statistics.serviceLevelSeconds'],
      [{ shiftLength: 8 }, 'statistics'],
    ];
    for (const [statistics, field] of cases) {
      const r = await configureStatistics('Support', statistics);
      expect(r.statusCode, `${JSON.stringify(statistics)}: ${r.body}`).toBe(400);
      expect(r.body).toContain(field);
    }
    expect((await supportFigures()).serviceLevelSeconds).toBe(20);
  });

  it('reads a workgroup’s settings again on a second server over the same store', async () => {
    expect((await configureStatistics('Support', { serviceLevelSeconds: 30, periodMinutes: 10 })).statusCode).toBe(200);
    const config = { ...loadConfig({}), logLevel: 'silent' as const, smtpPort: 0 };
    const second = await createServer({ config, store: s.store, clock: s.clock });
    try {
      const figures = second.statistics.workgroup('Support');
      expect(figures.serviceLevelSeconds).toBe(30);
      expect(figures.intervals.currentPeriod.end).toBe(Date.UTC(2026, 10, 2, 9, 10));
      expect(second.statistics.workgroup('Sales').serviceLevelSeconds).toBe(20);
    } finally {
      await second.close();
    }
  });
});
