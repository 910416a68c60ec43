import { describe, expect, it } from 'vitest';
import { TandemError, effectiveLicences, planUpsert, KIND_SPECS } from '../src/index.js';
import { aDirectory } from './builders.js';

describe('licences', () => {
  it('expand a process designer licence to every process tier below it', () => {
    expect(effectiveLicences(['process-designer'])).toEqual([
      'process-direct-routed',
      'process-group-routed',
      'process-monitor',
      'process-designer',
    ]);
    expect(effectiveLicences(['process-group-routed', 'acd-chat'])).toEqual([
      'acd-chat',
      'process-direct-routed',
      'process-group-routed',
    ]);
  });

  it('refuse to assign a named licence to more users than the inventory holds', () => {
    const builder = aDirectory()
      .with('licences', 'supervisor', { count: 1 })
      .anAgent('s1', { licences: ['supervisor'] });
    const fields = KIND_SPECS.users.fields.parse({ displayName: 's2', licences: ['supervisor'] });
    const attempt = () =>
      planUpsert({ directory: builder.directory, now: 5 }, { kind: 'users', id: 's2', fields, create: true });
    expect(attempt).toThrowError(TandemError);
    expect(attempt).toThrowError(/licence 'supervisor' is assigned to 2 users but only 1 are licensed/);
  });

  it('refuse to lower a licence count below the users who hold it', () => {
    const builder = aDirectory()
      .with('licences', 'acd-chat', { count: 2 })
      .anAgent('a', { licences: ['acd-chat'] })
      .anAgent('b', { licences: ['acd-chat'] });
    expect(() => builder.with('licences', 'acd-chat', { count: 1 })).toThrowError(/2 users hold licence 'acd-chat'/);
  });

  it('do not count the concurrent client access licence against assignments', () => {
    const builder = aDirectory().with('licences', 'client-access', { count: 0 });
    expect(() => builder.anAgent('a', { licences: ['client-access'] })).not.toThrow();
  });
});
