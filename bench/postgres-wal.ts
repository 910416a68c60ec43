/**
 * What PostgreSQL wrote over part of a benchmark run: WAL bytes and checkpoints started (timed or
 * requested by WAL volume). Unlike latency these hardly depend on the machine: WAL per interaction
 * decides how often `max_wal_size` forces a checkpoint at a given rate.
 */
import pg from 'pg';

export interface WalReading {
  walBytes: number;
  checkpoints: { timed: number; requested: number };
}

export interface WalProbe {
  read(): Promise<WalReading>;
  /** The server settings that shape commit latency under this load, as `name=value …`. */
  settings(): Promise<string>;
  close(): Promise<void>;
}

/** What decides how often checkpoints come, what each commit waits for, and how much WAL it writes. */
const SETTINGS = [
  'autovacuum',
  'backend_flush_after',
  'checkpoint_timeout',
  'full_page_writes',
  'max_wal_size',
  'shared_buffers',
  'synchronous_commit',
  'wal_compression',
  'wal_init_zero',
];

export async function walProbe(databaseUrl: string): Promise<WalProbe> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    async read() {
      const { rows } = await client.query<{ wal: string; timed: string; requested: string }>(
        `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS wal,
                checkpoints_timed::text AS timed, checkpoints_req::text AS requested
           FROM pg_stat_bgwriter`,
      );
      const row = rows[0];
      if (!row) throw new Error('pg_stat_bgwriter answered no row');
      return { walBytes: Number(row.wal), checkpoints: { timed: Number(row.timed), requested: Number(row.requested) } };
    },
    async settings() {
      const { rows } = await client.query<{ name: string; setting: string }>(
        `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1) ORDER BY name`,
        [SETTINGS],
      );
      return rows.map((r) => `${r.name}=${r.setting}`).join(' ');
    },
    close: () => client.end(),
  };
}

/** `… MB of WAL (… KB per interaction), checkpoints started: … by time, … by WAL volume`. */
export function describeWal(from: WalReading, to: WalReading, interactions: number): string {
  const bytes = to.walBytes - from.walBytes;
  const timed = to.checkpoints.timed - from.checkpoints.timed;
  const requested = to.checkpoints.requested - from.checkpoints.requested;
  return (
    `${(bytes / 1e6).toFixed(1)} MB of WAL (${(bytes / 1000 / Math.max(1, interactions)).toFixed(2)} KB per interaction offered); ` +
    `checkpoints started: ${timed} by time, ${requested} by WAL volume`
  );
}
