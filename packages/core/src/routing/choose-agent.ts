import type { AgentRec } from './agent-rec.js';
import { meetsNumbered, relaxedBy, scoreNumbered } from './skills.js';
import { isExcluded, type WaitingEntry } from './waiting-queue.js';

/** Whether `a` beats `b`: higher skill score, then longer idle, then the smaller user id. */
function better(a: AgentRec, aScore: number, b: AgentRec, bScore: number): boolean {
  if (aScore !== bScore) return aScore > bScore;
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  return a.userId < b.userId;
}

/**
 * The best agent of a pool (agents ready, activated, licensed and with room) for a waiting entry:
 * among those meeting its skill requirements as relaxed at `now` and not skipped for it, the
 * highest skill score, then the longest idle. With `within`, only candidates still in that pool
 * count. Undefined when none qualifies.
 */
export function chooseAgent(
  candidates: Iterable<AgentRec>,
  entry: WaitingEntry,
  now: number,
  within?: ReadonlySet<AgentRec>,
): AgentRec | undefined {
  const { relaxation, enteredQueueAt } = entry.item;
  const { needs } = entry;
  const lowered = relaxation.length === 0 ? 0 : relaxedBy(relaxation, now - enteredQueueAt);
  let best: AgentRec | undefined;
  let bestScore = -1;
  for (const agent of candidates) {
    if (within !== undefined && !within.has(agent)) continue;
    if (entry.excluded !== undefined && isExcluded(entry, agent.userId, now)) continue;
    if (!meetsNumbered(agent.proficiency, needs, lowered)) continue;
    const score = needs.length === 0 ? 0 : scoreNumbered(agent.proficiency, agent.desire, needs);
    if (best === undefined || better(agent, score, best, bestScore)) {
      best = agent;
      bestScore = score;
    }
  }
  return best;
}
