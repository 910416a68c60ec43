import { describe, expect, it } from 'vitest';
import { RecordTable } from '../src/routing/record-table.js';

describe("the router's record table", () => {
  it('uses a freed record again at once, and its old timers no longer find it', () => {
    const table = new RecordTable();
    const first = table.take('c1');
    const timer = table.timerId(first);
    expect(table.byTimerId(timer)).toBe(first);
    table.release(first);
    expect(table.byTimerId(timer)).toBeUndefined();

    const again = table.take('c2');
    expect(again).toBe(first);
    expect(again.interactionId).toBe('c2');
    expect(table.byTimerId(timer)).toBeUndefined();
    expect(table.byTimerId(table.timerId(again))).toBe(again);
    expect(table.inUse).toBe(1);
  });

  it('tells every record apart by its timers, in use together', () => {
    const table = new RecordTable();
    const records = Array.from({ length: 100 }, (_, i) => table.take(`c${i}`));
    const timers = records.map((t) => table.timerId(t));
    expect(new Set(timers).size).toBe(100);
    timers.forEach((id, i) => expect(table.byTimerId(id)).toBe(records[i]));
    for (const t of records.filter((_, i) => i % 2 === 0)) table.release(t);
    timers.forEach((id, i) => expect(table.byTimerId(id)).toBe(i % 2 === 0 ? undefined : records[i]));
    expect(table.inUse).toBe(50);
  });

  it('keeps a bounded number of spare records after a burst, yet every slot stays usable', () => {
    const table = new RecordTable();
    const burst = Array.from({ length: 10_000 }, (_, i) => table.take(`b${i}`));
    const oldTimers = burst.map((t) => table.timerId(t));
    for (const t of burst) table.release(t);
    expect(table.inUse).toBe(0);
    expect(oldTimers.every((id) => table.byTimerId(id) === undefined)).toBe(true);

    const next = Array.from({ length: 10_000 }, (_, i) => table.take(`n${i}`));
    // The last 4,096 freed come back as the same objects; the others are new ones in old slots.
    const reused = next.filter((t) => burst.includes(t)).length;
    expect(reused).toBe(4096);
    expect(new Set(next.map((t) => t.slot)).size).toBe(10_000);
    expect(next.every((t) => table.byTimerId(table.timerId(t)) === t)).toBe(true);
    expect(oldTimers.every((id) => table.byTimerId(id) === undefined)).toBe(true);
  });

  it('refuses to free a record twice, which would give one slot to two interactions', () => {
    const table = new RecordTable();
    const t = table.take('c1');
    table.release(t);
    expect(() => table.release(t)).toThrow(/not in use/);
    expect(table.take('c2')).toBe(t);
    expect(table.take('c3')).not.toBe(t);
  });
});
