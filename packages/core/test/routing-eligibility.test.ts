import { describe, expect, it } from 'vitest';
import { aScenario, skill } from './routing-builders.js';

/**
 * Each test takes an agent who would get the interaction, changes exactly one condition, and shows
 * the agent is passed over while a second, otherwise equal agent who idled for less time gets it.
 */
const twoAgents = () =>
  aScenario()
    .agent('perfect', { idleSince: 0, skills: [skill('French', 80)] })
    .agent('other', { idleSince: 500_000, skills: [skill('French', 80)] });

describe('ACD eligibility', () => {
  it('offers the chat to the longest-idle agent when both qualify', () => {
    expect(twoAgents().arrive('c1').assigned()).toEqual({ c1: 'perfect' });
  });

  it('passes over an agent who is not logged on', () => {
    expect(twoAgents().agent('perfect', { loggedOn: false }).arrive('c1').assigned()).toEqual({ c1: 'other' });
  });

  it('passes over an agent who is not activated in the workgroup', () => {
    const s = twoAgents().agent('perfect', { activeWorkgroups: ['Support'] });
    expect(s.arrive('c1').assigned()).toEqual({ c1: 'other' });
  });

  it('passes over an agent in a status not available for ACD', () => {
    const s = twoAgents().agent('perfect', { statusId: 'available-no-acd', availableForAcd: false });
    expect(s.arrive('c1').assigned()).toEqual({ c1: 'other' });
  });

  it('passes over an agent without the ACD licence of the media type', () => {
    const s = twoAgents().agent('perfect', { licences: ['acd-call', 'acd-email'] });
    expect(s.arrive('c1').assigned()).toEqual({ c1: 'other' });
    expect(s.arrive('e1', { type: 'email' }).assigned()).toEqual({ e1: 'perfect' });
  });

  it('passes over an agent at capacity for the media type', () => {
    const s = twoAgents().agent('perfect', { utilization: { chat: { utilization: 25, maxAssignable: 1 } } });
    expect(s.arrive('c1').assigned()).toEqual({ c1: 'perfect' });
    expect(s.arrive('c2').assigned()).toEqual({ c2: 'other' });
  });

  it('passes over an agent at full utilization across media types', () => {
    const s = twoAgents();
    expect(s.arrive('e1', { type: 'email' }).assigned()).toEqual({ e1: 'perfect' });
    // The email takes 100 %: no room for even a chat, though chats are below their maximum.
    expect(s.arrive('c1').assigned()).toEqual({ c1: 'other' });
  });

  it('passes over an agent below the minimum proficiency of a required skill', () => {
    const s = twoAgents().agent('perfect', { skills: [skill('French', 59)] });
    expect(s.arrive('c1', { skills: [{ skillId: 'French', minProficiency: 60 }] }).assigned()).toEqual({ c1: 'other' });
  });

  it('passes over an agent without a required skill at all', () => {
    const s = twoAgents().agent('perfect', { skills: [skill('Spanish', 90)] });
    expect(s.arrive('c1', { skills: [{ skillId: 'French', minProficiency: 1 }] }).assigned()).toEqual({ c1: 'other' });
  });

  it('leaves the interaction waiting when no agent qualifies, and routes it when one becomes available', () => {
    const s = aScenario().agent('a1', { availableForAcd: false, statusId: 'at-lunch' });
    expect(s.arrive('c1').assigned()).toEqual({});
    expect(s.state.waitingIn('Sales')).toEqual(['c1']);
    s.advance(60).agent('a1', { availableForAcd: true, statusId: 'available' });
    expect(s.assigned()).toEqual({ c1: 'a1' });
    expect(s.state.waitingIn('Sales')).toEqual([]);
  });

  it('routes a waiting interaction to an available agent who gains the skill', () => {
    const s = aScenario().agent('a1', { skills: [skill('French', 30)] });
    expect(s.arrive('c1', { skills: [{ skillId: 'French', minProficiency: 60 }] }).assigned()).toEqual({});
    expect(s.agent('a1', { skills: [skill('French', 70)] }).assigned()).toEqual({ c1: 'a1' });
  });

  it('routes nothing to a removed agent, and keeps counting what it still carries', () => {
    const s = twoAgents();
    const [a] = s.arrive('e1', { type: 'email' }).decide().assignments;
    s.pickup('e1', a!);
    s.state.removeAgent('perfect');
    expect(s.arrive('c1').assigned()).toEqual({ c1: 'other' });
    expect(s.state.loadOf('perfect')?.counts.email).toBe(1);
    s.finish('e1');
    expect(s.state.loadOf('perfect')?.counts.email).toBe(0);
  });

  it('routes only within the interaction’s workgroup', () => {
    const s = aScenario()
      .workgroup('Support')
      .agent('a1', { activeWorkgroups: ['Support'] });
    expect(s.arrive('c1').assigned()).toEqual({});
    expect(s.arrive('c2', { workgroupId: 'Support' }).assigned()).toEqual({ c2: 'a1' });
  });
});
