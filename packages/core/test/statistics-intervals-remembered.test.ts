import { describe, expect, it } from 'vitest';
import {
  Rollers,
  periodAt,
  resolveStatisticsSettings,
  shiftAt,
  uncachedIntervals,
  type StatisticsSettings,
} from '../src/index.js';
import { mulberry32 } from './seeded-random.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Definitions around daylight-saving changes: an hour, half an hour (Lord Howe), at midnight (Santiago, Beirut). */
const definitions: Partial<StatisticsSettings>[] = [
  {},
  { timeZone: 'Europe/Paris', shiftStarts: ['02:30', '08:00', '22:00'], periodMinutes: 45 },
  { timeZone: 'America/New_York', shiftStarts: ['01:30', '02:00', '02:30'], periodMinutes: 7 },
  { timeZone: 'Australia/Lord_Howe', shiftStarts: ['01:45', '02:15'], periodMinutes: 25 },
  { timeZone: 'America/Santiago', shiftStarts: ['00:00', '12:00'], periodMinutes: 60 },
  { timeZone: 'Asia/Beirut', shiftStarts: ['00:00'], periodMinutes: 1440 },
];

/** Instants around each zone's changes of 2026, then anywhere in the year, in a random order. */
function instants(next: () => number): number[] {
  const changes = [Date.UTC(2026, 2, 8), Date.UTC(2026, 2, 29), Date.UTC(2026, 3, 5), Date.UTC(2026, 8, 6)];
  const near = changes.flatMap((c) => Array.from({ length: 400 }, () => c - 2 * DAY + Math.floor(next() * 4 * DAY)));
  const year = Array.from({ length: 400 }, () => Date.UTC(2026, 0, 1) + Math.floor(next() * 365 * DAY));
  return [...near, ...year];
}

describe('remembered intervals', () => {
  for (const definition of definitions)
    it(`are the ones computed afresh, for any instant (${definition.timeZone ?? 'UTC'})`, () => {
      const settings = resolveStatisticsSettings(definition);
      const next = mulberry32(7);
      for (const t of instants(next)) {
        expect(periodAt(t, settings)).toEqual(uncachedIntervals.periodAt(t, settings));
        expect(shiftAt(t, settings)).toEqual(uncachedIntervals.shiftAt(t, settings));
      }
    });

  it('are not changed by what a caller does with an answer', () => {
    const settings = resolveStatisticsSettings({ periodMinutes: 15 });
    const t = Date.UTC(2026, 0, 5, 9, 47);
    const first = periodAt(t, settings);
    first.start = 0;
    expect(periodAt(t, settings)).toEqual({ start: Date.UTC(2026, 0, 5, 9, 45), end: Date.UTC(2026, 0, 5, 10) });
  });
});

describe('intervals cut in a daylight-saving gap', () => {
  it('start a shift whose start time is skipped when the clocks have moved past it', () => {
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT; 02:00 local does not exist.
    const ny = resolveStatisticsSettings({ timeZone: 'America/New_York', shiftStarts: ['01:30', '02:00'] });
    const at0300Edt = Date.UTC(2026, 2, 8, 7);
    expect(shiftAt(Date.UTC(2026, 2, 8, 6, 45), ny)).toEqual({ start: Date.UTC(2026, 2, 8, 6, 30), end: at0300Edt });
    expect(shiftAt(at0300Edt, ny).start).toBe(at0300Edt);
  });

  it('begin a day whose midnight is skipped at the first minute it has', () => {
    // Beirut, 29 March 2026: midnight EET becomes 01:00 EEST, at 22:00 UTC the day before.
    const beirut = resolveStatisticsSettings({ timeZone: 'Asia/Beirut', periodMinutes: 1440 });
    const dayStart = Date.UTC(2026, 2, 28, 22);
    expect(periodAt(Date.UTC(2026, 2, 28, 21, 30), beirut)).toEqual({
      start: Date.UTC(2026, 2, 27, 22),
      end: dayStart,
    });
    expect(periodAt(dayStart, beirut)).toEqual({ start: dayStart, end: Date.UTC(2026, 2, 29, 21) });
  });
});

describe('a view of rollers', () => {
  const figures = (c: { n: number }, interval: { start: number }) => ({ n: c.n, start: interval.start });

  it('is built again after a count or a roll, and reused while neither happened', () => {
    const r = new Rollers(resolveStatisticsSettings({ periodMinutes: 30 }), () => ({ n: 0 }));
    const at = (h: number, m: number) => Date.UTC(2026, 0, 5, h, m);
    r.count(at(9, 5), (c) => (c.n += 1));
    const first = r.view(at(9, 10), figures);
    expect(r.view(at(9, 20), figures)).toBe(first);
    r.count(at(9, 21), (c) => (c.n += 1));
    const counted = r.view(at(9, 22), figures);
    expect(counted.currentPeriod).toEqual({ n: 2, start: at(9, 0) });
    expect(first.currentPeriod).toEqual({ n: 1, start: at(9, 0) });
    const rolled = r.view(at(9, 31), figures);
    expect(rolled.currentPeriod).toEqual({ n: 0, start: at(9, 30) });
    expect(rolled.previousPeriod).toEqual({ n: 2, start: at(9, 0) });
  });
});
