import type {
  Activation,
  Attachment,
  ChatMessage,
  Credential,
  DirectoryRecord,
  InteractionRecord,
  Session,
  UserStatus,
} from '@tandem/core';

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

/** An open chat waiting in the Sales queue, its document shaped like core's interaction. */
export function anInteraction(overrides: Partial<InteractionRecord> = {}): InteractionRecord {
  return {
    id: 'chat-1',
    type: 'chat',
    state: 'acd-wait-agent',
    queueKey: 'workgroup:Sales',
    workgroupId: 'Sales',
    assignedUserId: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    closedAt: null,
    doc: {
      version: 1,
      remoteName: 'Zoë Customer',
      attributes: { email: 'zoe@example.com', language: 'nl-BE', 'routing.skills': ['dutch', 'billing'] },
      history: [{ at: 1_700_000_000_000, event: 'created' }],
    },
    ...overrides,
  };
}

/** A closed chat: disconnected and wrapped up by its agent. */
export function aClosedInteraction(overrides: Partial<InteractionRecord> = {}): InteractionRecord {
  return anInteraction({
    state: 'disconnected',
    queueKey: null,
    assignedUserId: 'agent-1',
    updatedAt: 1_700_000_600_000,
    closedAt: 1_700_000_600_000,
    ...overrides,
  });
}

/** A customer's text line without an attachment. */
export function aChatMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    interactionId: 'chat-1',
    seq: 1,
    participantId: 'customer-1',
    participantType: 'customer',
    displayName: 'Zoë Customer',
    kind: 'text',
    text: 'Hallo, ik heb een vraag over mijn factuur',
    at: 1_700_000_000_000,
    ...overrides,
  };
}

export function anActivation(overrides: Partial<Activation> = {}): Activation {
  return {
    userId: 'agent-1',
    workgroupId: 'Sales',
    active: true,
    changedAt: 1_700_000_000_000,
    changedBy: 'supervisor-1',
    ...overrides,
  };
}

export function anAttachment(overrides: Partial<Attachment> = {}): Attachment {
  return {
    id: 'attachment-1',
    ownerId: 'chat-1',
    filename: 'factuur 2024-03 (kopie).pdf',
    contentType: 'application/pdf',
    size: 256,
    createdAt: 1_700_000_000_000,
    ...overrides,
  };
}
