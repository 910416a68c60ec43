import type { MediaType } from '../directory/primitives.js';
import type { AgentRec } from './agent-rec.js';
import { capacityFor, hasRoom } from './capacity.js';
import type { RoutingWorkgroup } from './routing-types.js';
import { chooseAgent, chooseAmong } from './choose-agent.js';
import { compareEntries, WaitingQueue, type WaitingEntry } from './waiting-queue.js';

const DEFAULT_ALERT_TIMEOUT_SECONDS = 15;

/** Most urgent first: by the rank of each workgroup's first waiting interaction; empty ones last. */
export function byFirstWaiting(a: WorkgroupIndex, b: WorkgroupIndex): number {
  const x = a.waiting.ordered[0];
  const y = b.waiting.ordered[0];
  return x === undefined ? (y === undefined ? 0 : 1) : y === undefined ? -1 : compareEntries(x, y);
}

const NOTHING_FRESH: ReadonlySet<WaitingEntry> = new Set();

/** What changed in a workgroup since its last routing pass. */
export interface RoutingPass {
  fresh: ReadonlySet<WaitingEntry>;
  joined: readonly AgentRec[];
  full: boolean;
}

/**
 * One workgroup's index: its configuration, its waiting queue, and per media type the pool of
 * activated agents who could take one more interaction of that type now (ready, licensed, with
 * room). Skills are checked per interaction when choosing among a pool.
 *
 * It also remembers what changed since the last routing pass, so that a pass looks only at pairs
 * that may match now: entries that arrived or became easier (relaxation step, re-offer delay over)
 * against the whole pool; every waiting entry against agents who joined a pool or changed; all
 * against all after a workgroup change. Pairs left out already failed and nothing of them changed.
 */
export class WorkgroupIndex {
  config: RoutingWorkgroup;
  readonly waiting = new WaitingQueue();
  readonly pools = new Map<MediaType, Set<AgentRec>>();
  private fresh = new Set<WaitingEntry>();
  private joined = new Set<AgentRec>();
  private full = false;

  constructor(config: RoutingWorkgroup) {
    this.config = config;
  }

  /** A workgroup the router has not been told about yet: default utilization and alert timeout. */
  static withDefaults(id: string): WorkgroupIndex {
    return new WorkgroupIndex({ id, utilization: {}, alertTimeoutSeconds: DEFAULT_ALERT_TIMEOUT_SECONDS });
  }

  get alertTimeoutMs(): number {
    return this.config.alertTimeoutSeconds * 1000;
  }

  /** An entry to try against the whole pool in the next pass. */
  touchEntry(entry: WaitingEntry): void {
    if (!this.full) this.fresh.add(entry);
  }

  /** An agent to try against every waiting entry in the next pass. */
  touchAgent(agent: AgentRec): void {
    if (!this.full) this.joined.add(agent);
  }

  touchAll(): void {
    this.full = true;
    this.fresh.clear();
    this.joined.clear();
  }

  hasAvailable(): boolean {
    for (const pool of this.pools.values()) if (pool.size > 0) return true;
    return false;
  }

  /** Whether any of the agents is in one of the pools. */
  holdsAny(agents: readonly AgentRec[]): boolean {
    for (const pool of this.pools.values()) for (const agent of agents) if (pool.has(agent)) return true;
    return false;
  }

  /**
   * Takes what changed since the last pass (and forgets it): the routing pass then tries
   * `fresh` entries against their whole pool, every other waiting entry against the `joined`
   * agents only, or everything against everything when `full`.
   */
  private takePass(): RoutingPass {
    const fresh = this.fresh.size > 0 ? this.fresh : NOTHING_FRESH;
    const pass: RoutingPass = { fresh, joined: this.joined.size > 0 ? [...this.joined] : [], full: this.full };
    if (fresh !== NOTHING_FRESH) this.fresh = new Set();
    this.joined.clear();
    this.full = false;
    return pass;
  }

  /**
   * One routing pass: the entries that may match now, in routing order, each offered to the best
   * of the agents to try for it; `assign` takes the pair (removing the entry from the queue and
   * updating the pools) before the next entry is looked at.
   */
  route(now: number, assign: (entry: WaitingEntry, agent: AgentRec) => void): void {
    const pass = this.takePass();
    // Only agents who joined, and none of them is in a pool any more: nothing to try.
    const onlyJoined = !pass.full && pass.fresh.size === 0;
    const done = () => !this.hasAvailable() || (onlyJoined && !this.holdsAny(pass.joined));
    if (done()) return;
    const live = this.waiting.ordered;
    const onlyFresh = !pass.full && pass.joined.length === 0;
    const list = onlyFresh ? [...pass.fresh].filter((e) => this.waiting.has(e)).sort(compareEntries) : live;
    for (let i = 0; i < list.length;) {
      const entry = list[i] as WaitingEntry;
      const pool = this.pools.get(entry.item.type);
      const agent =
        pool === undefined || pool.size === 0
          ? undefined
          : pass.full || pass.fresh.has(entry)
            ? chooseAgent(pool, entry, now)
            : chooseAmong(pass.joined, pool, entry, now);
      if (!agent) {
        i++;
        continue;
      }
      // Assigning removes the entry from `live`, at index i: the next entry moves up to i.
      assign(entry, agent);
      if (list !== live) i++;
      if (done()) return;
    }
  }

  /**
   * Puts the agent in or out of each media pool it is licensed for. Answers true when it joined a
   * pool it was not in, i.e. when something waiting might now be routable.
   */
  place(agent: AgentRec): boolean {
    let joined = false;
    const member = agent.ready && agent.active.has(this.config.id);
    for (const media of agent.media) {
      const want =
        member &&
        hasRoom(
          agent.load,
          media,
          capacityFor(agent.config.utilization, this.config.utilization, media),
          agent.carriedMax(media),
        );
      let pool = this.pools.get(media);
      if (!pool) this.pools.set(media, (pool = new Set()));
      if (want === pool.has(agent)) continue;
      if (want) {
        pool.add(agent);
        joined = true;
      } else pool.delete(agent);
    }
    return joined;
  }

  /** Takes the agent out of every pool (deactivated, licence withdrawn, removed). */
  evict(agent: AgentRec): void {
    for (const pool of this.pools.values()) pool.delete(agent);
  }
}
