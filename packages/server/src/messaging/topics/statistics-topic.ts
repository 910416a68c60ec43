import { KIND_SPECS, RightSet } from '@tandem/core';
import { z } from 'zod';
import type { Viewer } from '../../services/statistics-service.js';
import type { NamedTopicDefinition, Subscriber, SubscriptionChannel } from '../topic.js';

/** At most this many workgroups and this many agents per subscription. */
export const MAX_STATISTICS_TARGETS = 500;

const ids = (spec: z.ZodType<string>) => z.array(spec).min(1, 'must name at least one').max(MAX_STATISTICS_TARGETS);

const statisticsFilterSchema = z
  .strictObject({
    workgroupIds: ids(KIND_SPECS.workgroups.id).optional(),
    userIds: ids(KIND_SPECS.users.id).optional(),
  })
  .optional()
  .refine((f) => f?.workgroupIds !== undefined || f?.userIds !== undefined, 'must name workgroupIds or userIds')
  .transform((f) => ({ workgroupIds: new Set(f?.workgroupIds ?? []), userIds: new Set(f?.userIds ?? []) }));

export type StatisticsFilter = z.output<typeof statisticsFilterSchema>;

/** The access rules the topic applies, and whom it tells of new subscriptions; `StatisticsService` implements them. */
export interface StatisticsAccess {
  mayViewWorkgroup(viewer: Viewer, workgroupId: string): boolean;
  mayViewWholeAgent(viewer: Viewer, userId: string): boolean;
  /** A subscription to these workgroups and agents is in place: their current figures are wanted soon, through `channel`. */
  subscribedTo(
    scopes: { workgroupIds: Iterable<string>; userIds: Iterable<string> },
    channel: SubscriptionChannel,
  ): void;
}

/**
 * `statistics`: live ACD statistics, at most once a second per workgroup and per agent.
 * `statistics.workgroup` (data `WorkgroupStatistics`, scope `{workgroupId}`) and
 * `statistics.agent` (data `AgentStatistics`, scope `{userId}`). Filter
 * `{ workgroupIds?: string[], userIds?: string[] }`, at least one of them: each workgroup needs its
 * Statistics right (or being its supervisor); each agent other than oneself needs supervisor mode
 * and the right on every workgroup of the agent, since the event carries all of them. Figures are
 * published only while someone subscribes to them; a new subscription gets its scopes' current
 * figures, sent to it alone, on the next publishing turn, whether or not it resumed with `since`.
 */
export function statisticsTopic(access: StatisticsAccess): NamedTopicDefinition<StatisticsFilter> {
  return {
    name: 'statistics',
    filterSchema: statisticsFilterSchema,
    matches: (filter, scope) => {
      const workgroupId = scope['workgroupId'];
      if (typeof workgroupId === 'string') return filter.workgroupIds.has(workgroupId);
      const userId = scope['userId'];
      return typeof userId === 'string' && filter.userIds.has(userId);
    },
    // Workgroup and user ids are different namespaces: one key space, prefixed.
    scopeKey: (scope) => {
      const workgroupId = scope['workgroupId'];
      if (typeof workgroupId === 'string') return `w:${workgroupId}`;
      const userId = scope['userId'];
      return typeof userId === 'string' ? `u:${userId}` : undefined;
    },
    filterKeys: (filter) => [
      ...[...filter.workgroupIds].map((id) => `w:${id}`),
      ...[...filter.userIds].map((id) => `u:${id}`),
    ],
    subscribed: (filter, _subscriber, channel) => access.subscribedTo(filter, channel),
    authorize: (subscriber, filter) => {
      const viewer = viewerOf(subscriber);
      const group = [...filter.workgroupIds].find((id) => !access.mayViewWorkgroup(viewer, id));
      if (group !== undefined) return `the statistics of workgroup '${group}' need the Statistics right on it`;
      const agent = [...filter.userIds].find((id) => !access.mayViewWholeAgent(viewer, id));
      if (agent !== undefined)
        return `the statistics of agent '${agent}' need supervisor mode and the Statistics right on each of the agent's workgroups`;
      return undefined;
    },
  };
}

function viewerOf(subscriber: Subscriber): Viewer {
  return {
    userId: subscriber.userId,
    rights: subscriber.rights instanceof RightSet ? subscriber.rights : new RightSet([]),
  };
}
