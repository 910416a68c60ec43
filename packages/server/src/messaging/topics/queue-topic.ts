import { RightSet, QUEUE_TYPES } from '@tandem/core';
import { z } from 'zod';
import type { NamedTopicDefinition, Subscriber } from '../topic.js';

const queueKey = z
  .string()
  .max(200)
  .regex(new RegExp(`^(${QUEUE_TYPES.join('|')}):.+$`), 'must be a queue key like workgroup:Sales or user:agent1');

const queueFilterSchema = z
  .strictObject({ queues: z.array(queueKey).min(1, 'must name at least one queue').max(200) })
  .transform((f) => ({ queues: new Set(f.queues) }));

export type QueueFilter = z.output<typeof queueFilterSchema>;

/** Whether a subscriber may see a queue: its own user queue, or a view right on it. */
export function mayViewQueue(subscriber: Subscriber, key: string): boolean {
  const [type, ...rest] = key.split(':');
  const id = rest.join(':');
  if (type === 'user' && id === subscriber.userId) return true;
  const rights = subscriber.rights instanceof RightSet ? subscriber.rights : new RightSet([]);
  return (type === 'user' || type === 'workgroup' || type === 'station') && rights.canOnQueue(type, id, 'view');
}

/**
 * `queue`: what shows in queues changes. Published as `queue.added` / `queue.changed` (data
 * `{queue, interaction}`) and `queue.removed` (`{queue, interactionId}`), scope `{ queue: key }`.
 * Filter `{ queues: ['workgroup:Sales', 'user:agent1'] }`; each needs the queue's view right
 * (one's own user queue needs none).
 */
export const queueTopic: NamedTopicDefinition<QueueFilter> = {
  name: 'queue',
  filterSchema: queueFilterSchema,
  matches: (filter, scope) => typeof scope['queue'] === 'string' && filter.queues.has(scope['queue']),
  scopeKey: (scope) => (typeof scope['queue'] === 'string' ? scope['queue'] : undefined),
  filterKeys: (filter) => filter.queues,
  authorize: (subscriber, filter) => {
    const refused = [...filter.queues].find((key) => !mayViewQueue(subscriber, key));
    return refused === undefined ? undefined : `viewing queue ${refused} needs the view right on it`;
  },
};

const interactionFilterSchema = z
  .strictObject({
    interactionIds: z
      .array(z.string().regex(/^\d{10}$/, 'must be an interaction id'))
      .min(1)
      .max(500),
  })
  .optional()
  .transform((f) => ({ interactionIds: f ? new Set(f.interactionIds) : undefined }));

export type InteractionFilter = z.output<typeof interactionFilterSchema>;

/**
 * `interaction`: changes of interactions (`interaction.alerting`, `.assigned`, `.held`, ...,
 * `.changed`), data `{event?, interaction}`, scope `{interactionId, userId, workgroupId}`.
 * The filter names the interactions to follow (`interactionIds`), each of which the subscriber must
 * be allowed to view; whole queues are followed through the `queue` topic.
 */
export function interactionTopic(
  mayView: (subscriber: Subscriber, interactionId: string) => boolean,
): NamedTopicDefinition<InteractionFilter> {
  return {
    name: 'interaction',
    filterSchema: interactionFilterSchema,
    matches: (filter, scope) =>
      filter.interactionIds ? filter.interactionIds.has(String(scope['interactionId'])) : false,
    scopeKey: (scope) => String(scope['interactionId']),
    // Without ids nothing matches: no keys, rather than broad.
    filterKeys: (filter) => filter.interactionIds ?? [],
    authorize: (subscriber, filter) => {
      if (!filter.interactionIds)
        return 'name the interactions to follow in filter.interactionIds (queue topics follow whole queues)';
      const refused = [...filter.interactionIds].find((id) => !mayView(subscriber, id));
      return refused === undefined ? undefined : `interaction ${refused} is not on a queue you may view`;
    },
  };
}
