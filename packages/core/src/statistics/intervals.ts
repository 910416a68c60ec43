import type { ResolvedStatisticsSettings } from './statistics-settings.js';

/** A half-open span of time `[start, end)`, epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalDay {
  y: number;
  m: number;
  d: number;
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(t: number, timeZone: string): LocalDay & { h: number; mi: number; s: number } {
  const get = (parts: Intl.DateTimeFormatPart[], type: string) => Number(parts.find((p) => p.type === type)?.value);
  const parts = formatter(timeZone).formatToParts(t);
  return {
    y: get(parts, 'year'),
    m: get(parts, 'month'),
    d: get(parts, 'day'),
    h: get(parts, 'hour'),
    mi: get(parts, 'minute'),
    s: get(parts, 'second'),
  };
}

/** Local time minus UTC at instant `t`, in milliseconds. */
function offsetAt(t: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const w = wallClock(t, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - Math.floor(t / 1000) * 1000;
}

/**
 * The instant a local wall-clock time occurs on a local day. In a daylight-saving gap the time
 * does not exist and the instant one offset later is taken; in an overlap, the first occurrence.
 */
function instantOf(day: LocalDay, minutesOfDay: number, timeZone: string): number {
  const wall = Date.UTC(day.y, day.m - 1, day.d, 0, minutesOfDay);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  const shows = (t: number) => t + offsetAt(t, timeZone) === wall;
  // Both show the wall time in an overlap (the earlier is the first occurrence), neither in a gap:
  // the later one is then the wall time moved on by the change, where the local day goes on.
  if (shows(first) || shows(second))
    return Math.min(shows(first) ? first : Infinity, shows(second) ? second : Infinity);
  return Math.max(first, second);
}

function localDayOf(t: number, timeZone: string): LocalDay {
  const { y, m, d } = wallClock(t, timeZone);
  return { y, m, d };
}

function addDays(day: LocalDay, n: number): LocalDay {
  const date = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/**
 * The period holding `t`: periods of `periodMinutes` counted from local midnight (elapsed time,
 * so a daylight-saving day has one period more or less); the last of a day ends at midnight.
 */
export function periodAt(t: number, settings: ResolvedStatisticsSettings): Interval {
  return remembered(`p ${settings.timeZone} ${settings.periodMinutes}`, t, () => computePeriodAt(t, settings));
}

/** The shift holding `t`: from the latest shift start at or before `t` to the next one. */
export function shiftAt(t: number, settings: ResolvedStatisticsSettings): Interval {
  return remembered(`s ${settings.timeZone} ${settings.shiftMinutes.join(',')}`, t, () => computeShiftAt(t, settings));
}

/**
 * Intervals recently cut, per definition (kind, time zone, lengths or starts). Shifts and periods
 * partition time, so an interval found holding `t` is the one the computation would give: asking
 * again (every statistics view asks for four) then costs no time-zone arithmetic, which is by far
 * the dearest part of a view. Bounded: a few intervals per definition, a few hundred definitions.
 */
const recent = new Map<string, Interval[]>();
const KEPT_PER_DEFINITION = 8;
const KEPT_DEFINITIONS = 256;

function remembered(definition: string, t: number, compute: () => Interval): Interval {
  let list = recent.get(definition);
  if (list) {
    for (const i of list) if (t >= i.start && t < i.end) return { start: i.start, end: i.end };
  } else {
    if (recent.size >= KEPT_DEFINITIONS) recent.clear();
    recent.set(definition, (list = []));
  }
  const interval = compute();
  // Only a proper interval holding `t` is kept: anything else is answered but never reused.
  if (t >= interval.start && t < interval.end) {
    list.unshift({ start: interval.start, end: interval.end });
    if (list.length > KEPT_PER_DEFINITION) list.pop();
  }
  return interval;
}

function computePeriodAt(t: number, settings: ResolvedStatisticsSettings): Interval {
  const day = localDayOf(t, settings.timeZone);
  let midnight = instantOf(day, 0, settings.timeZone);
  // Rounding at a gap can put midnight after t; the day then started the day before.
  if (midnight > t) midnight = instantOf(addDays(day, -1), 0, settings.timeZone);
  const nextMidnight = instantOf(addDays(day, 1), 0, settings.timeZone);
  const length = settings.periodMinutes * MINUTE;
  const start = midnight + Math.floor((t - midnight) / length) * length;
  return { start, end: Math.min(start + length, nextMidnight) };
}

function computeShiftAt(t: number, settings: ResolvedStatisticsSettings): Interval {
  const day = localDayOf(t, settings.timeZone);
  const starts = [-1, 0, 1].flatMap((n) =>
    settings.shiftMinutes.map((minutes) => instantOf(addDays(day, n), minutes, settings.timeZone)),
  );
  let i = starts.length - 1;
  while (i > 0 && (starts[i] as number) > t) i -= 1;
  const start = starts[i] as number;
  return { start, end: starts[i + 1] ?? start + 24 * 60 * MINUTE };
}

/** The same cuts, computed afresh every time; for tests that check the remembered ones against them. */
export const uncachedIntervals = { periodAt: computePeriodAt, shiftAt: computeShiftAt };

/** The interval just before `interval` (the one holding its start minus one millisecond). */
export function previousOf(interval: Interval, intervalAt: (t: number) => Interval): Interval {
  return intervalAt(interval.start - 1);
}
