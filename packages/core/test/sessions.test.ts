import { describe, expect, it } from 'vitest';
import {
  afterFailedLogon,
  afterSuccessfulLogon,
  checkNewPassword,
  checkNotLocked,
  passwordChangeDue,
  type Credential,
  type PasswordPolicy,
} from '../src/index.js';

const policy: PasswordPolicy = { minimumLength: 8, expiryDays: 90, maxFailedAttempts: 3, lockoutSeconds: 60 };
const aCredential = (over: Partial<Credential> = {}): Credential => ({
  userId: 'agent1',
  passwordHash: 'x',
  passwordChangedAt: 0,
  mustChange: false,
  failedAttempts: 0,
  lockedUntil: null,
  ...over,
});

describe('password policy and lock-out', () => {
  it('refuses a password shorter than the minimum, naming the field', () => {
    expect(() => checkNewPassword(policy, 'short', 'newPassword')).toThrowError(
      /newPassword: must be at least 8 characters/,
    );
    expect(() => checkNewPassword(policy, 'long enough')).not.toThrow();
  });

  it('asks for a new password once it is older than the expiry, unless it never expires', () => {
    const day = 86_400_000;
    expect(passwordChangeDue(policy, aCredential(), false, 89 * day)).toBe(false);
    expect(passwordChangeDue(policy, aCredential(), false, 90 * day)).toBe(true);
    expect(passwordChangeDue(policy, aCredential(), true, 900 * day)).toBe(false);
    expect(passwordChangeDue({ ...policy, expiryDays: 0 }, aCredential(), false, 900 * day)).toBe(false);
  });

  it('asks for a new password after an administrator reset it', () => {
    expect(passwordChangeDue(policy, aCredential({ mustChange: true }), true, 0)).toBe(true);
  });

  it('locks the account after the allowed failures, doubling the lock with each further failure', () => {
    let c = aCredential();
    c = afterFailedLogon(policy, c, 1000);
    c = afterFailedLogon(policy, c, 1000);
    expect(c.lockedUntil).toBeNull();
    c = afterFailedLogon(policy, c, 1000);
    expect(c.lockedUntil).toBe(61_000);
    expect(() => checkNotLocked(c, 30_000)).toThrowError(/try again in 31 s/);
    expect(() => checkNotLocked(c, 61_000)).not.toThrow();
    c = afterFailedLogon(policy, c, 61_000);
    expect(c.lockedUntil).toBe(61_000 + 120_000);
  });

  it('forgets failures after a successful logon', () => {
    expect(afterSuccessfulLogon(aCredential({ failedAttempts: 5, lockedUntil: 9 }))).toMatchObject({
      failedAttempts: 0,
      lockedUntil: null,
    });
  });
});
