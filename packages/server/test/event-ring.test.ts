import { describe, expect, it } from 'vitest';
import { EventRing } from '../src/messaging/event-ring.js';

const filled = (capacity: number, from: number, count: number) => {
  const ring = new EventRing<{ n: number }, { key: string }>(capacity);
  for (let seq = from; seq < from + count; seq += 1)
    ring.push(seq, seq % 2 === 0 ? 'queue' : 'interaction', `e${seq}`, { n: seq }, { key: `k${seq}` }, seq % 5 === 0);
  return ring;
};

describe('the replay ring', () => {
  it('gives back every part of what it holds, oldest first, with its seq', () => {
    const ring = filled(10, 101, 3);
    expect([...ring.after(0)]).toEqual([
      { seq: 101, topic: 'interaction', event: 'e101', data: { n: 101 }, scope: { key: 'k101' }, direct: false },
      { seq: 102, topic: 'queue', event: 'e102', data: { n: 102 }, scope: { key: 'k102' }, direct: false },
      { seq: 103, topic: 'interaction', event: 'e103', data: { n: 103 }, scope: { key: 'k103' }, direct: false },
    ]);
    expect([ring.oldestSeq(), ring.newestSeq(), ring.size]).toEqual([101, 103, 3]);
  });

  it('drops the oldest past its capacity and keeps the seqs of those it holds', () => {
    const ring = filled(4, 1, 11);
    expect(ring.size).toBe(4);
    expect([ring.oldestSeq(), ring.newestSeq()]).toEqual([8, 11]);
    expect([...ring.after(0)].map((e) => [e.seq, e.event, e.data.n, e.scope.key, e.direct])).toEqual([
      [8, 'e8', 8, 'k8', false],
      [9, 'e9', 9, 'k9', false],
      [10, 'e10', 10, 'k10', true],
      [11, 'e11', 11, 'k11', false],
    ]);
  });

  it('answers only what follows a seq', () => {
    const ring = filled(4, 1, 11);
    expect([...ring.after(9)].map((e) => e.seq)).toEqual([10, 11]);
    expect([...ring.after(11)]).toEqual([]);
  });

  it('is empty until the first push', () => {
    const ring = new EventRing<number, object>(3);
    expect([ring.oldestSeq(), ring.newestSeq(), ring.size, [...ring.after(0)]]).toEqual([undefined, undefined, 0, []]);
  });

  it('refuses a seq that does not follow the newest, and a capacity below one', () => {
    const ring = filled(4, 1, 2);
    expect(() => ring.push(4, 'queue', 'e4', { n: 4 }, { key: 'k4' }, false)).toThrow(RangeError);
    expect(() => new EventRing(0)).toThrow(RangeError);
    expect(() => new EventRing(1.5)).toThrow(RangeError);
  });
});
