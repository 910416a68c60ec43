import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLD_LIMIT_MS, applyCommand, displayState, holdLimitAt, queuesOf } from '../src/index.js';
import { aWorld, codeOf } from './interactions-builders.js';

describe('hold', () => {
  it('holds and takes off hold, back to ACD - Assigned', () => {
    const w = aWorld();
    const held = w.run(w.assigned(), { type: 'hold' }, 'agent1').interaction;
    expect(held).toMatchObject({ state: 'held', heldAt: w.clock.now(), heldFrom: 'acd-assigned' });
    expect(displayState(held, w.nameOf)).toBe('Held');
    expect(w.run(held, { type: 'unhold' }, 'agent1').interaction.state).toBe('acd-assigned');
    expect(w.run(held, { type: 'pickup' }, 'agent1').interaction.state).toBe('acd-assigned');
  });

  it('disconnects an interaction held longer than the 15-minute default limit', () => {
    const w = aWorld();
    const held = w.run(w.assigned(), { type: 'hold' }, 'agent1').interaction;
    expect(holdLimitAt(held)).toBe(w.clock.now() + DEFAULT_HOLD_LIMIT_MS);
    w.advance(15 * 60 - 1);
    expect(codeOf(() => w.run(held, { type: 'hold-timeout', action: { kind: 'disconnect' } }))).toBe(
      'ACTION_NOT_ALLOWED',
    );
    w.advance(1);
    const ended = w.run(held, { type: 'hold-timeout', action: { kind: 'disconnect' } }).interaction;
    expect(ended).toMatchObject({ state: 'disconnected', disconnectReason: 'hold-timeout' });
    expect(ended.log.map((l) => l.text)).toContain('Hold limit reached');
  });

  it('applies a configured hold limit and action: transfer to another queue after 20 minutes', () => {
    const w = aWorld();
    const held = w.run(w.assigned(), { type: 'hold' }, 'agent1').interaction;
    const toSupport = {
      type: 'hold-timeout',
      action: { kind: 'transfer', target: { type: 'workgroup', id: 'Support' } },
    } as const;
    const twentyMinutes = () => w.ctx('system', 20 * 60_000);
    w.advance(19 * 60);
    expect(codeOf(() => applyCommand(held, toSupport, twentyMinutes()))).toBe('ACTION_NOT_ALLOWED');
    w.advance(60);
    const moved = applyCommand(held, toSupport, twentyMinutes()).interaction;
    expect(moved).toMatchObject({ state: 'acd-wait-agent', workgroupId: 'Support', userId: undefined });
    expect(moved.log.map((l) => l.text).slice(-5)).toEqual([
      'Hold limit reached',
      'Wrap-up requested',
      'Transferred to Support',
      'Entered Workgroup Support',
      'ACD - Wait Agent',
    ]);
  });
});

describe('transfer and park', () => {
  it('transfers to a user: the user is alerted, and it leaves the workgroup queue but keeps its workgroup for wrap-up', () => {
    const w = aWorld();
    const start = w.assigned('agent1');
    const r = w.run(start, { type: 'transfer', target: { type: 'user', id: 'agent2' } }, 'agent1');
    expect(r.interaction).toMatchObject({ state: 'alerting', userId: 'agent2', workgroupId: start.workgroupId });
    expect(queuesOf(r.interaction)).toEqual([{ type: 'user', id: 'agent2' }]);
    expect(r.events.map((e) => e.type)).toEqual(['interaction.wrap-up-requested', 'interaction.transferred']);
    const picked = w.run(r.interaction, { type: 'pickup' }, 'agent2').interaction;
    expect(displayState(picked, w.nameOf)).toBe('Connected');
  });

  it('transfers to a workgroup: it enters that queue afresh, keeping priority and skills', () => {
    const w = aWorld();
    const start = w.assigned('agent1', { priority: 80, skills: [{ skillId: 'French', minProficiency: 40 }] });
    w.advance(30);
    const moved = w.run(
      start,
      { type: 'transfer', target: { type: 'workgroup', id: 'Support' } },
      'agent1',
    ).interaction;
    expect(moved).toMatchObject({
      state: 'acd-wait-agent',
      workgroupId: 'Support',
      enteredQueueAt: w.clock.now(),
      priority: 80,
      skills: [{ skillId: 'French', minProficiency: 40 }],
    });
  });

  it('needs the Transfer right and a transfer-target right on the destination', () => {
    const w = aWorld();
    const target = { type: 'user', id: 'agent1' } as const;
    expect(codeOf(() => w.run(w.create({ ownerId: 'plain' }), { type: 'transfer', target }, 'plain'))).toBe(
      'FORBIDDEN',
    );
    const outsiders = w.run(w.waiting(), { type: 'pickup' }, 'outsider').interaction;
    expect(codeOf(() => w.run(outsiders, { type: 'transfer', target }, 'outsider'))).toBe('FORBIDDEN');
    expect(
      codeOf(() => w.run(w.assigned('agent1'), { type: 'transfer', target: { type: 'user', id: 'nobody' } }, 'agent1')),
    ).toBe('VALIDATION_FAILED');
  });

  it('parks on another queue without alerting anyone; the owner of that queue picks it up', () => {
    const w = aWorld();
    const parked = w.run(
      w.assigned('agent1'),
      { type: 'park', target: { type: 'user', id: 'agent2' } },
      'agent1',
    ).interaction;
    expect(parked).toMatchObject({ state: 'parked', userId: 'agent2', queue: { type: 'user', id: 'agent2' } });
    expect(displayState(parked, w.nameOf)).toBe('Parked');
    expect(w.run(parked, { type: 'pickup' }, 'agent2').interaction).toMatchObject({
      state: 'connected',
      userId: 'agent2',
    });
  });

  it('parks on a workgroup queue, where it waits without ACD routing', () => {
    const w = aWorld();
    const parked = w.run(
      w.assigned('agent1'),
      { type: 'park', target: { type: 'workgroup', id: 'Support' } },
      'agent1',
    ).interaction;
    expect(parked).toMatchObject({ state: 'parked', userId: undefined, workgroupId: undefined });
    expect(queuesOf(parked)).toEqual([{ type: 'workgroup', id: 'Support' }]);
  });
});

describe('disconnect', () => {
  it('tells a local from a remote disconnect', () => {
    const w = aWorld();
    const local = w.run(w.assigned('agent1'), { type: 'disconnect', by: 'local' }, 'agent1').interaction;
    expect(displayState(local, w.nameOf)).toBe('Disconnected (Local Disconnect)');
    const remote = w.run(w.assigned('agent1'), { type: 'disconnect', by: 'remote' }).interaction;
    expect(displayState(remote, w.nameOf)).toBe('Disconnected (Remote Disconnect)');
    expect(remote.participants.every((p) => p.leftAt !== undefined)).toBe(true);
  });

  it('refuses a remote disconnect from a user and any action on a disconnected interaction', () => {
    const w = aWorld();
    expect(codeOf(() => w.run(w.assigned('agent1'), { type: 'disconnect', by: 'remote' }, 'agent1'))).toBe(
      'ACTION_NOT_ALLOWED',
    );
    const ended = w.run(w.assigned('agent1'), { type: 'disconnect', by: 'local' }, 'agent1').interaction;
    expect(codeOf(() => w.run(ended, { type: 'hold' }, 'agent1'))).toBe('ACTION_NOT_ALLOWED');
  });
});
