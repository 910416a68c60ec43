import { describe, expect, it } from 'vitest';
import {
  Directory,
  KIND_SPECS,
  TandemError,
  findReferrers,
  planDelete,
  planUpsert,
  validateParameter,
} from '../src/index.js';
import { aDirectory } from './builders.js';

const caught = (fn: () => unknown): TandemError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof TandemError) return error;
    throw error;
  }
  throw new Error('expected a TandemError');
};

describe('the directory', () => {
  it('refuses a user naming a workgroup that does not exist, and names the field', () => {
    const { directory } = aDirectory();
    const fields = KIND_SPECS.users.fields.parse({ displayName: 'x', workgroups: ['Nowhere'] });
    const error = caught(() => planUpsert({ directory, now: 1 }, { kind: 'users', id: 'x', fields, create: true }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.issues).toEqual([{ path: 'workgroups.0', message: "no workgroup 'Nowhere'" }]);
  });

  it('keeps membership on the users and derives a workgroup’s members from them', () => {
    const builder = aDirectory()
      .aWorkgroup('Sales')
      .anAgent('a', { workgroups: ['Sales'] })
      .anAgent('b');
    builder.aWorkgroup('Sales', { members: ['b'] });
    expect(builder.directory.memberIds('Sales')).toEqual(['b']);
    expect(builder.directory.get('users', 'a')?.workgroups).toEqual([]);
    expect(builder.directory.get('users', 'b')?.workgroups).toEqual(['Sales']);
    expect(builder.directory.get('users', 'b')?.revision).toBe(2);
  });

  it('refuses to delete a skill still held by a user and a workgroup, naming both', () => {
    const builder = aDirectory()
      .aSkill('Billing')
      .aWorkgroup('Support', { skills: [{ skillId: 'Billing', proficiency: 40 }] });
    builder.anAgent('agent3', { skills: [{ skillId: 'Billing', proficiency: 90 }] });
    const error = caught(() => planDelete({ directory: builder.directory, now: 1 }, 'skills', 'Billing'));
    expect(error.code).toBe('STILL_REFERENCED');
    expect(error.details?.referrers).toEqual([
      { kind: 'users', id: 'agent3', field: 'skills' },
      { kind: 'workgroups', id: 'Support', field: 'skills' },
    ]);
  });

  it('counts a right that targets a workgroup as a reference to it', () => {
    const builder = aDirectory()
      .aWorkgroup('Loans')
      .aRole('LoanWatchers', [{ type: 'queue', queueType: 'workgroup', target: 'Loans', level: 'view' }]);
    expect(findReferrers(builder.directory, 'workgroups', 'Loans')).toEqual([
      { kind: 'roles', id: 'LoanWatchers', field: 'rights' },
    ]);
  });

  it('lets a workgroup be deleted when only its own rights name it', () => {
    const builder = aDirectory().aWorkgroup('Temp', {
      rights: [{ type: 'queue', queueType: 'workgroup', target: 'Temp', level: 'view' }],
    });
    expect(planDelete({ directory: builder.directory, now: 1 }, 'workgroups', 'Temp').deletes).toEqual([
      { kind: 'workgroups', id: 'Temp' },
    ]);
  });

  it('keeps the statuses the server relies on', () => {
    const builder = aDirectory().withBase();
    expect(
      caught(() => planDelete({ directory: builder.directory, now: 1 }, 'status-messages', 'available')).code,
    ).toBe('STILL_REFERENCED');
    expect(planDelete({ directory: builder.directory, now: 1 }, 'status-messages', 'on-vacation').deletes).toHaveLength(
      1,
    );
  });

  it('sorts account codes as strings, leading zeros first, as the manual says', () => {
    const builder = aDirectory();
    for (const code of ['3', '213', '20', '1234', '1', '0214', '001235'])
      builder.with('account-codes', code, { name: `code ${code}` });
    expect(builder.directory.list('account-codes').map((c) => c.id)).toEqual([
      '001235',
      '0214',
      '1',
      '1234',
      '20',
      '213',
      '3',
    ]);
  });

  it('accepts account codes of digits only, at most 50', () => {
    expect(KIND_SPECS['account-codes'].id.safeParse('0'.repeat(50)).success).toBe(true);
    expect(KIND_SPECS['account-codes'].id.safeParse('0'.repeat(51)).success).toBe(false);
    expect(KIND_SPECS['account-codes'].id.safeParse('12a').success).toBe(false);
  });

  it('checks known server parameters against their type and bounds', () => {
    expect(validateParameter('InteractionConnectMaxQueueLimit', 200)).toBe(200);
    expect(() => validateParameter('PAS Maximum Monitored Flows', 99)).toThrowError(/at least 100/);
    expect(() => validateParameter('PAS_blockLaunchDuringRestore', 'yes')).toThrowError(/true or false/);
    expect(validateParameter('SomeCustomHandlerParameter', 'anything')).toBe('anything');
  });

  it('answers a conflict when the revision a client read is stale', () => {
    const builder = aDirectory().aSkill('English');
    const fields = KIND_SPECS.skills.fields.parse({ displayName: 'English (UK)' });
    const error = caught(() =>
      planUpsert(
        { directory: builder.directory, now: 9 },
        { kind: 'skills', id: 'English', fields, create: false, expectedRevision: 7 },
      ),
    );
    expect(error.code).toBe('REVISION_CONFLICT');
  });

  it('is rebuilt from its records exactly', () => {
    const builder = aDirectory()
      .withBase()
      .aSkill('English')
      .aWorkgroup('Sales')
      .anAgent('a', { workgroups: ['Sales'] });
    const copy = Directory.fromRecords(builder.directory.records());
    expect([...copy.records()]).toEqual([...builder.directory.records()]);
    expect(copy.memberIds('Sales')).toEqual(['a']);
  });
});
