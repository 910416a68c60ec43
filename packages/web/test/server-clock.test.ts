import { describe, expect, it } from 'vitest';
import { learnServerTime, serverNow } from '../src/app/server-clock.js';

describe("the server's clock in the browser", () => {
  it('corrects durations for a browser clock that is off, and ignores jitter under two seconds', () => {
    expect(serverNow(1_000_000)).toBe(1_000_000);
    learnServerTime(1_060_000, 1_000_000); // the browser is a minute behind
    expect(serverNow(2_000_000)).toBe(2_060_000);
    learnServerTime(2_061_500, 2_000_000); // 1.5 s of rounding: kept as it was
    expect(serverNow(2_000_000)).toBe(2_060_000);
  });
});
