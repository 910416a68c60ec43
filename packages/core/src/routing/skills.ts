import type { RelaxationStep, SkillRequirement } from '../interactions/interaction.js';
import type { AgentSkill } from './routing-types.js';

/** How much every minimum is lowered after waiting `waitedMs`: the sum of the steps already reached. */
export function relaxedBy(relaxation: readonly RelaxationStep[], waitedMs: number): number {
  let lowered = 0;
  for (const step of relaxation) if (step.afterSeconds * 1000 <= waitedMs) lowered += step.lowerBy;
  return lowered;
}

/**
 * Whether an agent meets every requirement, each minimum lowered by `lowered`. An agent without a
 * skill has proficiency 0 in it, so a requirement lowered to 0 or below no longer needs the skill.
 */
export function meetsSkills(
  skills: ReadonlyMap<string, AgentSkill>,
  requirements: readonly SkillRequirement[],
  lowered: number,
): boolean {
  for (const r of requirements) {
    const min = r.minProficiency - lowered;
    if (min > 0 && (skills.get(r.skillId)?.proficiency ?? 0) < min) return false;
  }
  return true;
}

/** Weight of proficiency against desire to use in the score. */
export const PROFICIENCY_WEIGHT = 3;

/** What one required skill adds to the score. */
export const skillPoints = (proficiency: number, desireToUse: number) => PROFICIENCY_WEIGHT * proficiency + desireToUse;

/**
 * The skill score of an agent for an interaction: over the required skills the agent has,
 * the sum of `3 × proficiency + desireToUse` (each 1-100). Proficiency weighs three times as much as
 * desire to use: a better agent wins, and between equally good agents the one who likes the work
 * more. Whole numbers, so equal agents tie exactly and the longest idle wins. No requirement: 0.
 */
export function skillScore(skills: ReadonlyMap<string, AgentSkill>, requirements: readonly SkillRequirement[]): number {
  let score = 0;
  for (const r of requirements) {
    const s = skills.get(r.skillId);
    if (s) score += skillPoints(s.proficiency, s.desireToUse);
  }
  return score;
}

// Not frozen: a frozen array would be another kind of array where the router reads requirements.
const NO_REQUIREMENTS: readonly number[] = [];

/**
 * Skill ids as small numbers, so that the router's inner loop reads arrays instead of maps: an
 * agent's proficiencies and desires become arrays by skill number, requirements a flat list of
 * `[skill number, minimum, ...]`. The router applies the same rules as `meetsSkills` and `skillScore` to them (`choose-agent.ts`).
 */
export class SkillIndex {
  private readonly numbers = new Map<string, number>();

  of(skillId: string): number {
    let n = this.numbers.get(skillId);
    if (n === undefined) this.numbers.set(skillId, (n = this.numbers.size));
    return n;
  }

  /** The requirements as `[skill number, minimum, ...]`; one shared empty list for none (a third of them, say). */
  requirements(requirements: readonly SkillRequirement[]): readonly number[] {
    if (requirements.length === 0) return NO_REQUIREMENTS;
    const flat: number[] = [];
    for (const r of requirements) flat.push(this.of(r.skillId), r.minProficiency);
    return flat;
  }

  /** Proficiency and desire to use by skill number; 0 where the agent lacks the skill. */
  agent(skills: readonly AgentSkill[]): { proficiency: number[]; desire: number[] } {
    const proficiency: number[] = [];
    const desire: number[] = [];
    for (const s of skills) {
      const n = this.of(s.skillId);
      proficiency[n] = s.proficiency;
      desire[n] = s.desireToUse;
    }
    return { proficiency, desire };
  }
}

/**
 * An agent's skills packed for the router's inner loop, one array read per required skill: at
 * `2 × skill number` the proficiency (-1 where the agent lacks the skill), at the next place the
 * points it adds to a score (`skillPoints`). Places past the end are skills the agent lacks.
 */
export function packSkills(proficiency: readonly number[], desire: readonly number[]): number[] {
  const packed: number[] = [];
  for (let n = 0; n < proficiency.length; n++) {
    const p = proficiency[n];
    packed.push(p ?? -1, p === undefined ? 0 : skillPoints(p, desire[n] ?? 0));
  }
  return packed;
}
