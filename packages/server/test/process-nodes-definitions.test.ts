import { FakeClock, type TandemStore } from '@tandem/core';
import { PostgresStore } from '@tandem/store';
import { createTestDatabase, openTestStore, postgresTestTarget } from '@tandem/store/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aDefinition, act, aProcessServer, aVariable, details, launch } from './process-kit.js';
import type { TestServer } from './support/harness.js';

// Definitions published, deactivated or reactivated on one engine node reach the other nodes on the
// same database, on PGlite (two nodes in one process, one store) and on PostgreSQL (a pool each):
// notified as they are committed, taken at each cluster look, read on demand when unknown.

const postgres = await postgresTestTarget();
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

interface TwoNodes {
  a: TestServer;
  b: TestServer;
  adminA: string;
  adminB: string;
}

/** The stores of two nodes on one database: one store shared on PGlite, a pool each on PostgreSQL. */
async function storesOnOneDatabase(engine: TandemStore['engine']): Promise<[TandemStore, TandemStore]> {
  if (engine === 'pglite') {
    const store = await openTestStore('pglite');
    cleanups.push(() => store.close());
    return [store, store];
  }
  const database = await createTestDatabase(postgres);
  cleanups.push(() => database.drop());
  const open = async () => {
    const store = await PostgresStore.open({ databaseUrl: database.url, maxConnections: 4 });
    cleanups.push(() => store.close());
    return store;
  };
  const first = await open();
  return [first, await open()];
}

/** Two engine nodes started before any definition exists, on one clock (so each sees the other alive). */
async function twoNodes(engine: TandemStore['engine']): Promise<TwoNodes> {
  const [storeA, storeB] = await storesOnOneDatabase(engine);
  const clock = new FakeClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const a = await aProcessServer({ store: storeA, clock, storageId: 'node-a' });
  cleanups.push(() => a.tandem.close());
  const b = await aProcessServer({ store: storeB, clock, storageId: 'node-b' });
  cleanups.push(() => b.tandem.close());
  return { a, b, adminA: await a.logon('admin'), adminB: await b.logon('admin') };
}

/** Waits `Seconds`, then ends; version 2 waits twice as long. */
const pause = (id: string, factor = 1) =>
  aDefinition({
    id,
    variables: [aVariable('Seconds', 'Integer')],
    inputs: ['Seconds'],
    actions: [act('wait', { seconds: factor === 1 ? 'Seconds' : `Seconds * ${factor}` }), act('endProcess')],
  });

async function post(s: TestServer, token: string, url: string, body?: unknown): Promise<void> {
  const r = await s.call(token, 'POST', url, body);
  expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(300);
}

/** Fires the node's due timers after the shared clock moved. */
async function runTimers(s: TestServer, ms: number): Promise<void> {
  s.clock.advance(ms);
  await s.tandem.processes.tick();
  await s.tandem.processes.settle();
}

function describeNodes(engine: TandemStore['engine']): void {
  it('a definition published on one node is shown, launched and run on a node started before it', async () => {
    const { a, b, adminA, adminB } = await twoNodes(engine);
    await post(a, adminA, '/api/v1/processes', pause('later'));
    await post(a, adminA, '/api/v1/processes/later/publish');

    expect((await b.call(adminB, 'GET', '/api/v1/processes/later')).json()).toMatchObject({ status: 'published' });
    const launched = await launch(b, adminB, 'later', { Seconds: 5 });
    await runTimers(b, 5_000);
    expect(await details(b, adminB, launched.id)).toMatchObject({ status: 'completed' });
  });

  it('an instance of a version published on another node runs once handed over to a node that knew only the first version', async () => {
    const { a, b, adminA, adminB } = await twoNodes(engine);
    await post(a, adminA, '/api/v1/processes', pause('versions'));
    await post(a, adminA, '/api/v1/processes/versions/publish');
    await b.tandem.cluster.tick();
    expect(b.tandem.processes.definitions.has('versions', 1)).toBe(true);
    expect((await a.call(adminA, 'PUT', '/api/v1/processes/versions', pause('versions', 2))).statusCode).toBe(200);
    await post(a, adminA, '/api/v1/processes/versions/publish');
    const launched = await launch(a, adminA, 'versions', { Seconds: 5 });
    // node-b has not looked since version 2 was published: it reads it to show the instance.
    expect(await details(b, adminB, launched.id)).toMatchObject({ definitionVersion: 2, variables: { Seconds: 5 } });

    // Handed over as flow-admin or load balancing do: under the instance's lock on node-a.
    const move = async () => (await a.store.processes.transferOwnership('node-a', 'node-b', [launched.id])) === 1;
    expect(await a.tandem.processes.engine.release(launched.id, move)).toBe(true);
    // node-b adopts what it owns but does not run at its second look (the first only suspects it).
    await b.tandem.cluster.tick();
    await b.tandem.cluster.tick();
    expect(b.tandem.processes.engine.liveInstance(launched.id)).toBeDefined();

    await runTimers(b, 5_000);
    expect(await details(b, adminB, launched.id)).toMatchObject({ status: 'waiting', definitionVersion: 2 });
    await runTimers(b, 5_000);
    expect(await details(b, adminB, launched.id)).toMatchObject({ status: 'completed', definitionVersion: 2 });
  });

  it('a deactivation on one node stops launches on another at its next look, and a reactivation lets them launch at once', async () => {
    const { a, b, adminA, adminB } = await twoNodes(engine);
    await post(a, adminA, '/api/v1/processes', pause('switch'));
    await post(a, adminA, '/api/v1/processes/switch/publish');
    await launch(b, adminB, 'switch', { Seconds: 60 });

    await post(a, adminA, '/api/v1/processes/switch/deactivate');
    await b.tandem.cluster.tick();
    const refused = await b.call(adminB, 'POST', '/api/v1/processes/switch/launch', { inputs: { Seconds: 60 } });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'ACTION_NOT_ALLOWED' } });

    await post(a, adminA, '/api/v1/processes/switch/activate');
    await launch(b, adminB, 'switch', { Seconds: 60 });
  });

  it('a deactivation on one node reaches another as soon as it is committed, without waiting for its look', async () => {
    const { a, b, adminA, adminB } = await twoNodes(engine);
    const statusOnB = () => b.tandem.processes.definitions.get('notified')?.record.status;
    await post(a, adminA, '/api/v1/processes', pause('notified'));
    await post(a, adminA, '/api/v1/processes/notified/publish');
    await vi.waitFor(() => expect(statusOnB()).toBe('active'), { timeout: 30_000 });
    await post(a, adminA, '/api/v1/processes/notified/deactivate');
    await vi.waitFor(() => expect(statusOnB()).toBe('inactive'), { timeout: 30_000 });
    const refused = await b.call(adminB, 'POST', '/api/v1/processes/notified/launch', { inputs: { Seconds: 1 } });
    expect(refused.json(), refused.body).toMatchObject({ error: { code: 'ACTION_NOT_ALLOWED' } });
  });

  it('a change on one node starts from what another node wrote, and a definition created on another node exists', async () => {
    const { a, b, adminA, adminB } = await twoNodes(engine);
    await post(a, adminA, '/api/v1/processes', pause('shared'));
    await post(a, adminA, '/api/v1/processes/shared/publish');
    await b.tandem.cluster.tick();
    await post(a, adminA, '/api/v1/processes/shared/deactivate');

    // node-b has not looked since: its change still applies to the stored revision.
    await post(b, adminB, '/api/v1/processes/shared/activate');
    const again = await b.call(adminB, 'POST', '/api/v1/processes', pause('shared'));
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'ALREADY_EXISTS' } });
    await post(a, adminA, '/api/v1/processes', pause('fresh'));
    const twice = await b.call(adminB, 'POST', '/api/v1/processes', pause('fresh'));
    expect(twice.json(), twice.body).toMatchObject({ error: { code: 'ALREADY_EXISTS' } });
    await a.tandem.cluster.tick();
    expect((await a.call(adminA, 'GET', '/api/v1/processes/shared')).json()).toMatchObject({ status: 'published' });
  });
}

describe('process definitions across engine nodes on PGlite', () => describeNodes('pglite'));
describe.skipIf(postgres.skip)('process definitions across engine nodes on PostgreSQL', () =>
  describeNodes('postgres'),
);
