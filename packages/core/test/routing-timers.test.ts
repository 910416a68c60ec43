import { describe, expect, it } from 'vitest';
import { Timers } from '../src/routing/timers.js';
import { mulberry32 } from './seeded-random.js';

/** Pops every timer due at `now`, in the order the router would see them. */
function popAll(timers: Timers<string>, now: number): [number, string][] {
  const out: [number, string][] = [];
  while (timers.popDue(now)) out.push([timers.popped.at, timers.popped.id]);
  return out;
}

describe('the router timers', () => {
  it('give timers in time order across the delay queues and the heap', () => {
    const timers = new Timers<string>();
    timers.push(1_015, 'alert', 'a', 15);
    timers.push(1_500, 'entry', 'relax', undefined);
    timers.push(1_030, 'alert', 'b', 30);
    timers.push(1_016, 'alert', 'c', 15);
    timers.push(1_001, 'entry', 'd', undefined);
    expect(timers.peek()).toBe(1_001);
    expect(popAll(timers, 1_020)).toEqual([
      [1_001, 'd'],
      [1_015, 'a'],
      [1_016, 'c'],
    ]);
    expect(timers.peek()).toBe(1_030);
    expect(popAll(timers, 2_000)).toEqual([
      [1_030, 'b'],
      [1_500, 'relax'],
    ]);
    expect(timers.peek()).toBeUndefined();
  });

  it('put a timer that would go out of order in its delay queue on the heap instead', () => {
    const timers = new Timers<string>();
    timers.push(2_000, 'alert', 'late', 15);
    timers.push(1_500, 'alert', 'early', 15);
    expect(popAll(timers, 3_000).map(([, id]) => id)).toEqual(['early', 'late']);
  });

  it('agree with a sorted list for random delays, more of them than there are queues', () => {
    const random = mulberry32(7);
    const timers = new Timers<string>();
    const expected: [number, string][] = [];
    let now = 0;
    for (let i = 0; i < 5_000; i++) {
      now += Math.floor(random() * 3);
      const delay = [15_000, 30_000, 20_000, 1_000 + Math.floor(random() * 40)][Math.floor(random() * 4)] as number;
      const lane = random() < 0.8 ? delay : undefined;
      timers.push(now + delay, 'entry', `t${i}`, lane);
      expected.push([now + delay, `t${i}`]);
      if (i % 500 === 499) {
        const due = popAll(timers, now);
        const want = expected.filter(([at]) => at <= now).sort((a, b) => a[0] - b[0]);
        expect(due.map(([at]) => at)).toEqual(want.map(([at]) => at));
        expect(new Set(due.map(([, id]) => id))).toEqual(new Set(want.map(([, id]) => id)));
        expected.splice(0, expected.length, ...expected.filter(([at]) => at > now));
      }
    }
    expect(popAll(timers, Infinity).length).toBe(expected.length);
  });
});
