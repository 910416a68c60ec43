import {
  type DefinitionRow,
  type EffectRecord,
  type EffectStatus,
  type EngineNodeRecord,
  type FlowCommit,
  type FlowFilter,
  type FlowRecord,
  type ProcessStore,
  type StoredDefinitionStatus,
  type WorkItemRecord,
} from '@tandem/core';
import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { StoreDb } from './drizzle-store.js';
import { commitAtOnce, commitInTransaction, conflict, upsertWorkItems } from './process-commit.js';
import {
  processCompletion,
  processDefinitions,
  processEffects,
  processEngineNodes,
  processFlows,
  processStorage,
} from './process-schema.js';
import { ROWS_PER_INSERT, textArray, type Atomic } from './query-helpers.js';

/** The process engine's tables on either engine; one implementation, one contract suite. */
export class DrizzleProcessStore implements ProcessStore {
  constructor(
    private readonly db: StoreDb,
    private readonly atomic: Atomic,
  ) {}

  async listDefinitions(): Promise<DefinitionRow[]> {
    const rows = await this.db.select().from(processDefinitions).orderBy(asc(processDefinitions.id));
    return rows.map(toDefinitionRow);
  }

  async getDefinition(id: string): Promise<DefinitionRow | undefined> {
    const rows = await this.db.select().from(processDefinitions).where(eq(processDefinitions.id, id));
    return rows[0] && toDefinitionRow(rows[0]);
  }

  async definitionRevisions(): Promise<{ id: string; revision: number }[]> {
    return this.db
      .select({ id: processDefinitions.id, revision: processDefinitions.revision })
      .from(processDefinitions)
      .orderBy(asc(processDefinitions.id));
  }

  async putDefinition(row: DefinitionRow, expectedRevision: number | null): Promise<boolean> {
    if (expectedRevision === null) {
      const inserted = await this.db
        .insert(processDefinitions)
        .values(row)
        .onConflictDoNothing()
        .returning({ id: processDefinitions.id });
      return inserted.length === 1;
    }
    const updated = await this.db
      .update(processDefinitions)
      .set({ status: row.status, revision: row.revision, updatedAt: row.updatedAt, doc: row.doc })
      .where(and(eq(processDefinitions.id, row.id), eq(processDefinitions.revision, expectedRevision)))
      .returning({ id: processDefinitions.id });
    return updated.length === 1;
  }

  async commitSteps(commits: readonly FlowCommit[]): Promise<void> {
    if (commits.length === 0) return;
    const bad = commits.filter((c) => c.flow.version !== (c.expectedVersion ?? 0) + 1).map((c) => c.flow.id);
    if (bad.length > 0) throw conflict(bad);
    // The usual batch is written by one statement (no BEGIN / COMMIT round trips); when it is too
    // big, or the version guard refuses part of it, the transaction below writes it, or says which
    // instances were refused.
    if (commits.length <= ROWS_PER_INSERT && (await commitAtOnce(this.db, commits))) return;
    await this.atomic((db) => commitInTransaction(db, commits));
  }

  async getFlow(id: string): Promise<FlowRecord | undefined> {
    const running = await this.db.select().from(processFlows).where(eq(processFlows.id, id));
    if (running[0]) return toFlow(running[0]);
    const done = await this.db.select().from(processCompletion).where(eq(processCompletion.id, id));
    return done[0] && toFlow(done[0]);
  }

  async loadRunning(ownerStorageId?: string): Promise<FlowRecord[]> {
    const rows = await this.db
      .select()
      .from(processFlows)
      .where(ownerStorageId === undefined ? undefined : eq(processFlows.ownerStorageId, ownerStorageId))
      .orderBy(asc(processFlows.startedAt), asc(processFlows.id));
    return rows.map(toFlow);
  }

  async searchFlows(filter: FlowFilter): Promise<FlowRecord[]> {
    const running = await this.db
      .select()
      .from(processFlows)
      .where(and(...conditions(processFlows, filter)))
      .orderBy(sql`${processFlows.startedAt} DESC`, asc(processFlows.id))
      .limit(filter.limit);
    if (running.length >= filter.limit || filter.status === 'waiting' || filter.status === 'error')
      return running.map(toFlow);
    const done = await this.db
      .select()
      .from(processCompletion)
      .where(and(...conditions(processCompletion, filter)))
      .orderBy(sql`${processCompletion.startedAt} DESC`, asc(processCompletion.id))
      .limit(filter.limit - running.length);
    return [...running.map(toFlow), ...done.map(toFlow)];
  }

  async countRunning(): Promise<Map<string, number>> {
    const rows = await this.db
      .select({ owner: processFlows.ownerStorageId, n: sql<number>`count(*)::int` })
      .from(processFlows)
      .groupBy(processFlows.ownerStorageId);
    return new Map(rows.map((r) => [r.owner, Number(r.n)]));
  }

  async transferOwnership(from: string, to: string, instanceIds?: readonly string[]): Promise<number> {
    return this.atomic(async (db) => {
      const which =
        instanceIds === undefined
          ? eq(processFlows.ownerStorageId, from)
          : and(eq(processFlows.ownerStorageId, from), sql`${processFlows.id} = ANY(${textArray(instanceIds)})`);
      const moved = await db
        .update(processFlows)
        .set({ ownerStorageId: to })
        .where(which)
        .returning({ id: processFlows.id });
      const ids = moved.map((m) => m.id);
      if (ids.length > 0)
        await db
          .update(processEffects)
          .set({ ownerStorageId: to })
          .where(sql`${processEffects.instanceId} = ANY(${textArray(ids)})`);
      return ids.length;
    });
  }

  async effectsOf(instanceId: string): Promise<EffectRecord[]> {
    const rows = await this.db
      .select()
      .from(processEffects)
      .where(eq(processEffects.instanceId, instanceId))
      .orderBy(asc(processEffects.issuedAt), asc(processEffects.effectId));
    return rows.map(toEffect);
  }

  async effectsWithStatus(ownerStorageId: string, statuses: readonly EffectStatus[]): Promise<EffectRecord[]> {
    if (statuses.length === 0) return [];
    const rows = await this.db
      .select()
      .from(processEffects)
      .where(and(eq(processEffects.ownerStorageId, ownerStorageId), inArray(processEffects.status, [...statuses])))
      .orderBy(asc(processEffects.issuedAt), asc(processEffects.effectId));
    return rows.map(toEffect);
  }

  async settleEffects(
    updates: readonly { effectId: string; status: EffectStatus; result: Record<string, unknown> | null; at: number }[],
  ): Promise<void> {
    if (updates.length === 0) return;
    await this.atomic(async (db) => {
      for (const u of updates)
        await db
          .update(processEffects)
          .set({ status: u.status, result: u.result, updatedAt: u.at })
          .where(eq(processEffects.effectId, u.effectId));
    });
  }

  async saveWorkItems(items: readonly WorkItemRecord[]): Promise<void> {
    if (items.length > 0) await this.atomic((db) => upsertWorkItems(db, items));
  }

  async getWorkItem(effectId: string): Promise<WorkItemRecord | undefined> {
    const rows = await this.db.select().from(processStorage).where(eq(processStorage.effectId, effectId));
    return rows[0];
  }

  async workItemOfInteraction(interactionId: string): Promise<WorkItemRecord | undefined> {
    const rows = await this.db.select().from(processStorage).where(eq(processStorage.interactionId, interactionId));
    return rows[0];
  }

  async openWorkItems(ownerStorageId: string): Promise<WorkItemRecord[]> {
    return this.db
      .select({ item: processStorage })
      .from(processStorage)
      .innerJoin(processFlows, eq(processFlows.id, processStorage.instanceId))
      .where(and(eq(processFlows.ownerStorageId, ownerStorageId), ne(processStorage.state, 'completed')))
      .orderBy(asc(processStorage.updatedAt), asc(processStorage.effectId))
      .then((rows) => rows.map((r) => r.item));
  }

  async heartbeat(node: EngineNodeRecord): Promise<void> {
    await this.db
      .insert(processEngineNodes)
      .values(node)
      .onConflictDoUpdate({ target: processEngineNodes.storageId, set: { heartbeatAt: node.heartbeatAt } });
  }

  async listNodes(): Promise<EngineNodeRecord[]> {
    return this.db.select().from(processEngineNodes).orderBy(asc(processEngineNodes.storageId));
  }

  async removeNode(storageId: string): Promise<void> {
    await this.db.delete(processEngineNodes).where(eq(processEngineNodes.storageId, storageId));
  }

  async readOnlyQuery(
    text: string,
    parameters: readonly unknown[],
    timeoutMs: number,
  ): Promise<Record<string, unknown>[]> {
    return this.atomic(async (db) => {
      await db.execute(sql.raw('SET TRANSACTION READ ONLY'));
      await db.execute(sql.raw(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`));
      const chunks = text.split(/\$(\d+)/);
      const parts: SQL[] = [];
      chunks.forEach((chunk, i) => {
        if (i % 2 === 0) parts.push(sql.raw(chunk));
        else parts.push(sql`${parameters[Number(chunk) - 1] ?? null}`);
      });
      // pg answers `{ rows }`, PGlite's drizzle driver the same shape.
      const result = (await db.execute(sql.join(parts, sql``))) as { rows?: unknown };
      return Array.isArray(result.rows) ? (result.rows as Record<string, unknown>[]) : [];
    });
  }
}

type FlowTable = typeof processFlows | typeof processCompletion;

function conditions(table: FlowTable, filter: FlowFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.definitionId !== undefined) where.push(eq(table.definitionId, filter.definitionId));
  if (filter.state !== undefined) where.push(eq(table.state, filter.state));
  if (filter.status !== undefined) where.push(eq(table.status, filter.status));
  if (filter.originator !== undefined) where.push(eq(table.originator, filter.originator));
  if (filter.from !== undefined) where.push(sql`${table.startedAt} >= ${filter.from}`);
  if (filter.to !== undefined) where.push(sql`${table.startedAt} < ${filter.to}`);
  for (const [name, value] of Object.entries(filter.variables ?? {}))
    where.push(sql`(${table.doc} -> 'variables' ->> ${name}) = ${value}`);
  return where;
}

function toFlow(row: typeof processFlows.$inferSelect | typeof processCompletion.$inferSelect): FlowRecord {
  return {
    id: row.id,
    definitionId: row.definitionId,
    definitionVersion: row.definitionVersion,
    ownerStorageId: row.ownerStorageId,
    status: row.status,
    state: row.state,
    waitingOn: 'waitingOn' in row ? row.waitingOn : null,
    originator: row.originator,
    schemaVersion: row.schemaVersion,
    version: row.version,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    endedAt: 'endedAt' in row ? row.endedAt : null,
    doc: row.doc,
  };
}

function toDefinitionRow(row: typeof processDefinitions.$inferSelect): DefinitionRow {
  return { ...row, status: row.status as StoredDefinitionStatus };
}

function toEffect(row: typeof processEffects.$inferSelect): EffectRecord {
  return { ...row, status: row.status as EffectStatus };
}
