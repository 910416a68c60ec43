import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventHub, type EventHubOptions, type PublishedEvent } from '../src/messaging/event-hub.js';
import type { Subscriber, SubscriptionChannel } from '../src/messaging/topic.js';
import { userStatusTopic } from '../src/messaging/topics/user-status-topic.js';

function aHub(options: EventHubOptions = {}): EventHub {
  const hub = new EventHub(options);
  hub.registerTopic(userStatusTopic);
  return hub;
}

function aSubscriber(overrides: Partial<Subscriber> = {}): Subscriber {
  return { sessionId: 'session-1', userId: 'agent1', rights: {}, ...overrides };
}

/** Adds a subscriber whose deliveries and endings are recorded. */
function aRecorder(
  hub: EventHub,
  id = 'conn-1',
  subscriber = aSubscriber(),
): { events: PublishedEvent[]; endings: string[] } {
  const recorded = { events: [] as PublishedEvent[], endings: [] as string[] };
  hub.addSubscriber(id, subscriber, { deliver: (e) => recorded.events.push(e), end: (r) => recorded.endings.push(r) });
  return recorded;
}

const statusOf = (userId: string, statusId = 'available') => ({ userId, statusId });

describe('EventHub', () => {
  it('numbers events with a strictly increasing seq across topics', () => {
    const hub = aHub({ initialSeq: 1000 });
    hub.registerTopic('queue', { filterSchema: z.unknown(), matches: () => true, authorize: () => undefined });
    const seqs = [
      hub.publish('user-status', 'changed', statusOf('a'), { userId: 'a' }).seq,
      hub.publish('queue', 'added', {}, { queue: 'workgroup:Sales' }).seq,
      hub.publish('user-status', 'changed', statusOf('b'), { userId: 'b' }).seq,
    ];
    expect(seqs).toEqual([1001, 1002, 1003]);
    expect(hub.currentSeq()).toBe(1003);
  });

  it('delivers live events matching the filter, in seq order, as serialized wire messages', () => {
    const hub = aHub();
    const rec = aRecorder(hub);
    hub.subscribe('conn-1', 'user-status', { userIds: ['agent2'] });
    hub.publish('user-status', 'changed', statusOf('agent2', 'away'), { userId: 'agent2' });
    hub.publish('user-status', 'changed', statusOf('agent3'), { userId: 'agent3' });
    hub.publish('user-status', 'changed', statusOf('agent2', 'available'), { userId: 'agent2' });
    expect(rec.events.map((e) => e.seq)).toEqual([1, 3]);
    expect(JSON.parse(rec.events[0]?.json ?? '')).toEqual({
      type: 'user-status.changed',
      seq: 1,
      data: statusOf('agent2', 'away'),
    });
  });

  it('delivers every user status to a subscription without a filter', () => {
    const hub = aHub();
    const rec = aRecorder(hub);
    hub.subscribe('conn-1', 'user-status', undefined);
    hub.publish('user-status', 'changed', statusOf('x'), { userId: 'x' });
    hub.publish('user-status', 'changed', statusOf('y'), { userId: 'y' });
    expect(rec.events).toHaveLength(2);
  });

  it('replays the missed events of the topic that match the filter when subscribing with since', () => {
    const hub = aHub();
    hub.registerTopic('queue', { filterSchema: z.unknown(), matches: () => true, authorize: () => undefined });
    hub.publish('user-status', 'changed', statusOf('a'), { userId: 'a' });
    hub.publish('user-status', 'changed', statusOf('b'), { userId: 'b' });
    hub.publish('queue', 'added', {}, {});
    hub.publish('user-status', 'changed', statusOf('a', 'away'), { userId: 'a' });
    aRecorder(hub);
    const result = hub.subscribe('conn-1', 'user-status', { userIds: ['a'] }, 1);
    expect(result.status).toBe('subscribed');
    expect(result.status === 'subscribed' && result.replay.map((e) => e.seq)).toEqual([4]);
    expect(result.status === 'subscribed' && result.seq).toBe(4);
  });

  it('answers resync when since is older than the buffer floor', () => {
    const hub = aHub({ capacity: 3 });
    for (const user of ['a', 'b', 'c', 'd', 'e'])
      hub.publish('user-status', 'changed', statusOf(user), { userId: user });
    aRecorder(hub);
    expect(hub.floorSeq()).toBe(2);
    expect(hub.subscribe('conn-1', 'user-status', undefined, 1)).toEqual({ status: 'resync', seq: 5 });
    const resumed = hub.subscribe('conn-1', 'user-status', undefined, 2);
    expect(resumed.status === 'subscribed' && resumed.replay.map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('answers resync for a since from the future, as after a restart', () => {
    const hub = aHub();
    aRecorder(hub);
    expect(hub.subscribe('conn-1', 'user-status', undefined, 42).status).toBe('resync');
  });

  it('keeps a resynced subscription live', () => {
    const hub = aHub({ capacity: 1 });
    hub.publish('user-status', 'changed', statusOf('a'), { userId: 'a' });
    hub.publish('user-status', 'changed', statusOf('b'), { userId: 'b' });
    const rec = aRecorder(hub);
    hub.subscribe('conn-1', 'user-status', undefined, 0);
    hub.publish('user-status', 'changed', statusOf('c'), { userId: 'c' });
    expect(rec.events.map((e) => e.seq)).toEqual([3]);
  });

  it('stops delivering after unsubscribe and after the subscriber is removed', () => {
    const hub = aHub();
    const rec = aRecorder(hub);
    hub.subscribe('conn-1', 'user-status', undefined);
    expect(hub.unsubscribe('conn-1', 'user-status')).toBe(true);
    hub.publish('user-status', 'changed', statusOf('a'), { userId: 'a' });
    hub.subscribe('conn-1', 'user-status', undefined);
    hub.removeSubscriber('conn-1');
    hub.publish('user-status', 'changed', statusOf('a'), { userId: 'a' });
    expect(rec.events).toEqual([]);
    expect(hub.unsubscribe('conn-1', 'user-status')).toBe(false);
  });

  it('replaces the filter when the same subscriber subscribes to a topic again', () => {
    const hub = aHub();
    const rec = aRecorder(hub);
    hub.subscribe('conn-1', 'user-status', { userIds: ['a'] });
    hub.subscribe('conn-1', 'user-status', { userIds: ['b'] });
    hub.publish('user-status', 'changed', statusOf('a'), { userId: 'a' });
    hub.publish('user-status', 'changed', statusOf('b'), { userId: 'b' });
    expect(rec.events.map((e) => e.scope['userId'])).toEqual(['b']);
  });

  it('refuses an unknown topic and a bad filter, naming the field', () => {
    const hub = aHub();
    aRecorder(hub);
    const unknown = hub.subscribe('conn-1', 'weather', undefined);
    expect(unknown).toMatchObject({ status: 'refused', code: 'VALIDATION_FAILED', issues: [{ path: 'topic' }] });
    const bad = hub.subscribe('conn-1', 'user-status', { userIds: 'agent1' });
    expect(bad).toMatchObject({ status: 'refused', code: 'VALIDATION_FAILED', issues: [{ path: 'filter.userIds' }] });
    const tooMany = hub.subscribe('conn-1', 'user-status', {
      userIds: Array.from({ length: 5001 }, (_, i) => `u${i}`),
    });
    expect(tooMany).toMatchObject({ status: 'refused', issues: [{ path: 'filter.userIds' }] });
  });

  it('refuses what the topic does not authorize, and subscribes nothing', () => {
    const hub = aHub();
    hub.registerTopic('statistics', {
      filterSchema: z.object({ workgroupId: z.string() }),
      matches: (f, scope) => scope['workgroupId'] === f.workgroupId,
      authorize: (s, f) => (s.userId === 'supervisor' ? undefined : `watching ${f.workgroupId} needs a supervisor`),
    });
    const rec = aRecorder(hub);
    expect(hub.subscribe('conn-1', 'statistics', { workgroupId: 'Sales' })).toMatchObject({
      status: 'refused',
      code: 'FORBIDDEN',
    });
    hub.publish('statistics', 'updated', {}, { workgroupId: 'Sales' });
    expect(rec.events).toEqual([]);
  });

  it('fans one event out to a thousand subscribers, serializing it once', () => {
    const hub = aHub();
    const received: string[] = [];
    for (let i = 0; i < 1000; i += 1) {
      hub.addSubscriber(`conn-${i}`, aSubscriber({ sessionId: `s${i}` }), {
        deliver: (e) => received.push(e.json),
        end: () => undefined,
      });
      hub.subscribe(`conn-${i}`, 'user-status', i % 2 === 0 ? undefined : { userIds: ['nobody'] });
    }
    hub.publish('user-status', 'changed', statusOf('agent1'), { userId: 'agent1' });
    expect(received).toHaveLength(500);
    expect(new Set(received).size).toBe(1);
    expect(received.every((json) => json === received[0])).toBe(true);
  });

  it('serialises an event once for all its subscribers, and forgets the text once fanned out', () => {
    const hub = aHub();
    let serialised = 0;
    const data = { toJSON: () => ((serialised += 1), { userId: 'agent1', statusId: 'away' }) };
    const texts: string[] = [];
    for (const id of ['conn-1', 'conn-2', 'conn-3']) {
      hub.addSubscriber(id, aSubscriber(), { deliver: (e) => texts.push(e.json), end: () => undefined });
      hub.subscribe(id, 'user-status', undefined);
    }
    const since = hub.currentSeq();
    hub.publish('user-status', 'changed', data, { userId: 'agent1' });
    expect(serialised).toBe(1);
    // Not kept with the event in the ring: a replay makes the same text again.
    const result = hub.subscribe('conn-1', 'user-status', undefined, since);
    const replayed = result.status === 'subscribed' ? result.replay.map((e) => e.json) : [];
    expect(serialised).toBe(2);
    expect(replayed).toEqual([texts[0]]);
    expect(new Set(texts).size).toBe(1);
  });

  it('delivers an event published from inside a listener after the current one, to everyone', () => {
    const hub = aHub();
    const first: number[] = [];
    const second: number[] = [];
    hub.addSubscriber('first', aSubscriber(), {
      deliver: (e) => {
        first.push(e.seq);
        if (e.seq === 1) hub.publish('user-status', 'changed', statusOf('b'), { userId: 'b' });
      },
      end: () => undefined,
    });
    hub.addSubscriber('second', aSubscriber(), { deliver: (e) => second.push(e.seq), end: () => undefined });
    hub.subscribe('first', 'user-status', undefined);
    hub.subscribe('second', 'user-status', undefined);
    hub.publish('user-status', 'changed', statusOf('a'), { userId: 'a' });
    expect(first).toEqual([1, 2]);
    expect(second).toEqual([1, 2]);
  });

  it('keeps delivering to the others when one listener throws', () => {
    const errors: string[] = [];
    const hub = aHub({ onListenerError: (_e, id) => errors.push(id) });
    hub.addSubscriber('broken', aSubscriber(), {
      deliver: () => {
        throw new Error('boom');
      },
      end: () => undefined,
    });
    const rec = aRecorder(hub);
    hub.subscribe('broken', 'user-status', undefined);
    hub.subscribe('conn-1', 'user-status', undefined);
    hub.publish('user-status', 'changed', statusOf('a'), { userId: 'a' });
    expect(errors).toEqual(['broken']);
    expect(rec.events).toHaveLength(1);
  });

  it('ends every connection of a session with the reason, and only those', () => {
    const hub = aHub();
    const tab1 = aRecorder(hub, 'tab-1', aSubscriber({ sessionId: 'S1' }));
    const tab2 = aRecorder(hub, 'tab-2', aSubscriber({ sessionId: 'S1' }));
    const other = aRecorder(hub, 'other', aSubscriber({ sessionId: 'S2' }));
    expect(hub.endSession('S1', 'logged-on-elsewhere')).toBe(2);
    expect([tab1.endings, tab2.endings, other.endings]).toEqual([['logged-on-elsewhere'], ['logged-on-elsewhere'], []]);
    expect(hub.subscriberCount()).toBe(1);
  });

  it('refuses to register a topic twice and to publish to an unknown topic', () => {
    const hub = aHub();
    expect(() => hub.registerTopic('user-status', userStatusTopic)).toThrow(/already registered/);
    expect(() => hub.registerTopic(userStatusTopic)).toThrow(/already registered/);
    expect(() => hub.publish('weather', 'changed', {})).toThrow(/unknown topic/);
  });

  it('tells whether an event of a scope would reach any live subscription', () => {
    const hub = aHub();
    aRecorder(hub, 'conn-1');
    aRecorder(hub, 'conn-2');
    expect(hub.hasSubscribers('user-status', { userId: 'agent2' })).toBe(false);
    hub.subscribe('conn-1', 'user-status', { userIds: ['agent2'] });
    hub.subscribe('conn-2', 'user-status', { userIds: ['agent3'] });
    expect(hub.hasSubscribers('user-status', { userId: 'agent2' })).toBe(true);
    expect(hub.hasSubscribers('user-status', { userId: 'agent4' })).toBe(false);
    hub.unsubscribe('conn-1', 'user-status');
    expect(hub.hasSubscribers('user-status', { userId: 'agent2' })).toBe(false);
    hub.removeSubscriber('conn-2');
    expect(hub.hasSubscribers('user-status', { userId: 'agent3' })).toBe(false);
    expect(hub.hasSubscribers('nowhere', {})).toBe(false);
  });

  it('tells the topic of each subscription put in place, with its parsed filter, and not of refused ones', () => {
    const hub = aHub();
    const told: { filter: Set<string>; userId: string }[] = [];
    hub.registerTopic('board', {
      filterSchema: z.array(z.string()).transform((ids) => new Set(ids)),
      matches: (filter, scope) => filter.has(String(scope['id'])),
      authorize: (_subscriber, filter) => (filter.has('secret') ? 'no' : undefined),
      subscribed: (filter, subscriber) => told.push({ filter, userId: subscriber.userId }),
    });
    aRecorder(hub);
    hub.subscribe('conn-1', 'board', ['a', 'b']);
    hub.subscribe('conn-1', 'board', ['secret']);
    hub.subscribe('conn-1', 'board', 'not a list');
    hub.subscribe('conn-1', 'board', ['c'], hub.currentSeq());
    expect(told).toEqual([
      { filter: new Set(['a', 'b']), userId: 'agent1' },
      { filter: new Set(['c']), userId: 'agent1' },
    ]);
  });

  it('sends through a subscription channel to that subscription alone, in seq order, never replayed', () => {
    const hub = aHub();
    const channels = new Map<string, SubscriptionChannel>();
    hub.registerTopic('board', {
      filterSchema: z.array(z.string()).transform((ids) => new Set(ids)),
      matches: (filter, scope) => filter.has(String(scope['id'])),
      authorize: () => undefined,
      subscribed: (_filter, subscriber, channel) => channels.set(subscriber.sessionId, channel),
    });
    const one = aRecorder(hub, 'conn-1', aSubscriber({ sessionId: 's1' }));
    const two = aRecorder(hub, 'conn-2', aSubscriber({ sessionId: 's2' }));
    hub.subscribe('conn-1', 'board', ['a']);
    hub.subscribe('conn-2', 'board', ['a']);
    const before = hub.currentSeq();
    hub.publish('board', 'changed', { n: 1 }, { id: 'a' });
    expect(channels.get('s1')?.send('state', { n: 2 }, { id: 'a' })).toBe(true);
    // Outside the subscription's filter: refused, so a topic cannot send what it did not authorize.
    expect(channels.get('s1')?.send('state', { n: 3 }, { id: 'b' })).toBe(false);
    hub.publish('board', 'changed', { n: 4 }, { id: 'a' });
    expect(one.events.map((e) => [e.seq - before, e.event])).toEqual([
      [1, 'changed'],
      [2, 'state'],
      [3, 'changed'],
    ]);
    expect(two.events.map((e) => [e.seq - before, e.event])).toEqual([
      [1, 'changed'],
      [3, 'changed'],
    ]);
    expect(JSON.parse(one.events[1]?.json ?? '')).toEqual({ type: 'board.state', seq: before + 2, data: { n: 2 } });
    // A replay from before them holds the published events only, for either subscriber.
    const replayed = hub.subscribe('conn-1', 'board', ['a'], before);
    expect(replayed.status === 'subscribed' && replayed.replay.map((e) => e.event)).toEqual(['changed', 'changed']);
    // The replaced subscription's channel refuses; so does an ended one's.
    const old = channels.get('s1');
    hub.subscribe('conn-1', 'board', ['a']);
    expect(old?.send('state', { n: 5 }, { id: 'a' })).toBe(false);
    hub.unsubscribe('conn-2', 'board');
    expect(channels.get('s2')?.send('state', { n: 6 }, { id: 'a' })).toBe(false);
    expect(channels.get('s1')?.send('state', { n: 7 }, { id: 'a' })).toBe(true);
    expect(one.events.at(-1)?.data).toEqual({ n: 7 });
    expect(two.events).toHaveLength(2);
  });
});
