import { describe, expect, it } from 'vitest';
import { effectiveRights, queueRightProblem, rightSchema } from '../src/index.js';
import { aDirectory } from './builders.js';

describe('effective rights', () => {
  it('are the union of what the user, its roles and its workgroups are granted', () => {
    const { directory } = aDirectory()
      .aRole('Agent', [{ type: 'security', right: 'transfer' }])
      .aWorkgroup('Sales', { rights: [{ type: 'queue', queueType: 'workgroup', target: 'Sales', level: 'view' }] })
      .anAgent('agent1', {
        roles: ['Agent'],
        workgroups: ['Sales'],
        rights: [{ type: 'security', right: 'status-notes' }],
      });
    const rights = effectiveRights(directory, 'agent1');
    expect(rights.has('transfer')).toBe(true);
    expect(rights.has('status-notes')).toBe(true);
    expect(rights.canOnQueue('workgroup', 'Sales', 'view')).toBe(true);
    expect(rights.canOnQueue('workgroup', 'Loans', 'view')).toBe(false);
  });

  it('grant nothing to an unknown user', () => {
    expect(effectiveRights(aDirectory().directory, 'ghost').rights).toEqual([]);
  });

  it('let the Master Administrator into every configuration area, and a modify right imply view', () => {
    const { directory } = aDirectory()
      .anAgent('root', { rights: [{ type: 'admin', area: '*', access: 'modify' }] })
      .anAgent('useradmin', { rights: [{ type: 'admin', area: 'users', access: 'modify' }] })
      .anAgent('viewer', { rights: [{ type: 'admin', area: 'skills', access: 'view' }] });
    expect(effectiveRights(directory, 'root').canAdmin('licences', 'modify')).toBe(true);
    expect(effectiveRights(directory, 'useradmin').canAdmin('users', 'view')).toBe(true);
    expect(effectiveRights(directory, 'useradmin').canAdmin('rights', 'modify')).toBe(false);
    expect(effectiveRights(directory, 'viewer').canAdmin('skills', 'modify')).toBe(false);
  });

  it('limit a queue right narrowed to some actions to those actions', () => {
    const { directory } = aDirectory()
      .aWorkgroup('Support')
      .anAgent('a', {
        rights: [{ type: 'queue', queueType: 'workgroup', target: 'Support', level: 'modify', actions: ['pickup'] }],
      });
    const rights = effectiveRights(directory, 'a');
    expect(rights.canOnQueue('workgroup', 'Support', 'pickup')).toBe(true);
    expect(rights.canOnQueue('workgroup', 'Support', 'transfer')).toBe(false);
    expect(rights.canOnQueue('workgroup', 'Support', 'view')).toBe(true);
  });

  it('do not put hold among the modify actions of workgroup queues, as the manual lists them', () => {
    const right = rightSchema.parse({
      type: 'queue',
      queueType: 'workgroup',
      target: '*',
      level: 'modify',
      actions: ['hold'],
    });
    expect(queueRightProblem(right)).toMatch(/'hold' is not a modify action on workgroup queues/);
  });

  it('let manage include view on a process but not launch', () => {
    const { directory } = aDirectory().anAgent('p', {
      rights: [{ type: 'process', definition: 'car-loan', access: 'manage' }],
    });
    const rights = effectiveRights(directory, 'p');
    expect(rights.canProcess('car-loan', 'view')).toBe(true);
    expect(rights.canProcess('car-loan', 'launch')).toBe(false);
    expect(rights.canProcess('expenses', 'view')).toBe(false);
  });
});
