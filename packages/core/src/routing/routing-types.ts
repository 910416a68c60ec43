import type { Utilization } from '../directory/schemas.js';
import type { InteractionType, RelaxationStep, SkillRequirement } from '../interactions/interaction.js';
import type { LicenceType } from '../licences/licence.js';

/** An agent's skill as the router sees it (proficiency and desire to use, 1-100). */
export interface AgentSkill {
  skillId: string;
  proficiency: number;
  desireToUse: number;
}

/** An agent as the router sees it: configuration plus presence. */
export interface RoutingAgent {
  userId: string;
  loggedOn: boolean;
  statusId: string;
  /** The status message's "available for ACD" flag. */
  availableForAcd: boolean;
  /** Workgroups the agent is a member of and activated in. */
  activeWorkgroups: readonly string[];
  /** Effective licences (`effectiveLicences`); the ACD licence of a media type lets it receive that type. */
  licences: readonly LicenceType[];
  skills: readonly AgentSkill[];
  /** The user's own utilization settings; they override the workgroup's, which override the defaults. */
  utilization: Utilization;
  /** When the agent last became idle (see `RoutingState`); the longest idle wins a tie. */
  idleSince: number;
}

export interface RoutingWorkgroup {
  id: string;
  utilization: Utilization;
  /** An alert not answered within this time makes the agent "ACD - Agent Not Answering". */
  alertTimeoutSeconds: number;
}

/** An interaction waiting in a workgroup queue for an agent. */
export interface WaitingItem {
  state: 'waiting';
  interactionId: string;
  type: InteractionType;
  workgroupId: string;
  /** Higher first; 0-100. */
  priority: number;
  enteredQueueAt: number;
  skills: readonly SkillRequirement[];
  relaxation: readonly RelaxationStep[];
}

/** An interaction alerting an agent through the ACD; it counts against the agent's capacity. */
export interface AlertingItem {
  state: 'alerting';
  interactionId: string;
  type: InteractionType;
  workgroupId: string;
  userId: string;
  alertedAt: number;
  /** The waiting item it came from, so that a timed-out alert waits again with the same place. */
  waiting: WaitingItem;
}

/** An interaction a user works (connected, held, alerting outside ACD): it counts against capacity. */
export interface OwnedItem {
  state: 'owned';
  interactionId: string;
  type: InteractionType;
  userId: string;
  /** The workgroup whose utilization settings apply, when it came through one. */
  workgroupId?: string | undefined;
}

export type RoutingItem = WaitingItem | AlertingItem | OwnedItem;

/** Everything the router needs, loaded by the server. Loads are derived from the items. */
export interface RoutingSnapshot {
  agents: readonly RoutingAgent[];
  workgroups: readonly RoutingWorkgroup[];
  items: readonly RoutingItem[];
}

/** The router offers an interaction to an agent: the server alerts the agent ("ACD - Alerting"). */
export interface Assignment {
  interactionId: string;
  userId: string;
  workgroupId: string;
  type: InteractionType;
  /** When the alert times out unless answered. */
  alertDeadline: number;
}

/**
 * An alert not answered in time: the interaction waits again ("Last Attempted"), and the agent's
 * status becomes `statusId` (`acd-agent-not-answering`).
 */
export interface AlertTimeout {
  interactionId: string;
  userId: string;
  workgroupId: string;
  statusId: string;
}

export interface RoutingDecision {
  /** Alerts that timed out at `now`, handled before the assignments. */
  alertTimeouts: AlertTimeout[];
  /** New alerts, in the order they were decided. */
  assignments: Assignment[];
  /** When `decide` should run again if nothing else happens (alert deadline, relaxation step, re-offer), if ever. */
  nextWakeAt: number | undefined;
}

/** Tunables of the router. */
export interface RoutingOptions {
  /**
   * How long an agent who let an alert time out is not offered the same interaction again; by
   * default the workgroup's alert timeout.
   */
  reofferDelayMs?: number;
}
