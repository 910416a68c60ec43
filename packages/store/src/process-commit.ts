import { TandemError, type FlowCommit, type FlowRecord, type WorkItemRecord } from '@tandem/core';
import { sql, type SQL } from 'drizzle-orm';
import type { StoreDb } from './drizzle-store.js';
import { processCompletion, processEffects, processFlows, processStorage } from './process-schema.js';
import {
  byColumnName,
  chunks,
  recordset,
  replaceAll,
  ROWS_PER_INSERT,
  setAllExcluded,
  textArray,
  unnestRows,
} from './query-helpers.js';

// The writes of `ProcessStore.commitSteps`: one statement for the usual batch, a transaction of
// several for a big one or to name the instances the version guard refused.

const ENDED = new Set(['completed', 'cancelled']);
const REPLACE_FLOW = setAllExcluded(processFlows, ['id']);
const REPLACE_EFFECT = setAllExcluded(processEffects, ['effectId']);
const REPLACE_WORK_ITEM = setAllExcluded(processStorage, ['effectId']);

export const conflict = (ids: string[]) =>
  new TandemError('REVISION_CONFLICT', `process instance(s) changed meanwhile: ${ids.slice(0, 5).join(', ')}`, {
    instanceIds: ids,
  });

/** Writes a batch in a transaction (the caller's); throws REVISION_CONFLICT naming refused instances. */
export async function commitInTransaction(db: StoreDb, commits: readonly FlowCommit[]): Promise<void> {
  const running = sortById(commits.filter((c) => !ENDED.has(c.flow.status)));
  const ended = sortById(commits.filter((c) => ENDED.has(c.flow.status)));
  for (const batch of chunks(running, ROWS_PER_INSERT)) await upsertFlows(db, batch);
  if (ended.length > 0) await moveToCompletion(db, ended);
  const effects = commits.flatMap((c) => c.effects);
  for (const batch of chunks(
    latestBy(effects, (e) => e.effectId),
    ROWS_PER_INSERT,
  ))
    await db
      .insert(processEffects)
      .select(unnestRows(processEffects, batch))
      .onConflictDoUpdate({ target: processEffects.effectId, set: REPLACE_EFFECT });
  const items = commits.flatMap((c) => c.workItems ?? []);
  if (items.length > 0) await upsertWorkItems(db, items);
}

const GUARD_FAILED = '22012'; // division_by_zero, raised on purpose to abort the statement

const SET_FLOW = replaceAll(processFlows, 'id');
const SET_EFFECT = replaceAll(processEffects, 'effect_id');
const SET_WORK_ITEM = replaceAll(processStorage, 'effect_id');

const FLOW_COLUMNS = byColumnName(processFlows);
const COMPLETION_COLUMNS = byColumnName(processCompletion);
const EFFECT_COLUMNS = byColumnName(processEffects);
const WORK_ITEM_COLUMNS = byColumnName(processStorage);

/**
 * Writes a whole batch in one statement: data-modifying CTEs for flows (with the version guard),
 * ended flows moved to completion, effects and work items, all read from one JSON parameter; the
 * final SELECT divides by zero when the guard held back any row, which aborts the statement and so
 * undoes all of it. Answers false then.
 */
export async function commitAtOnce(db: StoreDb, commits: readonly FlowCommit[]): Promise<boolean> {
  const running = sortById(commits.filter((c) => !ENDED.has(c.flow.status)));
  const ended = sortById(commits.filter((c) => ENDED.has(c.flow.status)));
  const existing = ended.filter((c) => c.expectedVersion !== null);
  const effects = latestBy(
    commits.flatMap((c) => c.effects),
    (e) => e.effectId,
  );
  const items = latestBy(
    commits.flatMap((c) => c.workItems ?? []),
    (w) => w.effectId,
  );
  const batch = {
    f: running.map((c) => FLOW_COLUMNS(flowRow(c.flow))),
    d: existing.map((c) => ({ id: c.flow.id, v: c.expectedVersion })),
    c: ended.map((c) => {
      const { waitingOn: _waiting, ...row } = flowRow(c.flow);
      return COMPLETION_COLUMNS({ ...row, endedAt: c.flow.endedAt ?? c.flow.updatedAt });
    }),
    e: effects.map((e) => EFFECT_COLUMNS(e as unknown as Record<string, unknown>)),
    w: items.map((w) => WORK_ITEM_COLUMNS(w as unknown as Record<string, unknown>)),
  };
  // The batch is the statement's only parameter (CTE b); each write reads its part of it.
  const part = (key: keyof typeof batch) => sql.raw(`(SELECT j -> '${key}' FROM b)`);
  const ctes: SQL[] = [sql`b AS (SELECT ${JSON.stringify(batch)}::jsonb AS j)`];
  if (batch.f.length > 0)
    ctes.push(
      sql`f AS (INSERT INTO process_flows ${recordset(processFlows, part('f'), 'x')} ON CONFLICT (id) DO UPDATE SET ${sql.raw(SET_FLOW)} WHERE process_flows.version = excluded.version - 1 RETURNING 1)`,
    );
  if (batch.d.length > 0)
    ctes.push(
      sql`d AS (DELETE FROM process_flows p USING jsonb_to_recordset(${part('d')}) AS x(id text, v integer) WHERE p.id = x.id AND p.version = x.v RETURNING 1)`,
    );
  if (batch.c.length > 0)
    ctes.push(sql`c AS (INSERT INTO process_completion ${recordset(processCompletion, part('c'), 'x')} RETURNING 1)`);
  if (batch.e.length > 0)
    ctes.push(
      sql`e AS (INSERT INTO process_effects ${recordset(processEffects, part('e'), 'x')} ON CONFLICT (effect_id) DO UPDATE SET ${sql.raw(SET_EFFECT)} RETURNING 1)`,
    );
  if (batch.w.length > 0)
    ctes.push(
      sql`w AS (INSERT INTO process_storage ${recordset(processStorage, part('w'), 'x')} ON CONFLICT (effect_id) DO UPDATE SET ${sql.raw(SET_WORK_ITEM)} RETURNING 1)`,
    );
  const held = [
    ...(batch.f.length > 0 ? [`(SELECT count(*) FROM f) <> ${batch.f.length}`] : []),
    ...(batch.d.length > 0 ? [`(SELECT count(*) FROM d) <> ${batch.d.length}`] : []),
  ];
  const guard = held.length > 0 ? held.join(' OR ') : 'false';
  const statement = sql`WITH ${sql.join(ctes, sql`, `)} SELECT 1 / (CASE WHEN ${sql.raw(guard)} THEN 0 ELSE 1 END) AS ok`;
  try {
    await db.execute(statement);
    return true;
  } catch (error) {
    const cause = error instanceof Error && 'cause' in error && error.cause instanceof Error ? error.cause : error;
    if ((cause as { code?: unknown }).code === GUARD_FAILED || (cause as { code?: unknown }).code === '23505')
      return false;
    throw error;
  }
}

async function upsertFlows(db: StoreDb, batch: FlowCommit[]): Promise<void> {
  const rows = batch.map((c) => flowRow(c.flow));
  const written = await db
    .insert(processFlows)
    .select(unnestRows(processFlows, rows))
    .onConflictDoUpdate({
      target: processFlows.id,
      set: REPLACE_FLOW,
      // The optimistic guard: only the step that read version n may write n + 1.
      setWhere: sql.raw('process_flows.version = excluded.version - 1'),
    })
    .returning({ id: processFlows.id });
  if (written.length !== rows.length) {
    const ok = new Set(written.map((w) => w.id));
    throw conflict(rows.filter((r) => !ok.has(r.id)).map((r) => r.id));
  }
}

async function moveToCompletion(db: StoreDb, ended: FlowCommit[]): Promise<void> {
  const existing = ended.filter((c) => c.expectedVersion !== null);
  for (const batch of chunks(existing, ROWS_PER_INSERT)) {
    const ids = batch.map((c) => c.flow.id);
    const deleted = await db
      .delete(processFlows)
      .where(sql`${processFlows.id} = ANY(${textArray(ids)})`)
      .returning({ id: processFlows.id, version: processFlows.version });
    const expected = new Map(batch.map((c) => [c.flow.id, c.expectedVersion]));
    const wrong = ids.filter((id) => !deleted.some((d) => d.id === id && d.version === expected.get(id)));
    if (wrong.length > 0) throw conflict(wrong);
  }
  for (const batch of chunks(ended, ROWS_PER_INSERT)) {
    const rows = batch.map((c) => {
      const { waitingOn: _waiting, ...row } = flowRow(c.flow);
      return { ...row, endedAt: c.flow.endedAt ?? c.flow.updatedAt };
    });
    await db.insert(processCompletion).select(unnestRows(processCompletion, rows));
  }
}

export async function upsertWorkItems(db: StoreDb, items: readonly WorkItemRecord[]): Promise<void> {
  for (const batch of chunks(
    latestBy(items, (w) => w.effectId),
    ROWS_PER_INSERT,
  ))
    await db
      .insert(processStorage)
      .select(unnestRows(processStorage, batch))
      .onConflictDoUpdate({ target: processStorage.effectId, set: REPLACE_WORK_ITEM });
}

function flowRow(f: FlowRecord): typeof processFlows.$inferInsert {
  return {
    id: f.id,
    definitionId: f.definitionId,
    definitionVersion: f.definitionVersion,
    ownerStorageId: f.ownerStorageId,
    status: f.status,
    state: f.state,
    originator: f.originator,
    schemaVersion: f.schemaVersion,
    version: f.version,
    startedAt: f.startedAt,
    updatedAt: f.updatedAt,
    doc: f.doc,
    waitingOn: f.waitingOn,
  };
}

/** One per key (the last in the list wins), sorted by key so concurrent batches lock rows in one order. */
function latestBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
}

function sortById(commits: readonly FlowCommit[]): FlowCommit[] {
  return [...commits].sort((a, b) => (a.flow.id < b.flow.id ? -1 : a.flow.id > b.flow.id ? 1 : 0));
}
