import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where PostgreSQL tests run when `TANDEM_TEST_POSTGRES_URL` is not set: the project machines' server. */
export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL server the tests of this process use, and whether they can. */
export interface PostgresTestTarget {
  /** A database on the server to connect to while creating and dropping throwaway databases. */
  readonly adminUrl: string;
  readonly available: boolean;
  /** Why PostgreSQL cannot be used, when it cannot. */
  readonly reason?: string;
  /** `TANDEM_TEST_REQUIRE_POSTGRES=1`: being unavailable is a failure, not a skip. */
  readonly required: boolean;
  /** Whether PostgreSQL tests should be skipped: unavailable and not required. */
  readonly skip: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

let probed: Promise<PostgresTestTarget> | undefined;

/**
 * Finds out, once per process, whether the test PostgreSQL answers. When it does not and is not
 * required, prints why (once) so that a skipped suite is never mistaken for a passing one.
 * Use with `describe.skipIf(target.skip)`, and call {@link createTestDatabase} in `beforeAll`: when
 * PostgreSQL is required but down, that throws and the suite fails.
 */
export function postgresTestTarget(env: Env = process.env): Promise<PostgresTestTarget> {
  probed ??= probePostgres(env);
  return probed;
}

/** The probe behind {@link postgresTestTarget}, without its once-per-process memory. */
export async function probePostgres(env: Env): Promise<PostgresTestTarget> {
  const adminUrl = env.TANDEM_TEST_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL;
  const required = env.TANDEM_TEST_REQUIRE_POSTGRES === '1';
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { adminUrl, available: true, required, skip: false };
  } catch (error) {
    const reason = `cannot reach ${redact(adminUrl)}: ${error instanceof Error ? error.message : String(error)}`;
    if (!required)
      console.warn(
        `PostgreSQL tests skipped: ${reason}; set TANDEM_TEST_POSTGRES_URL to a reachable server ` +
          `(default ${DEFAULT_TEST_POSTGRES_URL}), or TANDEM_TEST_REQUIRE_POSTGRES=1 to make this a failure`,
      );
    return { adminUrl, available: false, reason, required, skip: !required };
  } finally {
    await client.end().catch(() => {});
  }
}

/** A database made for one test file or one test store, gone after `drop()`. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Ends every connection to it and drops it. A second call does nothing. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database `tandem_t_<random>` on the test server.
 * Throws when PostgreSQL is unavailable, naming the reason (this is how a required suite fails).
 */
export async function createTestDatabase(target?: PostgresTestTarget): Promise<TestDatabase> {
  const server = target ?? (await postgresTestTarget());
  if (!server.available) {
    const why = server.required ? 'PostgreSQL is required (TANDEM_TEST_REQUIRE_POSTGRES=1) but' : 'PostgreSQL';
    throw new Error(`${why} is unavailable: ${server.reason ?? 'unknown reason'}`);
  }
  const name = `tandem_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(server.adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: url.toString(),
    drop() {
      dropped ??= withAdmin(server.adminUrl, async (admin) => {
        // A pool the test forgot to close would make DROP DATABASE fail; end its connections first.
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      });
      return dropped;
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (admin: pg.Client) => Promise<T>): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await fn(admin);
  } finally {
    await admin.end();
  }
}

/** The URL without its password, fit for a log line. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable TANDEM_TEST_POSTGRES_URL>';
  }
}
