import type { ChatMessage, ChatParticipantType, ConfigKind, SessionEndReason, Station } from '@tandem/core';
import { sql } from 'drizzle-orm';
import { processTables } from './process-schema.js';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// The drizzle mirror of migrations/*.sql. The SQL files are what creates the tables; a contract test
// compares the migrated database with these declarations so the two cannot drift apart.
// Times are epoch milliseconds in bigint columns read as JS numbers (safe up to year 287 396).

/** Every directory entity, its fields as one JSON document: the directory is loaded whole at start. */
export const directoryEntities = pgTable(
  'directory_entities',
  {
    kind: text('kind').$type<ConfigKind>().notNull(),
    id: text('id').notNull(),
    revision: integer('revision').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
    doc: jsonb('doc').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ name: 'directory_entities_pkey', columns: [t.kind, t.id] })],
);

/** Password state, kept out of the directory so that hashes never travel with it. */
export const credentials = pgTable('credentials', {
  userId: text('user_id').primaryKey(),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: bigint('password_changed_at', { mode: 'number' }).notNull(),
  mustChange: boolean('must_change').notNull(),
  failedAttempts: integer('failed_attempts').notNull(),
  lockedUntil: bigint('locked_until', { mode: 'number' }),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    station: jsonb('station').$type<Station>().notNull(),
    licences: jsonb('licences').$type<string[]>().notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    lastSeenAt: bigint('last_seen_at', { mode: 'number' }).notNull(),
    endedAt: bigint('ended_at', { mode: 'number' }),
    endReason: text('end_reason').$type<SessionEndReason>(),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
    // Only live sessions are looked up by user (logon elsewhere, user disabled); ended ones pile up.
    index('sessions_active_user_idx')
      .on(t.userId)
      .where(sql`ended_at IS NULL`),
  ],
);

/** The columns of a presence row, shared by the current status and its history. */
const statusColumns = () => ({
  statusId: text('status_id').notNull(),
  notes: text('notes'),
  until: bigint('until', { mode: 'number' }),
  forwardNumber: text('forward_number'),
  changedAt: bigint('changed_at', { mode: 'number' }).notNull(),
  changedBy: text('changed_by').notNull(),
  loggedOn: boolean('logged_on').notNull(),
  stationId: text('station_id'),
});

/** Each user's current presence, one row per user. */
export const userStatuses = pgTable('user_statuses', {
  userId: text('user_id').primaryKey(),
  ...statusColumns(),
});

/** Every status a user had, appended on each change; read newest first for statistics. */
export const userStatusHistory = pgTable(
  'user_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id').notNull(),
    ...statusColumns(),
  },
  (t) => [index('user_status_history_user_changed_idx').on(t.userId, t.changedAt.desc())],
);

/**
 * Binary data as `Uint8Array`. drizzle has no bytea column; the drivers already speak it (pg answers
 * a `Buffer`, PGlite a `Uint8Array`, both made plain here). The attachment store does not read or
 * write it this way: it converts through hex, which is much faster on PGlite.
 */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
});

/**
 * Every interaction, live or finished; `doc` is the whole of it as core models it, the other
 * columns are what it is looked up by. Open ones are loaded at start; closed ones stay for history.
 */
export const interactions = pgTable(
  'interactions',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    state: text('state').notNull(),
    queueKey: text('queue_key'),
    workgroupId: text('workgroup_id'),
    assignedUserId: text('assigned_user_id'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
    closedAt: bigint('closed_at', { mode: 'number' }),
    doc: jsonb('doc').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    // The start-up load reads the open ones in this order; closed ones pile up and stay out of it.
    index('interactions_open_idx')
      .on(t.createdAt, t.id)
      .where(sql`closed_at IS NULL`),
    index('interactions_closed_at_idx').on(t.closedAt),
    index('interactions_workgroup_closed_at_idx').on(t.workgroupId, t.closedAt),
  ],
);

/** Chat transcripts: one row per line, numbered from 1 within its chat by the server. */
export const chatMessages = pgTable(
  'chat_messages',
  {
    interactionId: text('interaction_id').notNull(),
    seq: integer('seq').notNull(),
    participantId: text('participant_id').notNull(),
    participantType: text('participant_type').$type<ChatParticipantType>().notNull(),
    displayName: text('display_name').notNull(),
    kind: text('kind').$type<ChatMessage['kind']>().notNull(),
    text: text('text').notNull(),
    attachmentId: text('attachment_id'),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'chat_messages_pkey', columns: [t.interactionId, t.seq] })],
);

/** Which users take ACD interactions of which workgroups. */
export const activations = pgTable(
  'activations',
  {
    userId: text('user_id').notNull(),
    workgroupId: text('workgroup_id').notNull(),
    active: boolean('active').notNull(),
    changedAt: bigint('changed_at', { mode: 'number' }).notNull(),
    changedBy: text('changed_by').notNull(),
  },
  (t) => [primaryKey({ name: 'activations_pkey', columns: [t.userId, t.workgroupId] })],
);

/** Files of interactions and libraries, their bytes in the row. */
export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerId)],
);

/** Migration files applied, by file name. Created by the migrator itself, before the first file. */
export const tandemMigrations = pgTable('tandem_migrations', {
  id: text('id').primaryKey(),
  appliedAt: bigint('applied_at', { mode: 'number' }).notNull(),
});

/** The tables a migration creates, in the order a schema check or a wipe walks them. */
export * from './process-schema.js';

export const storeTables = {
  directoryEntities,
  credentials,
  sessions,
  userStatuses,
  userStatusHistory,
  interactions,
  chatMessages,
  activations,
  attachments,
  ...processTables,
  tandemMigrations,
};
