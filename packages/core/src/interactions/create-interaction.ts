import { shapedInteraction } from './interaction-shape.js';
import { fieldError } from '../errors.js';
import type { InteractionLookup } from './context.js';
import type { NewInteractionId } from './interaction-ids.js';
import type {
  Interaction,
  InteractionType,
  Participant,
  QueueRef,
  RelaxationStep,
  SkillRequirement,
} from './interaction.js';
import { DISPLAY_STATES } from './display-state.js';

/** The prefix the server puts on the custom attributes a website sends with a chat or callback. */
export const WEB_TOOLS_PREFIX = 'WebTools_';
export const DEFAULT_PRIORITY = 50;
const MAX_ATTRIBUTES = 200;
const MAX_ATTRIBUTE_VALUE = 8000;

/** Prefixes a website's custom attributes with `WebTools_` (keys that already carry it are kept). */
export function webToolsAttributes(custom: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(custom))
    result[key.startsWith(WEB_TOOLS_PREFIX) ? key : `${WEB_TOOLS_PREFIX}${key}`] = value;
  return result;
}

export interface NewInteraction {
  type: InteractionType;
  direction?: Interaction['direction'];
  /** An ACD interaction: it is offered to this workgroup's queue (then `enqueue` it). */
  workgroupId?: string;
  /** An interaction a user creates (an email, a callback, an intercom chat): it starts on the user's queue. */
  ownerId?: string;
  priority?: number;
  skills?: SkillRequirement[];
  relaxation?: RelaxationStep[];
  attributes?: Record<string, string>;
  participants?: Omit<Participant, 'joinedAt' | 'leftAt'>[];
  parentId?: string;
}

export interface CreateContext {
  now: number;
  newId: NewInteractionId;
  lookup: InteractionLookup;
}

/**
 * A new interaction: `offering` on its workgroup's queue, or `connected` on its owner's queue.
 * Throws VALIDATION_FAILED naming the field for an unknown workgroup or user, a priority outside
 * 0-100, a skill minimum outside 1-100, or a relaxation step that is not positive.
 */
export function createInteraction(input: NewInteraction, ctx: CreateContext): Interaction {
  const queue = startQueue(input, ctx.lookup);
  const priority = input.priority ?? DEFAULT_PRIORITY;
  validateRouting(priority, input.skills ?? [], input.relaxation ?? []);
  validateAttributes(input.attributes ?? {});
  const { now } = ctx;
  return shapedInteraction({
    id: ctx.newId(),
    type: input.type,
    direction: input.direction ?? (input.ownerId !== undefined ? 'outbound' : 'inbound'),
    state: input.ownerId !== undefined ? 'connected' : 'offering',
    createdAt: now,
    stateChangedAt: now,
    queue,
    userId: input.ownerId,
    priority,
    skills: [...(input.skills ?? [])],
    relaxation: [...(input.relaxation ?? [])].sort((a, b) => a.afterSeconds - b.afterSeconds),
    attributes: { ...input.attributes },
    notes: [],
    participants: (input.participants ?? []).map((p) => ({ ...p, joinedAt: now })),
    parentId: input.parentId,
    childIds: [],
    log: [{ at: now, text: input.ownerId !== undefined ? DISPLAY_STATES.connected : DISPLAY_STATES.offering }],
    wrapUps: [],
    private: false,
    version: 1,
  });
}

function startQueue(input: NewInteraction, lookup: InteractionLookup): QueueRef {
  if (input.ownerId !== undefined) {
    if (lookup.userName(input.ownerId) === undefined) throw fieldError('ownerId', `no user '${input.ownerId}'`);
    return { type: 'user', id: input.ownerId };
  }
  if (input.workgroupId === undefined) throw fieldError('workgroupId', 'a workgroup or an owner is required');
  const wg = lookup.workgroup(input.workgroupId);
  if (!wg?.hasQueue) throw fieldError('workgroupId', `no workgroup with a queue '${input.workgroupId}'`);
  return { type: 'workgroup', id: wg.id };
}

/** Checks priority, skill minimums and relaxation steps; throws VALIDATION_FAILED naming the field. */
export function validateRouting(priority: number, skills: SkillRequirement[], relaxation: RelaxationStep[]): void {
  if (!Number.isInteger(priority) || priority < 0 || priority > 100)
    throw fieldError('priority', 'must be a whole number from 0 to 100');
  skills.forEach((s, i) => {
    if (!Number.isInteger(s.minProficiency) || s.minProficiency < 1 || s.minProficiency > 100)
      throw fieldError(`skills.${i}.minProficiency`, 'must be a whole number from 1 to 100');
    if (skills.findIndex((o) => o.skillId === s.skillId) !== i)
      throw fieldError(`skills.${i}.skillId`, 'must not name a skill twice');
  });
  relaxation.forEach((r, i) => {
    if (!(r.afterSeconds > 0)) throw fieldError(`relaxation.${i}.afterSeconds`, 'must be positive');
    if (!(r.lowerBy > 0)) throw fieldError(`relaxation.${i}.lowerBy`, 'must be positive');
  });
}

/** Attribute keys 1-128 characters, values at most 8000, at most 200 of them. */
export function validateAttributes(attributes: Record<string, string>): void {
  const entries = Object.entries(attributes);
  if (entries.length > MAX_ATTRIBUTES) throw fieldError('attributes', `must hold at most ${MAX_ATTRIBUTES} entries`);
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 128) throw fieldError('attributes', 'keys must be 1 to 128 characters');
    if (typeof value !== 'string' || value.length > MAX_ATTRIBUTE_VALUE)
      throw fieldError(`attributes.${key}`, `must be a string of at most ${MAX_ATTRIBUTE_VALUE} characters`);
  }
}
