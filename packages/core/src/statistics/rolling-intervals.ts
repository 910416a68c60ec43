import { periodAt, shiftAt, type Interval } from './intervals.js';
import type { ResolvedStatisticsSettings } from './statistics-settings.js';

export interface Bucket<C> extends Interval {
  counters: C;
}

/**
 * The current and the previous interval of one kind (shift or period) for one key, rolling forward
 * as time passes. "Previous" is always the interval just before the current one: when nothing
 * happened in it, its counters are empty.
 */
export class RollingIntervals<C> {
  private current: Bucket<C> | undefined;
  private previous: Bucket<C> | undefined;

  constructor(
    private readonly intervalAt: (t: number) => Interval,
    private readonly empty: () => C,
  ) {}

  /**
   * The counters an event at `t` counts in: the current interval's (rolling forward when `t` is
   * past its end), the previous one's for a late event, or undefined for an older one.
   */
  at(t: number): C | undefined {
    const current = this.roll(t);
    if (t >= current.start) return current.counters;
    const previous = this.previousBucket(current);
    return t >= previous.start ? previous.counters : undefined;
  }

  /** Both intervals as of `now`. */
  view(now: number): { current: Bucket<C>; previous: Bucket<C> } {
    const current = this.roll(now);
    return { current, previous: this.previousBucket(current) };
  }

  private roll(t: number): Bucket<C> {
    const current = this.current;
    if (current && t < current.end) return current;
    const next = this.fresh(this.intervalAt(t));
    // After a change of definition the new cut may begin before the running interval ended: the
    // first new interval then starts where the old one ended, so nothing is counted twice or lost.
    if (current && next.start < current.end) next.start = current.end;
    this.previous = current && current.end === next.start ? current : undefined;
    this.current = next;
    return next;
  }

  private previousBucket(current: Bucket<C>): Bucket<C> {
    this.previous ??= this.fresh(this.intervalAt(current.start - 1));
    return this.previous;
  }

  private fresh(interval: Interval): Bucket<C> {
    return { start: interval.start, end: interval.end, counters: this.empty() };
  }
}

/** The four intervals every statistics view offers. */
export interface IntervalSet<F> {
  currentShift: F;
  previousShift: F;
  currentPeriod: F;
  previousPeriod: F;
}

/**
 * A shift and a period roller side by side: what each workgroup and each agent keeps. The settings
 * are read each time an interval rolls, so a changed shift or period definition applies from the
 * next interval on: the running one ends where it was cut when it began, nothing counted moves.
 */
export class Rollers<C> {
  readonly shift: RollingIntervals<C>;
  readonly period: RollingIntervals<C>;
  /** Counts so far: a view is built again only after a count or a roll. */
  private counted = 0;
  private lastView: { counted: number; buckets: Bucket<C>[]; figures: unknown; set: unknown } | undefined;
  constructor(settings: ResolvedStatisticsSettings | (() => ResolvedStatisticsSettings), empty: () => C) {
    const current = typeof settings === 'function' ? settings : () => settings;
    this.shift = new RollingIntervals((t) => shiftAt(t, current()), empty);
    this.period = new RollingIntervals((t) => periodAt(t, current()), empty);
  }

  /**
   * Counts in the shift and the period holding `t` (late events in the previous ones, older ones
   * nowhere): `update(counters, a, b)` for each. `a` and `b` carry what the update needs, so that a
   * caller counting on every event can pass a module-level function instead of a new closure.
   */
  count(t: number, update: (c: C, a: number, b: number) => void, a = 0, b = 0): void {
    this.counted += 1;
    const inShift = this.shift.at(t);
    if (inShift) update(inShift, a, b);
    const inPeriod = this.period.at(t);
    if (inPeriod) update(inPeriod, a, b);
  }

  /**
   * The figures of the four intervals as of `now`. The same object as the last time when nothing
   * was counted and no interval rolled since (statistics are published every second for thousands
   * of agents, most of them unchanged): callers must not mutate it.
   */
  view<F>(now: number, figures: (c: C, interval: { start: number; end: number }) => F): IntervalSet<F> {
    const shift = this.shift.view(now);
    const period = this.period.view(now);
    const buckets = [shift.current, shift.previous, period.current, period.previous];
    const last = this.lastView;
    if (last?.counted === this.counted && last.figures === figures && last.buckets.every((b, i) => b === buckets[i]))
      return last.set as IntervalSet<F>;
    const set: IntervalSet<F> = {
      currentShift: figures(shift.current.counters, shift.current),
      previousShift: figures(shift.previous.counters, shift.previous),
      currentPeriod: figures(period.current.counters, period.current),
      previousPeriod: figures(period.previous.counters, period.previous),
    };
    this.lastView = { counted: this.counted, buckets, figures, set };
    return set;
  }
}
