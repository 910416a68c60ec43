import { describe, expect, it } from 'vitest';
import {
  RollingIntervals,
  Rollers,
  periodAt,
  resolveStatisticsSettings,
  shiftAt,
  type StatisticsSettings,
  type TandemError,
} from '../src/index.js';

const settings = (s: Partial<StatisticsSettings> = {}) => resolveStatisticsSettings(s);
const utc = (h: number, m = 0, day = 5) => Date.UTC(2026, 0, day, h, m);

describe('periods', () => {
  it('are cut every N minutes from local midnight', () => {
    expect(periodAt(utc(9, 47), settings())).toEqual({ start: utc(9, 30), end: utc(10, 0) });
    expect(periodAt(utc(9, 47), settings({ periodMinutes: 15 }))).toEqual({ start: utc(9, 45), end: utc(10, 0) });
    expect(periodAt(utc(0, 0), settings())).toEqual({ start: utc(0, 0), end: utc(0, 30) });
  });

  it('end at midnight when their length does not divide the day', () => {
    expect(periodAt(utc(23, 50), settings({ periodMinutes: 7 * 60 }))).toEqual({ start: utc(21), end: utc(0, 0, 6) });
  });

  it('count from midnight in the workgroup’s time zone', () => {
    // New York is five hours behind UTC in January: local 00:00 is 05:00 UTC.
    const ny = settings({ timeZone: 'America/New_York', periodMinutes: 60 * 24 });
    expect(periodAt(utc(4, 59), ny)).toEqual({ start: utc(5, 0, 4), end: utc(5, 0, 5) });
    expect(periodAt(utc(5, 0), ny)).toEqual({ start: utc(5, 0, 5), end: utc(5, 0, 6) });
  });
});

describe('shifts', () => {
  it('run from one start to the next, the last of the day until the first of the next', () => {
    const two = settings({ shiftStarts: ['16:00', '08:00'] });
    expect(shiftAt(utc(9), two)).toEqual({ start: utc(8), end: utc(16) });
    expect(shiftAt(utc(20), two)).toEqual({ start: utc(16), end: utc(8, 0, 6) });
    expect(shiftAt(utc(3), two)).toEqual({ start: utc(16, 0, 4), end: utc(8) });
  });

  it('default to one shift a day, from midnight to midnight', () => {
    expect(shiftAt(utc(13, 14), settings())).toEqual({ start: utc(0), end: utc(0, 0, 6) });
  });

  it('keep their local start time across a daylight-saving change', () => {
    const paris = settings({ timeZone: 'Europe/Paris', shiftStarts: ['08:00'] });
    // Clocks go forward on Sunday 29 March 2026: 08:00 local is 07:00 UTC before, 06:00 UTC after.
    const saturday = shiftAt(Date.UTC(2026, 2, 28, 12), paris);
    expect(saturday).toEqual({ start: Date.UTC(2026, 2, 28, 7), end: Date.UTC(2026, 2, 29, 6) });
    expect(saturday.end - saturday.start).toBe(23 * 3600_000);
  });
});

describe('statistics settings', () => {
  const fieldOf = (s: Partial<StatisticsSettings>) => {
    try {
      resolveStatisticsSettings(s);
    } catch (e) {
      return (e as TandemError).details?.issues?.[0]?.path;
    }
    return 'accepted';
  };

  it('default to UTC, one shift from midnight, 30-minute periods and a 20-second service level', () => {
    expect(resolveStatisticsSettings()).toMatchObject({
      timeZone: 'UTC',
      shiftStarts: ['00:00'],
      periodMinutes: 30,
      serviceLevelSeconds: 20,
      shiftMinutes: [0],
    });
  });

  it('refuse an unknown time zone, a malformed or repeated shift start and a period out of range, naming the field', () => {
    expect(fieldOf({ timeZone: 'Mars/Olympus' })).toBe('timeZone');
    expect(fieldOf({ shiftStarts: [] })).toBe('shiftStarts');
    expect(fieldOf({ shiftStarts: ['08:00', '24:00'] })).toBe('shiftStarts.1');
    expect(fieldOf({ shiftStarts: ['08:00', '08:00'] })).toBe('shiftStarts');
    expect(fieldOf({ periodMinutes: 0 })).toBe('periodMinutes');
    expect(fieldOf({ periodMinutes: 1441 })).toBe('periodMinutes');
    expect(fieldOf({ serviceLevelSeconds: -1 })).toBe('serviceLevelSeconds');
    expect(fieldOf({ periodMinutes: 1440, shiftStarts: ['23:59'] })).toBe('accepted');
  });
});

describe('rolling intervals', () => {
  const hourly = () =>
    new RollingIntervals(
      (t) => ({ start: t - (t % 3600_000), end: t - (t % 3600_000) + 3600_000 }),
      () => ({ n: 0 }),
    );

  it('count a late event in the previous interval and drop an older one', () => {
    const r = hourly();
    r.at(utc(10, 5))!.n += 1;
    r.at(utc(11, 5))!.n += 1;
    r.at(utc(10, 59))!.n += 1;
    expect(r.at(utc(9, 59))).toBeUndefined();
    const v = r.view(utc(11, 30));
    expect([v.previous.counters.n, v.current.counters.n]).toEqual([2, 1]);
  });

  it('show an empty previous interval after a quiet one', () => {
    const r = hourly();
    r.at(utc(10, 5))!.n += 1;
    const v = r.view(utc(12, 30));
    expect(v.previous).toMatchObject({ start: utc(11), counters: { n: 0 } });
    expect(v.current).toMatchObject({ start: utc(12), counters: { n: 0 } });
  });
});

describe('rollers whose workgroup changes its definition', () => {
  it('finish the running period as it was cut, then cut the next one by the new definition', () => {
    let current = settings({ periodMinutes: 30 });
    const r = new Rollers(
      () => current,
      () => ({ n: 0 }),
    );
    r.count(utc(9, 5), (c) => (c.n += 1));
    current = settings({ periodMinutes: 15 });
    r.count(utc(9, 20), (c) => (c.n += 1));
    expect(r.period.view(utc(9, 25)).current).toMatchObject({ start: utc(9), end: utc(9, 30), counters: { n: 2 } });
    expect(r.period.view(utc(9, 31)).current).toMatchObject({ start: utc(9, 30), end: utc(9, 45) });
  });

  it('start the first longer period where the last shorter one ended, so nothing counts twice', () => {
    let current = settings({ periodMinutes: 15 });
    const r = new Rollers(
      () => current,
      () => ({ n: 0 }),
    );
    r.count(utc(9, 5), (c) => (c.n += 1));
    current = settings({ periodMinutes: 60 });
    r.count(utc(9, 20), (c) => (c.n += 1));
    const v = r.period.view(utc(9, 20));
    expect(v.previous).toMatchObject({ start: utc(9), end: utc(9, 15), counters: { n: 1 } });
    expect(v.current).toMatchObject({ start: utc(9, 15), end: utc(10), counters: { n: 1 } });
    expect(r.period.view(utc(10, 1)).current).toMatchObject({ start: utc(10), end: utc(11) });
  });
});
