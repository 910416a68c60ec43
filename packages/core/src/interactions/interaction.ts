import { MEDIA_TYPES, type MediaType } from '../directory/primitives.js';
import type { QueueType } from '../rights/right.js';

/** Interaction types are the media types: one router, one state machine for all of them. */
export const INTERACTION_TYPES = MEDIA_TYPES;
export type InteractionType = MediaType;

/**
 * Machine states. The manual's display strings (`displayState`) are derived from these plus the
 * agent's name and the disconnect reason.
 * - `offering`: created, not yet in a queue (system processing);
 * - `acd-wait-agent`: in a workgroup queue, waiting for an agent;
 * - `acd-alerting`: offered by the ACD to one agent, who has not answered yet;
 * - `acd-assigned`: picked up by a member of its workgroup (stays visible in the workgroup queue);
 * - `alerting`: offered to a user directly (transfer to a user, non-ACD);
 * - `connected`: connected to a user outside ACD (transferred, or picked up by a non-member);
 * - `held`, `parked`: waiting on a user's queue; `snoozed`: a callback put back for later;
 * - `disconnected`: ended; the reason is in `disconnectReason`.
 */
export const INTERACTION_STATES = [
  'offering',
  'acd-wait-agent',
  'acd-alerting',
  'acd-assigned',
  'alerting',
  'connected',
  'held',
  'parked',
  'snoozed',
  'disconnected',
] as const;
export type InteractionState = (typeof INTERACTION_STATES)[number];

/** `local`: by a Tandem user or the server; `remote`: by the customer; the others by a timer. */
export type DisconnectReason = 'local' | 'remote' | 'queue-timeout' | 'hold-timeout';

/** The queue an interaction is located on. */
export interface QueueRef {
  type: QueueType;
  id: string;
}

/** The interaction needs an agent with at least `minProficiency` (1-100) in the skill. */
export interface SkillRequirement {
  skillId: string;
  minProficiency: number;
}

/**
 * After `afterSeconds` in the workgroup queue, every required minimum proficiency is lowered by
 * `lowerBy` (steps add up). A minimum at or below 0 no longer requires the skill at all.
 */
export interface RelaxationStep {
  afterSeconds: number;
  lowerBy: number;
}

/** One line of the interaction log ("Entered Workgroup Sales", "ACD - Alerting: Ann Smith", ...). */
export interface LogEntry {
  at: number;
  text: string;
}

export interface Note {
  at: number;
  userId: string;
  text: string;
}

/** Someone taking part: the customer (external), a Tandem user, or the system. */
export interface Participant {
  id: string;
  kind: 'customer' | 'user' | 'system';
  displayName: string;
  joinedAt: number;
  leftAt?: number | undefined;
}

/** A wrap-up code asked of one agent after that agent's part ended, per agent segment. */
export interface WrapUpRequest {
  userId: string;
  workgroupId: string;
  requestedAt: number;
  /** Epoch ms after which the prompt closes by itself. */
  deadline: number;
  state: 'pending' | 'done' | 'expired';
  code?: string | undefined;
}

export interface AssistanceRequest {
  userId: string;
  text: string;
  requestedAt: number;
  state: 'active' | 'done';
}

/**
 * An interaction: one conversation with a customer (or a work item), its routing state and its
 * history. Plain data, changed only through `applyCommand`; `version` grows with each change.
 */
export interface Interaction {
  /** Ten digits, sequential (`InteractionIdSequence`). */
  id: string;
  type: InteractionType;
  direction: 'inbound' | 'outbound' | 'intercom';
  state: InteractionState;
  disconnectReason?: DisconnectReason | undefined;
  createdAt: number;
  /** When the state last changed. */
  stateChangedAt: number;
  /** The queue it is located on now. */
  queue: QueueRef;
  /** The ACD workgroup it was routed through; it stays visible there while ACD-assigned. */
  workgroupId?: string | undefined;
  /** When it entered the workgroup queue (Time in Workgroup Queue; routing order). */
  enteredQueueAt?: number | undefined;
  /** The user it is alerting, assigned or connected to, or held / parked on. */
  userId?: string | undefined;
  /** The last agent the ACD alerted who did not answer. */
  lastAttemptedUserId?: string | undefined;
  /** Higher is more urgent; 0 to 100, 50 by default. */
  priority: number;
  skills: SkillRequirement[];
  relaxation: RelaxationStep[];
  /** String key/values; attributes a website sends are prefixed `WebTools_`. */
  attributes: Record<string, string>;
  notes: Note[];
  participants: Participant[];
  parentId?: string | undefined;
  childIds: string[];
  log: LogEntry[];
  /** The code the current owner chose during the interaction; each agent segment also has its request. */
  wrapUpCode?: string | undefined;
  wrapUps: WrapUpRequest[];
  accountCode?: string | undefined;
  private: boolean;
  heldAt?: number | undefined;
  /** The state a held interaction returns to on unhold. */
  heldFrom?: 'connected' | 'acd-assigned' | undefined;
  assistance?: AssistanceRequest | undefined;
  version: number;
}

/** States in which the interaction still counts against its user's capacity. */
export const OWNED_STATES: ReadonlySet<InteractionState> = new Set([
  'acd-alerting',
  'acd-assigned',
  'alerting',
  'connected',
  'held',
]);

export function isLive(interaction: Pick<Interaction, 'state'>): boolean {
  return interaction.state !== 'disconnected';
}
