import { fieldError } from '../errors.js';

/**
 * How one workgroup's statistics are cut into intervals, and its service-level target. The manual
 * has the administrator define per workgroup the start and end of each shift and the number of
 * minutes in each period, counted from midnight; it gives no default values, so Tandem's are below.
 */
export interface StatisticsSettings {
  /** IANA time zone in which shift starts and periods are read. Default `UTC`. */
  timeZone: string;
  /**
   * Local start times of the shifts, `HH:MM`. Each shift ends when the next one starts; the last of
   * the day ends at the first of the next day, so shifts cover the day without gaps. Default
   * `['00:00']`: one shift per day, from midnight to midnight.
   */
  shiftStarts: readonly string[];
  /** Minutes in each period, counted from local midnight (1 to 1440); the last period of a day may be shorter. Default 30. */
  periodMinutes: number;
  /** Service-level time limit: answered within this many seconds of entering the queue meets the target. Default 20. */
  serviceLevelSeconds: number;
  /** Handle time the wait estimate assumes while a workgroup has no history yet, in seconds. Default 180. */
  defaultHandleSeconds: number;
}

export const DEFAULT_STATISTICS_SETTINGS: StatisticsSettings = {
  timeZone: 'UTC',
  shiftStarts: ['00:00'],
  periodMinutes: 30,
  serviceLevelSeconds: 20,
  defaultHandleSeconds: 180,
};

/** Settings with their shift starts parsed to minutes after midnight, sorted. */
export interface ResolvedStatisticsSettings extends StatisticsSettings {
  shiftMinutes: readonly number[];
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Fills in the defaults and checks the values once. Throws VALIDATION_FAILED naming the field: an
 * unknown time zone, no shift or a malformed or repeated start, a period outside 1-1440 minutes, a
 * negative service level or a handle time that is not positive.
 */
export function resolveStatisticsSettings(partial: Partial<StatisticsSettings> = {}): ResolvedStatisticsSettings {
  const s: StatisticsSettings = { ...DEFAULT_STATISTICS_SETTINGS, ...partial };
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: s.timeZone });
  } catch {
    throw fieldError('timeZone', `'${s.timeZone}' is not a known time zone`);
  }
  if (s.shiftStarts.length === 0) throw fieldError('shiftStarts', 'must name at least one shift start');
  const shiftMinutes = s.shiftStarts.map((start, i) => {
    const m = HH_MM.exec(start);
    if (!m) throw fieldError(`shiftStarts.${i}`, 'must be a time HH:MM');
    return Number(m[1]) * 60 + Number(m[2]);
  });
  if (new Set(shiftMinutes).size !== shiftMinutes.length) throw fieldError('shiftStarts', 'must not repeat a time');
  if (!Number.isInteger(s.periodMinutes) || s.periodMinutes < 1 || s.periodMinutes > 1440)
    throw fieldError('periodMinutes', 'must be a whole number from 1 to 1440');
  if (!(s.serviceLevelSeconds >= 0)) throw fieldError('serviceLevelSeconds', 'must be 0 or more');
  if (!(s.defaultHandleSeconds > 0)) throw fieldError('defaultHandleSeconds', 'must be positive');
  return { ...s, shiftStarts: [...s.shiftStarts], shiftMinutes: shiftMinutes.sort((a, b) => a - b) };
}
