import type { Credential, DirectoryRecord, Session, UserStatus } from '@tandem/core';

// Builders for the storage contract: plausible values, overridden where a test cares.

export function aRecord(overrides: Partial<DirectoryRecord> = {}): DirectoryRecord {
  return {
    kind: 'users',
    id: 'agent-1',
    revision: 1,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    doc: { displayName: 'Agent One', skills: [{ skillId: 'dutch', proficiency: 80 }], workgroups: ['sales'] },
    ...overrides,
  };
}

export function aCredential(overrides: Partial<Credential> = {}): Credential {
  return {
    userId: 'agent-1',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo',
    passwordChangedAt: 1_700_000_000_000,
    mustChange: false,
    failedAttempts: 0,
    lockedUntil: null,
    ...overrides,
  };
}

let sessionCount = 0;

export function aSession(overrides: Partial<Session> = {}): Session {
  sessionCount += 1;
  return {
    id: `session-${sessionCount}`,
    userId: 'agent-1',
    tokenHash: `${sessionCount.toString(16).padStart(8, '0')}${'ab'.repeat(28)}`,
    csrfToken: `csrf-${sessionCount}`,
    station: { type: 'workstation', id: 'W1' },
    licences: ['basic-client'],
    createdAt: 1_700_000_000_000 + sessionCount,
    lastSeenAt: 1_700_000_000_000 + sessionCount,
    endedAt: null,
    endReason: null,
    ...overrides,
  };
}

/** A status with only the required fields: no notes, until, forward number or station. */
export function aStatus(overrides: Partial<UserStatus> = {}): UserStatus {
  return {
    userId: 'agent-1',
    statusId: 'available',
    changedAt: 1_700_000_000_000,
    changedBy: 'agent-1',
    loggedOn: true,
    ...overrides,
  };
}

/** A status carrying every optional detail. */
export function aDetailedStatus(overrides: Partial<UserStatus> = {}): UserStatus {
  return aStatus({
    statusId: 'forward',
    notes: 'Back at 14:00 — ring my mobile ☎',
    until: 1_700_000_360_000,
    forwardNumber: '+32 2 123 45 67',
    stationId: 'W7',
    ...overrides,
  });
}
