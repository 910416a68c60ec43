import type { Interaction, Participant, QueueRef, RelaxationStep, SkillRequirement } from './interaction.js';

/** Where a hold that outlasted the hold limit goes: the manual's default disconnects it. */
export type HoldLimitAction = { kind: 'disconnect' } | { kind: 'transfer'; target: QueueRef };

/**
 * Everything that can happen to an interaction. Commands marked (system) come from the router,
 * timers or channels and are refused to users; the others are user actions, checked against
 * `allowedActions`.
 */
export type InteractionCommand =
  /** (system) Into a workgroup queue: "Entered Workgroup", "ACD - Wait Agent". */
  | {
      type: 'enqueue';
      workgroupId: string;
      priority?: number;
      skills?: SkillRequirement[];
      relaxation?: RelaxationStep[];
    }
  /** (system) The router offers the interaction to an agent. */
  | { type: 'alert-agent'; userId: string }
  /** (system) The alerted agent did not answer within the workgroup's alert timeout. */
  | { type: 'alert-timeout' }
  /** (system) Nobody took it in time; the manual's "Queue Timeout". */
  | { type: 'queue-timeout' }
  /** (system) Held past the hold limit: `limitMs` when given (the `MaxHoldTimeMinutes` parameter), else the context's. */
  | { type: 'hold-timeout'; action: HoldLimitAction; limitMs?: number }
  /** (system) A wrap-up prompt reached its time limit. */
  | { type: 'wrap-up-timeout'; userId: string }
  /** (system) A callback put back for later (Retry Later). */
  | { type: 'snooze' }
  /** (system) Attributes from a channel (`WebTools_*` from a website) or an integration. */
  | { type: 'set-attributes'; attributes: Record<string, string> }
  /** (system) A child interaction was created from this one (callback → call, email → reply). */
  | { type: 'link-child'; childId: string }
  | { type: 'pickup' }
  | { type: 'hold' }
  | { type: 'unhold' }
  /** Blind transfer to a user or a workgroup. */
  | { type: 'transfer'; target: QueueRef }
  /** Park on another queue, without connecting it. */
  | { type: 'park'; target: QueueRef }
  /** `remote` (the customer hung up, left the chat) is a system command. */
  | { type: 'disconnect'; by: 'local' | 'remote' }
  | { type: 'set-wrap-up-code'; code: string }
  | { type: 'set-account-code'; code: string }
  | { type: 'add-note'; text: string }
  | { type: 'set-private'; on: boolean }
  /** Conference of chats: another party joins or leaves the chat. */
  | { type: 'add-participant'; participant: Omit<Participant, 'joinedAt' | 'leftAt'> }
  | { type: 'remove-participant'; participantId: string }
  | { type: 'request-assistance'; text: string }
  | { type: 'end-assistance' };

export type InteractionCommandType = InteractionCommand['type'];

/** Events are past tense and dotted; the server publishes them on the `interaction` topic. */
export type InteractionEventType =
  | 'interaction.entered-workgroup'
  | 'interaction.alerting'
  | 'interaction.alert-timed-out'
  | 'interaction.assigned'
  | 'interaction.connected'
  | 'interaction.held'
  | 'interaction.unheld'
  | 'interaction.transferred'
  | 'interaction.parked'
  | 'interaction.snoozed'
  | 'interaction.disconnected'
  | 'interaction.wrap-up-requested'
  | 'interaction.wrapped-up'
  | 'interaction.wrap-up-expired'
  | 'interaction.assistance-requested'
  | 'interaction.assistance-ended'
  | 'interaction.changed';

export interface InteractionEvent {
  type: InteractionEventType;
  interactionId: string;
  at: number;
  /** The user concerned (alerted, assigned, transferred to, wrapping up, ...). */
  userId?: string | undefined;
  workgroupId?: string | undefined;
  /** The queue it went to (transfer, park). */
  queue?: QueueRef | undefined;
}

export interface CommandResult {
  interaction: Interaction;
  events: InteractionEvent[];
}
