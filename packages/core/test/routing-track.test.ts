import { describe, expect, it } from 'vitest';
import type { Assignment, WaitingItem } from '../src/index.js';
import { aScenario } from './routing-builders.js';

/** The waiting item `arrive` would track, as the server sends it again after another change. */
const waitingAgain = (interactionId: string, enteredQueueAt: number, overrides: Partial<WaitingItem> = {}) =>
  ({
    state: 'waiting',
    interactionId,
    type: 'chat',
    workgroupId: 'Sales',
    priority: 50,
    enteredQueueAt,
    skills: [{ skillId: 'french', minProficiency: 30 }],
    relaxation: [{ afterSeconds: 20, lowerBy: 10 }],
    ...overrides,
  }) satisfies WaitingItem;

describe('tracking interactions the router already knows', () => {
  it('keeps the load of an alert the router made when the server reports it, its pickup, and later changes', () => {
    const s = aScenario().agent('a1').arrive('c1');
    const a = s.decide().assignments[0] as Assignment;
    const waiting = waitingAgain('c1', s.now, { skills: [], relaxation: [] });
    s.state.track(
      {
        state: 'alerting',
        interactionId: 'c1',
        type: 'chat',
        workgroupId: 'Sales',
        userId: 'a1',
        alertedAt: s.now,
        waiting,
      },
      s.now,
    );
    expect(s.state.loadOf('a1')).toMatchObject({ counts: { chat: 1 }, utilization: 25 });
    s.pickup('c1', a).pickup('c1', a);
    expect(s.state.whereIs('c1')).toBe('owned');
    expect(s.state.loadOf('a1')).toMatchObject({ counts: { chat: 1 }, utilization: 25 });
    s.finish('c1');
    expect(s.state.loadOf('a1')).toMatchObject({ counts: { chat: 0 }, utilization: 0 });
  });

  it('carries an owned interaction at its workgroup’s new utilization once tracked after the change', () => {
    const s = aScenario().agent('a1').arrive('c1');
    const a = s.decide().assignments[0] as Assignment;
    s.pickup('c1', a);
    s.workgroup('Sales', { utilization: { chat: { utilization: 50, maxAssignable: 2 } } }).pickup('c1', a);
    expect(s.state.loadOf('a1')).toMatchObject({ counts: { chat: 1 }, utilization: 50 });
  });

  it('leaves a waiting interaction its place when tracked again alike, and moves it when its priority changes', () => {
    const s = aScenario();
    const at = s.now;
    s.state.track(waitingAgain('w1', at), at);
    s.state.track(waitingAgain('w2', at), at);
    s.decide();
    s.state.track(waitingAgain('w1', at), s.now);
    expect(s.state.waitingIn('Sales')).toEqual(['w1', 'w2']);
    s.state.track(waitingAgain('w2', at, { priority: 60 }), s.now);
    expect(s.state.waitingIn('Sales')).toEqual(['w2', 'w1']);
    s.agent('a1', { skills: [{ skillId: 'french', proficiency: 40, desireToUse: 50 }] });
    expect(s.assigned()).toEqual({ w2: 'a1', w1: 'a1' });
  });

  it('does not time out an interaction forgotten while alerting and then alerting anew, before its new deadline', () => {
    const s = aScenario().agent('a1').agent('a2').arrive('c1');
    const first = s.decide().assignments[0] as Assignment;
    s.advance(5).finish('c1').arrive('c1');
    const second = s.decide().assignments[0] as Assignment;
    expect(second.alertDeadline).toBe(first.alertDeadline + 5_000);
    expect(s.advance(10).decide().alertTimeouts).toEqual([]);
    expect(s.advance(5).decide().alertTimeouts).toMatchObject([{ interactionId: 'c1', userId: second.userId }]);
  });

  it('never lets the alert deadline of a forgotten interaction act on the interactions that come after it', () => {
    const s = aScenario().agent('a1').arrive('c1');
    expect(s.assigned()).toEqual({ c1: 'a1' });
    s.advance(5).finish('c1').arrive('c2');
    expect(s.assigned()).toEqual({ c2: 'a1' });
    expect(s.advance(10).decide().alertTimeouts).toEqual([]);
    // c1's deadline has passed: its record may now serve another interaction.
    s.advance(1).finish('c2').arrive('c3');
    expect(s.assigned()).toEqual({ c3: 'a1' });
    expect(s.advance(4).decide().alertTimeouts).toEqual([]);
    expect(s.state.whereIs('c1')).toBeUndefined();
    expect(s.state.whereIs('c2')).toBeUndefined();
    expect(s.advance(11).decide().alertTimeouts).toMatchObject([{ interactionId: 'c3', userId: 'a1' }]);
    expect(s.state.waitingIn('Sales')).toEqual(['c3']);
  });

  it('keeps every interaction that arrives after others were forgotten with wake-ups still pending', () => {
    const s = aScenario();
    s.arrive('c1', { relaxation: [{ afterSeconds: 10, lowerBy: 10 }] }).arrive('c2');
    s.decide();
    s.finish('c1').finish('c2');
    // c1's relaxation step wakes the router for a record already forgotten.
    s.advance(11).decide();
    s.arrive('c3').arrive('c4').arrive('c5');
    s.decide();
    expect(s.state.waitingIn('Sales')).toEqual(['c3', 'c4', 'c5']);
    s.agent('a1');
    expect(s.assigned()).toEqual({ c3: 'a1', c4: 'a1', c5: 'a1' });
  });

  it('routes an interaction that arrives in another workgroup right after one forgotten unrouted', () => {
    const s = aScenario()
      .workgroup('Support')
      .agent('a1')
      .agent('a2', { activeWorkgroups: ['Support'] });
    s.decide();
    s.arrive('c1').finish('c1').arrive('c2', { workgroupId: 'Support' });
    expect(s.assigned()).toEqual({ c2: 'a2' });
    expect(s.state.waitingIn('Sales')).toEqual([]);
  });
});
