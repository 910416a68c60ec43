// Test helpers for every package's tests, imported as `@tandem/store/testing`. Not for production code.
export { openTestStore, clearTemplateCache, type TestStoreOptions } from './test-store.js';
export {
  postgresTestTarget,
  probePostgres,
  createTestDatabase,
  DEFAULT_TEST_POSTGRES_URL,
  type PostgresTestTarget,
  type TestDatabase,
} from './postgres-target.js';
