/**
 * The difference between the server's clock and this browser's, learned from answers that say how
 * long ago something happened (`timeInStatusSeconds` beside `changedAt`): durations shown are then
 * right even when the browser's clock is off. Zero until learned.
 */
let skewMs = 0;

/** `serverNow` is the server's time at about `localNow` (both epoch ms). Small differences (< 2 s) are ignored. */
export function learnServerTime(serverNow: number, localNow: number): void {
  const skew = serverNow - localNow;
  if (Math.abs(skew - skewMs) >= 2000) skewMs = skew;
}

/** This browser's time, corrected to the server's clock. */
export function serverNow(localNow: number = Date.now()): number {
  return localNow + skewMs;
}
