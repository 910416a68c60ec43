import { RightSet } from '@tandem/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventHub, type PublishedEvent } from '../src/messaging/event-hub.js';
import type { NamedTopicDefinition, Scope, Subscriber } from '../src/messaging/topic.js';
import { interactionTopic, queueTopic } from '../src/messaging/topics/queue-topic.js';
import { statisticsTopic } from '../src/messaging/topics/statistics-topic.js';
import { userStatusTopic } from '../src/messaging/topics/user-status-topic.js';

const anAgent = (userId: string): Subscriber => ({ sessionId: `s-${userId}`, userId, rights: new RightSet([]) });

/** A queue topic that counts the `matches` calls the hub makes (and lets anyone view any queue). */
function aCountingQueueTopic(): { topic: NamedTopicDefinition<unknown>; calls: () => number } {
  let calls = 0;
  const topic = {
    ...queueTopic,
    authorize: () => undefined,
    matches: (filter: Parameters<typeof queueTopic.matches>[0], scope: Scope) => {
      calls += 1;
      return queueTopic.matches(filter, scope);
    },
  } as NamedTopicDefinition<unknown>;
  return { topic, calls: () => calls };
}

function aHubOfAgents(count: number): { hub: EventHub; received: Map<string, PublishedEvent[]>; calls: () => number } {
  const hub = new EventHub();
  const { topic, calls } = aCountingQueueTopic();
  hub.registerTopic(topic);
  const received = new Map<string, PublishedEvent[]>();
  for (let i = 0; i < count; i += 1) {
    const userId = `agent${i}`;
    const events: PublishedEvent[] = [];
    received.set(userId, events);
    hub.addSubscriber(`conn-${i}`, anAgent(userId), { deliver: (e) => events.push(e), end: () => undefined });
    expect(hub.subscribe(`conn-${i}`, 'queue', { queues: [`user:${userId}`] }).status).toBe('subscribed');
  }
  return { hub, received, calls };
}

describe('EventHub with a topic indexed by scope key', () => {
  it('offers an event only to the subscriptions under its key, however many agents follow their own queue', () => {
    const { hub, received, calls } = aHubOfAgents(2000);
    hub.publish('queue', 'added', {}, { queue: 'user:agent7' });
    hub.publish('queue', 'added', {}, { queue: 'workgroup:Sales' });
    expect(received.get('agent7')).toHaveLength(1);
    expect([...received.values()].reduce((n, events) => n + events.length, 0)).toBe(1);
    // Without the index every event would be matched against all 2,000 subscriptions.
    expect(calls()).toBe(1);
    expect(hub.hasSubscribers('queue', { queue: 'user:agent1999' })).toBe(true);
    expect(hub.hasSubscribers('queue', { queue: 'user:agent2000' })).toBe(false);
    expect(hub.hasSubscribers('queue', {})).toBe(false);
  });

  it('moves a subscription to the keys of its new filter, and forgets it on unsubscribe and removal', () => {
    const { hub, received } = aHubOfAgents(3);
    hub.subscribe('conn-0', 'queue', { queues: ['user:agent0', 'workgroup:Sales'] });
    hub.subscribe('conn-0', 'queue', { queues: ['workgroup:Sales'] });
    hub.publish('queue', 'added', {}, { queue: 'user:agent0' });
    hub.publish('queue', 'added', {}, { queue: 'workgroup:Sales' });
    expect(received.get('agent0')?.map((e) => e.scope['queue'])).toEqual(['workgroup:Sales']);
    hub.unsubscribe('conn-0', 'queue');
    hub.removeSubscriber('conn-1');
    hub.publish('queue', 'added', {}, { queue: 'workgroup:Sales' });
    hub.publish('queue', 'added', {}, { queue: 'user:agent1' });
    hub.publish('queue', 'added', {}, { queue: 'user:agent2' });
    expect(received.get('agent0')).toHaveLength(1);
    expect(received.get('agent1')).toHaveLength(0);
    expect(received.get('agent2')).toHaveLength(1);
    expect(hub.hasSubscribers('queue', { queue: 'workgroup:Sales' })).toBe(false);
  });

  it('offers every event to a broad subscription alongside the keyed ones, each once', () => {
    const hub = new EventHub();
    hub.registerTopic(userStatusTopic);
    const seen: string[] = [];
    for (const [id, filter] of [
      ['everyone', undefined],
      ['two', { userIds: ['a', 'b', 'a'] }],
    ] as const) {
      hub.addSubscriber(id, anAgent(id), {
        deliver: (e) => seen.push(`${id}:${String(e.scope['userId'])}`),
        end: () => undefined,
      });
      hub.subscribe(id, 'user-status', filter);
    }
    for (const userId of ['a', 'c', 'b']) hub.publish('user-status', 'changed', {}, { userId });
    expect(seen.sort()).toEqual(['everyone:a', 'everyone:b', 'everyone:c', 'two:a', 'two:b']);
    expect(hub.hasSubscribers('user-status', { userId: 'zed' })).toBe(true);
  });

  it('keeps workgroup and agent statistics apart when a workgroup and a user share an id', () => {
    const hub = new EventHub();
    hub.registerTopic(
      statisticsTopic({ mayViewWorkgroup: () => true, mayViewWholeAgent: () => true, subscribedTo: () => undefined }),
    );
    const seen: PublishedEvent[] = [];
    hub.addSubscriber('board', anAgent('sup'), { deliver: (e) => seen.push(e), end: () => undefined });
    hub.subscribe('board', 'statistics', { workgroupIds: ['x'] });
    hub.publish('statistics', 'agent', {}, { userId: 'x' });
    hub.publish('statistics', 'workgroup', {}, { workgroupId: 'x' });
    expect(seen.map((e) => e.event)).toEqual(['workgroup']);
    expect(hub.hasSubscribers('statistics', { userId: 'x' })).toBe(false);
  });

  it('replays from the ring with the filter, as without the index', () => {
    const { hub, received } = aHubOfAgents(2);
    const since = hub.currentSeq();
    hub.publish('queue', 'added', {}, { queue: 'user:agent1' });
    hub.publish('queue', 'removed', {}, { queue: 'user:agent0' });
    const result = hub.subscribe('conn-0', 'queue', { queues: ['user:agent0'] }, since);
    expect(result.status === 'subscribed' && result.replay.map((e) => e.event)).toEqual(['removed']);
    expect(received.get('agent0')).toHaveLength(1);
  });
});

/** Whether `matches` holding implies the scope's key is among the filter's keys (or the filter is broad). */
function keepsTheContract<F>(topic: NamedTopicDefinition<F>, filters: unknown[], scopes: Scope[]): string[] {
  const broken: string[] = [];
  for (const raw of filters) {
    const filter = topic.filterSchema.parse(raw);
    const keys = topic.filterKeys?.(filter);
    const keySet = keys === undefined ? undefined : new Set(keys);
    for (const scope of scopes) {
      if (!topic.matches(filter, scope)) continue;
      const key = topic.scopeKey?.(scope);
      if (keySet !== undefined && (key === undefined || !keySet.has(key)))
        broken.push(`${JSON.stringify(raw)} / ${JSON.stringify(scope)}`);
    }
  }
  return broken;
}

describe('the index keys of the topics', () => {
  const ids = ['a', 'b', 'Sales', 'x:y', '0000000001', '0000000002'];
  const scopes: Scope[] = [
    {},
    ...ids.flatMap((id) => [
      { userId: id },
      { workgroupId: id },
      { queue: `user:${id}` },
      { queue: `workgroup:${id}` },
      { interactionId: id },
      { interactionId: id, userId: id, workgroupId: id },
      { workgroupId: id, userId: 'a' },
    ]),
    { interactionId: 1 },
    { userId: 7 },
  ];

  it('hold for every topic with an index: whatever matches is under a key the filter listens on', () => {
    const statistics = statisticsTopic({
      mayViewWorkgroup: () => true,
      mayViewWholeAgent: () => true,
      subscribedTo: () => undefined,
    });
    expect(
      keepsTheContract(userStatusTopic, [undefined, {}, { userIds: ['a', 'Sales'] }, { userIds: [] }], scopes),
    ).toEqual([]);
    expect(
      keepsTheContract(queueTopic, [{ queues: ['user:a'] }, { queues: ['workgroup:Sales', 'workgroup:x:y'] }], scopes),
    ).toEqual([]);
    expect(
      keepsTheContract(
        statistics,
        [{ workgroupIds: ['Sales', 'a'] }, { userIds: ['a', 'b'] }, { workgroupIds: ['b'], userIds: ['a'] }],
        scopes,
      ),
    ).toEqual([]);
    expect(
      keepsTheContract(
        interactionTopic(() => true),
        [undefined, { interactionIds: ['0000000001'] }],
        scopes,
      ),
    ).toEqual([]);
  });

  it('leave a topic without them walking every subscription, as before', () => {
    const hub = new EventHub();
    hub.registerTopic('board', {
      filterSchema: z.string(),
      matches: (filter, scope) => scope['board'] === filter,
      authorize: () => undefined,
    });
    const seen: string[] = [];
    for (const id of ['one', 'two'])
      hub.addSubscriber(id, anAgent(id), { deliver: () => seen.push(id), end: () => undefined });
    hub.subscribe('one', 'board', 'wall');
    hub.subscribe('two', 'board', 'desk');
    hub.publish('board', 'changed', {}, { board: 'desk' });
    expect(seen).toEqual(['two']);
    expect(hub.hasSubscribers('board', { board: 'wall' })).toBe(true);
  });
});
