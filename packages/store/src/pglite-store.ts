import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { DataDirLock } from './data-dir-lock.js';
import { checkChannel, DrizzleStore } from './drizzle-store.js';
import { DurableNodeFS } from './durable-node-fs.js';
import { migrate } from './migrate.js';

export interface PgliteStoreOptions {
  /** Folder of the database files, created (with parents) when missing. Absent: in memory. */
  dataDir?: string;
  /** A tarball from `PGlite.dumpDataDir()` to start from, instead of an empty database. */
  loadDataDir?: Blob | File;
  /** Apply pending migrations before answering. Default: true. */
  migrate?: boolean;
}

/**
 * Tandem's store on PGlite, PostgreSQL compiled to WebAssembly and running in this process: the
 * embedded default, so that `npm start` needs no database server.
 *
 * On disk, every commit is fsynced before it is acknowledged (see `DurableNodeFS`). PGlite is one
 * connection: statements from concurrent callers queue, and a transaction holds the connection
 * until it ends.
 */
export class PgliteStore extends DrizzleStore {
  readonly engine = 'pglite';
  private closed = false;

  private constructor(
    /** The PGlite instance, e.g. to `dumpDataDir()` it. */
    readonly client: PGlite,
    private readonly lock: DataDirLock | undefined,
  ) {
    super(drizzle({ client }));
  }

  /**
   * Opens (creating when needed) the database and applies pending migrations.
   * Throws when another PGlite (in this process or another) has `dataDir` open, or PGlite cannot
   * start on it.
   */
  static async open(options: PgliteStoreOptions = {}): Promise<PgliteStore> {
    const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
    if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
    const lock = dataDir === undefined ? undefined : DataDirLock.acquire(dataDir);
    try {
      const client = await PGlite.create({
        ...(dataDir === undefined ? {} : { dataDir, fs: new DurableNodeFS(dataDir) }),
        ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
        // PGlite starts PostgreSQL with -F (fsync off); on disk it is turned back on.
        startParams: dataDir === undefined ? PGlite.defaultStartParams : DurableNodeFS.startParams,
        relaxedDurability: false,
      });
      const store = new PgliteStore(client, lock);
      if (options.migrate ?? true)
        await migrate(store.db).catch(async (error: unknown) => {
          await store.close();
          throw error;
        });
      return store;
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  async listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>> {
    const stop = await this.client.listen(checkChannel(channel), listener);
    return async () => {
      if (!this.closed) await stop();
    };
  }

  /** Waits for queued statements, then stops PGlite. A second call does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.client.close();
    } finally {
      this.lock?.release();
    }
  }
}
