import { RightSet } from '@tandem/core';
import { z } from 'zod';
import type { NamedTopicDefinition, Scope, Subscriber } from '../messaging/topic.js';

const filterSchema = z
  .strictObject({
    definitionIds: z.array(z.string().min(1).max(128)).min(1).max(200).optional(),
    instanceIds: z.array(z.string().min(1).max(200)).min(1).max(500).optional(),
  })
  .optional()
  .transform((f) => ({
    definitionIds: f?.definitionIds ? new Set(f.definitionIds) : undefined,
    instanceIds: f?.instanceIds ? new Set(f.instanceIds) : undefined,
    /** Set by `authorize`: whose subscription this is, so each event is checked against their rights. */
    viewer: undefined as { userId: string; rights: RightSet } | undefined,
  }));

export type ProcessMonitorFilter = z.output<typeof filterSchema>;

/** Whether a user may see events of an instance: the view right on its process (with the licence), or originator. */
export type MayViewInstance = (
  viewer: { userId: string; rights: RightSet },
  definitionId: string,
  originator: string | null,
) => boolean;

/**
 * `process-monitor`: instances started, changed and completed (`instance.started`,
 * `instance.changed`, `instance.completed`), data `{instance}`, a summary without variable values,
 * scope `{definitionId, instanceId, originator}`. Each event reaches only subscribers who may view
 * that instance. Filter `{definitionIds?, instanceIds?}`.
 */
export function processMonitorTopic(mayView: MayViewInstance): NamedTopicDefinition<ProcessMonitorFilter> {
  return {
    name: 'process-monitor',
    filterSchema,
    matches: (filter, scope: Scope) => {
      const definitionId = typeof scope['definitionId'] === 'string' ? scope['definitionId'] : '';
      const instanceId = typeof scope['instanceId'] === 'string' ? scope['instanceId'] : '';
      const originator = typeof scope['originator'] === 'string' ? scope['originator'] : null;
      if (filter.definitionIds && !filter.definitionIds.has(definitionId)) return false;
      if (filter.instanceIds && !filter.instanceIds.has(instanceId)) return false;
      return filter.viewer !== undefined && mayView(filter.viewer, definitionId, originator);
    },
    authorize: (subscriber: Subscriber, filter) => {
      const rights = subscriber.rights instanceof RightSet ? subscriber.rights : new RightSet([]);
      filter.viewer = { userId: subscriber.userId, rights };
      return undefined;
    },
  };
}
