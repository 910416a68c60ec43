import type { TandemStore } from '@tandem/core';
import { PgliteStore } from './pglite-store.js';
import { PostgresStore } from './postgres-store.js';

export interface OpenStoreOptions {
  /** PostgreSQL when given (`TANDEM_DATABASE_URL`). */
  databaseUrl?: string;
  /** Otherwise PGlite on this folder, created with its parents when missing (default of the server: `./data`). */
  dataDir?: string;
  /** Otherwise, when true, PGlite in memory: nothing survives `close()`. For tests and demos. */
  memory?: boolean;
}

/**
 * Opens the store the options name and brings its schema up to date.
 * Throws when none of `databaseUrl`, `dataDir`, `memory` is given (refusing to guess where data
 * should live), or when the engine cannot be opened.
 */
export async function openStore(options: OpenStoreOptions): Promise<TandemStore> {
  if (options.databaseUrl) return PostgresStore.open({ databaseUrl: options.databaseUrl });
  if (options.dataDir) return PgliteStore.open({ dataDir: options.dataDir });
  if (options.memory) return PgliteStore.open();
  throw new Error('openStore needs a databaseUrl, a dataDir, or memory: true');
}
