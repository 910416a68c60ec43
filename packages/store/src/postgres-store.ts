import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { checkChannel, DrizzleStore } from './drizzle-store.js';
import { PostgresListener } from './postgres-listener.js';
import { migrate } from './migrate.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  databaseUrl: string;
  /** Connections in the pool. Default: 10. */
  maxConnections?: number;
  /** Apply pending migrations before answering. Default: true. */
  migrate?: boolean;
  /**
   * Told about errors of idle pooled connections (database restarted, network cut). The pool has
   * already dropped the connection; the next query opens a new one. Also told when the LISTEN
   * connection drops (it is opened again). Default: ignore.
   */
  onIdleError?: (error: Error) => void;
}

/**
 * Tandem's store on a PostgreSQL server (or a compatible distributed engine), through a `pg.Pool`.
 * Several Tandem servers may share one database: migrations take an advisory lock.
 */
export class PostgresStore extends DrizzleStore {
  readonly engine = 'postgres';
  private closing: Promise<void> | undefined;

  private readonly listener: PostgresListener;

  private constructor(
    private readonly pool: pg.Pool,
    options: PostgresStoreOptions,
  ) {
    super(drizzle({ client: pool }));
    this.listener = new PostgresListener(options.databaseUrl, options.onIdleError ?? (() => {}));
  }

  /** Connects, checks the database answers, applies pending migrations. Throws when it cannot connect. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 10,
      // Fail fast at start-up and in health checks rather than hang on a dead host.
      connectionTimeoutMillis: 10_000,
    });
    // Without a listener, an idle connection's error (e.g. PostgreSQL restarting) would be an
    // unhandled 'error' event and end the process.
    pool.on('error', options.onIdleError ?? (() => {}));
    const store = new PostgresStore(pool, options);
    try {
      await store.ping();
      if (options.migrate ?? true) await migrate(store.db);
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** LISTEN on a connection of its own, opened again when it drops (see `PostgresListener`). */
  async listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>> {
    return this.listener.listen(checkChannel(channel), listener);
  }

  /** Waits for checked-out connections to come back, then closes the pool. A second call does nothing. */
  async close(): Promise<void> {
    this.closing ??= this.listener.close().then(() => this.pool.end());
    await this.closing;
  }
}
