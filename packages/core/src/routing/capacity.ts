import type { MediaType } from '../directory/primitives.js';
import type { Utilization } from '../directory/schemas.js';

/** How much of an agent one interaction of a type takes (percent), and how many may be assigned at once. */
export interface Capacity {
  utilization: number;
  maxAssignable: number;
}

/**
 * Defaults when neither the user nor the workgroup sets a media type: 1 call, 4 chats, 1 email,
 * 1 callback, 1 of anything else. Each interaction takes 100 / maxAssignable percent, so a full
 * load of one type fills the agent, and types mix only within 100 % (a chat agent with two chats,
 * 50 %, can still take two more chats but no email, which takes 100 %).
 */
export const DEFAULT_CAPACITY: Readonly<Record<MediaType, Capacity>> = {
  call: { utilization: 100, maxAssignable: 1 },
  chat: { utilization: 25, maxAssignable: 4 },
  email: { utilization: 100, maxAssignable: 1 },
  callback: { utilization: 100, maxAssignable: 1 },
  sms: { utilization: 100, maxAssignable: 1 },
  generic: { utilization: 100, maxAssignable: 1 },
  workitem: { utilization: 100, maxAssignable: 1 },
};

/** The most utilization an agent carries, in percent. */
export const FULL_UTILIZATION = 100;

/** An agent's capacity for a media type: the user's setting, else the workgroup's, else the default. */
export function capacityFor(user: Utilization, workgroup: Utilization | undefined, media: MediaType): Capacity {
  return user[media] ?? workgroup?.[media] ?? DEFAULT_CAPACITY[media];
}

/** An agent's current load: interactions per media type and the sum of their utilization. */
export interface Load {
  counts: Record<MediaType, number>;
  utilization: number;
}

export function emptyLoad(): Load {
  return { counts: { call: 0, chat: 0, email: 0, callback: 0, sms: 0, generic: 0, workitem: 0 }, utilization: 0 };
}

/**
 * Whether one more interaction of the type fits: below its maximum, and within 100 % in total.
 * `carriedMax` is the smallest maximum among the interactions of that type the agent already
 * carries: when they came from workgroups with different settings, the strictest applies, so no
 * interaction is ever carried in a load its own workgroup would not allow.
 */
export function hasRoom(load: Load, media: MediaType, capacity: Capacity, carriedMax = Infinity): boolean {
  return (
    load.counts[media] < Math.min(capacity.maxAssignable, carriedMax) &&
    load.utilization + capacity.utilization <= FULL_UTILIZATION
  );
}

/**
 * Media types as small numbers (their place in `MEDIA_TYPES`), so that the router keeps its pools
 * in arrays and an agent's pool memberships in a bit mask (`1 << number`).
 */
export const MEDIA_NUMBER: Readonly<Record<MediaType, number>> = {
  call: 0,
  chat: 1,
  email: 2,
  callback: 3,
  sms: 4,
  generic: 5,
  workitem: 6,
};
