import type { InteractionView, TandemEvent } from '@tandem/client';
import { describe, expect, it } from 'vitest';
import {
  applyQueueEvent,
  detailsOf,
  isAlertingFor,
  nameOf,
  pendingWrapUp,
  upsert,
} from '../src/features/my-interactions/interaction-model.js';
import { AlertTracker } from '../src/features/notifications/alert-tracker.js';

function anInteraction(overrides: Partial<InteractionView> = {}): InteractionView {
  return {
    id: '1000000001',
    type: 'chat',
    direction: 'inbound',
    state: 'acd-alerting',
    displayState: 'ACD - Alerting',
    createdAt: 0,
    stateChangedAt: 0,
    queue: { type: 'user', id: 'agent1' },
    workgroupId: 'Support',
    userId: 'agent1',
    priority: 50,
    attributes: {},
    notes: [],
    participants: [],
    childIds: [],
    log: [],
    wrapUps: [],
    private: false,
    version: 1,
    ...overrides,
  };
}
const event = (type: string, seq: number, data: unknown): TandemEvent => ({ type, seq, data });

describe('the My Interactions list', () => {
  it('adds, replaces and removes interactions from queue events', () => {
    const added = applyQueueEvent([], event('queue.added', 1, { queue: 'user:agent1', interaction: anInteraction() }));
    expect(added.map((ix) => ix.id)).toEqual(['1000000001']);
    const changed = applyQueueEvent(
      added,
      event('queue.changed', 2, { interaction: anInteraction({ state: 'acd-assigned', version: 2 }) }),
    );
    expect(changed[0]?.state).toBe('acd-assigned');
    expect(applyQueueEvent(changed, event('queue.removed', 3, { interactionId: '1000000001' }))).toEqual([]);
  });

  it('never goes back to an older version, and keeps the allowed actions an event does not carry', () => {
    const list = [anInteraction({ version: 3, allowedActions: ['hold'] })];
    expect(upsert(list, anInteraction({ version: 2 }))).toBe(list);
    expect(upsert(list, anInteraction({ version: 4, state: 'held' }))[0]).toMatchObject({
      state: 'held',
      allowedActions: ['hold'],
    });
  });

  it('answers the same list for an event that changes nothing in it', () => {
    const list = [anInteraction()];
    expect(applyQueueEvent(list, event('queue.removed', 5, { interactionId: '9999999999' }))).toBe(list);
  });

  it('names an interaction by its customer, and describes emails by subject and callbacks by number', () => {
    expect(nameOf(anInteraction({ attributes: { Eic_RemoteName: 'Vera' } }))).toBe('Vera');
    expect(
      nameOf(anInteraction({ participants: [{ id: 'v', kind: 'customer', displayName: 'Ann', joinedAt: 0 }] })),
    ).toBe('Ann');
    expect(nameOf(anInteraction({ attributes: { Email_Mode: 'reply-all' }, parentId: '1000000007' }))).toBe(
      'Reply all (to 1000000007)',
    );
    expect(detailsOf(anInteraction({ type: 'email', attributes: { Email_Subject: 'Broken router' } }))).toBe(
      'Broken router',
    );
    expect(
      detailsOf(
        anInteraction({
          type: 'callback',
          attributes: { Tandem_CallbackTelephone: '+1 555', Tandem_CallbackSubject: 'Bill' },
        }),
      ),
    ).toBe('+1 555 · Bill');
  });

  it('knows what rings for this user and which wrap-up is still asked of them', () => {
    expect(isAlertingFor(anInteraction(), 'agent1')).toBe(true);
    expect(isAlertingFor(anInteraction(), 'agent2')).toBe(false);
    expect(isAlertingFor(anInteraction({ state: 'acd-assigned' }), 'agent1')).toBe(false);
    const wrapUps: InteractionView['wrapUps'] = [
      { userId: 'agent1', workgroupId: 'Support', requestedAt: 0, deadline: 60_000, state: 'pending' },
      { userId: 'agent2', workgroupId: 'Support', requestedAt: 0, deadline: 60_000, state: 'done', code: 'Resolved' },
    ];
    expect(pendingWrapUp(anInteraction({ wrapUps }), 'agent1')).toMatchObject({ deadline: 60_000 });
    expect(pendingWrapUp(anInteraction({ wrapUps }), 'agent2')).toBeUndefined();
  });
});

describe('alerting announcements', () => {
  it('announces each interaction once per alerting spell', () => {
    const tracker = new AlertTracker();
    expect(tracker.next(['a'])).toEqual(['a']);
    expect(tracker.next(['a', 'b'])).toEqual(['b']);
    expect(tracker.next(['b'])).toEqual([]);
    expect(tracker.next(['a', 'b'])).toEqual(['a']);
  });
});
