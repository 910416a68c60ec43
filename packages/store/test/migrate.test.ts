import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate, PgliteStore, PostgresStore, splitStatements, type StoreDb } from '../src/index.js';
import { createTestDatabase, postgresTestTarget, type TestDatabase } from '../src/testing.js';

const postgres = await postgresTestTarget();

const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/** A migrations folder holding the real first migration plus the given extra files. */
async function aMigrationsDir(extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-migrations-'));
  cleanUps.push(() => rm(dir, { recursive: true, force: true }));
  await copyFile(join(MIGRATIONS_DIR, '0001_initial.sql'), join(dir, '0001_initial.sql'));
  for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text);
  return dir;
}

/** PGlite in memory, not migrated yet, with a drizzle database on it to migrate. */
async function anEmptyPglite(): Promise<{ client: PgliteStore['client']; db: StoreDb }> {
  const store = await PgliteStore.open({ migrate: false });
  cleanUps.push(() => store.close());
  return { client: store.client, db: drizzle({ client: store.client }) as unknown as StoreDb };
}

describe('splitStatements', () => {
  it('splits a file at statement-breakpoint lines and drops comment-only parts', () => {
    const file =
      '-- header\nCREATE TABLE a (x int);\n--> statement-breakpoint\n-- only a comment\n--> statement-breakpoint\n\nCREATE INDEX i ON a (x);\n';
    expect(splitStatements(file)).toEqual(['-- header\nCREATE TABLE a (x int);', 'CREATE INDEX i ON a (x);']);
  });
});

describe('migrate', () => {
  it('applies only the files not yet applied, in name order', async () => {
    const store = await anEmptyPglite();
    const dir = await aMigrationsDir();
    expect(await migrate(store.db, { dir })).toEqual(['0001_initial.sql']);

    // 0003 needs the table of 0002: it only works when names give the order.
    await writeFile(join(dir, '0003_add_column.sql'), 'ALTER TABLE widgets ADD COLUMN colour text;');
    await writeFile(join(dir, '0002_widgets.sql'), 'CREATE TABLE widgets (id text PRIMARY KEY);');
    await writeFile(join(dir, 'README.md'), 'not a migration');
    expect(await migrate(store.db, { dir, now: () => 42 })).toEqual(['0002_widgets.sql', '0003_add_column.sql']);
    expect(await migrate(store.db, { dir })).toEqual([]);

    const recorded = await store.client.query<{ id: string; applied_at: number }>(
      'SELECT id, applied_at FROM tandem_migrations ORDER BY id',
    );
    expect(recorded.rows.map((r) => [r.id, Number(r.applied_at)]).slice(1)).toEqual([
      ['0002_widgets.sql', 42],
      ['0003_add_column.sql', 42],
    ]);
  });

  it('rolls back a failing file, records nothing of it, and keeps the files before it', async () => {
    const store = await anEmptyPglite();
    const dir = await aMigrationsDir({
      '0002_broken.sql':
        'CREATE TABLE half_done (id text);\n--> statement-breakpoint\nALTER TABLE no_such_table ADD COLUMN x int;',
    });
    await expect(migrate(store.db, { dir })).rejects.toThrow(/^migration 0002_broken.sql failed: .*no_such_table/);
    const tables = await store.client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.rows.map((r) => r.table_name)).toContain('directory_entities');
    expect(tables.rows.map((r) => r.table_name)).not.toContain('half_done');
    const recorded = await store.client.query<{ id: string }>('SELECT id FROM tandem_migrations');
    expect(recorded.rows.map((r) => r.id)).toEqual(['0001_initial.sql']);
  });
});

describe.skipIf(postgres.skip)('migrate on PostgreSQL', () => {
  async function aFreshDatabase(): Promise<TestDatabase> {
    const database = await createTestDatabase(postgres);
    cleanUps.push(() => database.drop());
    return database;
  }

  it('lets several servers start together on a new database: each file is applied once', async () => {
    const database = await aFreshDatabase();
    const stores = await Promise.all(
      Array.from({ length: 6 }, () => PostgresStore.open({ databaseUrl: database.url, maxConnections: 2 })),
    );
    cleanUps.push(async () => {
      for (const store of stores) await store.close();
    });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    cleanUps.push(() => client.end());
    const recorded = await client.query<{ id: string }>('SELECT id FROM tandem_migrations ORDER BY id');
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
    expect(files.length).toBeGreaterThan(1);
    expect(recorded.rows.map((r) => r.id)).toEqual(files);
    await Promise.all(stores.map((store) => store.ping()));
  });

  it('fails to open, closing its connections, when the database does not exist', async () => {
    const database = await aFreshDatabase();
    const url = new URL(database.url);
    url.pathname = `${url.pathname}_missing`;
    await expect(PostgresStore.open({ databaseUrl: url.toString() })).rejects.toThrow(/does not exist/);
  });
});
