import { describe, expect, it } from 'vitest';
import { actionBlock, allowedActions, type Interaction } from '../src/index.js';
import { aWorld, codeOf } from './interactions-builders.js';

const w = aWorld();
const actions = (ix: Interaction, userId: string) => allowedActions(ix, w.user(userId), w.lookup);

const waiting = w.waiting();
const alerting = w.run(waiting, { type: 'alert-agent', userId: 'agent1' }).interaction;
const assigned = w.run(alerting, { type: 'pickup' }, 'agent1').interaction;
const held = w.run(assigned, { type: 'hold' }, 'agent1').interaction;
const ended = w.run(assigned, { type: 'disconnect', by: 'local' }, 'agent1').interaction;

describe('allowed actions per state, for the agent it is assigned to', () => {
  it('lets the alerted agent pick up, transfer or disconnect, nothing else', () => {
    expect(actions(alerting, 'agent1')).toEqual(['pickup', 'disconnect', 'transfer']);
  });

  it('lets the agent work an assigned chat', () => {
    expect(actions(assigned, 'agent1')).toEqual([
      'hold',
      'disconnect',
      'transfer',
      'park',
      'wrap-up',
      'account-code',
      'notes',
      'private',
      'conference',
      'request-assistance',
    ]);
  });

  it('offers unhold and pickup on a held chat, and no hold or conference', () => {
    expect(actions(held, 'agent1')).toEqual([
      'pickup',
      'unhold',
      'disconnect',
      'transfer',
      'park',
      'wrap-up',
      'account-code',
      'notes',
      'private',
      'request-assistance',
    ]);
  });

  it('leaves only the wrap-up code and the account code after disconnect', () => {
    expect(actions(ended, 'agent1')).toEqual(['wrap-up', 'account-code']);
  });

  it('offers no conference on an email', () => {
    expect(actions(w.assigned('agent1', { type: 'email' }), 'agent1')).not.toContain('conference');
  });
});

describe('allowed actions per rights', () => {
  it('drops what the agent lacks the security right for: transfer, account codes, assistance', () => {
    const own = w.assigned('agent2');
    expect(actions(own, 'agent2')).toEqual([
      'hold',
      'disconnect',
      'transfer',
      'park',
      'wrap-up',
      'notes',
      'private',
      'conference',
    ]);
    const plainsOwn = w.create({ ownerId: 'plain' });
    expect(actions(plainsOwn, 'plain')).toEqual(['hold', 'disconnect', 'park', 'notes', 'private', 'conference']);
  });

  it('lets workgroup members act on the waiting queue as their workgroup queue rights say', () => {
    expect(actions(waiting, 'agent2')).toEqual(['pickup', 'disconnect', 'transfer']);
    expect(actions(waiting, 'outsider')).toEqual(['pickup']);
    expect(actions(waiting, 'plain')).toEqual([]);
  });

  it('lets a user with Modify User Queues act on another agent’s interaction, but not its notes or codes', () => {
    expect(actions(assigned, 'boss')).toEqual(['hold', 'disconnect', 'transfer', 'park']);
    expect(actions(assigned, 'agent2')).toEqual([]);
  });

  it('says why an action is refused: state, ownership or rights', () => {
    expect(actionBlock(alerting, w.user('agent1'), 'hold', w.lookup)?.code).toBe('ACTION_NOT_ALLOWED');
    expect(actionBlock(assigned, w.user('agent2'), 'notes', w.lookup)?.code).toBe('NOT_ASSIGNED');
    expect(actionBlock(assigned, w.user('agent2'), 'hold', w.lookup)?.code).toBe('FORBIDDEN');
  });

  it('refuses a command with the code allowedActions gives', () => {
    expect(codeOf(() => w.run(assigned, { type: 'hold' }, 'agent2'))).toBe('FORBIDDEN');
    expect(codeOf(() => w.run(assigned, { type: 'hold' }, 'boss'))).toBe('OK');
    expect(codeOf(() => w.run(alerting, { type: 'hold' }, 'agent1'))).toBe('ACTION_NOT_ALLOWED');
  });
});
