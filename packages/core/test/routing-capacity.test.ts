import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPACITY } from '../src/index.js';
import { aScenario } from './routing-builders.js';

const arriveMany = (s: ReturnType<typeof aScenario>, prefix: string, n: number, type = 'chat' as const) => {
  for (let i = 1; i <= n; i++) s.arrive(`${prefix}${i}`, { type });
  return s;
};

describe('capacity per media type', () => {
  it('gives an agent at most 4 chats by default', () => {
    const s = arriveMany(aScenario().agent('a1'), 'c', 5);
    expect(Object.keys(s.assigned())).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(s.state.loadOf('a1')).toMatchObject({ counts: { chat: 4 }, utilization: 100 });
    expect(s.state.waitingIn('Sales')).toEqual(['c5']);
  });

  it('gives an agent 1 email, 1 call and 1 callback by default', () => {
    expect(DEFAULT_CAPACITY).toMatchObject({
      call: { maxAssignable: 1 },
      chat: { maxAssignable: 4 },
      email: { maxAssignable: 1 },
      callback: { maxAssignable: 1 },
    });
    for (const type of ['email', 'call', 'callback'] as const) {
      const s = aScenario().agent('a1');
      s.arrive('x1', { type }).arrive('x2', { type });
      expect(s.assigned()).toEqual({ x1: 'a1' });
    }
  });

  it('mixes media types within 100 % utilization: two chats leave room for two chats, not an email', () => {
    const s = arriveMany(aScenario().agent('a1'), 'c', 2);
    expect(Object.keys(s.assigned())).toHaveLength(2);
    expect(s.arrive('e1', { type: 'email' }).assigned()).toEqual({});
    expect(arriveMany(s, 'd', 2).assigned()).toEqual({ d1: 'a1', d2: 'a1' });
  });

  it('uses the workgroup’s utilization over the defaults', () => {
    const s = aScenario()
      .workgroup('Sales', { utilization: { chat: { utilization: 50, maxAssignable: 2 } } })
      .agent('a1');
    expect(Object.keys(arriveMany(s, 'c', 3).assigned())).toEqual(['c1', 'c2']);
  });

  it('uses the user’s utilization over the workgroup’s', () => {
    const s = aScenario()
      .workgroup('Sales', { utilization: { chat: { utilization: 50, maxAssignable: 2 } } })
      .agent('a1', { utilization: { chat: { utilization: 10, maxAssignable: 6 } } });
    expect(Object.keys(arriveMany(s, 'c', 7).assigned())).toHaveLength(6);
  });

  it('never routes a media type whose maximum is 0', () => {
    const s = aScenario().agent('a1', { utilization: { email: { utilization: 0, maxAssignable: 0 } } });
    expect(s.arrive('e1', { type: 'email' }).assigned()).toEqual({});
  });

  it('frees the capacity when the interaction ends, and routes the next one', () => {
    const s = aScenario().agent('a1');
    const [a] = s.arrive('e1', { type: 'email' }).arrive('e2', { type: 'email' }).decide().assignments;
    s.pickup('e1', a!).advance(120);
    expect(s.assigned()).toEqual({});
    s.finish('e1');
    expect(s.state.loadOf('a1')).toMatchObject({ counts: { email: 0 }, utilization: 0 });
    expect(s.assigned()).toEqual({ e2: 'a1' });
  });

  it('counts interactions a user works outside ACD against the same capacity', () => {
    const s = aScenario().agent('a1');
    s.state.track({ state: 'owned', interactionId: 'direct', type: 'call', userId: 'a1' }, s.now);
    expect(s.arrive('c1').assigned()).toEqual({});
  });
});
