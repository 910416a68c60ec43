import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TandemStore } from '@tandem/core';
import { MIGRATIONS_DIR } from './migrate.js';
import { PgliteStore } from './pglite-store.js';
import { PostgresStore } from './postgres-store.js';
import { createTestDatabase } from './postgres-target.js';

// Creating a PGlite database runs initdb: seconds per instance. Starting from a tarball of an
// already migrated one takes a few hundred milliseconds. The tarball is made once per process and
// also kept on disk, keyed by the PGlite version and the migrations, so that the next test file
// (another process) starts from it too.
const CACHE_DIR = join(tmpdir(), 'tandem-store-cache');

export interface TestStoreOptions {
  /** PGlite only: keep the database on disk in this folder (empty or absent) instead of in memory. */
  dataDir?: string;
}

interface Template {
  blob: Blob;
  /** The cache file it was read from, when it was; removed if it turns out not to open. */
  cachedFile?: string;
}

let template: Promise<Template> | undefined;

/**
 * A new, empty, migrated store for a test, fast enough to make one per test.
 * - `pglite`: in memory, started from a cached template.
 * - `postgres`: a fresh database on the test server (`TANDEM_TEST_POSTGRES_URL`), dropped by `close()`;
 *   throws when PostgreSQL is unavailable.
 */
export async function openTestStore(
  engine: TandemStore['engine'],
  options: TestStoreOptions = {},
): Promise<TandemStore> {
  if (engine === 'pglite') return openTemplatedPglite(options.dataDir);
  if (options.dataDir !== undefined) throw new Error('openTestStore: dataDir is for PGlite only');
  const database = await createTestDatabase();
  let store: PostgresStore;
  try {
    store = await PostgresStore.open({ databaseUrl: database.url, maxConnections: 4 });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return dropOnClose(store, () => database.drop());
}

/**
 * A migrated PGlite store started from the template: in memory, or on disk in `dataDir` (which must
 * be empty or absent; open it again later with `PgliteStore.open({ dataDir })`).
 */
export async function openTemplatedPglite(dataDir?: string): Promise<PgliteStore> {
  const { blob, cachedFile } = await pgliteTemplate();
  const open = (loadDataDir: Blob) =>
    PgliteStore.open(dataDir === undefined ? { loadDataDir } : { loadDataDir, dataDir });
  try {
    return await open(blob);
  } catch (error) {
    if (cachedFile === undefined) throw error;
    // A damaged cache file must not fail every later run: forget it and build the template afresh.
    // On disk the failed attempt may have left files in `dataDir`, so only in memory is it retried.
    await rm(cachedFile, { force: true });
    template = undefined;
    if (dataDir !== undefined) throw error;
    return open((await pgliteTemplate()).blob);
  }
}

function pgliteTemplate(): Promise<Template> {
  template ??= loadOrBuildTemplate().catch((error: unknown) => {
    template = undefined; // let the next caller try again rather than inherit a stale failure
    throw error;
  });
  return template;
}

async function loadOrBuildTemplate(): Promise<Template> {
  const file = join(CACHE_DIR, `pglite-${await templateKey()}.tar`);
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return { blob: new Blob([cached]), cachedFile: file };
  const fresh = await PgliteStore.open();
  let blob: Blob;
  try {
    blob = await fresh.client.dumpDataDir('none');
  } finally {
    await fresh.close();
  }
  await saveAtomically(file, blob).catch(() => {}); // the cache is an optimisation only
  return { blob };
}

/** Written beside and renamed over, so a concurrent reader never sees half a file. */
async function saveAtomically(file: string, blob: Blob): Promise<void> {
  await mkdir(CACHE_DIR, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, new Uint8Array(await blob.arrayBuffer()));
  await rename(partial, file);
}

async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  // The package's manifest names its version; it is not in its exports, so go there from the entry.
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update(await readFile(join(dirname(pgliteEntry), '..', 'package.json')));
  for (const name of (await readdir(MIGRATIONS_DIR)).sort()) {
    hash.update(name);
    hash.update(await readFile(join(MIGRATIONS_DIR, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Removes the on-disk templates, e.g. after changing how they are built. */
export async function clearTemplateCache(): Promise<void> {
  await rm(CACHE_DIR, { recursive: true, force: true });
}

function dropOnClose(store: PostgresStore, drop: () => Promise<void>): TandemStore {
  return {
    engine: store.engine,
    directory: store.directory,
    credentials: store.credentials,
    sessions: store.sessions,
    presence: store.presence,
    interactions: store.interactions,
    chat: store.chat,
    activations: store.activations,
    attachments: store.attachments,
    processes: store.processes,
    transaction: (fn) => store.transaction(fn),
    ping: () => store.ping(),
    notify: (channel, payload) => store.notify(channel, payload),
    listen: (channel, listener) => store.listen(channel, listener),
    async close() {
      await store.close();
      await drop();
    },
  };
}
