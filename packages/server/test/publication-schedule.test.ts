import { describe, expect, it } from 'vitest';
import { PublicationSchedule } from '../src/services/publication-schedule.js';

const drain = (s: PublicationSchedule, now: number) => {
  const keys: string[] = [];
  for (let k = s.take(now); k !== undefined; k = s.take(now)) keys.push(k);
  return keys;
};

describe('the publication schedule', () => {
  it('gives a changed key at once, then not again until a second after its publication', () => {
    const s = new PublicationSchedule(1000);
    s.changedAt('a', 0);
    expect(drain(s, 0)).toEqual(['a']);
    s.changedAt('a', 10);
    expect(drain(s, 999)).toEqual([]);
    expect(s.hasDue(999)).toBe(false);
    expect(drain(s, 1000)).toEqual(['a']);
    expect(drain(s, 5000)).toEqual([]);
  });

  it('gives nothing for a key that did not change since its publication', () => {
    const s = new PublicationSchedule(1000);
    s.changedAt('a', 0);
    drain(s, 0);
    expect(s.hasDue(2000)).toBe(false);
    s.changedAt('a', 2000);
    expect(drain(s, 2000)).toEqual(['a']);
  });

  it('gives keys in the order they fell due, those cooling down after those that were not', () => {
    const s = new PublicationSchedule(1000);
    for (const k of ['a', 'b', 'c']) s.changedAt(k, 0);
    expect(s.take(0)).toBe('a');
    expect(s.take(500)).toBe('b');
    for (const k of ['a', 'b', 'd']) s.changedAt(k, 600);
    expect(drain(s, 600)).toEqual(['c', 'd']);
    expect(drain(s, 1200)).toEqual(['a']);
    expect(drain(s, 1500)).toEqual(['b']);
  });

  it('keeps each key to once a period however many keys pass through it, and publishes every last change', () => {
    const s = new PublicationSchedule(100);
    const published = new Map<string, number[]>();
    const lastChange = new Map<string, number>();
    for (let now = 0; now < 10_200; now += 7) {
      if (now < 10_000)
        for (let i = 0; i < 50; i++) {
          const key = `k${(now * 31 + i * 17) % 3000}`;
          s.changedAt(key, now);
          lastChange.set(key, now);
        }
      for (const k of drain(s, now)) published.set(k, [...(published.get(k) ?? []), now]);
    }
    for (const [key, at] of lastChange) expect(published.get(key)?.at(-1)).toBeGreaterThanOrEqual(at);
    let gaps = 0;
    for (const times of published.values())
      for (let i = 1; i < times.length; i++) {
        expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(100);
        gaps += 1;
      }
    expect(gaps).toBeGreaterThan(1000);
  });
});
