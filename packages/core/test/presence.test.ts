import { describe, expect, it } from 'vitest';
import {
  type TandemError,
  effectiveRights,
  planStatusChange,
  selectableStatuses,
  type StatusChange,
} from '../src/index.js';
import { aDirectory } from './builders.js';

const org = () =>
  aDirectory()
    .withBase()
    .with('status-messages', 'secret-project', {
      text: 'On the secret project',
      available: false,
      availableForAcd: false,
      selectableByAll: false,
    })
    .anAgent('agent1', { rights: [{ type: 'security', right: 'status-notes' }] })
    .anAgent('agent2')
    .anAgent('boss', { rights: [{ type: 'object', object: 'user', target: 'agent2', access: 'change-status' }] });

const change = (b: ReturnType<typeof org>, actorId: string, targetId: string, c: StatusChange) =>
  planStatusChange(
    { directory: b.directory, now: 5_000 },
    { actorId, actorRights: effectiveRights(b.directory, actorId), targetId, current: undefined },
    c,
  );

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as TandemError).code;
  }
  return 'OK';
};

describe('user statuses', () => {
  it('lets a user set an own status with notes when granted the Status Notes right', () => {
    const b = org();
    expect(change(b, 'agent1', 'agent1', { statusId: 'at-lunch', notes: 'back at 1' })).toMatchObject({
      userId: 'agent1',
      statusId: 'at-lunch',
      notes: 'back at 1',
      changedAt: 5_000,
      changedBy: 'agent1',
    });
    expect(codeOf(() => change(b, 'agent2', 'agent2', { statusId: 'at-lunch', notes: 'x' }))).toBe('FORBIDDEN');
  });

  it('needs the Change Status Users right for the target to set another user’s status', () => {
    const b = org();
    expect(codeOf(() => change(b, 'agent1', 'agent2', { statusId: 'gone-home' }))).toBe('FORBIDDEN');
    expect(codeOf(() => change(b, 'boss', 'agent2', { statusId: 'gone-home' }))).toBe('OK');
    expect(codeOf(() => change(b, 'boss', 'agent1', { statusId: 'gone-home' }))).toBe('FORBIDDEN');
  });

  it('never lets anyone pick a system-only status', () => {
    expect(codeOf(() => change(org(), 'agent1', 'agent1', { statusId: 'acd-agent-not-answering' }))).toBe(
      'STATUS_NOT_SELECTABLE',
    );
  });

  it('requires a forward number for Available, Forward', () => {
    const b = org();
    expect(codeOf(() => change(b, 'agent1', 'agent1', { statusId: 'available-forward' }))).toBe('VALIDATION_FAILED');
    expect(
      change(b, 'agent1', 'agent1', { statusId: 'available-forward', forwardNumber: '+32 2 555 0101' }).forwardNumber,
    ).toBe('+32 2 555 0101');
  });

  it('offers a restricted status only to users allowed it', () => {
    const b = org().anAgent('agent3', { allowedStatuses: ['secret-project'] });
    const ids = (u: string) => selectableStatuses(b.directory, u, effectiveRights(b.directory, u)).map((s) => s.id);
    expect(ids('agent1')).not.toContain('secret-project');
    expect(ids('agent3')).toContain('secret-project');
    expect(ids('agent1')).not.toContain('acd-agent-not-answering');
    expect(codeOf(() => change(b, 'agent1', 'agent1', { statusId: 'secret-project' }))).toBe('STATUS_NOT_SELECTABLE');
  });
});
