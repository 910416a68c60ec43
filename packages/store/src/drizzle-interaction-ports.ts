import type {
  Activation,
  ActivationStore,
  Attachment,
  AttachmentStore,
  ChatMessage,
  ChatStore,
  ClosedInteractionFilter,
  InteractionRecord,
  InteractionStore,
} from '@tandem/core';
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  max,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { StoreDb } from './drizzle-store.js';
import {
  byColumnName,
  chunks,
  inBatches,
  recordset,
  replaceAll,
  ROWS_PER_INSERT,
  setAllExcluded,
  textArray,
  unnestRows,
  type Atomic,
} from './query-helpers.js';
import { activations, attachments, chatMessages, interactions } from './schema.js';

// The ports of the interaction server (issue 3), on the same drizzle database or transaction as the
// others; bound together with them in `bindPorts`.

const REPLACE_INTERACTION = replaceAll(interactions, 'id');
/** Ids per UPDATE when closing: one text[] parameter, however many. */
const CLOSES_PER_UPDATE = 5_000;
const INTERACTION_COLUMNS = byColumnName<InteractionRecord>(interactions);

export class DrizzleInteractionStore implements InteractionStore {
  constructor(
    private readonly db: StoreDb,
    private readonly atomic: Atomic,
  ) {}

  async loadOpen(): Promise<InteractionRecord[]> {
    return this.db
      .select()
      .from(interactions)
      .where(isNull(interactions.closedAt))
      .orderBy(asc(interactions.createdAt), asc(interactions.id));
  }

  async get(id: string): Promise<InteractionRecord | undefined> {
    const rows = await this.db.select().from(interactions).where(eq(interactions.id, id));
    return rows[0];
  }

  /**
   * The largest ten-digit id stored, open or closed; other ids (tests, imports) are passed over, so
   * that one of them sorting above the numbers cannot restart the server's numbering. Walks the
   * primary key down from its top: instant when every id has ten digits, whatever the table's size.
   * Equal-length digit strings sort as their numbers do in every collation.
   */
  async lastId(): Promise<string | undefined> {
    const rows = await this.db
      .select({ id: interactions.id })
      .from(interactions)
      .where(sql`${interactions.id} ~ '^[0-9]{10}$'`)
      .orderBy(desc(interactions.id))
      .limit(1);
    return rows[0]?.id;
  }

  /**
   * One upsert per {@link ROWS_PER_INSERT} rows, all committing together (in the enclosing
   * transaction when there is one), its rows one JSON parameter: a batch is a single
   * JSON.stringify, the document of each row nested as it is, where an array literal per column
   * stringified each document and then quoted it again (about a fifth of the server thread at
   * 2,000 interactions a second). A stored row with a later `updatedAt` is left as it is; equal
   * times let the new row win.
   */
  async saveMany(records: readonly InteractionRecord[]): Promise<void> {
    await inBatches(this.db, this.atomic, chunks(latestById(records), ROWS_PER_INSERT), (db, batch) =>
      db.execute(
        sql`INSERT INTO interactions ${recordset(interactions, sql`${JSON.stringify(batch.map(INTERACTION_COLUMNS))}::jsonb`, 'x')} ON CONFLICT (id) DO UPDATE SET ${sql.raw(REPLACE_INTERACTION)} WHERE interactions.updated_at <= excluded.updated_at`,
      ),
    );
  }

  async closeMany(ids: readonly string[], at: number): Promise<void> {
    await inBatches(this.db, this.atomic, chunks(ids, CLOSES_PER_UPDATE), (db, batch) =>
      db
        .update(interactions)
        .set({ closedAt: at, updatedAt: at, queueKey: null })
        .where(and(sql`${interactions.id} = ANY(${textArray(batch)})`, lte(interactions.updatedAt, at))),
    );
  }

  async listClosed(filter: ClosedInteractionFilter): Promise<InteractionRecord[]> {
    const conditions: SQL[] = [gte(interactions.closedAt, filter.since), lt(interactions.closedAt, filter.until)];
    if (filter.workgroupId !== undefined) conditions.push(eq(interactions.workgroupId, filter.workgroupId));
    if (filter.assignedUserId !== undefined) conditions.push(eq(interactions.assignedUserId, filter.assignedUserId));
    if (filter.type !== undefined) conditions.push(eq(interactions.type, filter.type));
    return this.db
      .select()
      .from(interactions)
      .where(and(...conditions))
      .orderBy(asc(interactions.closedAt), asc(interactions.id))
      .limit(filter.limit);
  }
}

/**
 * One record per id, and of several the one PostgreSQL would keep if they came one by one: the
 * latest `updatedAt`, the later in the batch at equal times. (One statement may not upsert a row
 * twice.) Sorted by id so that concurrent batches lock rows in the same order and never deadlock.
 */
function latestById(records: readonly InteractionRecord[]): InteractionRecord[] {
  const byId = new Map<string, InteractionRecord>();
  for (const record of records) {
    const seen = byId.get(record.id);
    if (seen === undefined || seen.updatedAt <= record.updatedAt) byId.set(record.id, record);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export class DrizzleChatStore implements ChatStore {
  constructor(
    private readonly db: StoreDb,
    private readonly atomic: Atomic,
  ) {}

  /** All or nothing: a seq already stored (or twice in `messages`) fails the call with SQLSTATE 23505. */
  async append(messages: readonly ChatMessage[]): Promise<void> {
    const rows = messages.map((m) => ({ ...m, attachmentId: m.attachmentId ?? null }));
    await inBatches(this.db, this.atomic, chunks(rows, ROWS_PER_INSERT), (db, batch) =>
      db.insert(chatMessages).select(unnestRows(chatMessages, batch)),
    );
  }

  async transcript(interactionId: string, afterSeq: number, limit: number): Promise<ChatMessage[]> {
    const rows = await this.db
      .select()
      .from(chatMessages)
      .where(and(eq(chatMessages.interactionId, interactionId), gt(chatMessages.seq, afterSeq)))
      .orderBy(asc(chatMessages.seq))
      .limit(limit);
    return rows.map(toChatMessage);
  }

  async lastSeqs(interactionIds: readonly string[]): Promise<Map<string, number>> {
    const last = new Map(interactionIds.map((id) => [id, 0]));
    if (interactionIds.length === 0) return last;
    const rows = await this.db
      .select({ interactionId: chatMessages.interactionId, seq: max(chatMessages.seq) })
      .from(chatMessages)
      .where(sql`${chatMessages.interactionId} = ANY(${textArray(interactionIds)})`)
      .groupBy(chatMessages.interactionId);
    for (const row of rows) last.set(row.interactionId, row.seq ?? 0);
    return last;
  }
}

/** A NULL attachment id becomes an absent property (exactOptionalPropertyTypes). */
function toChatMessage(row: typeof chatMessages.$inferSelect): ChatMessage {
  const { attachmentId, ...message } = row;
  return attachmentId === null ? message : { ...message, attachmentId };
}

export class DrizzleActivationStore implements ActivationStore {
  constructor(private readonly db: StoreDb) {}

  async loadAll(): Promise<Activation[]> {
    return this.db.select().from(activations).orderBy(asc(activations.userId), asc(activations.workgroupId));
  }

  async put(activation: Activation): Promise<void> {
    await this.db
      .insert(activations)
      .values(activation)
      .onConflictDoUpdate({
        target: [activations.userId, activations.workgroupId],
        set: setAllExcluded(activations, ['userId', 'workgroupId']),
      });
  }

  /**
   * Deletes the activations matching every field given. Throws (TypeError) when none is given,
   * rather than forget every activation.
   */
  async deleteFor(filter: { userId?: string; workgroupId?: string }): Promise<void> {
    const conditions: SQL[] = [];
    if (filter.userId !== undefined) conditions.push(eq(activations.userId, filter.userId));
    if (filter.workgroupId !== undefined) conditions.push(eq(activations.workgroupId, filter.workgroupId));
    if (conditions.length === 0) throw new TypeError('activations.deleteFor needs a userId or a workgroupId');
    await this.db.delete(activations).where(and(...conditions));
  }
}

const { data: _data, ...ATTACHMENT_COLUMNS } = getTableColumns(attachments);

/**
 * The bytes travel as hex text, turned into bytea and back by PostgreSQL (`decode`, `encode`) and
 * by Node's native Buffer code. PGlite's own bytea conversion is a JavaScript loop over every byte
 * that held the event loop for about 1.4 s per 5 MB file; pg sends hex text for bytea anyway.
 */
export class DrizzleAttachmentStore implements AttachmentStore {
  constructor(private readonly db: StoreDb) {}

  /** Stores the file, replacing one with the same id. */
  async put(attachment: Attachment, data: Uint8Array): Promise<void> {
    const hex = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
    await this.db
      .insert(attachments)
      .values({ ...attachment, data: sql`decode(${hex}, 'hex')` })
      .onConflictDoUpdate({ target: attachments.id, set: setAllExcluded(attachments, ['id']) });
  }

  async get(id: string): Promise<{ attachment: Attachment; data: Uint8Array } | undefined> {
    const rows = await this.db
      .select({ ...ATTACHMENT_COLUMNS, hex: sql<string>`encode(${attachments.data}, 'hex')` })
      .from(attachments)
      .where(eq(attachments.id, id));
    const row = rows[0];
    if (row === undefined) return undefined;
    const { hex, ...attachment } = row;
    return { attachment, data: ownBytes(Buffer.from(hex, 'hex')) };
  }

  /** The files of an owner, oldest first, without their bytes. */
  async listFor(ownerId: string): Promise<Attachment[]> {
    return this.db
      .select(ATTACHMENT_COLUMNS)
      .from(attachments)
      .where(eq(attachments.ownerId, ownerId))
      .orderBy(asc(attachments.createdAt), asc(attachments.id));
  }

  async delete(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const deleted = await this.db
      .delete(attachments)
      .where(inArray(attachments.id, [...ids]))
      .returning({ id: attachments.id });
    return deleted.length;
  }
}

/**
 * The bytes as a plain Uint8Array that owns its memory. A small Buffer is a view into Node's
 * shared 8 KiB pool: those are copied, so that `.buffer` holds this value only. A large one owns
 * its memory and is only re-classed, not copied.
 */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? new Uint8Array(bytes.buffer, 0, bytes.byteLength)
    : new Uint8Array(bytes);
}
