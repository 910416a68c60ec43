import {
  SYSTEM_ACTOR,
  TandemError,
  fieldError,
  validateAttributes,
  webToolsAttributes,
  type ActingUser,
  type Actor,
  type Clock,
  type Interaction,
  type InteractionCommand,
} from '@tandem/core';
import type { DirectoryService } from '../../services/directory-service.js';
import type { InteractionService } from '../../services/interaction-service.js';
import { boolParameter, intParameter } from '../webchat/channel-parameters.js';

/** Attributes of a callback request; the agent client shows them (From, Number, Subject, Attempt). */
export const CALLBACK_ATTRIBUTES = {
  /** The manual's attribute for the requester's name. */
  remoteName: 'Eic_RemoteName',
  telephone: 'Tandem_CallbackTelephone',
  subject: 'Tandem_CallbackSubject',
  /** Outcomes recorded so far (each Complete, Retry Later or Attempt Failed is one attempt). */
  attempts: 'Tandem_CallbackAttempts',
  /** Times it was put back with Retry Later. */
  retries: 'Tandem_CallbackRetries',
  /** Epoch ms at which a snoozed callback goes back to the ACD. */
  snoozedUntil: 'Tandem_CallbackSnoozedUntil',
  /** `complete`, `attempt-failed` or `retries-exhausted` once it ended; `retry-later` while snoozed. */
  outcome: 'Tandem_CallbackOutcome',
} as const;

export const CALLBACK_OUTCOMES = ['complete', 'retry-later', 'attempt-failed'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export interface CallbackRequest {
  workgroup: string;
  name: string;
  telephone: string;
  subject?: string | undefined;
  attributes?: Record<string, string> | undefined;
}

const ASSIGNED: ReadonlySet<Interaction['state']> = new Set(['acd-assigned', 'connected', 'held']);

const count = (ix: Interaction, key: string): number => {
  const value = Number(ix.attributes[key] ?? '0');
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
};

/**
 * Callback requests: a website visitor asks to be called back; the ACD routes the request to a
 * workgroup like any interaction. The agent answers with an outcome (the manual's three buttons):
 * - Complete: the requester was reached; only the callback ends (Local Disconnect), not its call.
 * - Retry Later (when `CallbackRetryLaterEnabled`): back to the workgroup queue, Snoozed; after
 *   the snooze time (`CallbackSnoozeTimeSeconds`, or the agent's `retryAfterSeconds`) the ACD routes
 *   it again. Past `CallbackMaxRetryAttempts` retries it ends instead, as failed.
 * - Attempt Failed: wrong number, or no answer after the last attempt: it ends, recorded as failed
 *   (the agent may add a wrap-up code saying why).
 * Every outcome counts one attempt. The counts and the snooze deadline are attributes, committed
 * with the callback, so a restart loses none of them.
 */
export class CallbackService {
  constructor(private readonly deps: { interactions: InteractionService; directory: DirectoryService; clock: Clock }) {}

  /** Creates the request and queues it in the workgroup; resolves once committed. */
  async request(input: CallbackRequest): Promise<Interaction> {
    const { directory, interactions } = this.deps;
    const wg = directory.directory.get('workgroups', input.workgroup);
    if (!wg?.hasQueue || !wg.active)
      throw fieldError('workgroup', `no active workgroup '${input.workgroup}' with a queue`);
    const attributes: Record<string, string> = {
      ...webToolsAttributes(input.attributes ?? {}),
      [CALLBACK_ATTRIBUTES.remoteName]: input.name,
      [CALLBACK_ATTRIBUTES.telephone]: input.telephone,
      [CALLBACK_ATTRIBUTES.attempts]: '0',
      [CALLBACK_ATTRIBUTES.retries]: '0',
    };
    if (input.subject !== undefined) attributes[CALLBACK_ATTRIBUTES.subject] = input.subject;
    return interactions.create(
      {
        type: 'callback',
        workgroupId: wg.id,
        attributes,
        participants: [{ id: 'requester', kind: 'customer', displayName: input.name }],
      },
      SYSTEM_ACTOR,
    );
  }

  /**
   * Records the outcome of the agent the callback is assigned to. Throws INTERACTION_NOT_FOUND,
   * ACTION_NOT_ALLOWED (not a callback, not picked up, Retry Later disabled), NOT_ASSIGNED, or
   * VALIDATION_FAILED (`retryAfterSeconds` with another outcome).
   */
  async outcome(
    id: string,
    user: ActingUser,
    outcome: CallbackOutcome,
    retryAfterSeconds?: number,
  ): Promise<Interaction> {
    const ix = this.assignedCallback(id, user.userId);
    if (retryAfterSeconds !== undefined && outcome !== 'retry-later')
      throw fieldError('retryAfterSeconds', 'goes with the retry-later outcome only');
    const attempts = String(count(ix, CALLBACK_ATTRIBUTES.attempts) + 1);
    if (outcome !== 'retry-later') return this.end(ix, user, { attempts, outcome });
    const settings = this.deps.directory.directory;
    if (!boolParameter(settings, 'CallbackRetryLaterEnabled'))
      throw new TandemError('ACTION_NOT_ALLOWED', 'Retry Later is not enabled (CallbackRetryLaterEnabled)');
    const retries = count(ix, CALLBACK_ATTRIBUTES.retries);
    if (retries >= intParameter(settings, 'CallbackMaxRetryAttempts'))
      return this.end(ix, user, { attempts, outcome: 'retries-exhausted' });
    const delay = retryAfterSeconds ?? intParameter(settings, 'CallbackSnoozeTimeSeconds');
    return this.apply(ix.id, [
      {
        command: this.attributes({
          attempts,
          retries: String(retries + 1),
          outcome: 'retry-later',
          snoozedUntil: String(this.deps.clock.now() + delay * 1000),
        }),
        actor: SYSTEM_ACTOR,
      },
      { command: { type: 'snooze' }, actor: SYSTEM_ACTOR },
    ]);
  }

  /** Puts snoozed callbacks whose time has come back into their workgroup's queue. */
  async tick(): Promise<number> {
    const { interactions, clock } = this.deps;
    const now = clock.now();
    // A snoozed callback is not finished: only unfinished interactions are looked at.
    const due = [...interactions.active()].filter(
      (ix) =>
        ix.type === 'callback' &&
        ix.state === 'snoozed' &&
        ix.workgroupId !== undefined &&
        Number(ix.attributes[CALLBACK_ATTRIBUTES.snoozedUntil] ?? 0) <= now,
    );
    await Promise.allSettled(
      due.map((ix) =>
        interactions.command(ix.id, { type: 'enqueue', workgroupId: ix.workgroupId as string }, SYSTEM_ACTOR),
      ),
    );
    return due.length;
  }

  private assignedCallback(id: string, userId: string): Interaction {
    const ix = this.deps.interactions.get(id);
    if (!ix) throw new TandemError('INTERACTION_NOT_FOUND', `no interaction '${id}' in progress`);
    if (ix.type !== 'callback')
      throw new TandemError('ACTION_NOT_ALLOWED', `interaction ${id} is a ${ix.type}, not a callback`);
    if (ix.userId !== userId)
      throw new TandemError('NOT_ASSIGNED', 'only the agent the callback is assigned to records its outcome');
    if (!ASSIGNED.has(ix.state))
      throw new TandemError('ACTION_NOT_ALLOWED', `pick the callback up first (it is ${ix.state})`, {
        state: ix.state,
      });
    return ix;
  }

  /** Complete, Attempt Failed, or Retry Later past the limit: the callback ends (Local Disconnect by the agent). */
  private end(ix: Interaction, user: ActingUser, values: { attempts: string; outcome: string }): Promise<Interaction> {
    return this.apply(ix.id, [
      { command: this.attributes(values), actor: SYSTEM_ACTOR },
      { command: { type: 'disconnect', by: 'local' }, actor: user },
    ]);
  }

  private attributes(values: Partial<Record<keyof typeof CALLBACK_ATTRIBUTES, string>>): InteractionCommand {
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(values))
      attributes[CALLBACK_ATTRIBUTES[key as keyof typeof CALLBACK_ATTRIBUTES]] = value;
    return { type: 'set-attributes', attributes };
  }

  /**
   * Applies the commands one after the other in memory without waiting in between, so that they
   * join one group commit: the outcome's counts and its state change are durable together.
   */
  private async apply(id: string, steps: { command: InteractionCommand; actor: Actor }[]): Promise<Interaction> {
    // Checked first: a refused first step must not let the second one through alone.
    const ix = this.deps.interactions.get(id);
    for (const { command } of steps)
      if (command.type === 'set-attributes' && ix) validateAttributes({ ...ix.attributes, ...command.attributes });
    const pending = steps.map((step) => this.deps.interactions.command(id, step.command, step.actor));
    const results = await Promise.all(pending);
    return results[results.length - 1] as Interaction;
  }
}
