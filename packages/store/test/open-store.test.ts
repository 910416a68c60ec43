import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TandemStore } from '@tandem/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/index.js';
import { createTestDatabase, postgresTestTarget } from '../src/testing.js';
import { aCredential } from './builders.js';

const postgres = await postgresTestTarget();

const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

function closeLater(store: TandemStore): TandemStore {
  cleanUps.push(() => store.close());
  return store;
}

describe('openStore', () => {
  it('creates a missing data directory with its parents and keeps PGlite there', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tandem-open-store-'));
    cleanUps.push(() => rm(folder, { recursive: true, force: true }));
    const dataDir = join(folder, 'not', 'yet', 'there');

    const store = closeLater(await openStore({ dataDir }));
    expect(store.engine).toBe('pglite');
    await store.credentials.put(aCredential());
    await store.close();
    await access(join(dataDir, 'PG_VERSION'));

    const again = closeLater(await openStore({ dataDir }));
    expect(await again.credentials.get('agent-1')).toEqual(aCredential());
  });

  it('opens PGlite in memory when asked to', async () => {
    const store = closeLater(await openStore({ memory: true }));
    expect(store.engine).toBe('pglite');
    expect(await store.directory.loadAll()).toEqual([]);
  });

  it('prefers the database URL to a data directory', async ({ skip }) => {
    if (postgres.skip) skip();
    const database = await createTestDatabase(postgres);
    cleanUps.push(() => database.drop());
    const store = closeLater(await openStore({ databaseUrl: database.url, dataDir: '/nonexistent/never-created' }));
    expect(store.engine).toBe('postgres');
    await expect(store.ping()).resolves.toBeUndefined();
    await expect(access('/nonexistent/never-created')).rejects.toThrow();
  });

  it('refuses to guess where data should live when given nowhere', async () => {
    await expect(openStore({})).rejects.toThrow(/databaseUrl, a dataDir, or memory/);
  });

  it('fails with the reason when PostgreSQL cannot be reached', async () => {
    await expect(openStore({ databaseUrl: 'postgres://nobody@127.0.0.1:1/x' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
