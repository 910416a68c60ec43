import type { AgentRec } from './agent-rec.js';
import { qualifiedScore, relaxedBy } from './skills.js';
import { isExcluded, type WaitingEntry } from './waiting-queue.js';
import type { WorkgroupIndex } from './workgroup-index.js';

/** Whether `a` beats `b`: higher skill score, then longer idle, then the smaller user id. */
function better(a: AgentRec, aScore: number, b: AgentRec, bScore: number): boolean {
  if (aScore !== bScore) return aScore > bScore;
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  return a.userId < b.userId;
}

/** How much the entry's minimums are lowered at `now`. */
function loweredAt(entry: WaitingEntry, now: number): number {
  return entry.relaxation.length === 0 ? 0 : relaxedBy(entry.relaxation, now - entry.enteredQueueAt);
}

/** The agent's skill score for the entry, or -1 when it does not qualify (skills, re-offer delay). */
function scoreFor(agent: AgentRec, entry: WaitingEntry, lowered: number, now: number): number {
  if (entry.excluded !== undefined && isExcluded(entry, agent.userId, now)) return -1;
  return qualifiedScore(agent.skills, entry.needs, lowered);
}

/**
 * The best agent of a pool (agents ready, activated, licensed and with room) for a waiting entry:
 * among those meeting its skill requirements as relaxed at `now` and not skipped for it, the
 * highest skill score, then the longest idle. Undefined when none qualifies.
 */
export function chooseAgent(pool: readonly AgentRec[], entry: WaitingEntry, now: number): AgentRec | undefined {
  const lowered = loweredAt(entry, now);
  let best: AgentRec | undefined;
  let bestScore = -1;
  for (let i = 0; i < pool.length; i++) {
    const agent = pool[i] as AgentRec;
    const score = scoreFor(agent, entry, lowered, now);
    if (score >= 0 && (best === undefined || better(agent, score, best, bestScore))) {
      best = agent;
      bestScore = score;
    }
  }
  return best;
}

/** `chooseAgent` over some agents, of whom only those in the workgroup's pool for the entry's media count. */
export function chooseAmong(
  agents: ReadonlySet<AgentRec>,
  wg: WorkgroupIndex,
  entry: WaitingEntry,
  now: number,
): AgentRec | undefined {
  const bit = 1 << entry.media;
  let lowered: number | undefined;
  let best: AgentRec | undefined;
  let bestScore = -1;
  for (const agent of agents) {
    if ((agent.poolMask(wg) & bit) === 0) continue;
    lowered ??= loweredAt(entry, now);
    const score = scoreFor(agent, entry, lowered, now);
    if (score >= 0 && (best === undefined || better(agent, score, best, bestScore))) {
      best = agent;
      bestScore = score;
    }
  }
  return best;
}
