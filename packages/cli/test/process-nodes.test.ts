import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, postgresTestTarget, type TestDatabase } from '@tandem/store/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { api, startServerProcess, type ServerProcess } from './support/server-process.js';

/*
 * Two engine nodes (two `tandem serve` processes) on one PostgreSQL, both started before any
 * process definition exists: launches past PAS_LoadBalanceThreshold go to the less loaded node,
 * flow-admin moves an instance from one live node to the other, and when a node is killed the
 * other adopts its instances and completes them.
 *
 * No step relies on how long another takes: the instances followed here wait until the test lets
 * them end (a process variable it sets), and every wait below is for the condition itself, with a
 * deadline only to fail instead of hanging.
 */

const PASSWORD = 'process-nodes-password';
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
/** The reference's minimum of PAS_LoadBalanceThreshold. */
const THRESHOLD = 1000;
const postgres = await postgresTestTarget();
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Runs `tandem flow-admin …` as its own process; answers what it printed. */
async function flowAdmin(env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN, 'flow-admin', ...args], {
    env: { ...process.env, ...env },
  });
  return stdout;
}

const logon = async (url: string) =>
  (await api(url, 'POST', '/api/v1/connection', undefined, { userId: 'admin', password: PASSWORD })).json
    .token as string;

/** Waits one second at a time until the test sets `Go`, then ends: the instances followed here. */
const heldDefinition = {
  formatVersion: 1,
  id: 'two-nodes',
  name: 'Two nodes',
  variables: [{ name: 'Go', type: 'Boolean', initial: false }],
  states: [
    {
      id: 'Start',
      name: 'Start',
      start: true,
      actions: [
        {
          id: 'hold',
          kind: 'loop',
          condition: 'not Go',
          maxIterations: 100_000,
          body: [{ id: 'pause', kind: 'wait', seconds: '1' }],
        },
        { id: 'end', kind: 'endProcess' },
      ],
    },
  ],
};

/** Waits an hour: the load that takes a node past the threshold. */
const ballastDefinition = {
  formatVersion: 1,
  id: 'ballast',
  name: 'Ballast',
  states: [
    {
      id: 'Start',
      name: 'Start',
      start: true,
      actions: [
        { id: 'pause', kind: 'wait', seconds: '3600' },
        { id: 'end', kind: 'endProcess' },
      ],
    },
  ],
};

const DEADLINE_MS = 180_000;

/**
 * Polls `fn` until it answers something; the deadline only turns a hang into a failure, whose
 * message adds what `explain` says.
 */
async function until<T>(what: string, fn: () => Promise<T | undefined>, explain?: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`no ${what} after ${DEADLINE_MS / 1000} s\n${explain ? await explain() : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function launch(url: string, token: string, definitionId: string): Promise<string> {
  const r = await api(url, 'POST', `/api/v1/processes/${definitionId}/launch`, token, {});
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as string;
}

/** Launches `count` instances, `parallel` at a time. */
async function launchMany(url: string, token: string, definitionId: string, count: number, parallel = 8) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      await launch(url, token, definitionId);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

async function statusOf(url: string, token: string, id: string): Promise<string> {
  const r = await api(url, 'GET', `/api/v1/process-instances/${id}`, token);
  return r.status === 200 ? (r.json.status as string) : `HTTP ${r.status}`;
}

/** Lets a held instance end; answers false while the node does not run it yet (409). */
async function letGo(url: string, token: string, id: string): Promise<boolean> {
  const r = await api(url, 'PATCH', `/api/v1/process-instances/${id}/variables`, token, { Go: true });
  if (r.status === 409) return false;
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return true;
}

describe('several engine nodes on one PostgreSQL', () => {
  it.skipIf(postgres.skip)(
    'hand launches past the load balance threshold to the less loaded node, move an instance between live nodes with flow-admin, and adopt and complete the instances of a killed node',
    async () => {
      const db: TestDatabase = await createTestDatabase(postgres);
      cleanups.push(() => db.drop());
      const shared = { TANDEM_DATABASE_URL: db.url, TANDEM_DEMO_PASSWORD: PASSWORD };
      const a: ServerProcess = await startServerProcess({ ...shared, TANDEM_STORAGE_ID: 'node-a' });
      cleanups.push(() => a.stop());
      // Started before the definitions exist: node-b learns them from the store.
      const b: ServerProcess = await startServerProcess({ ...shared, TANDEM_STORAGE_ID: 'node-b' });
      cleanups.push(() => b.stop());
      const [tokenA, tokenB] = [await logon(a.url), await logon(b.url)];
      for (const definition of [heldDefinition, ballastDefinition]) {
        expect((await api(a.url, 'POST', '/api/v1/processes', tokenA, definition)).status).toBe(201);
        expect((await api(a.url, 'POST', `/api/v1/processes/${definition.id}/publish`, tokenA)).status).toBe(200);
      }

      // node-a runs the threshold's worth of ballast and the instances followed here (under the
      // default threshold of 5000).
      await launchMany(a.url, tokenA, 'ballast', THRESHOLD);
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push(await launch(a.url, tokenA, 'two-nodes'));
      const running = THRESHOLD + ids.length;
      const nodes = () => flowAdmin(shared, 'nodes');
      await until(
        'node-a alive and running all it launched, node-b alive',
        async () => {
          const out = await nodes();
          return new RegExp(`node-a\\s+alive\\s.*\\s${running}\\n`).test(out) && /node-b\s+alive/.test(out)
            ? out
            : undefined;
        },
        nodes,
      );

      // Past the threshold, node-a hands new launches to node-b, which runs none.
      const threshold = { id: 'PAS_LoadBalanceThreshold', value: THRESHOLD };
      expect((await api(a.url, 'POST', '/api/v1/config/server-parameters', tokenA, threshold)).status).toBe(201);
      const balanced: string[] = [];
      for (let i = 0; i < 3; i++) balanced.push(await launch(a.url, tokenA, 'two-nodes'));
      await until(
        'the new launches handed to node-b',
        async () => {
          const onB = await flowAdmin(shared, 'instances', '--node', 'node-b');
          return balanced.every((id) => onB.includes(id)) ? true : undefined;
        },
        async () => `${await nodes()}\n${a.output()}`,
      );

      const moved = ids[0] as string;
      const answer = await flowAdmin(shared, 'move', '--from', 'node-a', '--to', 'node-b', '--instance', moved);
      expect(answer).toContain('1 instance(s) moved from node-a to node-b');
      expect(await flowAdmin(shared, 'instances', '--node', 'node-b')).toContain(moved);
      // The others still wait on node-a when it dies (they end only when let go): their completion
      // below is the adoption's.
      const onA = await flowAdmin(shared, 'instances', '--node', 'node-a');
      expect(ids.slice(1).filter((id) => !onA.includes(id))).toEqual([]);

      await a.kill9();
      const followed = [...ids, ...balanced];
      // node-b runs each once it adopted it; until then it refuses the change (409) and is asked again.
      const waiting = new Set(followed);
      const explainB = async () => `${await nodes()}\n${b.output()}`;
      await until(
        'every followed instance let go on node-b',
        async () => {
          for (const id of [...waiting]) if (await letGo(b.url, tokenB, id)) waiting.delete(id);
          return waiting.size === 0 ? true : undefined;
        },
        explainB,
      );
      await until(
        'the followed instances completed on node-b',
        async () => {
          const statuses = await Promise.all(followed.map((id) => statusOf(b.url, tokenB, id)));
          return statuses.every((s) => s === 'completed') ? statuses : undefined;
        },
        explainB,
      );
      // The ballast stays, adopted by node-b; the dead node's row is gone.
      await until(
        'node-b running the ballast, node-a gone',
        async () => {
          const out = await nodes();
          return new RegExp(`node-b\\s+alive\\s.*\\s${THRESHOLD}\\n`).test(out) && !/node-a/.test(out)
            ? out
            : undefined;
        },
        explainB,
      );
    },
    900_000,
  );
});
