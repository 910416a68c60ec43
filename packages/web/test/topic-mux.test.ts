import type { TandemEvent } from '@tandem/client';
import { describe, expect, it } from 'vitest';
import { SnapshotBuffer } from '../src/app/snapshot-buffer.js';
import { TopicMux, eventMatches, mergeFilters, type StreamPort } from '../src/app/topic-mux.js';

/** A stream that records subscribes and lets the test push events and acknowledgements. */
function aFakeStream() {
  const subscribes: { topic: string; filter: unknown; since: number | undefined }[] = [];
  const unsubscribes: string[] = [];
  const handlers = new Map<string, ((payload: never) => void)[]>();
  const acks: ((seq: number) => void)[] = [];
  let lastSeq: number | undefined;
  const stream = {
    get lastSeq() {
      return lastSeq;
    },
    subscribe(topic: string, filter: unknown, options: { since?: number } = {}) {
      subscribes.push({ topic, filter, since: options.since });
      const ready = new Promise<number>((resolve) => acks.push(resolve));
      return { topic, ready, unsubscribe: () => undefined };
    },
    unsubscribe(topic: string) {
      unsubscribes.push(topic);
    },
    on(type: string, handler: (payload: never) => void) {
      handlers.set(type, [...(handlers.get(type) ?? []), handler]);
      return () => undefined;
    },
    onEvent(handler: (event: TandemEvent) => void) {
      return stream.on('*', handler);
    },
  };
  const emit = (type: string, payload: unknown) => {
    for (const h of handlers.get(type) ?? []) (h as (p: unknown) => void)(payload);
  };
  return {
    stream: stream as unknown as StreamPort,
    subscribes,
    unsubscribes,
    push(event: TandemEvent) {
      lastSeq = event.seq;
      emit('*', event);
    },
    resync: (topic: string) => emit('resync', { topic }),
    refuse: (topic: string) => emit('error', { code: 'FORBIDDEN', message: 'no', topic }),
    ackAll: (seq: number) => acks.splice(0).forEach((ack) => ack(seq)),
  };
}

const queueEvent = (seq: number, queue: string, id: string): TandemEvent => ({
  type: 'queue.added',
  seq,
  data: { queue, interaction: { id } },
});

describe('one event stream shared by many views', () => {
  it('subscribes once per topic with the union of the filters, resuming from the last seq', () => {
    const fake = aFakeStream();
    const mux = new TopicMux(fake.stream);
    mux.listen('queue', { filter: { queues: ['user:agent1'] }, onEvent: () => undefined });
    fake.push(queueEvent(10, 'user:agent1', '0000000001'));
    mux.listen('queue', { filter: { queues: ['workgroup:Support'] }, onEvent: () => undefined });
    expect(fake.subscribes).toEqual([
      { topic: 'queue', filter: { queues: ['user:agent1'] }, since: undefined },
      { topic: 'queue', filter: { queues: ['user:agent1', 'workgroup:Support'] }, since: 10 },
    ]);
  });

  it('hands each listener only the events of its own queues', () => {
    const fake = aFakeStream();
    const mux = new TopicMux(fake.stream);
    const mine: number[] = [];
    const theirs: number[] = [];
    mux.listen('queue', { filter: { queues: ['user:agent1'] }, onEvent: (e) => mine.push(e.seq) });
    mux.listen('queue', { filter: { queues: ['workgroup:Support'] }, onEvent: (e) => theirs.push(e.seq) });
    fake.push(queueEvent(1, 'user:agent1', '0000000001'));
    fake.push(queueEvent(2, 'workgroup:Support', '0000000002'));
    expect(mine).toEqual([1]);
    expect(theirs).toEqual([2]);
  });

  it('does not resubscribe for a filter already covered, and unsubscribes when the last listener leaves', () => {
    const fake = aFakeStream();
    const mux = new TopicMux(fake.stream);
    const off1 = mux.listen('user-status', { filter: { userIds: ['a'] }, onEvent: () => undefined });
    const off2 = mux.listen('user-status', { filter: { userIds: ['a'] }, onEvent: () => undefined });
    expect(fake.subscribes).toHaveLength(1);
    off1();
    off2();
    expect(fake.unsubscribes).toEqual(['user-status']);
  });

  it('tells a listener when its subscription is acknowledged, and when its topic needs a resync', async () => {
    const fake = aFakeStream();
    const mux = new TopicMux(fake.stream);
    const said: string[] = [];
    mux.listen('queue', {
      filter: { queues: ['user:agent1'] },
      onEvent: () => undefined,
      onReady: () => said.push('ready'),
      onResync: () => said.push('resync'),
    });
    fake.ackAll(5);
    await Promise.resolve();
    fake.resync('queue');
    fake.resync('statistics');
    expect(said).toEqual(['ready', 'resync']);
  });

  it('subscribes again after a refusal once the listeners change, without the refused filter', () => {
    const fake = aFakeStream();
    const mux = new TopicMux(fake.stream);
    mux.listen('queue', { filter: { queues: ['user:agent1'] }, onEvent: () => undefined });
    const off = mux.listen('queue', { filter: { queues: ['workgroup:Secret'] }, onEvent: () => undefined });
    fake.refuse('queue');
    off();
    expect(fake.subscribes.at(-1)).toEqual({ topic: 'queue', filter: { queues: ['user:agent1'] }, since: undefined });
    expect(fake.subscribes).toHaveLength(3);
  });

  it('merges user-status filters to "everyone" when one listener wants everyone', () => {
    expect(mergeFilters('user-status', [{ userIds: ['a'] }, {}])).toBeUndefined();
    expect(mergeFilters('statistics', [{ workgroupIds: ['B'] }, { workgroupIds: ['A'], userIds: ['u'] }])).toEqual({
      workgroupIds: ['A', 'B'],
      userIds: ['u'],
    });
  });

  it('matches statistics events by workgroup or agent, and interaction events by id', () => {
    const wg: TandemEvent = { type: 'statistics.workgroup', seq: 1, data: { workgroupId: 'Support' } };
    expect(eventMatches('statistics', { workgroupIds: ['Support'] }, wg)).toBe(true);
    expect(eventMatches('statistics', { userIds: ['Support'] }, wg)).toBe(false);
    const chat: TandemEvent = { type: 'interaction.chat-message', seq: 2, data: { interactionId: '0000000001' } };
    expect(eventMatches('interaction', { interactionIds: ['0000000001'] }, chat)).toBe(true);
    expect(eventMatches('interaction', { interactionIds: ['0000000002'] }, chat)).toBe(false);
  });
});

describe('a REST snapshot joined with live events', () => {
  const apply = (state: number[], event: TandemEvent) => [...state, event.seq];

  it('applies only the events newer than the snapshot, including those that came before it', () => {
    const buffer = new SnapshotBuffer(apply);
    expect(buffer.event({ type: 'queue.added', seq: 4, data: {} })).toBeUndefined();
    buffer.event({ type: 'queue.added', seq: 6, data: {} });
    expect(buffer.snapshot([], 5)).toEqual([6]);
    expect(buffer.event({ type: 'queue.added', seq: 5, data: {} })).toEqual([6]);
    expect(buffer.event({ type: 'queue.added', seq: 7, data: {} })).toEqual([6, 7]);
  });

  it('holds events again after a reset until the next snapshot', () => {
    const buffer = new SnapshotBuffer(apply);
    buffer.snapshot([], 1);
    buffer.reset();
    expect(buffer.event({ type: 'queue.added', seq: 3, data: {} })).toBeUndefined();
    expect(buffer.snapshot([], 2)).toEqual([3]);
  });
});
