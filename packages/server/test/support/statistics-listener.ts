import type { PublishedEvent } from '../../src/messaging/event-hub.js';
import type { Tandem } from '../../src/app.js';

export interface StatisticsListener {
  /** `statistics.*` events delivered so far (live ones and, with `since`, the replayed ones), oldest first. */
  readonly events: PublishedEvent[];
  /** The workgroup figures delivered for `workgroupId`, oldest first. */
  workgroup(workgroupId: string): Record<string, unknown>[];
  /** The agent figures delivered for `userId`, oldest first. */
  agent(userId: string): Record<string, unknown>[];
  /** Subscribes again (replacing the subscription), from `since` when given. */
  resubscribe(since?: number): void;
  /** Ends the subscription but keeps the connection. */
  unsubscribe(): void;
  close(): void;
}

let next = 0;

/**
 * A connection of `userId`'s session subscribed to the `statistics` topic through the hub's
 * public API (what the WebSocket routes do), recording what it is sent.
 */
export function aStatisticsListener(
  tandem: Tandem,
  userId: string,
  filter: { workgroupIds?: string[]; userIds?: string[] },
  since?: number,
): StatisticsListener {
  const id = `statistics-listener-${(next += 1)}`;
  const events: PublishedEvent[] = [];
  const { hub } = tandem;
  hub.addSubscriber(
    id,
    { sessionId: `session-${id}`, userId, rights: tandem.sessions.rightsOf(userId) },
    { deliver: (event) => events.push(event), end: () => undefined },
  );
  const subscribe = (from?: number) => {
    const result = hub.subscribe(id, 'statistics', filter, from);
    if (result.status === 'refused') throw new Error(`statistics subscription refused: ${result.message}`);
    if (result.status === 'subscribed') events.push(...result.replay);
  };
  subscribe(since);
  const dataOf = (type: string, key: string, value: string) =>
    events
      .filter((e) => e.type === type && (e.data as Record<string, unknown>)[key] === value)
      .map((e) => e.data as Record<string, unknown>);
  return {
    events,
    workgroup: (workgroupId) => dataOf('statistics.workgroup', 'workgroupId', workgroupId),
    agent: (agentId) => dataOf('statistics.agent', 'userId', agentId),
    resubscribe: subscribe,
    unsubscribe: () => void hub.unsubscribe(id, 'statistics'),
    close: () => hub.removeSubscriber(id),
  };
}
