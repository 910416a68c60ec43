import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, postgresTestTarget, type TestDatabase } from '@tandem/store/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { api, startServerProcess } from './support/server-process.js';

const PASSWORD = 'crash-test-password';
const dirs: string[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const db of databases) await db.drop();
});

const postgres = await postgresTestTarget();

/** The environment of a server on a fresh, empty store of the engine. */
async function freshStore(engine: 'pglite' | 'postgres'): Promise<Record<string, string>> {
  if (engine === 'postgres') {
    const db = await createTestDatabase(postgres);
    databases.push(db);
    return { TANDEM_DATABASE_URL: db.url, TANDEM_DEMO_PASSWORD: PASSWORD };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-crash-'));
  dirs.push(dataDir);
  return { TANDEM_DATA_DIR: dataDir, TANDEM_DEMO_PASSWORD: PASSWORD };
}

async function logon(url: string): Promise<string> {
  const response = await api(url, 'POST', '/api/v1/connection', undefined, { userId: 'admin', password: PASSWORD });
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return response.json.token as string;
}

const engines = [
  { engine: 'pglite' as const, skip: false },
  { engine: 'postgres' as const, skip: postgres.skip },
];

describe.each(engines)('after kill -9 and restart ($engine)', ({ engine, skip }) => {
  it.skipIf(skip)('keeps every configuration change that was acknowledged, even with more in flight', async () => {
    const env = await freshStore(engine);
    const first = await startServerProcess(env);
    const token = await logon(first.url);

    // Fire 40 creates at once; kill the process as soon as 20 are acknowledged, while others are in flight.
    const acknowledged: string[] = [];
    let killing: Promise<void> | undefined;
    const creates = Array.from({ length: 40 }, (_, i) => `Crash skill ${i}`).map(async (id) => {
      const response = await api(first.url, 'POST', '/api/v1/config/skills', token, { id, displayName: id }).catch(
        () => undefined,
      );
      if (response?.status === 201) {
        acknowledged.push(id);
        if (acknowledged.length === 20) killing ??= first.kill9();
      }
    });
    await Promise.all(creates);
    await (killing ?? first.kill9());
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);

    const second = await startServerProcess(env);
    try {
      const again = await logon(second.url);
      const { json } = await api(second.url, 'GET', '/api/v1/config/skills?limit=1000', again);
      const stored = new Set((json.items as { id: string }[]).map((s) => s.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(lost, `acknowledged but lost after kill -9:\n${second.output()}`).toEqual([]);
      // The demo organisation was not created twice, and the server works on.
      expect((await api(second.url, 'GET', '/api/v1/config/users/agent1', again)).status).toBe(200);
      expect(
        (
          await api(second.url, 'PUT', '/api/v1/config/skills/Crash%20skill%200', again, {
            displayName: 'after restart',
          })
        ).status,
      ).toBe(acknowledged.includes('Crash skill 0') ? 200 : 404);
    } finally {
      await second.stop();
    }
  });

  it.skipIf(skip)('keeps a session logged on across the restart', async () => {
    const env = await freshStore(engine);
    const first = await startServerProcess(env);
    const token = await logon(first.url);
    await first.kill9();
    const second = await startServerProcess(env);
    try {
      const response = await api(second.url, 'GET', '/api/v1/connection', token);
      expect(response.status).toBe(200);
      expect(response.json.userId).toBe('admin');
    } finally {
      await second.stop();
    }
  });
});
