import { fieldError, type Directory, type SkillRequirement } from '@tandem/core';

/** A routing context as the widget's `setChatRoutingContexts` sends it: `{context: 'French', category: 'skills'}`. */
export interface RoutingContext {
  context: string;
  category: string;
}

/** Categories that name skills (the widget's example uses `skills`). */
const SKILL_CATEGORIES = new Set(['skill', 'skills']);

/**
 * What routing contexts become. A context of category `skills` names a skill the chat requires:
 * the skill must exist, and any proficiency (1 or more) will do, since the widget sends no level.
 * Any other category becomes the attribute `WebTools_RoutingContext_<category>` (several contexts
 * of one category joined with `|`), for handlers, reports and the agent to read.
 * Throws VALIDATION_FAILED naming `routingContexts.<i>.context` for an unknown skill.
 */
export function routingOfContexts(
  contexts: readonly RoutingContext[],
  directory: Directory,
): { skills: SkillRequirement[]; attributes: Record<string, string> } {
  const skills: SkillRequirement[] = [];
  const grouped = new Map<string, string[]>();
  contexts.forEach(({ context, category }, i) => {
    if (SKILL_CATEGORIES.has(category.toLowerCase())) {
      const skill = directory.get('skills', context);
      if (!skill) throw fieldError(`routingContexts.${i}.context`, `no skill '${context}'`);
      if (!skills.some((s) => s.skillId === skill.id)) skills.push({ skillId: skill.id, minProficiency: 1 });
      return;
    }
    const values = grouped.get(category) ?? [];
    if (!values.includes(context)) values.push(context);
    grouped.set(category, values);
  });
  const attributes: Record<string, string> = {};
  for (const [category, values] of grouped) attributes[`WebTools_RoutingContext_${category}`] = values.join('|');
  return { skills, attributes };
}
