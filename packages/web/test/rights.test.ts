import { describe, expect, it } from 'vitest';
import { hasRight } from '../src/app/rights.js';

const rights = [
  { type: 'admin', area: 'users', access: 'view' },
  { type: 'queue', queueType: 'workgroup', target: 'Support', level: 'modify' },
  { type: 'queue', queueType: 'user', target: '*', level: 'search' },
  { type: 'object', object: 'workgroup', target: 'Support', access: 'statistics' },
  { type: 'process', definition: '*', access: 'manage' },
  { type: 'security', right: 'transfer' },
];

describe('rights evaluated in the client', () => {
  it('grants admin view but not modify from a view right, and everything to a master administrator', () => {
    expect(hasRight(rights, { type: 'admin', area: 'users' })).toBe(true);
    expect(hasRight(rights, { type: 'admin', area: 'users', access: 'modify' })).toBe(false);
    expect(hasRight(rights, { type: 'admin', area: 'skills' })).toBe(false);
    const master = [{ type: 'admin', area: '*', access: 'modify' }];
    expect(hasRight(master, { type: 'admin', area: 'skills', access: 'modify' })).toBe(true);
  });

  it('lets any queue level view the queue, and a wildcard target cover every queue', () => {
    expect(hasRight(rights, { type: 'queue', queueType: 'workgroup', target: 'Support', level: 'view' })).toBe(true);
    expect(hasRight(rights, { type: 'queue', queueType: 'workgroup', target: 'Support', level: 'monitor' })).toBe(
      false,
    );
    expect(hasRight(rights, { type: 'queue', queueType: 'workgroup', target: 'Sales', level: 'view' })).toBe(false);
    expect(hasRight(rights, { type: 'queue', queueType: 'user', target: 'agent7', level: 'search' })).toBe(true);
  });

  it('answers "any" for a wildcard in the check (is there some workgroup with statistics?)', () => {
    expect(hasRight(rights, { type: 'object', object: 'workgroup', target: '*', access: 'statistics' })).toBe(true);
    expect(hasRight(rights, { type: 'object', object: 'user', target: '*', access: 'statistics' })).toBe(false);
  });

  it('lets manage imply view on processes, and reads security rights', () => {
    expect(hasRight(rights, { type: 'process', definition: 'Onboarding', access: 'view' })).toBe(true);
    expect(hasRight(rights, { type: 'process', definition: 'Onboarding', access: 'launch' })).toBe(false);
    expect(hasRight(rights, { type: 'security', right: 'transfer' })).toBe(true);
    expect(hasRight(rights, { type: 'security', right: 'status-notes' })).toBe(false);
  });

  it('grants nothing when the session carries no list', () => {
    expect(hasRight(undefined, { type: 'security', right: 'transfer' })).toBe(false);
  });
});
