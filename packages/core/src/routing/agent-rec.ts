import { MEDIA_TYPES, type MediaType } from '../directory/primitives.js';
import { acdLicenceFor } from '../licences/licence.js';
import { capacityFor, emptyLoad, FULL_UTILIZATION, MEDIA_NUMBER, type Capacity, type Load } from './capacity.js';
import type { AgentTable } from './agent-table.js';
import type { RoutingAgent } from './routing-types.js';
import type { TrackedInteraction } from './tracked-interaction.js';
import { packSkills, type SkillIndex } from './skills.js';
import type { WorkgroupIndex } from './workgroup-index.js';

/** The media types an agent's licences let it receive. */
export function licensedMedia(agent: RoutingAgent): MediaType[] {
  return MEDIA_TYPES.filter((m) => {
    const licence = acdLicenceFor(m);
    return licence !== undefined && agent.licences.includes(licence);
  });
}

const MEDIA_SLOTS = MEDIA_TYPES.length;

/**
 * The router's record of an agent: its configuration, presence and current load. Media types are
 * numbers here (`MEDIA_NUMBER`): the hot paths index arrays instead of looking names up.
 */
export class AgentRec {
  config: RoutingAgent;
  readonly userId: string;
  /** The agent's row in the `AgentTable` (skills and idle time). */
  readonly no: number;
  /** The media numbers the agent is licensed for. */
  media: number[] = [];
  /** The same as a mask of `1 << media number`. */
  licensedMask = 0;
  /** By media number: the agent's capacity in a workgroup that sets no utilization (its own, else the default). */
  private ownCapacities: Capacity[] = [];
  active: Set<string>;
  /** Whether the user sets utilization of its own; if not, the workgroup's capacities apply as they are. */
  ownUtilization = false;
  /** Interactions carried, by media number, and the sum of their utilization. */
  private readonly counts: number[] = MEDIA_TYPES.map(() => 0);
  private utilization = 0;
  /**
   * The interactions on the agent, by the router's record of each, which knows its place here
   * (`carriedAt`) and what it adds to the load (`carriedMedia`, `capacity`): one list, no
   * parallel ones to keep in step.
   */
  private readonly carried: TrackedInteraction[] = [];
  /** By media number: the smallest maximum among the carried interactions of that type. */
  private readonly maxCarried: number[] = MEDIA_TYPES.map(() => Infinity);
  /**
   * The workgroup indexes whose pools the agent is or was in, which of them it is in now (a mask of
   * `1 << media number`) and where in each (by `MEDIA_SLOTS × membership + media number`): the
   * router reads membership here instead of hashing into the pools. Kept by `WorkgroupIndex`.
   */
  private readonly poolIndexes: WorkgroupIndex[] = [];
  private readonly poolMasks: number[] = [];
  private readonly poolSlots: number[] = [];
  /** The indexes of the `active` workgroups, filled in by the router; reset when the activations change. */
  activeIndexes: WorkgroupIndex[] | undefined;

  constructor(
    config: RoutingAgent,
    private readonly skillIndex: SkillIndex,
    private readonly table: AgentTable,
  ) {
    this.config = config;
    this.userId = config.userId;
    this.no = table.add();
    this.active = new Set(config.activeWorkgroups);
    this.idleSince = config.idleSince;
    this.reconfigure(config);
  }

  /** When the agent last became idle; the longest idle wins a tie. */
  get idleSince(): number {
    return this.table.idle[this.no] as number;
  }

  set idleSince(at: number) {
    this.table.idle[this.no] = at;
  }

  /** The agent is gone from the router: its table row is free. */
  retire(): void {
    this.table.release(this.no);
  }

  /** The agent's current load (a copy). */
  get load(): Load {
    const load = emptyLoad();
    MEDIA_TYPES.forEach((media, m) => (load.counts[media] = this.counts[m] as number));
    load.utilization = this.utilization;
    return load;
  }

  /** The pools of the workgroup the agent is in, as a mask of `1 << media number` (0: none). */
  poolMask(wg: WorkgroupIndex): number {
    const indexes = this.poolIndexes;
    for (let i = 0; i < indexes.length; i++) if (indexes[i] === wg) return this.poolMasks[i] as number;
    return 0;
  }

  setPoolMask(wg: WorkgroupIndex, mask: number): void {
    this.poolMasks[this.membership(wg)] = mask;
  }

  /** The agent's place in the workgroup's pool of the media (valid while it is in that pool). */
  poolSlot(wg: WorkgroupIndex, media: number): number {
    return this.poolSlots[MEDIA_SLOTS * this.membership(wg) + media] as number;
  }

  setPoolSlot(wg: WorkgroupIndex, media: number, slot: number): void {
    this.poolSlots[MEDIA_SLOTS * this.membership(wg) + media] = slot;
  }

  /** The number of the agent's record of the workgroup's pools, made on first use. */
  private membership(wg: WorkgroupIndex): number {
    const indexes = this.poolIndexes;
    for (let i = 0; i < indexes.length; i++) if (indexes[i] === wg) return i;
    indexes.push(wg);
    this.poolMasks.push(0);
    for (let m = 0; m < MEDIA_SLOTS; m++) this.poolSlots.push(-1);
    return indexes.length - 1;
  }

  /** Logged on and in a status available for ACD (kept from `config`, read on every room change). */
  ready = false;

  reconfigure(config: RoutingAgent): void {
    this.config = config;
    this.ready = config.loggedOn && config.availableForAcd;
    // Pools copy this row when the agent joins (`AgentPool`): the router changes an agent's skills
    // only after taking it out of its pools (a timed-out alert writes the same skills again).
    const { proficiency, desire } = this.skillIndex.agent(config.skills);
    this.table.setSkills(this.no, packSkills(proficiency, desire));
    this.media = licensedMedia(config).map((media) => MEDIA_NUMBER[media]);
    this.licensedMask = this.media.reduce((mask, media) => mask | (1 << media), 0);
    this.ownCapacities = MEDIA_TYPES.map((media) => capacityFor(config.utilization, undefined, media));
    this.ownUtilization = Object.keys(config.utilization).length > 0;
    this.active = new Set(config.activeWorkgroups);
    this.activeIndexes = undefined;
  }

  /**
   * Whether one more interaction of the media fits (`hasRoom`): below its maximum and that of the
   * carried ones of the type, and within 100 % in total.
   */
  hasRoom(media: number, capacity: Capacity): boolean {
    return (
      (this.counts[media] as number) < Math.min(capacity.maxAssignable, this.maxCarried[media] as number) &&
      this.utilization + capacity.utilization <= FULL_UTILIZATION
    );
  }

  /**
   * The media it has room for (mask of `1 << media number`) in a workgroup that sets no
   * utilization: the same in all of them, so the router keeps it once (`AgentTable.room`).
   */
  defaultRoom(): number {
    if (!this.ready) return 0;
    let mask = 0;
    const media = this.media;
    for (let i = 0; i < media.length; i++) {
      const m = media[i] as number;
      if (this.hasRoom(m, this.ownCapacities[m] as Capacity)) mask |= 1 << m;
    }
    return mask;
  }

  /** How many interactions the agent carries. */
  get carriedCount(): number {
    return this.carried.length;
  }

  /** Carries the interaction `key` (the router's record of it) as `media` with `capacity`, which the record keeps. */
  carry(key: TrackedInteraction, media: number, capacity: Capacity): void {
    this.drop(key);
    const { utilization, maxAssignable } = capacity;
    key.carriedMedia = media;
    key.capacity = capacity;
    key.carriedAt = this.carried.length;
    this.carried.push(key);
    this.counts[media] = (this.counts[media] as number) + 1;
    this.utilization += utilization;
    this.maxCarried[media] = Math.min(this.maxCarried[media] as number, maxAssignable);
  }

  drop(key: TrackedInteraction): boolean {
    const at = key.carriedAt;
    if (at < 0 || this.carried[at] !== key) return false;
    // What it added is on the record, unchanged while it is carried.
    const media = key.carriedMedia;
    const { utilization, maxAssignable } = key.capacity as Capacity;
    this.utilization -= utilization;
    this.removeCarried(at);
    key.carriedAt = -1;
    this.counts[media] = (this.counts[media] as number) - 1;
    // Only the strictest one leaving can loosen the maximum; with none of the type left there is none.
    if (this.counts[media] === 0) this.maxCarried[media] = Infinity;
    else if (maxAssignable <= (this.maxCarried[media] as number)) this.recomputeMax(media);
    return true;
  }

  /** The last carried interaction takes the place `at`. */
  private removeCarried(at: number): void {
    const carried = this.carried;
    const moved = carried[carried.length - 1] as TrackedInteraction;
    carried[at] = moved;
    moved.carriedAt = at;
    carried.pop();
  }

  private recomputeMax(media: number): void {
    let max = Infinity;
    const carried = this.carried;
    for (let i = 0; i < carried.length; i++) {
      const key = carried[i] as TrackedInteraction;
      if (key.carriedMedia !== media) continue;
      const allowed = (key.capacity as Capacity).maxAssignable;
      if (allowed < max) max = allowed;
    }
    this.maxCarried[media] = max;
  }
}

/** A record for an agent the router has not been told about yet: not logged on, carrying load only. */
export function placeholderAgent(userId: string, skillIndex: SkillIndex, table: AgentTable): AgentRec {
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
    table,
  );
}
