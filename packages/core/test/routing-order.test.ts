import { describe, expect, it } from 'vitest';
import { skillScore } from '../src/index.js';
import { aScenario, skill } from './routing-builders.js';

const french = (minProficiency: number) => [{ skillId: 'French', minProficiency }];

describe('choosing the agent', () => {
  it('offers the chat to the agent with the best skill score, before a longer-idle one', () => {
    const s = aScenario()
      .agent('good', { idleSince: 0, skills: [skill('French', 60)] })
      .agent('best', { idleSince: 900_000, skills: [skill('French', 90)] });
    expect(s.arrive('c1', { skills: french(50) }).assigned()).toEqual({ c1: 'best' });
  });

  it('weighs proficiency three times as much as desire to use', () => {
    const skills = new Map([['French', skill('French', 70, 10)]]);
    expect(skillScore(skills, french(1))).toBe(3 * 70 + 10);
    const s = aScenario()
      .agent('keen', { skills: [skill('French', 60, 100)] }) // 280
      .agent('able', { skills: [skill('French', 80, 1)] }); // 241
    expect(s.arrive('c1', { skills: french(50) }).assigned()).toEqual({ c1: 'keen' });
  });

  it('prefers the agent who likes the skill more when proficiency is equal', () => {
    const s = aScenario()
      .agent('reluctant', { idleSince: 0, skills: [skill('French', 80, 20)] })
      .agent('willing', { idleSince: 900_000, skills: [skill('French', 80, 90)] });
    expect(s.arrive('c1', { skills: french(50) }).assigned()).toEqual({ c1: 'willing' });
  });

  it('adds the scores of every required skill', () => {
    const s = aScenario()
      .agent('one', { skills: [skill('French', 100), skill('Billing', 10)] })
      .agent('both', { skills: [skill('French', 60), skill('Billing', 60)] });
    const skills = [
      { skillId: 'French', minProficiency: 10 },
      { skillId: 'Billing', minProficiency: 10 },
    ];
    expect(s.arrive('c1', { skills }).assigned()).toEqual({ c1: 'both' });
  });

  it('offers the chat to the longest-idle agent with the skill when scores tie', () => {
    const s = aScenario()
      .agent('recent', { idleSince: 900_000, skills: [skill('French', 80)] })
      .agent('longest', { idleSince: 100_000, skills: [skill('French', 80)] })
      .agent('unskilled', { idleSince: 0 });
    expect(s.arrive('c1', { skills: french(50) }).assigned()).toEqual({ c1: 'longest' });
  });

  it('counts an agent idle from its last interaction, so work is spread', () => {
    const s = aScenario().agent('a1', { idleSince: 0 }).agent('a2', { idleSince: 1 });
    const first = s.arrive('c1').decide().assignments[0]!;
    expect(first.userId).toBe('a1');
    s.advance(1).pickup('c1', first);
    expect(s.arrive('c2').assigned()).toEqual({ c2: 'a2' });
  });
});

describe('choosing the interaction', () => {
  it('takes the highest priority first, whatever its age', () => {
    const s = aScenario().agent('a1', { availableForAcd: false });
    s.arrive('old-low', { type: 'email', priority: 10 }).advance(60);
    s.arrive('new-high', { type: 'email', priority: 90 });
    expect(s.assigned()).toEqual({});
    s.agent('a1', { availableForAcd: true });
    expect(s.assigned()).toEqual({ 'new-high': 'a1' });
  });

  it('takes the one longest in queue among equal priorities', () => {
    const s = aScenario().agent('a1', { availableForAcd: false });
    s.arrive('second', { type: 'email', enteredQueueAt: s.now + 10 });
    s.arrive('first', { type: 'email' });
    s.agent('a1', { availableForAcd: true });
    expect(s.assigned()).toEqual({ first: 'a1' });
    expect(s.state.waitingIn('Sales')).toEqual(['second']);
  });

  it('lets a younger interaction past an older one no free agent can take', () => {
    const s = aScenario().agent('a1', { skills: [skill('French', 40)] });
    s.arrive('needs-expert', { skills: french(90) }).advance(5);
    expect(s.arrive('easy').assigned()).toEqual({ easy: 'a1' });
    expect(s.state.waitingIn('Sales')).toEqual(['needs-expert']);
  });
});

describe('skill relaxation', () => {
  const relaxing = {
    skills: french(90),
    relaxation: [
      { afterSeconds: 30, lowerBy: 20 },
      { afterSeconds: 60, lowerBy: 30 },
    ],
  };

  it('lowers the minimum proficiency once the interaction has waited the step time', () => {
    const s = aScenario().agent('a1', { skills: [skill('French', 70)] });
    expect(s.arrive('c1', relaxing).decide()).toMatchObject({ assignments: [], nextWakeAt: s.now + 30_000 });
    expect(s.advance(29).assigned()).toEqual({});
    expect(s.advance(1).assigned()).toEqual({ c1: 'a1' });
  });

  it('adds the steps up, down to not needing the skill at all', () => {
    const s = aScenario().agent('a1', { skills: [skill('Spanish', 90)] });
    s.arrive('c1', {
      skills: french(50),
      relaxation: [
        { afterSeconds: 30, lowerBy: 20 },
        { afterSeconds: 60, lowerBy: 30 },
      ],
    });
    expect(s.advance(30).assigned()).toEqual({});
    expect(s.advance(30).assigned()).toEqual({ c1: 'a1' });
  });

  it('still prefers the skilled agent after relaxing', () => {
    const s = aScenario()
      .agent('novice', { idleSince: 0, skills: [skill('French', 70)] })
      .agent('better', { idleSince: 900_000, skills: [skill('French', 75)] })
      .agent('busy', { availableForAcd: false, skills: [skill('French', 95)] });
    s.arrive('c1', relaxing);
    expect(s.advance(30).assigned()).toEqual({ c1: 'better' });
  });
});
