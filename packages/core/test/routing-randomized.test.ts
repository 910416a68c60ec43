import { describe, expect, it } from 'vitest';
import {
  checkAssignment,
  checkCapacity,
  checkNoneMissed,
  checkOrder,
  checkPlaces,
  oracleLoads,
} from './routing-randomized-checks.js';
import { randomEvent } from './routing-randomized-events.js';
import { RandomWorld } from './routing-randomized-world.js';

/** The server's loop after an event: decide, apply the alert timeouts, then the new alerts. */
function decideAndApply(w: RandomWorld, stats: RunStats): void {
  const decision = w.router.decide(w.now);
  for (const t of decision.alertTimeouts) {
    const ix = w.interactions.get(t.interactionId);
    if (ix?.state !== 'acd-alerting' || ix.userId !== t.userId)
      throw new Error(`alert of ${t.interactionId} to ${t.userId} timed out, but it is ${ix?.state} for ${ix?.userId}`);
    w.run(ix.id, { type: 'alert-timeout' });
    w.presence.get(t.userId)!.statusId = t.statusId;
    w.pushAgent(t.userId);
    const wg = w.directory.get('workgroups', t.workgroupId)!;
    w.exclusions.set(`${ix.id}|${t.userId}`, w.now + wg.alertTimeoutSeconds * 1000);
  }
  for (const a of decision.assignments) {
    checkAssignment(w, a);
    w.run(a.interactionId, { type: 'alert-agent', userId: a.userId });
  }
  checkOrder(w, decision.assignments);
  stats.assigned += decision.assignments.length;
  stats.timeouts += decision.alertTimeouts.length;
}

interface RunStats {
  arrived: number;
  assigned: number;
  timeouts: number;
}

function runSeed(seed: number, events: number): RunStats {
  const w = new RandomWorld(seed);
  const recent: string[] = [];
  const stats: RunStats = { arrived: 0, assigned: 0, timeouts: 0 };
  for (let i = 0; i < events; i++) {
    try {
      const what = randomEvent(w);
      recent.push(`#${i} ${what}`);
      if (recent.length > 12) recent.shift();
      if (what.startsWith('arrive')) stats.arrived += 1;
      decideAndApply(w, stats);
      const loads = oracleLoads(w);
      checkCapacity(w, loads);
      checkNoneMissed(w, loads);
      checkPlaces(w, stats.arrived);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new Error(`seed ${seed}, event ${i}: ${message}\n  recent events:\n    ${recent.join('\n    ')}`, {
        cause: e,
      });
    }
  }
  return stats;
}

describe('routing under 10,000 random events', () => {
  for (const seed of [1, 42, 20260105, 987654321]) {
    it(`keeps capacity, eligibility, places and order after every event (seed ${seed})`, () => {
      const stats = runSeed(seed, 10_000);
      // The mix really exercised the router.
      expect(stats.arrived).toBeGreaterThan(1_800);
      expect(stats.assigned).toBeGreaterThan(1_000);
      expect(stats.timeouts).toBeGreaterThan(100);
    });
  }
});
