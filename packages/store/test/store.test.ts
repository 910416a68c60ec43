import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { PgliteStore, PostgresStore, schema } from '../src/index.js';
import { createTestDatabase, postgresTestTarget, type TestDatabase } from '../src/testing.js';
import { openTemplatedPglite } from '../src/test-store.js';
import { describeStoreContract, type StoreUnderTest } from './store-contract.js';

// The storage contract on each engine. PostgreSQL is skipped, saying why, when it is unreachable,
// unless TANDEM_TEST_REQUIRE_POSTGRES=1 makes that a failure.

const postgres = await postgresTestTarget();

/** Empties every table but the migrations' record, for the engines whose tests share one database. */
const TRUNCATE_DATA_TABLES = `TRUNCATE ${Object.values(schema.storeTables)
  .filter((table) => table !== schema.tandemMigrations)
  .map((table) => getTableName(table))
  .join(', ')} RESTART IDENTITY`;

function pgliteFixture(store: PgliteStore, dataDir?: string): StoreUnderTest {
  let current = store;
  const fixture: StoreUnderTest = {
    store,
    sql: async (text) => (await current.client.query<Record<string, unknown>>(text)).rows,
  };
  if (dataDir !== undefined)
    fixture.reopen = async () => {
      await current.close();
      current = await PgliteStore.open({ dataDir });
      return current;
    };
  return fixture;
}

describeStoreContract('PGlite in memory', async () => pgliteFixture(await openTemplatedPglite()), {
  persistent: false,
});

describe('PGlite on disk', () => {
  // One folder for the whole file, each test reopening it and emptying the tables: loading the
  // template into a new folder per test would cost seconds each.
  let folder = '';
  let dataDir = '';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'tandem-store-test-'));
    dataDir = join(folder, 'data');
    await (await openTemplatedPglite(dataDir)).close();
  });

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  describeStoreContract(
    'contract',
    async () => {
      const store = await PgliteStore.open({ dataDir });
      await store.client.exec(TRUNCATE_DATA_TABLES);
      return pgliteFixture(store, dataDir);
    },
    { persistent: true },
  );
});

describe.skipIf(postgres.skip)('PostgreSQL', () => {
  // One database for the whole file, emptied before each test: cheaper than one per test.
  let database: TestDatabase | undefined;
  let inspector: pg.Pool | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(postgres);
    inspector = new pg.Pool({ connectionString: database.url, max: 2 });
  });

  afterAll(async () => {
    await inspector?.end();
    await database?.drop();
  });

  const open = async () => {
    if (!database) throw new Error('the test database was not created');
    return PostgresStore.open({ databaseUrl: database.url });
  };

  describeStoreContract(
    'contract',
    async () => {
      const store = await open();
      const sql = async (text: string) => (await inspector!.query<Record<string, unknown>>(text)).rows;
      await sql(TRUNCATE_DATA_TABLES);
      let current = store;
      return {
        store,
        sql,
        reopen: async () => {
          await current.close();
          current = await open();
          return current;
        },
      };
    },
    { persistent: true },
  );
});
