import type { DatabaseQueryEffect, TandemStore } from '@tandem/core';
import pg from 'pg';

/** The data source name that means Tandem's own database (read-only). */
export const TANDEM_DATA_SOURCE = 'tandem';

/**
 * Database Query data sources. `tandem` is Tandem's own database, queried in a read-only
 * transaction. Any other name is looked up as the server parameter `PAS_DataSource_<name>`, a
 * PostgreSQL URL; its pool is made on first use. Statements are parameterised (`$1`, `$2`, ...)
 * and bounded by the action's timeout.
 */
export class DataSources {
  private readonly pools = new Map<string, pg.Pool>();

  constructor(
    private readonly store: TandemStore,
    private readonly urlOf: (name: string) => string | undefined,
  ) {}

  async query(effect: DatabaseQueryEffect): Promise<Record<string, unknown>> {
    if (effect.dataSource === TANDEM_DATA_SOURCE) {
      const rows = await this.store.processes.readOnlyQuery(effect.sql, effect.parameters, effect.timeoutMs);
      return { rows };
    }
    const url = this.urlOf(effect.dataSource);
    if (!url)
      throw new Error(`no data source '${effect.dataSource}' (server parameter PAS_DataSource_${effect.dataSource})`);
    let pool = this.pools.get(url);
    if (!pool) this.pools.set(url, (pool = new pg.Pool({ connectionString: url, max: 4 })));
    const result = await pool.query({
      text: effect.sql,
      values: [...effect.parameters],
      query_timeout: effect.timeoutMs,
    } as pg.QueryConfig);
    return { rows: result.rows as Record<string, unknown>[] };
  }

  async close(): Promise<void> {
    for (const pool of this.pools.values()) await pool.end();
    this.pools.clear();
  }
}
