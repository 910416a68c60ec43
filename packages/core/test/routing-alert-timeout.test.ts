import { describe, expect, it } from 'vitest';
import { aScenario } from './routing-builders.js';

describe('alert timeout', () => {
  it('sets the agent to ACD - Agent Not Answering and offers the interaction to the next agent', () => {
    const s = aScenario().agent('first', { idleSince: 0 }).agent('next', { idleSince: 1 });
    const [alert] = s.arrive('c1').decide().assignments;
    expect(alert).toMatchObject({ userId: 'first', alertDeadline: s.now + 15_000 });
    expect(s.advance(14).decide()).toMatchObject({ alertTimeouts: [], assignments: [] });
    const d = s.advance(1).decide();
    expect(d.alertTimeouts).toEqual([
      { interactionId: 'c1', userId: 'first', workgroupId: 'Sales', statusId: 'acd-agent-not-answering' },
    ]);
    expect(d.assignments.map((a) => [a.interactionId, a.userId])).toEqual([['c1', 'next']]);
  });

  it('uses the workgroup’s alert timeout and tells when to wake up for it', () => {
    const s = aScenario().workgroup('Sales', { alertTimeoutSeconds: 40 }).agent('a1');
    const d = s.arrive('c1').decide();
    expect(d.nextWakeAt).toBe(s.now + 40_000);
    expect(s.advance(39).decide().alertTimeouts).toEqual([]);
    expect(s.advance(1).decide().alertTimeouts).toHaveLength(1);
  });

  it('does not time out an alert that was picked up', () => {
    const s = aScenario().agent('a1');
    const [alert] = s.arrive('c1').decide().assignments;
    s.advance(5).pickup('c1', alert!);
    expect(s.advance(60).decide().alertTimeouts).toEqual([]);
    expect(s.state.whereIs('c1')).toBe('owned');
  });

  it('keeps the interaction’s place in the queue after a timeout', () => {
    const s = aScenario().agent('a1');
    s.arrive('old', { type: 'email' }).decide();
    s.advance(5).arrive('young', { type: 'email' });
    s.advance(10).decide();
    expect(s.state.waitingIn('Sales')).toEqual(['old', 'young']);
  });

  it('does not offer the interaction again at once to the agent who let it time out', () => {
    const s = aScenario().agent('a1');
    s.arrive('c1').decide();
    expect(s.advance(15).decide().assignments).toEqual([]);
    // The agent makes itself available again at once: it gets other work, not c1 (yet).
    s.agent('a1', { availableForAcd: true, statusId: 'available' });
    const [c2] = s.arrive('c2').decide().assignments;
    expect(c2).toMatchObject({ interactionId: 'c2', userId: 'a1' });
    expect(s.state.waitingIn('Sales')).toEqual(['c1']);
    s.pickup('c2', c2!);
    // After one more alert period it may be offered again.
    expect(s.advance(15).assigned()).toEqual({ c1: 'a1' });
  });

  it('honours a longer re-offer delay', () => {
    const s = aScenario({ reofferDelayMs: 120_000 }).agent('a1');
    s.arrive('c1').decide();
    s.advance(15).decide();
    s.agent('a1', { availableForAcd: true });
    expect(s.advance(100).assigned()).toEqual({});
    expect(s.advance(20).assigned()).toEqual({ c1: 'a1' });
  });

  it('treats an alert the server takes back as not answered by that agent', () => {
    const s = aScenario().agent('a1').agent('a2', { idleSince: 10 });
    const [alert] = s.arrive('c1').decide().assignments;
    expect(alert!.userId).toBe('a1');
    s.arrive('c1', { enteredQueueAt: s.now });
    expect(s.assigned()).toEqual({ c1: 'a2' });
  });
});
