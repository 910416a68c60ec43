import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, postgresTestTarget, type TestDatabase } from '@tandem/store/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { api, startServerProcess, type ServerProcess } from './support/server-process.js';

/*
 * Two engine nodes (two `tandem serve` processes) on one PostgreSQL: flow-admin moves an instance
 * from one live node to the other, and when a node is killed the other adopts its instances and
 * completes them.
 */

const PASSWORD = 'process-nodes-password';
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
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

/** Waits, then ends the instance: what both nodes run. */
const timedDefinition = {
  formatVersion: 1,
  id: 'two-nodes',
  name: 'Two nodes',
  variables: [{ name: 'Seconds', type: 'Integer' }],
  inputs: ['Seconds'],
  states: [
    {
      id: 'Start',
      name: 'Start',
      start: true,
      actions: [
        { id: 'pause', kind: 'wait', seconds: 'Seconds' },
        { id: 'end', kind: 'endProcess' },
      ],
    },
  ],
};

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function statusOf(url: string, token: string, id: string): Promise<string> {
  const r = await api(url, 'GET', `/api/v1/process-instances/${id}`, token);
  return r.status === 200 ? (r.json.status as string) : `HTTP ${r.status}`;
}

describe('several engine nodes on one PostgreSQL', () => {
  it.skipIf(postgres.skip)(
    'move an instance between live nodes with flow-admin, hand launches past the load balance threshold to the less loaded node, and adopt and complete the instances of a killed node',
    async () => {
      const db: TestDatabase = await createTestDatabase(postgres);
      cleanups.push(() => db.drop());
      const shared = { TANDEM_DATABASE_URL: db.url, TANDEM_DEMO_PASSWORD: PASSWORD };
      const a: ServerProcess = await startServerProcess({ ...shared, TANDEM_STORAGE_ID: 'node-a' });
      cleanups.push(() => a.stop());
      const tokenA = await logon(a.url);
      expect((await api(a.url, 'POST', '/api/v1/processes', tokenA, timedDefinition)).status).toBe(201);
      expect((await api(a.url, 'POST', '/api/v1/processes/two-nodes/publish', tokenA)).status).toBe(200);
      // The second node starts after the definition exists: nodes load definitions at start.
      const b: ServerProcess = await startServerProcess({ ...shared, TANDEM_STORAGE_ID: 'node-b' });
      cleanups.push(() => b.stop());
      const tokenB = await logon(b.url);

      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        // Long enough to still be waiting when flow-admin moves one and when node-a is killed.
        const r = await api(a.url, 'POST', '/api/v1/processes/two-nodes/launch', tokenA, { inputs: { Seconds: 60 } });
        expect(r.status, JSON.stringify(r.json)).toBe(201);
        ids.push(r.json.id as string);
      }
      await until(
        'both nodes alive',
        async () => {
          const out = await flowAdmin(shared, 'nodes');
          return /node-a\s+alive\s.*\s8\n/.test(out) && /node-b\s+alive/.test(out) ? out : undefined;
        },
        30_000,
      );

      // Past PAS_LoadBalanceThreshold (0 here) node-a, running 8, hands new launches to node-b, running none.
      const threshold = { id: 'PAS_LoadBalanceThreshold', value: 0 };
      expect((await api(a.url, 'POST', '/api/v1/config/server-parameters', tokenA, threshold)).status).toBe(201);
      const balanced: string[] = [];
      for (let i = 0; i < 3; i++) {
        // Still running when flow-admin looks (it lists running instances only).
        const r = await api(a.url, 'POST', '/api/v1/processes/two-nodes/launch', tokenA, { inputs: { Seconds: 60 } });
        expect(r.status, JSON.stringify(r.json)).toBe(201);
        balanced.push(r.json.id as string);
      }
      await until(
        'the new launches handed to node-b',
        async () => {
          const onB = await flowAdmin(shared, 'instances', '--node', 'node-b');
          return balanced.every((id) => onB.includes(id)) ? true : undefined;
        },
        30_000,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}\n${await flowAdmin(shared, 'nodes')}\n${a.output()}`);
      });

      const moved = ids[0] as string;
      const answer = await flowAdmin(shared, 'move', '--from', 'node-a', '--to', 'node-b', '--instance', moved);
      expect(answer).toContain('1 instance(s) moved from node-a to node-b');
      expect(await flowAdmin(shared, 'instances', '--node', 'node-b')).toContain(moved);
      // The others still wait on node-a when it dies: their completion below is the adoption's.
      const onA = await flowAdmin(shared, 'instances', '--node', 'node-a');
      expect(ids.slice(1).filter((id) => !onA.includes(id))).toEqual([]);

      await a.kill9();
      const rest = [...ids, ...balanced];
      await until(
        'the killed node’s instances completed on the other',
        async () => {
          const statuses = await Promise.all(rest.map((id) => statusOf(b.url, tokenB, id)));
          return statuses.every((s) => s === 'completed') ? statuses : undefined;
        },
        90_000,
      );
      const nodes = await flowAdmin(shared, 'nodes');
      expect(nodes).toMatch(/node-b\s+alive\s.*\s0\n/);
      expect(nodes, b.output()).not.toMatch(/node-a/);
    },
    300_000,
  );
});
