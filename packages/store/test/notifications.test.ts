import type { TandemStore } from '@tandem/core';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../src/index.js';
import { createTestDatabase, openTestStore, postgresTestTarget } from '../src/testing.js';

// notify / listen on each engine: what one server sends, the servers on the same database hear.

const postgres = await postgresTestTarget();
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** Resolves with the payloads heard once there are `count` of them. */
function hear(store: TandemStore, channel: string, count: number): Promise<{ heard: Promise<string[]> }> {
  const payloads: string[] = [];
  let done: (p: string[]) => void = () => undefined;
  const heard = new Promise<string[]>((resolve) => (done = resolve));
  return store
    .listen(channel, (payload) => {
      payloads.push(payload);
      if (payloads.length === count) done(payloads);
    })
    .then((stop) => {
      cleanups.push(stop);
      return { heard };
    });
}

function describeNotifications(engine: TandemStore['engine']): void {
  it('hears what the store sends on a channel, and nothing once it stopped listening', async () => {
    const store = await openTestStore(engine);
    cleanups.push(() => store.close());
    const stopped: string[] = [];
    const stop = await store.listen('tandem_test', (p) => stopped.push(p));
    const { heard } = await hear(store, 'tandem_test', 2);
    await store.notify('tandem_test', 'first');
    await stop();
    await store.notify('tandem_test', 'second');
    expect(await heard).toEqual(['first', 'second']);
    expect(stopped.length).toBeLessThanOrEqual(1);
    expect(stopped).not.toContain('second');
  });

  it('refuses a channel name LISTEN could not take unquoted', async () => {
    const store = await openTestStore(engine);
    cleanups.push(() => store.close());
    await expect(store.notify('Bad-Name', 'x')).rejects.toThrow(/not a notification channel name/);
    await expect(store.listen('drop table', () => undefined)).rejects.toThrow(/not a notification channel name/);
  });
}

describe('notifications on PGlite', () => describeNotifications('pglite'));
describe.skipIf(postgres.skip)('notifications on PostgreSQL', () => {
  describeNotifications('postgres');

  it('carries a notification from one server to another on the same database', async () => {
    const database = await createTestDatabase(postgres);
    cleanups.push(() => database.drop());
    const [a, b] = [
      await PostgresStore.open({ databaseUrl: database.url }),
      await PostgresStore.open({ databaseUrl: database.url }),
    ];
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const { heard } = await hear(b, 'tandem_test', 1);
    await a.notify('tandem_test', 'from a');
    expect(await heard).toEqual(['from a']);
  });
});
