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
    if (s) score += PROFICIENCY_WEIGHT * s.proficiency + s.desireToUse;
  }
  return score;
}
