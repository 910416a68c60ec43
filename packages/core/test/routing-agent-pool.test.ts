import { describe, expect, it } from 'vitest';
import { aScenario, skill } from './routing-builders.js';

const manySkills = (n: number, proficiency: number) =>
  Array.from({ length: n }, (_, i) => skill(`extra${i}`, proficiency));

describe('the router pools’ copy of skills', () => {
  it('scores the agents already in a pool rightly after the agent table is laid out for more skills', () => {
    const s = aScenario()
      .agent('a1', { skills: [skill('french', 60), skill('german', 90)] })
      .agent('a2', { skills: [skill('french', 80)] });
    s.arrive('w0', { skills: [{ skillId: 'spanish', minProficiency: 99 }] });
    expect(s.assigned()).toEqual({});
    s.agent('a3', { skills: manySkills(40, 10) });
    s.arrive('c1', { skills: [{ skillId: 'french', minProficiency: 50 }] });
    s.arrive('c2', { skills: [{ skillId: 'german', minProficiency: 50 }] });
    s.arrive('c3', { skills: [{ skillId: 'extra39', minProficiency: 5 }] });
    expect(s.assigned()).toEqual({ c1: 'a2', c2: 'a1', c3: 'a3' });
  });

  it('keeps the skills of the agent moved into a leaving agent’s place', () => {
    const s = aScenario()
      .agent('a1', { skills: [skill('french', 40)] })
      .agent('a2', { skills: [skill('german', 70)] })
      .agent('a3', { skills: [skill('french', 90)] });
    s.arrive('w0', { skills: [{ skillId: 'spanish', minProficiency: 99 }] });
    expect(s.assigned()).toEqual({});
    s.agent('a1', { loggedOn: false });
    s.arrive('c1', { skills: [{ skillId: 'french', minProficiency: 50 }] });
    s.arrive('c2', { skills: [{ skillId: 'german', minProficiency: 50 }] });
    expect(s.assigned()).toEqual({ c1: 'a3', c2: 'a2' });
  });
});
