import { MEDIA_TYPES, type MediaType } from '../directory/primitives.js';
import { acdLicenceFor } from '../licences/licence.js';
import { emptyLoad, type Capacity, type Load } from './capacity.js';
import type { RoutingAgent } from './routing-types.js';
import type { SkillIndex } from './skills.js';

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
  /** Proficiency and desire to use by skill number (`SkillIndex`). */
  proficiency: number[] = [];
  desire: number[] = [];
  media: MediaType[];
  active: Set<string>;
  idleSince: number;
  readonly load: Load = emptyLoad();
  /** What each interaction on the agent adds to its load, and the maximum of its type it allows. */
  readonly carried = new Map<string, { media: MediaType; utilization: number; maxAssignable: number }>();
  private readonly maxCarried = new Map<MediaType, number>();

  constructor(
    config: RoutingAgent,
    private readonly skillIndex: SkillIndex,
  ) {
    this.config = config;
    this.media = licensedMedia(config);
    this.active = new Set(config.activeWorkgroups);
    this.idleSince = config.idleSince;
    this.reconfigure(config);
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
    ({ proficiency: this.proficiency, desire: this.desire } = this.skillIndex.agent(config.skills));
    this.media = licensedMedia(config);
    this.active = new Set(config.activeWorkgroups);
  }

  carry(interactionId: string, media: MediaType, capacity: Capacity): void {
    this.drop(interactionId);
    this.carried.set(interactionId, { media, ...capacity });
    this.load.counts[media] += 1;
    this.load.utilization += capacity.utilization;
    this.recomputeMax(media);
  }

  /** The smallest maximum among the interactions of a type the agent carries (Infinity: none). */
  carriedMax(media: MediaType): number {
    return this.maxCarried.get(media) ?? Infinity;
  }

  private recomputeMax(media: MediaType): void {
    let max = Infinity;
    for (const c of this.carried.values()) if (c.media === media && c.maxAssignable < max) max = c.maxAssignable;
    if (max === Infinity) this.maxCarried.delete(media);
    else this.maxCarried.set(media, max);
  }

  drop(interactionId: string): boolean {
    const c = this.carried.get(interactionId);
    if (!c) return false;
    this.carried.delete(interactionId);
    this.load.counts[c.media] -= 1;
    this.load.utilization -= c.utilization;
    this.recomputeMax(c.media);
    return true;
  }
}

/** A record for an agent the router has not been told about yet: not logged on, carrying load only. */
export function placeholderAgent(userId: string, skillIndex: SkillIndex): AgentRec {
  return new AgentRec(
    {
      userId,
      loggedOn: false,
      statusId: '',
      availableForAcd: false,
      activeWorkgroups: [],
      licences: [],
      skills: [],
      utilization: {},
      idleSince: 0,
    },
    skillIndex,
  );
}
