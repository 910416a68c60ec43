import { readdir } from 'node:fs/promises';
import { getTableConfig, PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, schema } from '../../src/index.js';
import {
  aChatMessage,
  aClosedInteraction,
  aCredential,
  anActivation,
  anAttachment,
  anInteraction,
  aRecord,
  aSession,
  aStatus,
} from '../builders.js';
import type { OpenStore, StoreContractOptions, StoreUnderTest } from '../store-contract.js';

type Sql = StoreUnderTest['sql'];

export function describeMigrationContract(open: OpenStore, options: StoreContractOptions): void {
  describe('schema and migrations', () => {
    it('records each migration file once', async () => {
      const { sql } = await open();
      const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
      expect(files.length).toBeGreaterThan(0);
      expect(await appliedMigrations(sql)).toEqual(files);
    });

    it('has exactly the tables, columns, keys and indexes the drizzle schema declares', async () => {
      const { sql } = await open();
      expect(await describeDatabase(sql)).toEqual(describeDrizzle(Object.values(schema.storeTables)));
    });

    it('leaves room in the pages of interactions, so that their updates need no new index entries', async () => {
      const { sql } = await open();
      const rows = await sql("SELECT reloptions FROM pg_class WHERE relname = 'interactions' AND relkind = 'r'");
      expect(rows).toEqual([{ reloptions: ['fillfactor=60'] }]);
    });

    it('answers a ping while open and refuses work once closed', async () => {
      const { store } = await open();
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await store.close(); // a second close is harmless
      await expect(store.ping()).rejects.toThrow();
      await expect(store.credentials.get('agent-1')).rejects.toThrow();
    });

    it.runIf(options.persistent)(
      'keeps committed data of every port when the store is closed and opened again',
      async () => {
        const { store, reopen } = await open();
        if (!reopen) throw new Error('a persistent engine must let the contract reopen its database');
        const record = aRecord();
        const session = aSession();
        const status = aStatus();
        await store.directory.apply({ upserts: [record], deletes: [] });
        await store.credentials.put(aCredential());
        await store.sessions.insert(session);
        await store.presence.put(status);
        const waiting = anInteraction({ id: 'waiting' });
        const closed = aClosedInteraction({ id: 'closed' });
        await store.interactions.saveMany([waiting, closed]);
        const messages = [
          aChatMessage({ seq: 1 }),
          aChatMessage({ seq: 2, kind: 'file', attachmentId: 'attachment-1' }),
        ];
        await store.chat.append(messages);
        await store.activations.put(anActivation());
        const bytes = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
        await store.attachments.put(anAttachment(), bytes);

        const again = await reopen();
        expect(await again.directory.loadAll()).toEqual([record]);
        expect(await again.credentials.get('agent-1')).toEqual(aCredential());
        expect(await again.sessions.listActive()).toEqual([session]);
        expect(await again.presence.loadAll()).toEqual([status]);
        expect(await again.presence.history('agent-1', 5)).toEqual([status]);
        expect(await again.interactions.loadOpen()).toStrictEqual([waiting]);
        expect(await again.interactions.get('closed')).toStrictEqual(closed);
        expect(await again.chat.transcript('chat-1', 0, 10)).toStrictEqual(messages);
        expect(await again.chat.lastSeqs(['chat-1'])).toEqual(new Map([['chat-1', 2]]));
        expect(await again.activations.loadAll()).toStrictEqual([anActivation()]);
        expect(await again.attachments.get('attachment-1')).toStrictEqual({ attachment: anAttachment(), data: bytes });
      },
    );

    it.runIf(options.persistent)('applies no migration twice when a database is opened again', async () => {
      const fixture = await open();
      if (!fixture.reopen) throw new Error('a persistent engine must let the contract reopen its database');
      const before = await fixture.sql('SELECT id, applied_at FROM tandem_migrations ORDER BY id');
      await fixture.reopen();
      await fixture.reopen();
      expect(await fixture.sql('SELECT id, applied_at FROM tandem_migrations ORDER BY id')).toEqual(before);
    });
  });
}

async function appliedMigrations(sql: Sql): Promise<string[]> {
  return (await sql('SELECT id FROM tandem_migrations ORDER BY id')).map((r) => String(r.id));
}

interface TableShape {
  columns: string[];
  primaryKey: string[];
  indexes: string[];
}

/** What the drizzle schema says each table looks like, in the words PostgreSQL's catalog uses. */
function describeDrizzle(tables: PgTable[]): Record<string, TableShape> {
  const dialect = new PgDialect();
  const shapes: Record<string, TableShape> = {};
  for (const table of tables) {
    const config = getTableConfig(table);
    const columns = config.columns.map((c) => {
      // bigserial is bigint with a sequence default: the catalog shows the latter.
      const type = c.getSQLType() === 'bigserial' ? 'bigint default nextval' : c.getSQLType();
      return `${c.name} ${type}${c.notNull ? ' not null' : ''}`;
    });
    const primaryKey = config.columns.filter((c) => c.primary).map((c) => c.name);
    for (const pk of config.primaryKeys) primaryKey.push(...pk.columns.map((c) => c.name));
    const indexes = config.indexes.map(({ config: ix }) => {
      const columnList = ix.columns
        .map((c) => {
          if (!('name' in c) || !('indexConfig' in c)) throw new Error('expression indexes are not described here');
          return `${String(c.name)}${c.indexConfig?.order === 'desc' ? ' DESC' : ''}`;
        })
        .join(', ');
      const where = ix.where ? ` WHERE (${dialect.sqlToQuery(ix.where).sql})` : '';
      return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${ix.name} ON ${config.name} USING btree (${columnList})${where}`;
    });
    shapes[config.name] = { columns, primaryKey, indexes: indexes.sort() };
  }
  return shapes;
}

/** What the migrated database's catalog says about the tables of the current schema. */
async function describeDatabase(sql: Sql): Promise<Record<string, TableShape>> {
  const shapes: Record<string, TableShape> = {};
  const shape = (table: unknown) => (shapes[String(table)] ??= { columns: [], primaryKey: [], indexes: [] });
  const columns = await sql(`
    SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`);
  for (const c of columns) {
    const sequence =
      typeof c.column_default === 'string' && c.column_default.startsWith('nextval(') ? ' default nextval' : '';
    const notNull = c.is_nullable === 'NO' ? ' not null' : '';
    shape(c.table_name).columns.push(`${String(c.column_name)} ${String(c.data_type)}${sequence}${notNull}`);
  }
  const keys = await sql(`
    SELECT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage kcu
      ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name
    WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()
    ORDER BY kcu.table_name, kcu.ordinal_position`);
  for (const k of keys) shape(k.table_name).primaryKey.push(String(k.column_name));
  const indexes = await sql(`
    SELECT tablename, indexname, indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND indexname NOT LIKE '%\\_pkey' ORDER BY indexname`);
  for (const i of indexes) shape(i.tablename).indexes.push(String(i.indexdef).replace(/ ON \S+\./, ' ON '));
  for (const s of Object.values(shapes)) s.indexes.sort();
  return shapes;
}
