import type { User, Workgroup } from '../directory/entities.js';
import type { Interaction } from '../interactions/interaction.js';
import { effectiveLicences } from '../licences/licence.js';
import type { Load } from './capacity.js';
import { RoutingState } from './routing-state.js';
import type {
  RoutingAgent,
  RoutingDecision,
  RoutingItem,
  RoutingOptions,
  RoutingSnapshot,
  RoutingWorkgroup,
  WaitingItem,
} from './routing-types.js';

/**
 * The routing view of an interaction: waiting in a workgroup queue, alerting an agent through the
 * ACD, or owned by a user (counting against the user's capacity); undefined when routing is not
 * concerned (offering, parked, snoozed, disconnected).
 */
export function routingItemOf(ix: Interaction): RoutingItem | undefined {
  // Written out without spreads: this runs on every interaction change, and a spread of a shared
  // base took V8's slow path (microseconds a change under ACD load).
  const state = ix.state;
  if (state === 'acd-wait-agent' || state === 'acd-alerting') {
    if (ix.workgroupId === undefined) return undefined;
    const waiting: WaitingItem = {
      interactionId: ix.id,
      type: ix.type,
      state: 'waiting',
      workgroupId: ix.workgroupId,
      priority: ix.priority,
      enteredQueueAt: ix.enteredQueueAt ?? ix.createdAt,
      skills: ix.skills,
      relaxation: ix.relaxation,
    };
    if (state === 'acd-wait-agent') return waiting;
    if (ix.userId === undefined) return undefined;
    return {
      interactionId: ix.id,
      type: ix.type,
      state: 'alerting',
      workgroupId: ix.workgroupId,
      userId: ix.userId,
      alertedAt: ix.stateChangedAt,
      waiting,
    };
  }
  const owned = state === 'acd-assigned' || state === 'connected' || state === 'held' || state === 'alerting';
  if (!owned || ix.userId === undefined) return undefined;
  return { interactionId: ix.id, type: ix.type, state: 'owned', userId: ix.userId, workgroupId: ix.workgroupId };
}

/** Tells the router about an interaction after any change to it. */
export function syncInteraction(state: RoutingState, ix: Interaction, now: number): void {
  const item = routingItemOf(ix);
  if (item) state.track(item, now);
  else state.forget(ix.id, now);
}

/** Presence and activation the server keeps per agent. */
export interface AgentPresence {
  loggedOn: boolean;
  statusId: string;
  availableForAcd: boolean;
  activeWorkgroups: readonly string[];
  idleSince: number;
}

/** The routing view of a user: licences expanded, only workgroups the user is a member of and activated in. */
export function routingAgentOf(user: User, presence: AgentPresence): RoutingAgent {
  return {
    userId: user.id,
    loggedOn: presence.loggedOn && user.enabled,
    statusId: presence.statusId,
    availableForAcd: presence.availableForAcd,
    activeWorkgroups: presence.activeWorkgroups.filter((id) => user.workgroups.includes(id)),
    licences: effectiveLicences(user.licences),
    skills: user.skills,
    utilization: user.utilization,
    idleSince: presence.idleSince,
  };
}

export function routingWorkgroupOf(wg: Workgroup): RoutingWorkgroup {
  return { id: wg.id, utilization: wg.utilization, alertTimeoutSeconds: wg.alertTimeoutSeconds };
}

/** Builds the router's state from a snapshot the server loaded. */
export function routingStateFrom(snapshot: RoutingSnapshot, now: number, options: RoutingOptions = {}): RoutingState {
  const state = new RoutingState(options);
  for (const wg of snapshot.workgroups) state.upsertWorkgroup(wg);
  for (const agent of snapshot.agents) state.upsertAgent(agent, now);
  for (const item of snapshot.items) state.track(item, now);
  return state;
}

/** A decision over a snapshot, with the loads of the agents after it. */
export interface SnapshotDecision extends RoutingDecision {
  loads: Record<string, Load>;
}

/**
 * The routing policy as one pure function: the assignments and alert timeouts for a snapshot at
 * `now`, and every agent's load once they are applied. For steady traffic keep a `RoutingState`
 * instead and feed it changes: this rebuilds the indexes on every call.
 */
export function routeSnapshot(snapshot: RoutingSnapshot, now: number, options: RoutingOptions = {}): SnapshotDecision {
  const state = routingStateFrom(snapshot, now, options);
  const decision = state.decide(now);
  const loads: Record<string, Load> = {};
  for (const agent of snapshot.agents) {
    const load = state.loadOf(agent.userId);
    if (load) loads[agent.userId] = { counts: { ...load.counts }, utilization: load.utilization };
  }
  return { ...decision, loads };
}
