/**
 * What bench/acd.ts prints about its measured alerts: per second of the window (BENCH_TIMELINE=1)
 * and, always, the alerts over 20 ms sorted by what held them up. Each alert is three numbers in
 * a flat array: its arrival (ms into the window), arrival → alerting, arrival → decision.
 */

/** The p-th percentile of sorted values (NaN when there are none). */
export const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * p50 / p99 / max of arrival → alerting for the arrivals of each second of the window; how many took
 * over 20 ms in all, and how many of those were only decided (alerted in memory) after over 20 and
 * over 100 ms (the rest waited for their commit); then the event loop's stalls (start ms: length).
 */
export function printTimeline(pairs: number[], windowStart: number, stalls: number[]): void {
  console.log(`  the window began ${windowStart.toFixed(0)} ms after the process started (as --trace-gc counts)`);
  const bySecond: number[][] = [];
  const decisionsBySecond: number[][] = [];
  for (let i = 0; i < pairs.length; i += 3) {
    const second = Math.floor((pairs[i] as number) / 1000);
    (bySecond[second] ??= []).push(pairs[i + 1] as number);
    (decisionsBySecond[second] ??= []).push(pairs[i + 2] as number);
  }
  bySecond.forEach((list, second) => {
    list.sort((a, b) => a - b);
    const decisions = (decisionsBySecond[second] ?? []).sort((a, b) => a - b);
    const over = (l: number[], ms: number) => l.filter((x) => x > ms).length;
    console.log(
      `  second ${second}: ${list.length} alerts, p50 ${pct(list, 50).toFixed(1)} ms, p99 ${pct(list, 99).toFixed(1)} ms, max ${(list.at(-1) ?? NaN).toFixed(1)} ms; ` +
        `over 20 ms ${over(list, 20)}, decided after over 20 ms ${over(decisions, 20)}, over 100 ms ${over(decisions, 100)}`,
    );
  });
  const list: string[] = [];
  for (let i = 0; i < stalls.length; i += 2) list.push(`${stalls[i]}: ${stalls[i + 1]}`);
  console.log(`  event-loop stalls over 12 ms (window ms: length ms): ${list.join(', ') || 'none'}`);
}

/** Under SLOW_MS from arrival to alerting: what the goal counts (its p99). */
const SLOW_MS = 20;

/**
 * The alerts over SLOW_MS, by what held them up: a full collection (they arrived from 0.5 s before
 * its final pause to 1 s after it: incremental marking comes before), else no agent free with the
 * skill and room (decided late: queueing, or a stall of the router), else their commit.
 */
export function slowAlerts(alerts: readonly number[], fullCollections: readonly number[]): string {
  let slow = 0;
  let decidedLate = 0;
  let nearCollection = 0;
  for (let i = 0; i < alerts.length; i += 3) {
    if ((alerts[i + 1] as number) <= SLOW_MS) continue;
    slow += 1;
    const arrived = alerts[i] as number;
    if (fullCollections.some((at) => arrived >= at - 500 && arrived <= at + 1000)) nearCollection += 1;
    else if ((alerts[i + 2] as number) > SLOW_MS) decidedLate += 1;
  }
  const count = alerts.length / 3;
  return (
    `alerts over ${SLOW_MS} ms: ${slow} of ${count} (${((100 * slow) / Math.max(1, count)).toFixed(2)} %): ` +
    `${nearCollection} around one of the ${fullCollections.length} full collections, ` +
    `${decidedLate} others decided late (no agent free with the skill and room), ` +
    `${slow - decidedLate - nearCollection} others (waiting for their commit)`
  );
}
