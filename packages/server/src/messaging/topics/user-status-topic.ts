import { z } from 'zod';
import type { NamedTopicDefinition } from '../topic.js';

export const USER_STATUS_TOPIC = 'user-status';

/** At most this many users per subscription; a bigger directory subscribes without a filter. */
export const MAX_WATCHED_USERS = 5000;

const userStatusFilterSchema = z
  .object({ userIds: z.array(z.string().min(1).max(200)).max(MAX_WATCHED_USERS).optional() })
  .strict()
  .optional()
  // A Set keeps `matches` O(1) however many users one subscription watches.
  .transform((filter) => ({ userIds: filter?.userIds ? new Set(filter.userIds) : undefined }));

export type UserStatusFilter = z.output<typeof userStatusFilterSchema>;

/**
 * `user-status`: presence changes, published by the presence service as
 * `hub.publish('user-status', 'changed', status, { userId })` and seen by clients as
 * `user-status.changed`. Filter `{ userIds?: string[] }` (at most 5,000); no filter means every
 * user. Any logged-on user may watch any status: the company directory shows them to everyone.
 */
export const userStatusTopic: NamedTopicDefinition<UserStatusFilter> = {
  name: USER_STATUS_TOPIC,
  filterSchema: userStatusFilterSchema,
  matches: (filter, scope) => {
    if (!filter.userIds) return true;
    const userId = scope['userId'];
    return typeof userId === 'string' && filter.userIds.has(userId);
  },
  scopeKey: (scope) => (typeof scope['userId'] === 'string' ? scope['userId'] : undefined),
  // No filter: every user, so broad.
  filterKeys: (filter) => filter.userIds,
  authorize: () => undefined,
};
