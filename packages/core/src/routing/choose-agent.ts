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

/** Lower than any proficiency: a requirement lowered to 0 or below turns nobody away. */
const ANYONE = -0x8000;

/**
 * An entry's requirements made ready for one scan, as `qualifiedScore` reads them: the one or two
 * that matter (`WaitingEntry.needCount`), each as the offset of its skill's column (`skill × stride`) and the lowest
 * proficiency that passes. A requirement of a skill no agent has (past the slots) either turns
 * everybody away (`none`) or adds nothing and is left out. Past two, `count` is -1 and the scan
 * reads the requirements one by one (`qualifiedScore` over `WaitingEntry.needs`).
 */
class Prepared {
  count = 0;
  none = false;
  col0 = 0;
  min0 = 0;
  col1 = 0;
  min1 = 0;

  prepare(entry: WaitingEntry, lowered: number, stride: number, slots: number): void {
    this.count = 0;
    this.none = false;
    const n = entry.needCount;
    if (n < 0) {
      this.count = -1;
      return;
    }
    if (n >= 1) this.add(entry.skill0, entry.min0 - lowered, stride, slots);
    if (n >= 2) this.add(entry.skill1, entry.min1 - lowered, stride, slots);
  }

  private add(skill: number, min: number, stride: number, slots: number): void {
    if (skill >= slots) {
      if (min > 0) this.none = true;
      return;
    }
    const col = skill * stride;
    const passes = min > 0 ? min : ANYONE;
    if (this.count === 0) {
      this.col0 = col;
      this.min0 = passes;
    } else {
      this.col1 = col;
      this.min1 = passes;
    }
    this.count += 1;
  }
}

const prepared = new Prepared();
/** `chooseAmong`'s own: it reads agent table rows, not a pool's columns. */
const preparedRow = new Prepared();

/**
 * The score of the agent whose cells start at `at` for the `prepared` requirements (count 0, 1 or
 * 2), or -1 when not met. The points of a proficiency below 0 (a skill the agent lacks) count for nothing.
 */
function preparedScore(cells: Int16Array, at: number, req: Prepared): number {
  if (req.count === 0) return 0;
  let k = at + req.col0;
  let p = cells[k] as number;
  if (p < req.min0) return -1;
  let score = p >= 0 ? (cells[k + 1] as number) : 0;
  if (req.count === 1) return score;
  k = at + req.col1;
  p = cells[k] as number;
  if (p < req.min1) return -1;
  if (p >= 0) score += cells[k + 1] as number;
  return score;
}

/**
 * Whether a candidate with `score` and `idle` beats the best so far: higher skill score, then
 * longer idle (smaller `idleSince`), then the smaller user id (compared only on a full tie).
 */
function beats(score: number, idle: number, agent: AgentRec, bestScore: number, bestIdle: number, best: AgentRec) {
  return (
    score > bestScore || (score === bestScore && (idle < bestIdle || (idle === bestIdle && agent.userId < best.userId)))
  );
}

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
  const req = prepared;
  req.prepare(entry, lowered, skillStride, skillSlots);
  if (req.none) return undefined;
  const general = req.count < 0;
  let best: AgentRec | undefined;
  let bestScore = -1;
  let bestIdle = 0;
  for (let i = 0; i < agents.length; i++) {
    const no = nos[i] as number;
    if (((room[no] as number) & roomBit) !== roomBit) continue;
    const score = general
      ? qualifiedScore(cells, 2 * i, skillStride, skillSlots, needs, lowered)
      : preparedScore(cells, 2 * i, req);
    if (score < 0 || score < bestScore) continue;
    const agent = agents[i] as AgentRec;
    if (excluded !== undefined && isExcluded(entry, agent.userId, now)) continue;
    const at = idle[no] as number;
    if (best === undefined || beats(score, at, agent, bestScore, bestIdle, best)) {
      best = agent;
      bestScore = score;
      bestIdle = at;
    }
  }
  return best;
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
  const req = preparedRow;
  let lowered = -1;
  let best: AgentRec | undefined;
  let bestScore = -1;
  let bestIdle = 0;
  for (let i = 0; i < agents.size; i++) {
    const agent = agents.at(i);
    if ((wg.roomIn(agent) & bit) === 0) continue;
    if (lowered < 0) {
      lowered = loweredAt(entry, now);
      req.prepare(entry, lowered, 2, skillSlots);
      if (req.none) return undefined;
    }
    const at0 = agent.no * 2 * skillSlots;
    const score =
      req.count < 0 ? qualifiedScore(cells, at0, 2, skillSlots, entry.needs, lowered) : preparedScore(cells, at0, req);
    if (score < 0) continue;
    if (entry.excluded !== undefined && isExcluded(entry, agent.userId, now)) continue;
    const at = idle[agent.no] as number;
    if (best === undefined || beats(score, at, agent, bestScore, bestIdle, best)) {
      best = agent;
      bestScore = score;
      bestIdle = at;
    }
  }
  return best;
}
