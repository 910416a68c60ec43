import type { AgentRec } from './agent-rec.js';
import { meetsNumbered, relaxedBy, scoreNumbered } from './skills.js';
import { isExcluded, type WaitingEntry } from './waiting-queue.js';

/** Whether `a` beats `b`: higher skill score, then longer idle, then the smaller user id. */
function better(a: AgentRec, aScore: number, b: AgentRec, bScore: number): boolean {
  if (aScore !== bScore) return aScore > bScore;
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  return a.userId < b.userId;
}

/** How much the entry's minimums are lowered at `now`. */
function loweredAt(entry: WaitingEntry, now: number): number {
  const { relaxation, enteredQueueAt } = entry.item;
  return relaxation.length === 0 ? 0 : relaxedBy(relaxation, now - enteredQueueAt);
}

/** The agent's skill score for the entry, or -1 when it does not qualify (skills, re-offer delay). */
function scoreFor(agent: AgentRec, entry: WaitingEntry, lowered: number, now: number): number {
  if (entry.excluded !== undefined && isExcluded(entry, agent.userId, now)) return -1;
  const { needs } = entry;
  if (needs.length === 0) return 0;
  if (!meetsNumbered(agent.proficiency, needs, lowered)) return -1;
  return scoreNumbered(agent.proficiency, agent.desire, needs);
}

/**
 * The best agent of a pool (agents ready, activated, licensed and with room) for a waiting entry:
 * among those meeting its skill requirements as relaxed at `now` and not skipped for it, the
 * highest skill score, then the longest idle. Undefined when none qualifies.
 */
export function chooseAgent(pool: ReadonlySet<AgentRec>, entry: WaitingEntry, now: number): AgentRec | undefined {
  const lowered = loweredAt(entry, now);
  let best: AgentRec | undefined;
  let bestScore = -1;
  for (const agent of pool) {
    const score = scoreFor(agent, entry, lowered, now);
    if (score >= 0 && (best === undefined || better(agent, score, best, bestScore))) {
      best = agent;
      bestScore = score;
    }
  }
  return best;
}

/** `chooseAgent` over some agents, of whom only those still in the pool count. */
export function chooseAmong(
  agents: readonly AgentRec[],
  pool: ReadonlySet<AgentRec>,
  entry: WaitingEntry,
  now: number,
): AgentRec | undefined {
  const lowered = loweredAt(entry, now);
  let best: AgentRec | undefined;
  let bestScore = -1;
  for (const agent of agents) {
    if (!pool.has(agent)) continue;
    const score = scoreFor(agent, entry, lowered, now);
    if (score >= 0 && (best === undefined || better(agent, score, best, bestScore))) {
      best = agent;
      bestScore = score;
    }
  }
  return best;
}
