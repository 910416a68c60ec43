import { MEDIA_TYPES, type MediaType } from '../directory/primitives.js';
import { AgentPool } from './agent-pool.js';
import type { AgentRec } from './agent-rec.js';
import type { AgentTable } from './agent-table.js';
import { capacityFor, type Capacity } from './capacity.js';
import type { RoutingWorkgroup } from './routing-types.js';
import { chooseAgent, chooseAmong } from './choose-agent.js';
import { ScratchList } from './scratch-list.js';
import { compareEntries, WaitingQueue, type WaitingEntry } from './waiting-queue.js';

const DEFAULT_ALERT_TIMEOUT_SECONDS = 15;

/**
 * The most agents a pass tries against the waiting entries one by one; when more changed at once
 * (a shift logging on), one pass tries everything against everything instead.
 */
const MAX_JOINED = 32;

/** Most urgent first: by the rank of each workgroup's first waiting interaction; empty ones last. */
export function byFirstWaiting(a: WorkgroupIndex, b: WorkgroupIndex): number {
  const x = a.waiting.ordered[0];
  const y = b.waiting.ordered[0];
  return x === undefined ? (y === undefined ? 0 : 1) : y === undefined ? -1 : compareEntries(x, y);
}

/** By media number, the capacity of an agent in the workgroup who has no utilization settings of its own. */
function capacitiesOf(config: RoutingWorkgroup): Capacity[] {
  return MEDIA_TYPES.map((media) => capacityFor({}, config.utilization, media));
}

/** Takes a pair a routing pass chose: the entry leaves the queue, the agent carries it. */
export interface AssignSink {
  assign(wg: WorkgroupIndex, entry: WaitingEntry, agent: AgentRec): void;
}

/**
 * One workgroup's index: its configuration, its waiting queue, and per media type the pool of
 * activated agents who may take one more interaction of that type (ready and licensed). In a
 * workgroup that sets no utilization an agent's room is the same as in every other such workgroup,
 * so the pools keep full agents too and a scan skips those without room (`AgentTable.room`):
 * carrying and dropping an interaction then moves nobody between pools. A workgroup with
 * utilization settings of its own keeps only the agents with room in its pools instead. Skills are
 * checked per interaction when choosing among a pool. Each agent also knows which of the pools it
 * is in (`AgentRec.poolMask`), so membership is a bit test.
 *
 * It also remembers what changed since the last routing pass, so that a pass looks only at pairs
 * that may match now: entries that arrived or became easier (relaxation step, re-offer delay over)
 * against the whole pool; every waiting entry against agents who joined a pool or changed; all
 * against all after a workgroup change. Pairs left out already failed and nothing of them changed.
 */
export class WorkgroupIndex {
  private current: RoutingWorkgroup;
  /** By media number: the capacity of an agent without utilization settings of its own. */
  private capacities: Capacity[];
  /** The workgroup sets no utilization of its own. */
  private defaultCapacities: boolean;
  readonly waiting = new WaitingQueue();
  /** By media number (`MEDIA_NUMBER`). */
  readonly pools: AgentPool[];
  /** Agents in all the pools together (an agent counts once per pool, full or not). */
  private available = 0;
  /**
   * Entries to try against their whole pool in the next pass, without repeats: an entry is in the
   * list when its `freshPass` is `pass`, the number of the next pass.
   */
  private fresh = new ScratchList<WaitingEntry>();
  /** Agents to try against every waiting entry; past `MAX_JOINED` the next pass is a full one instead. */
  private joined = new ScratchList<AgentRec>();
  private full = false;
  private pass = 0;
  // The lists of the pass in progress are swapped with these, so a pass allocates nothing.
  private spareFresh = new ScratchList<WaitingEntry>();
  private spareJoined = new ScratchList<AgentRec>();
  /** Set while the workgroup waits in the router's list of workgroups to route. */
  queued = false;

  constructor(
    config: RoutingWorkgroup,
    private readonly table: AgentTable,
  ) {
    this.current = config;
    this.capacities = capacitiesOf(config);
    this.defaultCapacities = Object.keys(config.utilization).length === 0;
    this.pools = MEDIA_TYPES.map(() => new AgentPool(table));
  }

  get config(): RoutingWorkgroup {
    return this.current;
  }

  set config(config: RoutingWorkgroup) {
    this.current = config;
    this.capacities = capacitiesOf(config);
    this.defaultCapacities = Object.keys(config.utilization).length === 0;
  }

  /** The agent's capacity for the media here: its own setting, else the workgroup's, else the default. */
  capacityOf(agent: AgentRec, media: number): Capacity {
    return agent.ownUtilization
      ? capacityFor(agent.config.utilization, this.current.utilization, MEDIA_TYPES[media] as MediaType)
      : (this.capacities[media] as Capacity);
  }

  /** A workgroup the router has not been told about yet: default utilization and alert timeout. */
  static withDefaults(id: string, table: AgentTable): WorkgroupIndex {
    return new WorkgroupIndex({ id, utilization: {}, alertTimeoutSeconds: DEFAULT_ALERT_TIMEOUT_SECONDS }, table);
  }

  get alertTimeoutMs(): number {
    return this.config.alertTimeoutSeconds * 1000;
  }

  /** An entry to try against the whole pool in the next pass. */
  touchEntry(entry: WaitingEntry): void {
    if (this.full || entry.freshPass === this.pass) return;
    entry.freshPass = this.pass;
    this.fresh.add(entry);
  }

  /** An agent to try against every waiting entry in the next pass. */
  touchAgent(agent: AgentRec): void {
    if (this.full || this.joined.includes(agent)) return;
    if (this.joined.size < MAX_JOINED) this.joined.add(agent);
    else this.touchAll();
  }

  touchAll(): void {
    this.full = true;
    this.fresh.clear();
    this.joined.clear();
  }

  /** Whether the pools keep full agents too (no utilization settings here; see the class comment). */
  get keepsFull(): boolean {
    return this.defaultCapacities;
  }

  /** The pools (mask of `1 << media number`) the agent is in and has room in now. */
  roomIn(agent: AgentRec): number {
    const mask = agent.poolMask(this);
    return this.defaultCapacities ? mask & (this.table.room[agent.no] as number) : mask;
  }

  /** The room bit a scan of the media's pool checks: none where the pools hold only agents with room. */
  private roomBit(media: number): number {
    return this.defaultCapacities ? 1 << media : 0;
  }

  /** The media pools (mask of `1 << media number`) any of the agents is in and has room in. */
  private poolsOf(agents: ScratchList<AgentRec>): number {
    let mask = 0;
    for (let i = 0; i < agents.size; i++) mask |= this.roomIn(agents.at(i));
    return mask;
  }

  /**
   * One routing pass: the entries that may match now, in routing order, each offered to the best
   * of the agents to try for it; `sink.assign` takes the pair (removing the entry from the queue
   * and updating the pools) before the next entry is looked at. What changed since the last pass
   * is taken (and forgotten) first: `fresh` entries are tried against their whole pool, every
   * other waiting entry against the `joined` agents only, or everything against everything when
   * `full`; changes made during the pass are left for the next one.
   */
  route(now: number, sink: AssignSink): void {
    const { fresh, joined, full, pass } = this;
    this.fresh = this.spareFresh;
    this.joined = this.spareJoined;
    this.full = false;
    this.pass = pass + 1;
    try {
      this.routeTaken(now, sink, fresh, joined, full, pass);
    } finally {
      fresh.clear();
      joined.clear();
      this.spareFresh = fresh;
      this.spareJoined = joined;
    }
  }

  /**
   * The pass itself, over what changed: `fresh` entries, `joined` agents, or everything when
   * `full`; entries touched for pass number `pass` (or a later one) count as fresh.
   */
  private routeTaken(
    now: number,
    sink: AssignSink,
    fresh: ScratchList<WaitingEntry>,
    joined: ScratchList<AgentRec>,
    full: boolean,
    pass: number,
  ): void {
    if (this.available === 0) return;
    if (!full && joined.size === 0) return this.routeFresh(now, sink, fresh);
    // Only agents who joined: entries of media none of them is in a pool for need no look.
    const onlyJoined = !full && fresh.size === 0;
    let media = onlyJoined ? this.poolsOf(joined) : -1;
    if (media === 0) return;
    const live = this.waiting.ordered;
    for (let i = 0; i < live.length;) {
      const entry = live[i] as WaitingEntry;
      const pool = this.pools[entry.media] as AgentPool;
      // An entry touched again during this pass counts as fresh too: trying more pairs is safe.
      const agent =
        (media & (1 << entry.media)) === 0 || pool.length === 0
          ? undefined
          : full || entry.freshPass >= pass
            ? chooseAgent(pool, this.table, entry, now, this.roomBit(entry.media))
            : chooseAmong(joined, this, this.table, entry, now);
      if (!agent) {
        i++;
        continue;
      }
      // Assigning removes the entry from `live`, at index i: the next entry moves up to i.
      sink.assign(this, entry, agent);
      if (this.available === 0) return;
      if (onlyJoined && (media = this.poolsOf(joined)) === 0) return;
    }
  }

  /** A pass over fresh entries only (arrivals, relaxations): each against its whole pool. */
  private routeFresh(now: number, sink: AssignSink, fresh: ScratchList<WaitingEntry>): void {
    if (fresh.size > 1) fresh.sort(compareEntries);
    for (let i = 0; i < fresh.size; i++) {
      this.offer(now, sink, fresh.at(i));
      if (this.available === 0) return;
    }
  }

  private offer(now: number, sink: AssignSink, entry: WaitingEntry): void {
    const pool = this.pools[entry.media] as AgentPool;
    if (pool.length === 0 || !this.waiting.has(entry)) return;
    const agent = chooseAgent(pool, this.table, entry, now, this.roomBit(entry.media));
    if (agent) sink.assign(this, entry, agent);
  }

  /**
   * Puts the agent, activated in this workgroup, in or out of each media pool it belongs in: those
   * it is licensed for when ready (with room or not) where the pools keep full agents, those it has
   * room in otherwise. `oldRoom` is its `AgentTable.room` before the change that led here (the
   * table holds the new one). Answers true when it gained a pool with room, i.e. when something
   * waiting might now be routable.
   */
  place(agent: AgentRec, oldRoom: number): boolean {
    const was = agent.poolMask(this);
    if (!this.defaultCapacities) {
      const room = agent.ready ? this.roomMask(agent) : 0;
      if (room === was) return false;
      this.setPools(agent, was, room);
      return (room & ~was) !== 0;
    }
    const members = agent.ready ? agent.licensedMask : 0;
    if (members !== was) this.setPools(agent, was, members);
    return (members & (this.table.room[agent.no] as number) & ~(was & oldRoom)) !== 0;
  }

  /** The media pools the agent has room in here (mask of `1 << media number`). */
  roomMask(agent: AgentRec): number {
    let mask = 0;
    for (const media of agent.media) if (agent.hasRoom(media, this.capacityOf(agent, media))) mask |= 1 << media;
    return mask;
  }

  private setPools(agent: AgentRec, was: number, mask: number): void {
    const changed = was ^ mask;
    for (let m = 0; m < this.pools.length; m++) {
      const bit = 1 << m;
      if ((changed & bit) === 0) continue;
      if ((mask & bit) !== 0) this.join(agent, m);
      else this.leave(agent, m);
    }
    agent.setPoolMask(this, mask);
  }

  private join(agent: AgentRec, media: number): void {
    agent.setPoolSlot(this, media, (this.pools[media] as AgentPool).push(agent));
    this.available += 1;
  }

  /** Out of the pool: the last agent of the pool takes its place. */
  private leave(agent: AgentRec, media: number): void {
    const slot = agent.poolSlot(this, media);
    const moved = (this.pools[media] as AgentPool).removeAt(slot);
    moved?.setPoolSlot(this, media, slot);
    this.available -= 1;
  }

  /** Takes the agent out of every pool (deactivated, licence withdrawn, removed). */
  evict(agent: AgentRec): void {
    const was = agent.poolMask(this);
    if (was !== 0) this.setPools(agent, was, 0);
  }
}
