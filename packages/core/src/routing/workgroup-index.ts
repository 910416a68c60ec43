import type { MediaType } from '../directory/primitives.js';
import type { AgentRec } from './agent-rec.js';
import { capacityFor, hasRoom } from './capacity.js';
import type { RoutingWorkgroup } from './routing-types.js';
import { WaitingQueue, type WaitingEntry } from './waiting-queue.js';

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

  /**
   * Takes what changed since the last pass (and forgets it): the routing pass then tries
   * `fresh` entries against their whole pool, every other waiting entry against the `joined`
   * agents only, or everything against everything when `full`.
   */
  takePass(): RoutingPass {
    const pass: RoutingPass = { fresh: this.fresh, joined: [...this.joined], full: this.full };
    if (this.fresh.size > 0) this.fresh = new Set();
    this.joined.clear();
    this.full = false;
    return pass;
  }

  /**
   * Puts the agent in or out of each media pool it is licensed for. Answers true when it joined a
   * pool it was not in, i.e. when something waiting might now be routable.
   */
  place(agent: AgentRec): boolean {
    let joined = false;
    const member = agent.ready && agent.active.has(this.config.id);
    for (const media of agent.media) {
      const capacity = capacityFor(agent.config.utilization, this.config.utilization, media);
      const want = member && hasRoom(agent.load, media, capacity, agent.carriedMax(media));
      let pool = this.pools.get(media);
      if (want && !pool?.has(agent)) {
        if (!pool) this.pools.set(media, (pool = new Set()));
        pool.add(agent);
        joined = true;
      } else if (!want && pool?.has(agent)) pool.delete(agent);
    }
    return joined;
  }

  /** Takes the agent out of every pool (deactivated, licence withdrawn, removed). */
  evict(agent: AgentRec): void {
    for (const pool of this.pools.values()) pool.delete(agent);
  }
}
