import { MEDIA_TYPES, type MediaType } from '../directory/primitives.js';
import { acdLicenceFor } from '../licences/licence.js';
import { emptyLoad, MEDIA_NUMBER, type Capacity, type Load } from './capacity.js';
import type { RoutingAgent } from './routing-types.js';
import { packSkills, type SkillIndex } from './skills.js';
import type { WorkgroupIndex } from './workgroup-index.js';

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
  readonly userId: string;
  /** Proficiency and score points by skill number (`SkillIndex`, `packSkills`). */
  skills: number[] = [];
  media: MediaType[];
  active: Set<string>;
  idleSince: number;
  readonly load: Load = emptyLoad();
  /** What each interaction on the agent adds to its load, and the maximum of its type it allows. */
  readonly carried = new Map<string, { media: MediaType; utilization: number; maxAssignable: number }>();
  /** By media number (`MEDIA_NUMBER`): the smallest maximum among the carried interactions of that type. */
  private readonly maxCarried: number[] = [Infinity, Infinity, Infinity, Infinity, Infinity, Infinity, Infinity];
  /**
   * The workgroup indexes whose pools the agent is in, and in which (a mask of `1 << media number`):
   * the router reads membership here instead of hashing into the pools. Kept by `WorkgroupIndex`.
   */
  private readonly poolIndexes: WorkgroupIndex[] = [];
  private readonly poolMasks: number[] = [];
  /** The indexes of the `active` workgroups, filled in by the router; reset when the activations change. */
  activeIndexes: WorkgroupIndex[] | undefined;

  constructor(
    config: RoutingAgent,
    private readonly skillIndex: SkillIndex,
  ) {
    this.config = config;
    this.userId = config.userId;
    this.media = licensedMedia(config);
    this.active = new Set(config.activeWorkgroups);
    this.idleSince = config.idleSince;
    this.reconfigure(config);
  }

  /** The pools of the workgroup the agent is in, as a mask of `1 << media number` (0: none). */
  poolMask(wg: WorkgroupIndex): number {
    const i = this.poolIndexes.indexOf(wg);
    return i < 0 ? 0 : (this.poolMasks[i] as number);
  }

  setPoolMask(wg: WorkgroupIndex, mask: number): void {
    const i = this.poolIndexes.indexOf(wg);
    if (i >= 0 && mask !== 0) this.poolMasks[i] = mask;
    else if (i >= 0) {
      this.poolIndexes.splice(i, 1);
      this.poolMasks.splice(i, 1);
    } else if (mask !== 0) {
      this.poolIndexes.push(wg);
      this.poolMasks.push(mask);
    }
  }

  /** Logged on and in a status available for ACD. */
  get ready(): boolean {
    return this.config.loggedOn && this.config.availableForAcd;
  }

  reconfigure(config: RoutingAgent): void {
    this.config = config;
    const { proficiency, desire } = this.skillIndex.agent(config.skills);
    this.skills = packSkills(proficiency, desire);
    this.media = licensedMedia(config);
    this.active = new Set(config.activeWorkgroups);
    this.activeIndexes = undefined;
  }

  carry(interactionId: string, media: MediaType, capacity: Capacity): void {
    this.drop(interactionId);
    this.carried.set(interactionId, {
      media,
      utilization: capacity.utilization,
      maxAssignable: capacity.maxAssignable,
    });
    this.load.counts[media] += 1;
    this.load.utilization += capacity.utilization;
    const m = MEDIA_NUMBER[media];
    this.maxCarried[m] = Math.min(this.maxCarried[m] as number, capacity.maxAssignable);
  }

  /** The smallest maximum among the interactions of a type the agent carries (Infinity: none). */
  carriedMax(media: MediaType): number {
    return this.maxCarried[MEDIA_NUMBER[media]] as number;
  }

  private recomputeMax(media: MediaType): void {
    let max = Infinity;
    for (const c of this.carried.values()) if (c.media === media && c.maxAssignable < max) max = c.maxAssignable;
    this.maxCarried[MEDIA_NUMBER[media]] = max;
  }

  drop(interactionId: string): boolean {
    const c = this.carried.get(interactionId);
    if (!c) return false;
    this.carried.delete(interactionId);
    this.load.counts[c.media] -= 1;
    this.load.utilization -= c.utilization;
    // Only the strictest one leaving can loosen the maximum.
    if (c.maxAssignable <= this.carriedMax(c.media)) this.recomputeMax(c.media);
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
