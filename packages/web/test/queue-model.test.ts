import type { QueueInteraction, TandemEvent } from '@tandem/client';
import { describe, expect, it } from 'vitest';
import {
  applyQueueEvent,
  canPickup,
  mayPickupFrom,
  nameOf,
  viewableQueues,
  type QueueState,
} from '../src/features/queues/queue-model.js';

let nextSeq = 1;
const anItem = (id: string, over: Partial<QueueInteraction> = {}): QueueInteraction => ({
  id,
  type: 'chat',
  state: 'acd-wait-agent',
  createdAt: 1000,
  enteredQueueAt: 1000,
  priority: 50,
  workgroupId: 'Sales',
  attributes: {},
  ...over,
});
const event = (type: string, data: unknown): TandemEvent => ({ type, seq: nextSeq++, data });
const aQueue = (items: QueueInteraction[], over: Partial<QueueState> = {}): QueueState => ({
  items,
  total: items.length,
  limit: 50,
  stale: false,
  ...over,
});
const KEY = 'workgroup:Sales';

describe('a live workgroup queue', () => {
  it('adds an interaction in the server order: higher priority first, then the longest waiting', () => {
    const q = aQueue([anItem('1', { enteredQueueAt: 100 }), anItem('2', { enteredQueueAt: 300 })]);
    const next = applyQueueEvent(
      q,
      KEY,
      event('queue.added', { queue: KEY, interaction: anItem('3', { enteredQueueAt: 200 }) }),
    );
    expect(next.items.map((i) => i.id)).toEqual(['1', '3', '2']);
    const urgent = applyQueueEvent(
      next,
      KEY,
      event('queue.added', { queue: KEY, interaction: anItem('4', { priority: 90, enteredQueueAt: 999 }) }),
    );
    expect(urgent.items.map((i) => i.id)).toEqual(['4', '1', '3', '2']);
    expect(urgent.total).toBe(4);
  });

  it('replaces a changed interaction and drops a removed one', () => {
    const q = aQueue([anItem('1'), anItem('2')]);
    const changed = applyQueueEvent(
      q,
      KEY,
      event('queue.changed', { queue: KEY, interaction: anItem('1', { state: 'acd-alerting' }) }),
    );
    expect(changed.items.find((i) => i.id === '1')?.state).toBe('acd-alerting');
    const removed = applyQueueEvent(changed, KEY, event('queue.removed', { queue: KEY, interactionId: '1' }));
    expect(removed.items.map((i) => i.id)).toEqual(['2']);
    expect(removed).toMatchObject({ total: 1, stale: false });
  });

  it('shows at most the limit, counts the rest, and asks for a refetch when one leaves a full page', () => {
    const q = aQueue([anItem('1'), anItem('2')], { limit: 2, total: 2 });
    const more = applyQueueEvent(
      q,
      KEY,
      event('queue.added', { queue: KEY, interaction: anItem('3', { enteredQueueAt: 5000 }) }),
    );
    expect(more.items.map((i) => i.id)).toEqual(['1', '2']);
    expect(more.total).toBe(3);
    const left = applyQueueEvent(more, KEY, event('queue.removed', { queue: KEY, interactionId: '1' }));
    expect(left).toMatchObject({ total: 2, stale: true });
  });

  it('ignores events of other queues', () => {
    const q = aQueue([anItem('1')]);
    expect(applyQueueEvent(q, KEY, event('queue.removed', { queue: 'workgroup:Loans', interactionId: '1' }))).toBe(q);
  });
});

describe('queue rights', () => {
  const rights = [
    { type: 'queue', queueType: 'workgroup', target: 'Sales', level: 'view' },
    { type: 'queue', queueType: 'workgroup', target: 'Sales', level: 'modify', actions: ['transfer'] },
    { type: 'queue', queueType: 'workgroup', target: '*', level: 'search' },
    { type: 'queue', queueType: 'user', target: '*', level: 'view' },
  ];

  it('offers the queues of workgroups the user holds any right on, as the server lets any level see a queue', () => {
    const named = [{ type: 'queue', queueType: 'workgroup', target: 'Sales', level: 'modify' }];
    expect(viewableQueues(named, ['Loans', 'Sales', 'Support'])).toEqual(['Sales']);
    expect(viewableQueues(rights, ['A', 'B'])).toEqual(['A', 'B']);
    expect(viewableQueues([{ type: 'queue', queueType: 'user', target: '*', level: 'view' }], ['A'])).toEqual([]);
    expect(viewableQueues(undefined, ['A'])).toEqual([]);
  });

  it('allows pickup with a modify right whose actions include pickup (or name none)', () => {
    expect(mayPickupFrom(rights, 'Sales')).toBe(false);
    expect(
      mayPickupFrom([...rights, { type: 'queue', queueType: 'workgroup', target: '*', level: 'modify' }], 'Sales'),
    ).toBe(true);
  });

  it("follows the server's allowed actions when the item has them, else the right and a waiting state", () => {
    expect(canPickup(anItem('1', { allowedActions: ['transfer'] }), true)).toBe(false);
    expect(canPickup(anItem('1', { allowedActions: ['pickup'] }), false)).toBe(true);
    expect(canPickup(anItem('1'), true)).toBe(true);
    expect(canPickup(anItem('1', { state: 'connected' }), true)).toBe(false);
    expect(canPickup(anItem('1'), false)).toBe(false);
  });

  it('names an item after its customer, else the e-mail sender, else its type and id', () => {
    const customer = { kind: 'customer', displayName: 'Vera Visitor' };
    expect(nameOf(anItem('1', { participants: [customer] }))).toBe('Vera Visitor');
    expect(nameOf(anItem('2', { type: 'email', attributes: { Email_From: 'a@b.example' } }))).toBe('a@b.example');
    expect(nameOf(anItem('3', { type: 'generic' }))).toBe('generic 3');
  });
});
