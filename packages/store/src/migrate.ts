import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import type { StoreDb } from './drizzle-store.js';
import { tandemMigrations } from './schema.js';

/** The folder of this package's SQL migrations, found next to the sources wherever they are installed. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/**
 * The advisory lock key that serialises migrators: two servers starting together on one PostgreSQL
 * take turns instead of both creating the same tables. Other advisory locks (switchover) must use
 * different keys.
 */
export const MIGRATION_LOCK_KEY = 7_461_636_101;

const STATEMENT_BREAKPOINT = /^--> statement-breakpoint\s*$/m;

export interface MigrateOptions {
  /** Folder of `*.sql` files, applied in name order. Default: this package's `migrations/`. */
  dir?: string;
  /** Epoch ms recorded as `applied_at`. Default: `Date.now`. */
  now?: () => number;
}

/**
 * Brings the database up to date: applies each migration file not yet recorded in
 * `tandem_migrations`, one transaction per file, under {@link MIGRATION_LOCK_KEY}. Running it on an
 * up-to-date database changes nothing. Answers the ids (file names) it applied.
 * Throws the database's error when a statement fails; that file's changes are rolled back.
 */
export async function migrate(db: StoreDb, options: MigrateOptions = {}): Promise<string[]> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  const now = options.now ?? Date.now;
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  await db.transaction(async (tx) => {
    await lockMigrations(tx);
    // The migrator's own bookkeeping table exists before any file can be recorded in it.
    await tx.execute(
      sql.raw(
        'CREATE TABLE IF NOT EXISTS tandem_migrations (id text NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)',
      ),
    );
  });
  const applied: string[] = [];
  for (const file of files) {
    const statements = splitStatements(await readFile(`${dir}/${file}`, 'utf8'));
    const ran = await db.transaction(async (tx) => {
      await lockMigrations(tx);
      // Checked under the lock: another server may have applied it while this one waited.
      const done = await tx.select().from(tandemMigrations).where(eq(tandemMigrations.id, file));
      if (done.length > 0) return false;
      for (const statement of statements)
        await tx.execute(sql.raw(statement)).catch((error: unknown) => {
          const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
          throw new Error(`migration ${file} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
            cause,
          });
        });
      await tx.insert(tandemMigrations).values({ id: file, appliedAt: now() });
      return true;
    });
    if (ran) applied.push(file);
  }
  return applied;
}

/** Held until the transaction ends, so a crash never leaves it taken. */
async function lockMigrations(tx: Pick<StoreDb, 'execute'>): Promise<void> {
  await tx.execute(sql.raw(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`));
}

/**
 * The statements of a migration file. Statements are separated by `--> statement-breakpoint` lines
 * (drizzle-kit's convention) because PGlite's extended protocol runs one statement per query.
 */
export function splitStatements(file: string): string[] {
  return file
    .split(STATEMENT_BREAKPOINT)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.replace(/^--.*$/gm, '').trim().length > 0);
}
