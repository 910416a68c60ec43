import type { TandemStore } from '@tandem/core';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, openTestStore, postgresTestTarget, probePostgres } from '../src/testing.js';
import { aCredential } from './builders.js';

// The helpers other packages' tests rely on: they must isolate, clean up, and never let a missing
// PostgreSQL pass for a green suite.

const postgres = await postgresTestTarget();
const UNREACHABLE = 'postgres://nobody@127.0.0.1:1/x';

const stores: TandemStore[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const store of stores.splice(0)) await store.close();
});

async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  try {
    return (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe('the PostgreSQL test target', () => {
  it('skips an unreachable PostgreSQL and says why, once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const target = await probePostgres({ TANDEM_TEST_POSTGRES_URL: UNREACHABLE });
    expect(target).toMatchObject({ available: false, required: false, skip: true });
    expect(target.reason).toMatch(/ECONNREFUSED/);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/^PostgreSQL tests skipped: .*ECONNREFUSED.*TANDEM_TEST_POSTGRES_URL/);
  });

  it('fails instead of skipping when PostgreSQL is required but unreachable', async () => {
    const target = await probePostgres({ TANDEM_TEST_POSTGRES_URL: UNREACHABLE, TANDEM_TEST_REQUIRE_POSTGRES: '1' });
    expect(target).toMatchObject({ available: false, required: true, skip: false });
    await expect(createTestDatabase(target)).rejects.toThrow(/required \(TANDEM_TEST_REQUIRE_POSTGRES=1\)/);
  });

  it.skipIf(postgres.skip)('drops a test database even when a connection to it was left open', async () => {
    const database = await createTestDatabase(postgres);
    const forgotten = new pg.Client({ connectionString: database.url });
    forgotten.on('error', () => {}); // it is about to be terminated
    await forgotten.connect();
    expect(await databaseExists(database.name)).toBe(true);
    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
  });
});

describe('openTestStore', () => {
  for (const engine of ['pglite', 'postgres'] as const)
    it.skipIf(engine === 'postgres' && postgres.skip)(
      `gives each ${engine} test store its own empty database`,
      async () => {
        const first = await openTestStore(engine);
        const second = await openTestStore(engine);
        stores.push(first, second);
        expect(first.engine).toBe(engine);
        await first.credentials.put(aCredential());
        expect(await second.credentials.get('agent-1')).toBeUndefined();
        expect(await first.credentials.get('agent-1')).toEqual(aCredential());
      },
    );

  it.skipIf(postgres.skip)('drops the PostgreSQL test database when the store closes', async () => {
    const created: string[] = [];
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    const store = await openTestStore('postgres');
    for (const [text] of spy.mock.calls) {
      const name = /^CREATE DATABASE (\w+)/.exec(String(text))?.[1];
      if (name) created.push(name);
    }
    spy.mockRestore();
    expect(created).toHaveLength(1);
    expect(await databaseExists(created[0]!)).toBe(true);
    await store.close();
    expect(await databaseExists(created[0]!)).toBe(false);
  });
});
