import type { Directory } from '../directory/directory.js';
import { TandemError } from '../errors.js';

/** A user's password state, stored apart from the user so that hashes never travel with the directory. */
export interface Credential {
  userId: string;
  /** argon2id PHC string. */
  passwordHash: string;
  passwordChangedAt: number;
  /** Set by an administrator's reset: the user must choose a new password at the next logon. */
  mustChange: boolean;
  failedAttempts: number;
  lockedUntil: number | null;
}

export interface PasswordPolicy {
  minimumLength: number;
  /** 0 means passwords never expire. */
  expiryDays: number;
  maxFailedAttempts: number;
  lockoutSeconds: number;
}

export function passwordPolicyOf(directory: Directory): PasswordPolicy {
  return {
    minimumLength: directory.intParameter('PasswordMinimumLength'),
    expiryDays: directory.intParameter('PasswordExpiryDays'),
    maxFailedAttempts: directory.intParameter('LogonMaxFailedAttempts'),
    lockoutSeconds: directory.intParameter('LogonLockoutSeconds'),
  };
}

/** Throws PASSWORD_POLICY_VIOLATION naming `field` when a new password breaks the policy. */
export function checkNewPassword(policy: PasswordPolicy, password: string, field = 'password'): void {
  if (password.length < policy.minimumLength)
    throw new TandemError(
      'PASSWORD_POLICY_VIOLATION',
      `${field}: must be at least ${policy.minimumLength} characters`,
      {
        issues: [{ path: field, message: `must be at least ${policy.minimumLength} characters` }],
      },
    );
  if (password.trim().length === 0)
    throw new TandemError('PASSWORD_POLICY_VIOLATION', `${field}: must not be only spaces`, {
      issues: [{ path: field, message: 'must not be only spaces' }],
    });
}

/** Whether the user must change the password before doing anything else. */
export function passwordChangeDue(
  policy: PasswordPolicy,
  credential: Credential,
  neverExpires: boolean,
  now: number,
): boolean {
  if (credential.mustChange) return true;
  if (neverExpires || policy.expiryDays === 0) return false;
  return now - credential.passwordChangedAt >= policy.expiryDays * 86_400_000;
}

/** Throws ACCOUNT_LOCKED while a lock-out lasts, telling how long is left. */
export function checkNotLocked(credential: Credential, now: number): void {
  if (credential.lockedUntil !== null && credential.lockedUntil > now) {
    const seconds = Math.ceil((credential.lockedUntil - now) / 1000);
    throw new TandemError('ACCOUNT_LOCKED', `too many failed logons; try again in ${seconds} s`, {
      retryAfterSeconds: seconds,
    });
  }
}

/**
 * The credential after a failed logon: once `maxFailedAttempts` are reached the account locks for
 * `lockoutSeconds`, doubling with each further failure (at most 64 times as long).
 */
export function afterFailedLogon(policy: PasswordPolicy, credential: Credential, now: number): Credential {
  const failedAttempts = credential.failedAttempts + 1;
  const over = failedAttempts - policy.maxFailedAttempts;
  const lockedUntil = over >= 0 ? now + policy.lockoutSeconds * 1000 * 2 ** Math.min(over, 6) : credential.lockedUntil;
  return { ...credential, failedAttempts, lockedUntil };
}

export function afterSuccessfulLogon(credential: Credential): Credential {
  return { ...credential, failedAttempts: 0, lockedUntil: null };
}
