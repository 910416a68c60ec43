import { getTableColumns, sql, type Column, type InferInsertModel, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { StoreDb } from './drizzle-store.js';

/**
 * Runs `fn` so that its statements commit together: a new transaction on the store's own ports,
 * the enclosing one on a transaction's ports.
 */
export type Atomic = <T>(fn: (db: StoreDb) => Promise<T>) => Promise<T>;

/**
 * Rows per multi-row INSERT: far below PostgreSQL's 65 535 bind parameters per statement, and the
 * size of the batches the server group-commits.
 */
export const ROWS_PER_INSERT = 500;

/**
 * Runs one statement per batch, all of them committing together. A single statement is already a
 * transaction of its own, so it runs without one: on PostgreSQL that saves the BEGIN and COMMIT
 * round trips, which is most of the cost of a small write.
 */
export async function inBatches<T>(
  db: StoreDb,
  atomic: Atomic,
  batches: readonly T[][],
  write: (db: StoreDb, batch: T[]) => Promise<unknown>,
): Promise<void> {
  const [only, ...more] = batches;
  if (only === undefined) return;
  if (more.length === 0) {
    await write(db, only);
    return;
  }
  await atomic(async (tx) => {
    for (const batch of batches) await write(tx, batch);
  });
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A text[] bind parameter written as an array literal, which both drivers pass through unchanged. */
export function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map(arrayElement).join(',')}}`}::text[]`;
}

/** One element of an array literal, always quoted: a comma or brace in it cannot split it. */
function arrayElement(value: string): string {
  // Ids, names and numbers rarely hold either character: no regular expression for them.
  if (!value.includes('"') && !value.includes('\\')) return `"${value}"`;
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * `SELECT * FROM unnest($1::text[], $2::bigint[], …)` over every column of `table`, in its order:
 * rows for `db.insert(table).select(…)`, one array parameter per column. A multi-row VALUES list
 * has a parameter per value, and drizzle spends about 0.1 ms of CPU per row building one (60 ms
 * of the event loop for 500 interactions); this is built in about a millisecond, and its text is
 * the same for every batch. Not for bytea columns; jsonb columns go as one JSON array each.
 */
export function unnestRows<T extends PgTable>(table: T, rows: readonly InferInsertModel<T>[]): SQL {
  const arrays = Object.entries(getTableColumns(table)).map(([property, column]) => {
    const type = column.getSQLType();
    if (type === 'bytea') throw new TypeError(`unnestRows: ${column.name} is bytea`);
    if (type === 'jsonb')
      return jsonbArray(
        rows.map((row) => (row as Record<string, unknown>)[property]),
        column,
      );
    const elements = rows.map((row) => {
      const value: unknown = (row as Record<string, unknown>)[property];
      // Absent is NULL, as drizzle's VALUES would give DEFAULT, and these tables have no defaults.
      if (value === null || value === undefined) return 'NULL';
      return arrayElement(String(column.mapToDriverValue(value)));
    });
    return sql`${`{${elements.join(',')}}`}::${sql.raw(type)}[]`;
  });
  return sql`SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`;
}

/**
 * A jsonb[] of the values, sent as one JSON array: the documents are JSON already, and quoting each
 * again as an element of an array literal took as long as writing it (about 9 ms of the event loop
 * per 500 interactions, against 2.5 ms). Absent is NULL, as in the other columns (a JSON null
 * element becomes SQL NULL; drizzle never stores a JSON null in a jsonb column).
 */
function jsonbArray(values: readonly unknown[], column: Column): SQL {
  const json = `[${values.map((v) => (v === null || v === undefined ? 'null' : String(column.mapToDriverValue(v)))).join(',')}]`;
  return sql`ARRAY(SELECT NULLIF(e, 'null'::jsonb) FROM jsonb_array_elements(${json}::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n)`;
}

/**
 * The SET of an upsert that replaces every column but the key with the proposed row's
 * (`excluded.<column>`).
 */
export function setAllExcluded<T extends PgTable>(table: T, key: readonly string[]): Record<string, SQL> {
  const set: Record<string, SQL> = {};
  for (const [property, column] of Object.entries(getTableColumns(table)))
    if (!key.includes(property)) set[property] = sql.raw(`excluded.${column.name}`);
  return set;
}

/** `col = excluded.col, …` for every column but the key. */
export function replaceAll(table: PgTable, key: string): string {
  const names: string[] = Object.values(getTableColumns(table)).map((c: { name: string }) => c.name);
  return names
    .filter((name) => name !== key)
    .map((name) => `${name} = excluded.${name}`)
    .join(', ');
}

/**
 * `jsonb_to_recordset(<rows>) AS <alias>(column type, …)` over every column of `table`, in its order:
 * the rows of an INSERT … SELECT taken from one JSON parameter. One JSON.stringify of the whole batch
 * is far cheaper than an array literal per column (each jsonb value stringified, then escaped into
 * the literal), for Node and for PostgreSQL, which parses one JSON document instead of per-column
 * arrays of quoted text. Tables of text, integer, bigint (as numbers) and jsonb columns only.
 */
export function recordset(table: PgTable, rows: SQL, alias: string): SQL {
  const columns = Object.values(getTableColumns(table)).map((c: { name: string; getSQLType(): string }) => {
    const type = c.getSQLType();
    if (!['text', 'integer', 'bigint', 'jsonb'].includes(type)) throw new TypeError(`recordset: ${c.name} is ${type}`);
    return `${c.name} ${type}`;
  });
  return sql`SELECT * FROM jsonb_to_recordset(${rows}) AS ${sql.raw(alias)}(${sql.raw(columns.join(', '))})`;
}

/** A row keyed by the table's column names (absent is null), as `recordset` reads it. */
export function byColumnName<R extends object = Record<string, unknown>>(
  table: PgTable,
): (row: R) => Record<string, unknown> {
  const pairs = Object.entries(getTableColumns(table)).map(([property, c]) => [property, c.name] as const);
  return (row) => {
    const out: Record<string, unknown> = {};
    for (const [property, name] of pairs) out[name] = (row as Record<string, unknown>)[property] ?? null;
    return out;
  };
}
