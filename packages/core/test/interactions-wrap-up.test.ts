import { describe, expect, it } from 'vitest';
import {
  RightSet,
  allowedActions,
  applyCommand,
  pendingWrapUps,
  type ActingUser,
  type InteractionContext,
} from '../src/index.js';
import { aWorld, codeOf } from './interactions-builders.js';

const disconnect = { type: 'disconnect', by: 'local' } as const;

describe('wrap-up', () => {
  it('asks the agent for a wrap-up code when its part ends, with the workgroup’s time limit', () => {
    const w = aWorld();
    const ended = w.run(w.assigned('agent1'), disconnect, 'agent1');
    expect(pendingWrapUps(ended.interaction)).toEqual([
      {
        userId: 'agent1',
        workgroupId: 'Sales',
        requestedAt: w.clock.now(),
        deadline: w.clock.now() + 60_000,
        state: 'pending',
        code: undefined,
      },
    ]);
    expect(ended.events.map((e) => e.type)).toEqual(['interaction.wrap-up-requested', 'interaction.disconnected']);
  });

  it('takes a code of the workgroup from the prompt', () => {
    const w = aWorld();
    const ended = w.run(w.assigned('agent1'), disconnect, 'agent1').interaction;
    expect(codeOf(() => w.run(ended, { type: 'set-wrap-up-code', code: 'Refund' }, 'agent1'))).toBe(
      'VALIDATION_FAILED',
    );
    const done = w.run(ended, { type: 'set-wrap-up-code', code: 'Sale' }, 'agent1').interaction;
    expect(done.wrapUps).toMatchObject([{ userId: 'agent1', state: 'done', code: 'Sale' }]);
    expect(codeOf(() => w.run(done, { type: 'set-wrap-up-code', code: 'NoSale' }, 'agent1'))).toBe('NOT_ASSIGNED');
  });

  it('closes the prompt without a code when the time limit is reached, not before', () => {
    const w = aWorld();
    const ended = w.run(w.assigned('agent1'), disconnect, 'agent1').interaction;
    w.advance(59);
    expect(codeOf(() => w.run(ended, { type: 'wrap-up-timeout', userId: 'agent1' }))).toBe('ACTION_NOT_ALLOWED');
    w.advance(1);
    const expired = w.run(ended, { type: 'wrap-up-timeout', userId: 'agent1' }).interaction;
    expect(expired.wrapUps).toMatchObject([{ state: 'expired', code: undefined }]);
  });

  it('asks nothing when the agent chose a code during the interaction, and records it for the segment', () => {
    const w = aWorld();
    const coded = w.run(w.assigned('agent1'), { type: 'set-wrap-up-code', code: 'Sale' }, 'agent1').interaction;
    const r = w.run(coded, { type: 'transfer', target: { type: 'workgroup', id: 'Support' } }, 'agent1');
    expect(pendingWrapUps(r.interaction)).toEqual([]);
    expect(r.interaction.wrapUps).toMatchObject([{ userId: 'agent1', state: 'done', code: 'Sale' }]);
  });

  it('asks each agent whose part ends: transfer, then park', () => {
    const w = aWorld();
    const toWg = w.run(
      w.assigned('agent1'),
      { type: 'transfer', target: { type: 'workgroup', id: 'Sales' } },
      'agent1',
    );
    const second = w.steps(
      toWg.interaction,
      ['system', { type: 'alert-agent', userId: 'agent2' }],
      ['agent2', { type: 'pickup' }],
    );
    const parked = w.run(second, { type: 'park', target: { type: 'user', id: 'boss' } }, 'agent2').interaction;
    expect(pendingWrapUps(parked).map((r) => r.userId)).toEqual(['agent1', 'agent2']);
  });

  it('asks nothing in a workgroup without wrap-up codes, nor of a non-member', () => {
    const w = aWorld();
    const support = w.steps(
      w.create(),
      ['system', { type: 'enqueue', workgroupId: 'Support' }],
      ['system', { type: 'alert-agent', userId: 'agent1' }],
      ['agent1', { type: 'pickup' }],
      ['agent1', disconnect],
    );
    expect(support.wrapUps).toEqual([]);
    const outsider = w.steps(w.waiting(), ['outsider', { type: 'pickup' }], ['outsider', disconnect]);
    expect(outsider.wrapUps).toEqual([]);
  });
});

describe('notes, private, account code, conference, assistance', () => {
  it('appends notes by the assigned agent only', () => {
    const w = aWorld();
    const noted = w.run(w.assigned('agent1'), { type: 'add-note', text: ' wants a refund ' }, 'agent1').interaction;
    expect(noted.notes).toEqual([{ at: w.clock.now(), userId: 'agent1', text: 'wants a refund' }]);
    expect(codeOf(() => w.run(noted, { type: 'add-note', text: 'x' }, 'agent2'))).toBe('NOT_ASSIGNED');
    expect(codeOf(() => w.run(noted, { type: 'add-note', text: '  ' }, 'agent1'))).toBe('VALIDATION_FAILED');
  });

  it('marks an interaction private', () => {
    const w = aWorld();
    expect(w.run(w.assigned('agent1'), { type: 'set-private', on: true }, 'agent1').interaction.private).toBe(true);
  });

  it('takes an account code that exists, when account codes are enabled and the agent may verify them', () => {
    const w = aWorld();
    const ix = w.assigned('agent1');
    expect(w.run(ix, { type: 'set-account-code', code: '1234' }, 'agent1').interaction.accountCode).toBe('1234');
    expect(codeOf(() => w.run(ix, { type: 'set-account-code', code: '9999' }, 'agent1'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => w.run(ix, { type: 'set-account-code', code: '12a' }, 'agent1'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => w.run(w.assigned('agent2'), { type: 'set-account-code', code: '1234' }, 'agent2'))).toBe(
      'FORBIDDEN',
    );
    w.directory.apply({ upserts: [], deletes: [{ kind: 'server-parameters', id: 'AccountCodesEnabled' }] });
    expect(codeOf(() => w.run(ix, { type: 'set-account-code', code: '1234' }, 'agent1'))).toBe('ACTION_NOT_ALLOWED');
  });

  it('takes from an agent only the account codes the View Account Codes right names', () => {
    const w = aWorld();
    w.directory.apply({
      upserts: [
        { kind: 'account-codes', id: '5678', revision: 1, createdAt: 0, updatedAt: 0, doc: { name: 'Project 5678' } },
      ],
      deletes: [],
    });
    const onlyCode1234 = new RightSet([
      { type: 'security', right: 'account-code-verification' },
      { type: 'object', object: 'account-code', target: '1234', access: 'view' },
    ]);
    const ix = w.assigned('agent1');
    const asAgent1 = (rights: RightSet): InteractionContext => ({
      ...w.ctx('agent1'),
      actor: { kind: 'user', userId: 'agent1', rights },
    });
    const set = (code: string, rights: RightSet) =>
      applyCommand(ix, { type: 'set-account-code', code }, asAgent1(rights)).interaction.accountCode;
    expect(set('1234', onlyCode1234)).toBe('1234');
    expect(codeOf(() => set('5678', onlyCode1234))).toBe('FORBIDDEN');
    expect(allowedActions(ix, asAgent1(onlyCode1234).actor as ActingUser, w.ctx('agent1').lookup)).toContain(
      'account-code',
    );
  });

  it('offers no account code action without the View Account Codes right, nor without Account Code Verification', () => {
    const w = aWorld();
    const ix = w.assigned('agent1');
    const lookup = w.ctx('agent1').lookup;
    const as = (rights: RightSet): ActingUser => ({ kind: 'user', userId: 'agent1', rights });
    const verifyOnly = new RightSet([{ type: 'security', right: 'account-code-verification' }]);
    const viewOnly = new RightSet([{ type: 'object', object: 'account-code', target: '*', access: 'view' }]);
    expect(allowedActions(ix, as(verifyOnly), lookup)).not.toContain('account-code');
    expect(allowedActions(ix, as(viewOnly), lookup)).not.toContain('account-code');
    const ctx = { ...w.ctx('agent1'), actor: as(viewOnly) };
    expect(codeOf(() => applyCommand(ix, { type: 'set-account-code', code: '1234' }, ctx))).toBe('FORBIDDEN');
  });

  it('conferences a chat: another user joins and leaves', () => {
    const w = aWorld();
    const joined = w.run(
      w.assigned('agent1'),
      { type: 'add-participant', participant: { id: 'agent2', kind: 'user', displayName: 'Bruno Okafor' } },
      'agent1',
    ).interaction;
    expect(joined.log.at(-1)?.text).toBe('Bruno Okafor has joined the conversation.');
    const left = w.run(joined, { type: 'remove-participant', participantId: 'agent2' }, 'agent1').interaction;
    expect(left.participants.find((p) => p.id === 'agent2')?.leftAt).toBe(w.clock.now());
    const email = w.assigned('agent1', { type: 'email' });
    expect(
      codeOf(() =>
        w.run(email, { type: 'add-participant', participant: { id: 'x', kind: 'user', displayName: 'X' } }, 'agent1'),
      ),
    ).toBe('ACTION_NOT_ALLOWED');
  });

  it('opens one assistance request per interaction, ended by the requester', () => {
    const w = aWorld();
    const asked = w.run(w.assigned('agent1'), { type: 'request-assistance', text: 'angry customer' }, 'agent1');
    expect(asked.events[0]).toMatchObject({
      type: 'interaction.assistance-requested',
      userId: 'agent1',
      workgroupId: 'Sales',
    });
    expect(codeOf(() => w.run(asked.interaction, { type: 'request-assistance', text: 'again' }, 'agent1'))).toBe(
      'ACTION_NOT_ALLOWED',
    );
    const done = w.run(asked.interaction, { type: 'end-assistance' }, 'agent1').interaction;
    expect(done.assistance?.state).toBe('done');
    expect(codeOf(() => w.run(w.assigned('agent2'), { type: 'request-assistance', text: 'x' }, 'agent2'))).toBe(
      'FORBIDDEN',
    );
  });
});
