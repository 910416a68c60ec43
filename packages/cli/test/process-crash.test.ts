import { createTestDatabase, postgresTestTarget, type TestDatabase } from '@tandem/store/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  childDefinition,
  countingRelay,
  countingWebService,
  mixDefinition,
  workItemDefinition,
} from './process-crash-kit.js';
import { api, startServerProcess, type ServerProcess } from './support/server-process.js';
import { mulberry32 } from '../../core/test/seeded-random.js';

/*
 * The crash test of the process engine on PostgreSQL: 1,000 instances across every action type
 * are launched while the server is killed with SIGKILL five times at random moments and
 * restarted. Afterwards every acknowledged launch exists; the mix instances complete, or rest
 * "restored in error" (a web service or handler in flight at a crash) until retried; the work item
 * instances wait on their work item in the Loans queue. Side effects are counted where they land
 * (the web service by the instance's key, the SMTP relay by Message-ID, which is the effect id):
 * a web service call twice, or an e-mail delivered twice, only for an instance restored in error
 * (an e-mail handed to the relay when the server died has an unknown outcome and is restored in
 * error, like a web service).
 */

const PASSWORD = 'process-crash-password';
const TOTAL = 1000;
const WORK_ITEMS = 50;
const KILLS = 5;
const postgres = await postgresTestTarget();
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const random = mulberry32(7);
const logon = async (url: string) =>
  (await api(url, 'POST', '/api/v1/connection', undefined, { userId: 'admin', password: PASSWORD })).json
    .token as string;

interface Launched {
  id: string;
  key: string;
  definition: string;
}

/**
 * Launches with 16 in flight until `stop()` or TOTAL launches are acknowledged. Keys are never
 * reused: a launch whose answer was lost in a crash may or may not exist, and is not counted.
 */
function launcher(acked: Launched[]) {
  let stopped = false;
  let keys = 0;
  const run = async (url: string, token: string) => {
    const one = async () => {
      while (!stopped && acked.length < TOTAL) {
        const n = keys++;
        const definition = n % (TOTAL / WORK_ITEMS) === 0 ? 'crash-workitem' : 'crash-mix';
        const key = `k${n}`;
        const r = await api(url, 'POST', `/api/v1/processes/${definition}/launch`, token, {
          inputs: { Key: key },
        }).catch(() => undefined);
        if (r?.status === 201) acked.push({ id: r.json.id as string, key, definition });
        else if (!r) return;
        else await new Promise((resolve) => setTimeout(resolve, 200)); // held while restoring
      }
    };
    await Promise.all(Array.from({ length: 16 }, one));
  };
  return { run, stop: () => (stopped = true), reset: () => (stopped = false) };
}

type Summary = {
  id: string;
  status: string;
  restoredInError: boolean;
  waitingOn: { type: string } | null;
  error: unknown;
};

async function monitor(url: string, token: string, query: string): Promise<Summary[]> {
  const r = await api(url, 'GET', `/api/v1/process-instances?${query}`, token);
  if (r.status !== 200) throw new Error(`monitor: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.items as Summary[];
}

async function quiet(url: string, token: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await monitor(url, token, 'definition=crash-mix&status=waiting')).length > 0) {
    if (Date.now() > deadline) throw new Error('crash-mix instances still waiting');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

describe('the process engine after kill -9 (PostgreSQL)', () => {
  it.skipIf(postgres.skip)(
    'loses no instance; a web service runs twice only when restored in error; an e-mail keeps one Message-ID',
    async () => {
      const db: TestDatabase = await createTestDatabase(postgres);
      cleanups.push(() => db.drop());
      const web = await countingWebService();
      const relay = await countingRelay();
      cleanups.push(web.close, relay.close);
      const env = {
        TANDEM_DATABASE_URL: db.url,
        TANDEM_DEMO_PASSWORD: PASSWORD,
        TANDEM_STORAGE_ID: 'crash-node',
        TANDEM_SMTP_RELAY_HOST: '127.0.0.1',
        TANDEM_SMTP_RELAY_PORT: String(relay.port),
      };
      const acked: Launched[] = [];
      const launches = launcher(acked);
      let server: ServerProcess = await startServerProcess(env);
      let token = await logon(server.url);
      for (const definition of [childDefinition, mixDefinition(web.url), workItemDefinition]) {
        expect((await api(server.url, 'POST', '/api/v1/processes', token, definition)).status).toBe(201);
        expect(
          (await api(server.url, 'POST', `/api/v1/processes/${String(definition.id)}/publish`, token)).status,
        ).toBe(200);
      }
      for (let kill = 0; kill < KILLS; kill++) {
        const running = launches.run(server.url, token);
        await new Promise((resolve) => setTimeout(resolve, 1500 + random() * 3500));
        await server.kill9();
        launches.stop();
        await running;
        server = await startServerProcess(env);
        token = await logon(server.url);
        launches.reset();
      }
      cleanups.push(() => server.stop());
      await launches.run(server.url, token);
      expect(acked.length).toBeGreaterThanOrEqual(TOTAL);
      await quiet(server.url, token, 180_000);

      // Every acknowledged launch is there, in a state the recovery rules allow.
      const all = new Map((await monitor(server.url, token, '')).map((s) => [s.id, s]));
      expect(acked.filter((l) => !all.has(l.id)).map((l) => l.id)).toEqual([]);
      const restored = acked.filter((l) => all.get(l.id)?.restoredInError);
      const mix = acked.filter((l) => l.definition === 'crash-mix');
      const unexpected = mix.filter((l) => {
        const s = all.get(l.id);
        return !(s?.status === 'completed' || (s?.status === 'error' && s.restoredInError));
      });
      expect(unexpected.map((l) => [l.id, all.get(l.id)?.status, all.get(l.id)?.error])).toEqual([]);
      for (const item of acked.filter((l) => l.definition === 'crash-workitem'))
        expect(all.get(item.id)).toMatchObject({ status: 'waiting', waitingOn: { type: 'sendWorkItem' } });

      // Restored in error: a retry runs the action again, and the instance completes.
      for (const l of restored)
        expect((await api(server.url, 'POST', `/api/v1/process-instances/${l.id}/retry`, token, {})).status).toBe(200);
      await quiet(server.url, token, 120_000);
      const after = new Map((await monitor(server.url, token, 'definition=crash-mix')).map((s) => [s.id, s]));
      expect(mix.filter((l) => after.get(l.id)?.status !== 'completed').map((l) => l.id)).toEqual([]);

      // Side effects where they landed: once each, a restored web service call at most twice.
      const restoredKeys = new Set(restored.map((l) => l.key));
      const webTwice = mix.filter(
        (l) => web.calls.count(l.key) !== 1 && !(restoredKeys.has(l.key) && web.calls.count(l.key) === 2),
      );
      expect(webTwice.map((l) => [l.key, web.calls.count(l.key)])).toEqual([]);
      // Message-ID is `<effect id>@…`, and an effect id is `<instance id>.<seq>`: every instance
      // mailed under exactly one effect id, delivered twice only after a retry of a restored one.
      const mails = relay.messages.keys();
      const mailIds = new Map<string, string[]>();
      for (const id of mails) {
        const effectId = id.slice(0, id.indexOf('@'));
        const instance = effectId.slice(0, effectId.lastIndexOf('.'));
        mailIds.set(instance, [...(mailIds.get(instance) ?? []), id]);
      }
      expect(mix.filter((l) => mailIds.get(l.id)?.length !== 1).map((l) => [l.id, mailIds.get(l.id)])).toEqual([]);
      const resent = mails.filter((id) => relay.messages.count(id) > 1);
      const restoredIds = new Set(restored.map((l) => l.id));
      expect(
        resent.filter((id) => !restoredIds.has(id.slice(0, id.slice(0, id.indexOf('@')).lastIndexOf('.')))),
      ).toEqual([]);
      console.log(
        `crash test: ${acked.length} launches acknowledged over ${KILLS} kills; ${restored.length} restored in error and retried; ${resent.length} e-mails delivered again (all after a retry)`,
      );
    },
    600_000,
  );
});
