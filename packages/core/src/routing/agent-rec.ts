import { MEDIA_TYPES, type MediaType } from '../directory/primitives.js';
import { acdLicenceFor } from '../licences/licence.js';
import { capacityFor, emptyLoad, hasRoom, type Capacity, type Load } from './capacity.js';
import type { AgentSkill, RoutingAgent, RoutingWorkgroup } from './routing-types.js';
import { WaitingQueue } from './waiting-queue.js';

/** The media types an agent's licences let it receive. */
export function licensedMedia(agent: RoutingAgent): MediaType[] {
  return MEDIA_TYPES.filter((m) => {
    const licence = acdLicenceFor(m);
    return licence !== undefined && agent.licences.includes(licence);
  });
}

/** The router's record of an agent: its configuration, presence and current load. */
export class AgentRec {
  config: RoutingAgent;
  skills: Map<string, AgentSkill>;
  media: MediaType[];
  active: Set<string>;
  idleSince: number;
  readonly load: Load = emptyLoad();
  /** What each interaction on the agent adds to its load, and the maximum of its type it allows. */
  readonly carried = new Map<string, { media: MediaType; utilization: number; maxAssignable: number }>();

  constructor(config: RoutingAgent) {
    this.config = config;
    this.skills = new Map(config.skills.map((s) => [s.skillId, s]));
    this.media = licensedMedia(config);
    this.active = new Set(config.activeWorkgroups);
    this.idleSince = config.idleSince;
  }

  /** Logged on and in a status available for ACD. */
  get ready(): boolean {
    return this.config.loggedOn && this.config.availableForAcd;
  }

  get userId(): string {
    return this.config.userId;
  }

  reconfigure(config: RoutingAgent): void {
    this.config = config;
    this.skills = new Map(config.skills.map((s) => [s.skillId, s]));
    this.media = licensedMedia(config);
    this.active = new Set(config.activeWorkgroups);
  }

  carry(interactionId: string, media: MediaType, capacity: Capacity): void {
    this.drop(interactionId);
    this.carried.set(interactionId, { media, ...capacity });
    this.load.counts[media] += 1;
    this.load.utilization += capacity.utilization;
  }

  /** The smallest maximum among the interactions of a type the agent carries (Infinity: none). */
  carriedMax(media: MediaType): number {
    if (this.load.counts[media] === 0) return Infinity;
    let max = Infinity;
    for (const c of this.carried.values()) if (c.media === media && c.maxAssignable < max) max = c.maxAssignable;
    return max;
  }

  drop(interactionId: string): boolean {
    const c = this.carried.get(interactionId);
    if (!c) return false;
    this.carried.delete(interactionId);
    this.load.counts[c.media] -= 1;
    this.load.utilization -= c.utilization;
    return true;
  }
}

/**
 * One workgroup's index: its configuration, its waiting queue, and per media type the set of
 * activated agents who could take one more interaction of that type now (ready, licensed, with
 * room). Skills are checked per interaction when choosing among them.
 */
export class WorkgroupIndex {
  config: RoutingWorkgroup;
  readonly waiting = new WaitingQueue();
  readonly pools = new Map<MediaType, Set<AgentRec>>();

  constructor(config: RoutingWorkgroup) {
    this.config = config;
  }

  pool(media: MediaType): Set<AgentRec> {
    let pool = this.pools.get(media);
    if (!pool) this.pools.set(media, (pool = new Set()));
    return pool;
  }

  hasAvailable(): boolean {
    for (const pool of this.pools.values()) if (pool.size > 0) return true;
    return false;
  }

  /**
   * Puts the agent in or out of each media pool. Answers true when it joined a pool it was not in,
   * i.e. when something waiting might now be routable.
   */
  place(agent: AgentRec): boolean {
    let joined = false;
    const member = agent.ready && agent.active.has(this.config.id);
    for (const media of MEDIA_TYPES) {
      const want =
        member &&
        agent.media.includes(media) &&
        hasRoom(
          agent.load,
          media,
          capacityFor(agent.config.utilization, this.config.utilization, media),
          agent.carriedMax(media),
        );
      const pool = this.pools.get(media);
      if (want && !pool?.has(agent)) {
        this.pool(media).add(agent);
        joined = true;
      } else if (!want && pool?.has(agent)) pool.delete(agent);
    }
    return joined;
  }

  /** Takes the agent out of every pool (deactivated, removed). */
  evict(agent: AgentRec): void {
    for (const pool of this.pools.values()) pool.delete(agent);
  }
}
