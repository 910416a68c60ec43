import { TandemApiError } from '@tandem/client';
import { describe, expect, it } from 'vitest';
import { errorViewOf } from '../src/features/admin/api-errors.js';

describe('what the admin views say about a refused request', () => {
  it('says a right is missing for 403, with the server message', () => {
    const view = errorViewOf(
      new TandemApiError(403, 'FORBIDDEN', 'changing users needs the users administrator right (modify)'),
    );
    expect(view).toEqual({ kind: 'forbidden', message: 'changing users needs the users administrator right (modify)' });
  });

  it('says someone else changed the record for 412', () => {
    expect(
      errorViewOf(new TandemApiError(412, 'REVISION_CONFLICT', "skill 'English' is at revision 3, not 2")).kind,
    ).toBe('conflict');
  });

  it('names who refers to a record whose delete was refused with 409', () => {
    const error = new TandemApiError(409, 'STILL_REFERENCED', 'still referenced', {
      referrers: [{ kind: 'users', id: 'agent1', field: 'skills' }, { bad: true }],
    });
    expect(errorViewOf(error)).toMatchObject({
      kind: 'referenced',
      referrers: [{ kind: 'users', id: 'agent1', field: 'skills' }],
    });
  });

  it('hands the field issues of a 400 to the form', () => {
    const error = new TandemApiError(400, 'VALIDATION_FAILED', 'displayName: must not be empty', {
      issues: [{ path: 'displayName', message: 'must not be empty' }],
    });
    expect(errorViewOf(error)).toMatchObject({ kind: 'invalid', issues: [{ path: 'displayName' }] });
  });

  it('shows anything else with its message', () => {
    expect(errorViewOf(new Error('network down'))).toEqual({ kind: 'other', message: 'network down' });
  });
});
