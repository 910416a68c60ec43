export { openStore, type OpenStoreOptions } from './open-store.js';
export { PgliteStore, type PgliteStoreOptions } from './pglite-store.js';
export { PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { DrizzleStore, type StoreDb } from './drizzle-store.js';
export { migrate, splitStatements, MIGRATIONS_DIR, MIGRATION_LOCK_KEY, type MigrateOptions } from './migrate.js';
export * as schema from './schema.js';
