import type { AgentPool } from './agent-pool.js';
import type { AgentRec } from './agent-rec.js';
import type { AgentTable } from './agent-table.js';
import type { ScratchList } from './scratch-list.js';
import { relaxedBy } from './skills.js';
import { isExcluded, type WaitingEntry } from './waiting-queue.js';
import type { WorkgroupIndex } from './workgroup-index.js';

/** How much the entry's minimums are lowered at `now`. */
function loweredAt(entry: WaitingEntry, now: number): number {
  const waited = now - entry.enteredQueueAt;
  return waited < entry.firstStepMs ? 0 : relaxedBy(entry.relaxation, waited);
}

/**
 * The skill score of one agent for the numbered requirements `needs` (`[skill number, minimum,
 * ...]`), every minimum lowered by `lowered`, or -1 when they are not met. Its proficiency in skill
 * `s` is at `cells[at + s × stride]` and the points the skill adds (`skillPoints`) next to it, for
 * `s` below `slots` (an agent table row, or a pool's columns). An agent without a skill has
 * proficiency 0 in it, so a requirement lowered to 0 or below no longer needs the skill.
 */
function qualifiedScore(
  cells: Int16Array,
  at: number,
  stride: number,
  slots: number,
  needs: readonly number[],
  lowered: number,
): number {
  let score = 0;
  for (let i = 0; i < needs.length; i += 2) {
    const skill = needs[i] as number;
    const min = (needs[i + 1] as number) - lowered;
    const p = skill < slots ? (cells[at + skill * stride] as number) : -1;
    if (p < 0) {
      if (min > 0) return -1;
    } else {
      if (min > 0 && p < min) return -1;
      score += cells[at + skill * stride + 1] as number;
    }
  }
  return score;
}

/**
 * Keeps the best candidate seen so far for one entry: higher skill score, then longer idle
 * (smaller `idleSince`), then the smaller user id.
 */
class Best {
  agent: AgentRec | undefined;
  score = -1;
  idle = 0;

  reset(): void {
    this.agent = undefined;
    this.score = -1;
  }

  offer(agent: AgentRec, score: number, idle: number): void {
    const best = this.agent;
    if (
      best === undefined ||
      score > this.score ||
      (score === this.score && (idle < this.idle || (idle === this.idle && agent.userId < best.userId)))
    ) {
      this.agent = agent;
      this.score = score;
      this.idle = idle;
    }
  }
}

const best = new Best();

/**
 * The best agent of a pool (agents ready, activated and licensed) for a waiting entry: among those
 * with room (the bit `roomBit` set in `AgentTable.room`; 0 when the pool holds only agents with
 * room), meeting its skill requirements as relaxed at `now` and not skipped for it, the highest
 * skill score, then the longest idle, then the smallest user id. Undefined when none qualifies.
 */
export function chooseAgent(
  pool: AgentPool,
  table: AgentTable,
  entry: WaitingEntry,
  now: number,
  roomBit: number,
): AgentRec | undefined {
  const lowered = loweredAt(entry, now);
  const { needs, excluded } = entry;
  const { idle, room } = table;
  const cells = pool.skillCells();
  const { nos, agents, skillStride, skillSlots } = pool;
  best.reset();
  for (let i = 0; i < agents.length; i++) {
    const no = nos[i] as number;
    if (((room[no] as number) & roomBit) !== roomBit) continue;
    const score = qualifiedScore(cells, 2 * i, skillStride, skillSlots, needs, lowered);
    if (score < 0) continue;
    const agent = agents[i] as AgentRec;
    if (excluded !== undefined && isExcluded(entry, agent.userId, now)) continue;
    best.offer(agent, score, idle[no] as number);
  }
  const chosen = best.agent;
  best.reset();
  return chosen;
}

/** `chooseAgent` over some agents, of whom only those in the workgroup's pool for the entry's media and with room there count. */
export function chooseAmong(
  agents: ScratchList<AgentRec>,
  wg: WorkgroupIndex,
  table: AgentTable,
  entry: WaitingEntry,
  now: number,
): AgentRec | undefined {
  const bit = 1 << entry.media;
  const { cells, idle, skillSlots } = table;
  let lowered: number | undefined;
  best.reset();
  for (let i = 0; i < agents.size; i++) {
    const agent = agents.at(i);
    if ((wg.roomIn(agent) & bit) === 0) continue;
    lowered ??= loweredAt(entry, now);
    const score = qualifiedScore(cells, agent.no * 2 * skillSlots, 2, skillSlots, entry.needs, lowered);
    if (score < 0) continue;
    if (entry.excluded !== undefined && isExcluded(entry, agent.userId, now)) continue;
    best.offer(agent, score, idle[agent.no] as number);
  }
  const chosen = best.agent;
  best.reset();
  return chosen;
}
