/**
 * Presence benchmark (issue 2): N WebSocket sessions subscribed to user statuses; status changes fan
 * out to all of them. Measures logons per second and the fan-out latency from the moment a status
 * change is requested (PUT) to the moment each subscriber receives its event.
 *
 *   npm run bench:presence                       # PGlite in a temp dir, 1,000 sessions, 200 changes
 *   TANDEM_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npm run bench:presence
 *   BENCH_SESSIONS=200 BENCH_CHANGES=50 npm run bench:presence
 *
 * The server runs as its own process (`tandem serve`), as in production; this process plays the
 * clients. Everything stays on loopback and every loop is bounded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { api, startServerProcess } from '../packages/cli/test/support/server-process.js';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_LOGON_CONCURRENCY ?? 16);
const PASSWORD = 'bench-password-1';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  const env: Record<string, string> = {
    TANDEM_DATA_DIR: dataDir,
    TANDEM_DEMO_PASSWORD: PASSWORD,
    TANDEM_LOG_LEVEL: 'warn',
  };
  const server = await startServerProcess(env, 120_000);
  const engine = process.env.TANDEM_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  const sockets: WebSocket[] = [];
  try {
    const admin = (
      await api(server.url, 'POST', '/api/v1/connection', undefined, { userId: 'admin', password: PASSWORD })
    ).json.token as string;
    await api(server.url, 'PUT', '/api/v1/config/licences/client-access', admin, { count: SESSIONS + 10 });
    const ids = Array.from({ length: SESSIONS }, (_, i) => `bench${String(i).padStart(5, '0')}`);

    let created = performance.now();
    await pool(ids, CONCURRENCY, async (id) => {
      const r = await api(server.url, 'POST', '/api/v1/config/users', admin, {
        id,
        displayName: `Bench ${id}`,
        password: PASSWORD,
      });
      if (r.status !== 201 && r.status !== 409) throw new Error(`create ${id}: ${r.status} ${JSON.stringify(r.json)}`);
    });
    created = performance.now() - created;

    const tokens = new Map<string, string>();
    const logonStarted = performance.now();
    await pool(ids, CONCURRENCY, async (id) => {
      const r = await api(server.url, 'POST', '/api/v1/connection', undefined, { userId: id, password: PASSWORD });
      if (r.status !== 201) throw new Error(`logon ${id}: ${r.status} ${JSON.stringify(r.json)}`);
      tokens.set(id, r.json.token as string);
    });
    const logonSeconds = (performance.now() - logonStarted) / 1000;

    // Open and subscribe every socket; each records when it receives each change.
    const received = new Map<string, number[]>();
    const wsUrl = server.url.replace('http', 'ws');
    await pool(ids, 50, async (id) => {
      const socket = new WebSocket(`${wsUrl}/api/v1/messaging?token=${tokens.get(id)}`);
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.on('message', (raw: Buffer) => {
          const message = JSON.parse(raw.toString()) as { type: string; data?: { notes?: string } };
          if (message.type === 'subscribed') resolve();
          else if (message.type === 'user-status.changed' && message.data?.notes?.startsWith('bench-')) {
            const at = performance.now();
            const list = received.get(message.data.notes);
            if (list) list.push(at);
            else received.set(message.data.notes, [at]);
          }
        });
        socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', topic: 'user-status' })));
      });
    });

    // Status changes, one at a time from rotating users, each awaited until it has reached everyone.
    const latencies: number[] = [];
    const statuses = ['available', 'at-lunch', 'away-from-desk', 'in-a-meeting'];
    const changer = ids[0] as string;
    const changerToken = admin;
    let incomplete = 0;
    for (let i = 0; i < CHANGES; i++) {
      const notes = `bench-${i}`;
      const target = ids[i % ids.length] as string;
      const sent = performance.now();
      const r = await api(server.url, 'PUT', `/api/v1/status/user-statuses/${target}`, changerToken, {
        statusId: statuses[i % statuses.length],
        notes,
      });
      if (r.status !== 200) throw new Error(`status change by ${changer}: ${r.status} ${JSON.stringify(r.json)}`);
      const deadline = performance.now() + 5_000;
      while ((received.get(notes)?.length ?? 0) < SESSIONS && performance.now() < deadline)
        await new Promise((res) => setImmediate(res));
      const times = received.get(notes) ?? [];
      if (times.length < SESSIONS) incomplete += 1;
      for (const t of times) latencies.push(t - sent);
    }
    latencies.sort((a, b) => a - b);

    console.log(
      `\nPresence benchmark — ${engine}, ${SESSIONS} sessions, ${CHANGES} status changes, ${new Date().toISOString()}`,
    );
    console.log(`  users created:   ${(SESSIONS / (created / 1000)).toFixed(0)} /s (argon2 hash each)`);
    console.log(
      `  logons:          ${(SESSIONS / logonSeconds).toFixed(0)} /s (${CONCURRENCY} concurrent, argon2 verify each)`,
    );
    console.log(`  fan-out samples: ${latencies.length} (${incomplete} changes did not reach every socket within 5 s)`);
    console.log(
      `  fan-out latency: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? NaN)}`,
    );
  } finally {
    for (const s of sockets) s.terminate();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
