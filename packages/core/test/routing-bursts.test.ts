import { describe, expect, it } from 'vitest';
import { aScenario } from './routing-builders.js';

/** Many changes before one decision: a shift logging on, a burst of arrivals. */
describe('routing a burst of changes in one decision', () => {
  it('gives a backlog to a whole shift that becomes available at once, most urgent first', () => {
    const s = aScenario();
    for (let a = 0; a < 40; a++) s.agent(`a${a}`, { availableForAcd: false, idleSince: a });
    for (let i = 0; i < 60; i++) s.arrive(`e${i}`, { type: 'email', priority: i % 3 === 0 ? 90 : 10 }).advance(1);
    expect(s.assigned()).toEqual({});
    for (let a = 0; a < 40; a++) s.agent(`a${a}`, { availableForAcd: true });
    const assignments = s.decide().assignments;
    expect(assignments).toHaveLength(40);
    // The 20 of priority 90 first, then the 20 oldest of priority 10; one email per agent.
    const urgent = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 3 === 0);
    const rest = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 3 !== 0);
    const expected = [...urgent, ...rest.slice(0, 20)].map((i) => `e${i}`);
    expect(assignments.map((a) => a.interactionId)).toEqual(expected);
    expect(new Set(assignments.map((a) => a.userId)).size).toBe(40);
    expect(s.state.waitingIn('Sales')).toEqual(rest.slice(20).map((i) => `e${i}`));
  });

  for (const agentsFirst of [false, true])
    it(`routes many arrivals of one moment by priority, then by time in queue (agents ${agentsFirst ? 'ready before' : 'ready after'})`, () => {
      const s = aScenario();
      for (let a = 0; a < 5; a++) s.agent(`a${a}`, { availableForAcd: agentsFirst });
      expect(s.assigned()).toEqual({});
      const at = s.now;
      for (let i = 0; i < 30; i++) s.arrive(`e${i}`, { type: 'email', priority: (i * 7) % 30, enteredQueueAt: at - i });
      if (!agentsFirst) for (let a = 0; a < 5; a++) s.agent(`a${a}`, { availableForAcd: true });
      const chosen = s.decide().assignments.map((a) => a.interactionId);
      const byRank = Array.from({ length: 30 }, (_, i) => i)
        .sort((x, y) => ((y * 7) % 30) - ((x * 7) % 30) || y - x)
        .map((i) => `e${i}`);
      expect(chosen).toEqual(byRank.slice(0, 5));
    });
});
