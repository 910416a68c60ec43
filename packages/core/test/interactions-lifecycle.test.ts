import { describe, expect, it } from 'vitest';
import {
  InteractionIdSequence,
  displayState,
  isInteractionId,
  queuesOf,
  requireInteraction,
  webToolsAttributes,
} from '../src/index.js';
import { aWorld, codeOf } from './interactions-builders.js';

describe('interaction ids', () => {
  it('hands out ten-digit ids one after another', () => {
    const ids = new InteractionIdSequence();
    expect([ids.newId(), ids.newId()]).toEqual(['1000000001', '1000000002']);
    expect(isInteractionId('1001830431')).toBe(true);
    expect(isInteractionId('42')).toBe(false);
  });

  it('continues after the largest id already used, so a restart reuses none', () => {
    expect(InteractionIdSequence.after('1001830431').newId()).toBe('1001830432');
    expect(InteractionIdSequence.after(undefined).newId()).toBe('1000000001');
    expect(InteractionIdSequence.after('9999999999').newId()).toBe('1000000001');
  });

  it('answers INTERACTION_NOT_FOUND for an unknown id', () => {
    expect(codeOf(() => requireInteraction(() => undefined, '1000000009'))).toBe('INTERACTION_NOT_FOUND');
  });
});

describe('an ACD chat from arrival to assignment', () => {
  it('is Offering when created, with the website’s attributes prefixed WebTools_', () => {
    const w = aWorld();
    const ix = w.create({ attributes: webToolsAttributes({ orderId: '77', WebTools_page: '/cart' }) });
    expect(ix).toMatchObject({ id: '1000000001', state: 'offering', direction: 'inbound', priority: 50, version: 1 });
    expect(ix.attributes).toEqual({ WebTools_orderId: '77', WebTools_page: '/cart' });
    expect(displayState(ix, w.nameOf)).toBe('Offering');
  });

  it('logs the manual’s routing events: Entered Workgroup, ACD - Wait Agent, ACD - Alerting, ACD - Assigned', () => {
    const w = aWorld();
    const ix = w.assigned('agent1');
    expect(ix.log.map((l) => l.text)).toEqual([
      'Offering',
      'Entered Workgroup Sales',
      'ACD - Wait Agent',
      'ACD - Alerting: Ada Lindqvist',
      'ACD - Assigned: Ada Lindqvist',
    ]);
    expect(displayState(ix, w.nameOf)).toBe('ACD - Assigned: Ada Lindqvist');
  });

  it('publishes an event per step and bumps the version', () => {
    const w = aWorld();
    const waiting = w.waiting();
    const alerted = w.run(waiting, { type: 'alert-agent', userId: 'agent2' });
    expect(alerted.events).toEqual([
      {
        type: 'interaction.alerting',
        interactionId: waiting.id,
        at: w.clock.now(),
        userId: 'agent2',
        workgroupId: 'Sales',
      },
    ]);
    expect(alerted.interaction.version).toBe(waiting.version + 1);
    expect(displayState(alerted.interaction, w.nameOf)).toBe('ACD - Alerting: Bruno Okafor');
  });

  it('shows an interaction whose alert timed out as waiting with the last attempted agent', () => {
    const w = aWorld();
    const ix = w.steps(
      w.waiting(),
      ['system', { type: 'alert-agent', userId: 'agent1' }],
      ['system', { type: 'alert-timeout' }],
    );
    expect(ix).toMatchObject({ state: 'acd-wait-agent', userId: undefined, lastAttemptedUserId: 'agent1' });
    expect(displayState(ix, w.nameOf)).toBe('ACD - Wait Agent -> Last Attempted: Ada Lindqvist');
  });

  it('keeps an ACD-assigned interaction visible in the workgroup queue and the agent’s queue', () => {
    const w = aWorld();
    expect(queuesOf(w.waiting())).toEqual([{ type: 'workgroup', id: 'Sales' }]);
    expect(queuesOf(w.assigned('agent1'))).toEqual([
      { type: 'user', id: 'agent1' },
      { type: 'workgroup', id: 'Sales' },
    ]);
  });

  it('gives a member who picks up from the workgroup queue ACD - Assigned', () => {
    const w = aWorld();
    const ix = w.run(w.waiting(), { type: 'pickup' }, 'agent2').interaction;
    expect(ix).toMatchObject({ state: 'acd-assigned', userId: 'agent2', workgroupId: 'Sales' });
  });

  it('gives a non-member who picks up Connected and takes it out of the workgroup queue', () => {
    const w = aWorld();
    const ix = w.run(w.waiting(), { type: 'pickup' }, 'outsider').interaction;
    expect(ix).toMatchObject({ state: 'connected', userId: 'outsider', workgroupId: undefined });
    expect(queuesOf(ix)).toEqual([{ type: 'user', id: 'outsider' }]);
    expect(displayState(ix, w.nameOf)).toBe('Connected');
  });

  it('times out in the queue with the Queue Timeout state', () => {
    const w = aWorld();
    const ix = w.run(w.waiting(), { type: 'queue-timeout' }).interaction;
    expect(ix).toMatchObject({ state: 'disconnected', disconnectReason: 'queue-timeout' });
    expect(displayState(ix, w.nameOf)).toBe('Queue Timeout');
  });

  it('refuses routing commands from users and in the wrong state', () => {
    const w = aWorld();
    expect(codeOf(() => w.run(w.waiting(), { type: 'alert-agent', userId: 'agent1' }, 'agent1'))).toBe(
      'ACTION_NOT_ALLOWED',
    );
    expect(codeOf(() => w.run(w.assigned(), { type: 'alert-timeout' }))).toBe('ACTION_NOT_ALLOWED');
    expect(codeOf(() => w.run(w.create(), { type: 'enqueue', workgroupId: 'Nowhere' }))).toBe('VALIDATION_FAILED');
  });

  it('validates priority, skill minimums and relaxation steps, naming the field', () => {
    const w = aWorld();
    expect(codeOf(() => w.create({ priority: 101 }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => w.create({ skills: [{ skillId: 'French', minProficiency: 0 }] }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => w.create({ relaxation: [{ afterSeconds: 0, lowerBy: 10 }] }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => w.create({ workgroupId: 'Nowhere' }))).toBe('VALIDATION_FAILED');
  });

  it('links a callback to the call placed from it', () => {
    const w = aWorld();
    const callback = w.create({ type: 'callback' });
    const call = w.create({ type: 'call', ownerId: 'agent1', parentId: callback.id });
    const linked = w.run(callback, { type: 'link-child', childId: call.id }).interaction;
    expect(linked.childIds).toEqual([call.id]);
    expect(call).toMatchObject({ parentId: callback.id, state: 'connected', direction: 'outbound' });
  });
});
