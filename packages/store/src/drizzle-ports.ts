import type {
  CredentialStore,
  DirectoryChange,
  DirectoryRecord,
  DirectoryStore,
  PresenceStore,
  SessionEndReason,
  SessionStore,
  Station,
  StorePorts,
  UserStatus,
  Credential,
  Session,
} from '@tandem/core';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { withDriverErrors } from './driver-errors.js';
import {
  DrizzleActivationStore,
  DrizzleAttachmentStore,
  DrizzleChatStore,
  DrizzleInteractionStore,
} from './drizzle-interaction-ports.js';
import { DrizzleProcessStore } from './drizzle-process-store.js';
import type { StoreDb } from './drizzle-store.js';
import { chunks, ROWS_PER_INSERT, textArray, type Atomic } from './query-helpers.js';
import { credentials, directoryEntities, sessions, userStatuses, userStatusHistory } from './schema.js';

/** The ports over one drizzle database or transaction: the one query implementation of both engines. */
export function bindPorts(db: StoreDb, atomic: Atomic): StorePorts {
  return {
    directory: withDriverErrors(new DrizzleDirectoryStore(db, atomic)),
    credentials: withDriverErrors(new DrizzleCredentialStore(db)),
    sessions: withDriverErrors(new DrizzleSessionStore(db)),
    presence: withDriverErrors(new DrizzlePresenceStore(db, atomic)),
    interactions: withDriverErrors(new DrizzleInteractionStore(db, atomic)),
    chat: withDriverErrors(new DrizzleChatStore(db, atomic)),
    activations: withDriverErrors(new DrizzleActivationStore(db)),
    attachments: withDriverErrors(new DrizzleAttachmentStore(db)),
    processes: withDriverErrors(new DrizzleProcessStore(db, atomic)),
  };
}

class DrizzleDirectoryStore implements DirectoryStore {
  constructor(
    private readonly db: StoreDb,
    private readonly atomic: Atomic,
  ) {}

  async loadAll(): Promise<DirectoryRecord[]> {
    return this.db.select().from(directoryEntities).orderBy(asc(directoryEntities.kind), asc(directoryEntities.id));
  }

  async apply(change: DirectoryChange): Promise<void> {
    if (change.upserts.length === 0 && change.deletes.length === 0) return;
    // Deletes first, then upserts, as `Directory.apply` does in memory: a change that deletes and
    // re-creates one entity ends with the entity present in both places.
    const upserts = [...new Map(change.upserts.map((r) => [`${r.kind}\u0000${r.id}`, r])).values()];
    await this.atomic(async (db) => {
      for (const [kind, ids] of groupIdsByKind(change.deletes))
        await db
          .delete(directoryEntities)
          .where(and(eq(directoryEntities.kind, kind), inArray(directoryEntities.id, ids)));
      for (const batch of chunks(upserts, ROWS_PER_INSERT))
        await db
          .insert(directoryEntities)
          .values(batch)
          .onConflictDoUpdate({
            target: [directoryEntities.kind, directoryEntities.id],
            set: {
              revision: sql`excluded.revision`,
              createdAt: sql`excluded.created_at`,
              updatedAt: sql`excluded.updated_at`,
              doc: sql`excluded.doc`,
            },
          });
    });
  }
}

class DrizzleCredentialStore implements CredentialStore {
  constructor(private readonly db: StoreDb) {}

  async get(userId: string): Promise<Credential | undefined> {
    const rows = await this.db.select().from(credentials).where(eq(credentials.userId, userId));
    return rows[0];
  }

  async put(credential: Credential): Promise<void> {
    const { userId, ...rest } = credential;
    await this.db
      .insert(credentials)
      .values({ userId, ...rest })
      .onConflictDoUpdate({ target: credentials.userId, set: rest });
  }

  async delete(userId: string): Promise<void> {
    await this.db.delete(credentials).where(eq(credentials.userId, userId));
  }
}

class DrizzleSessionStore implements SessionStore {
  constructor(private readonly db: StoreDb) {}

  async insert(session: Session): Promise<void> {
    await this.db.insert(sessions).values(session);
  }

  async end(sessionId: string, reason: SessionEndReason, at: number): Promise<void> {
    // `ended_at IS NULL` keeps the first end's time and reason: ending twice changes nothing.
    await this.db
      .update(sessions)
      .set({ endedAt: at, endReason: reason })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
  }

  async setStation(sessionId: string, station: Station): Promise<void> {
    await this.db.update(sessions).set({ station }).where(eq(sessions.id, sessionId));
  }

  async touch(sessionIds: readonly string[], at: number): Promise<void> {
    if (sessionIds.length === 0) return;
    // One statement for the whole batch, the ids as one array parameter however many there are.
    // GREATEST: a late batch carrying an older time never moves activity backwards.
    await this.db
      .update(sessions)
      .set({ lastSeenAt: sql`GREATEST(${sessions.lastSeenAt}, ${at})` })
      .where(and(sql`${sessions.id} = ANY(${textArray(sessionIds)})`, isNull(sessions.endedAt)));
  }

  async listActive(): Promise<Session[]> {
    return this.db
      .select()
      .from(sessions)
      .where(isNull(sessions.endedAt))
      .orderBy(asc(sessions.createdAt), asc(sessions.id));
  }
}

class DrizzlePresenceStore implements PresenceStore {
  constructor(
    private readonly db: StoreDb,
    private readonly atomic: Atomic,
  ) {}

  async loadAll(): Promise<UserStatus[]> {
    const rows = await this.db.select().from(userStatuses).orderBy(asc(userStatuses.userId));
    return rows.map(toUserStatus);
  }

  async put(status: UserStatus): Promise<void> {
    const row = toStatusRow(status);
    const { userId: _userId, ...set } = row;
    await this.atomic(async (db) => {
      await db.insert(userStatuses).values(row).onConflictDoUpdate({ target: userStatuses.userId, set });
      await db.insert(userStatusHistory).values(row);
    });
  }

  /** Forgets the current status only: the history stays for statistics over the past. */
  async delete(userId: string): Promise<void> {
    await this.db.delete(userStatuses).where(eq(userStatuses.userId, userId));
  }

  async history(userId: string, limit: number): Promise<UserStatus[]> {
    const rows = await this.db
      .select()
      .from(userStatusHistory)
      .where(eq(userStatusHistory.userId, userId))
      // The id breaks ties between changes in the same millisecond: the later write is newer.
      .orderBy(desc(userStatusHistory.changedAt), desc(userStatusHistory.id))
      .limit(limit);
    return rows.map(toUserStatus);
  }
}

type StatusRow = typeof userStatuses.$inferInsert;

/** Absent optional fields become NULL columns, so a put without notes clears earlier notes. */
function toStatusRow(status: UserStatus): Required<StatusRow> {
  return {
    userId: status.userId,
    statusId: status.statusId,
    notes: status.notes ?? null,
    until: status.until ?? null,
    forwardNumber: status.forwardNumber ?? null,
    changedAt: status.changedAt,
    changedBy: status.changedBy,
    loggedOn: status.loggedOn,
    stationId: status.stationId ?? null,
  };
}

/** NULL columns become absent properties (exactOptionalPropertyTypes: never `notes: undefined`). */
function toUserStatus(row: typeof userStatuses.$inferSelect): UserStatus {
  const { notes, until, forwardNumber, stationId } = row;
  const status: UserStatus = {
    userId: row.userId,
    statusId: row.statusId,
    changedAt: row.changedAt,
    changedBy: row.changedBy,
    loggedOn: row.loggedOn,
  };
  if (notes !== null) status.notes = notes;
  if (until !== null) status.until = until;
  if (forwardNumber !== null) status.forwardNumber = forwardNumber;
  if (stationId !== null) status.stationId = stationId;
  return status;
}

function groupIdsByKind(deletes: DirectoryChange['deletes']): Map<DirectoryRecord['kind'], string[]> {
  const byKind = new Map<DirectoryRecord['kind'], string[]>();
  for (const { kind, id } of deletes) byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
  return byKind;
}
