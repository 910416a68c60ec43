/**
 * Web chat benchmark (issue 4): BENCH_CUSTOMERS website visitors chat at once with BENCH_AGENTS
 * agents of one workgroup, through the public APIs only. Customers use the customer API (start,
 * write over REST, read over the chat's events WebSocket); agents are `TandemClient` sessions that
 * hear their user queue, pick up each alerting chat, follow it on the `interaction` topic and
 * answer. Each side answers the other's line after a think time, so the exchange is steady.
 * Measures the latency of a line from the moment its writer sends it (REST call made) to the
 * moment the other side receives it (event read off its socket), both ways.
 *
 *   node --import tsx bench/webchat.ts                    # PGlite in a temp dir (default)
 *   TANDEM_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/webchat.ts
 *   BENCH_CUSTOMERS=500 BENCH_AGENTS=50 BENCH_SECONDS=30 BENCH_THINK_MS=1000  (defaults shown)
 *
 * With PostgreSQL, the URL names a database to connect to: the bench creates a fresh database
 * next to it for the server and drops it afterwards. The server runs as its own process
 * (`tandem serve`); this process plays every customer and agent. Everything stays on loopback.
 */
import { loadavg, cpus, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { TandemClient, WebChatCustomer, type CustomerChat, type TandemEvent } from '@tandem/client';
import { api, startServerProcess } from '../packages/cli/test/support/server-process.js';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 500);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const PASSWORD = 'bench-password-1';
const WORKGROUP = 'BenchChat';
const PER_AGENT = Math.ceil(CUSTOMERS / AGENTS);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const think = () => THINK_MS * (0.5 + Math.random());
const later = (ms: number, fn: () => void) => setTimeout(fn, ms).unref();
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Rejects after `ms`: a phase that stalls (an overloaded machine) ends the run with a message, not a hang. */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`${what}: not done in ${ms / 1000} s`)), ms).unref(),
  );
  return Promise.race([work, timeout]);
}

async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

/** Send times of the lines in flight, by their text, and the latencies measured. */
class Meter {
  readonly sent = new Map<string, number>();
  readonly toAgent: number[] = [];
  readonly toCustomer: number[] = [];
  recording = false;
  errors = 0;

  sending(text: string): void {
    if (this.recording) this.sent.set(text, performance.now());
  }

  received(text: string, list: number[]): void {
    const at = this.sent.get(text);
    if (at === undefined) return;
    this.sent.delete(text);
    list.push(performance.now() - at);
  }
}

async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_webchat_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function setUp(url: string): Promise<string[]> {
  const admin = (await api(url, 'POST', '/api/v1/connection', undefined, { userId: 'admin', password: PASSWORD })).json
    .token as string;
  const must = async (method: string, path: string, body: unknown) => {
    const r = await api(url, method, path, admin, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
  };
  await must('PUT', '/api/v1/config/licences/client-access', { count: AGENTS + 20 });
  await must('PUT', '/api/v1/config/licences/acd-chat', { count: AGENTS + 20 });
  await must('POST', '/api/v1/config/workgroups', {
    id: WORKGROUP,
    displayName: 'Bench chat',
    alertTimeoutSeconds: 60,
  });
  const ids = Array.from({ length: AGENTS }, (_, i) => `chat${String(i).padStart(3, '0')}`);
  await inParallel(ids, 8, (id) =>
    must('POST', '/api/v1/config/users', {
      id,
      displayName: `Agent ${id}`,
      password: PASSWORD,
      workgroups: [WORKGROUP],
      licences: ['acd-chat'],
      utilization: { chat: { utilization: Math.floor(100 / PER_AGENT), maxAssignable: PER_AGENT } },
    }),
  );
  return ids;
}

/** An agent: picks up what alerts on its queue, greets, then answers each customer line after a think time. */
async function anAgent(url: string, id: string, meter: Meter, picked: () => void): Promise<() => void> {
  const client = await TandemClient.connect({ baseUrl: url, userId: id, password: PASSWORD });
  const stream = client.events({ webSocket: (u) => new WebSocket(u) as never });
  const chats = new Set<string>();
  let n = 0;
  const say = (chatId: string) => {
    const text = `a:${id}:${n++}`;
    meter.sending(text);
    client.request('POST', `/api/v1/interactions/${chatId}/chat/messages`, { text }).catch(() => (meter.errors += 1));
  };
  const onQueue = (event: TandemEvent) => {
    const ix = (event.data as { interaction?: { id: string; state: string } }).interaction;
    if (!ix || !ix.state.endsWith('alerting') || chats.has(ix.id)) return;
    chats.add(ix.id);
    void (async () => {
      await client.request('POST', `/api/v1/interactions/${ix.id}/pickup`, {});
      await stream.subscribe('interaction', { interactionIds: [...chats] }).ready;
      picked();
      say(ix.id);
    })().catch(() => (meter.errors += 1));
  };
  stream.on('queue.added', onQueue);
  stream.on('queue.changed', onQueue);
  stream.on('interaction.chat-message', (event) => {
    const { interactionId, message } = event.data as {
      interactionId: string;
      message: { participantType: string; text: string };
    };
    if (message.participantType !== 'customer') return;
    meter.received(message.text, meter.toAgent);
    later(think(), () => say(interactionId));
  });
  await stream.subscribe('queue', { queues: [`user:${id}`] }).ready;
  await client.request('PUT', `/api/v1/status/user-statuses/${id}`, { statusId: 'available' });
  return () => stream.close();
}

/** A customer: starts a chat, listens on its events socket, answers each agent line after a think time. */
async function aCustomer(customers: WebChatCustomer, i: number, meter: Meter): Promise<() => void> {
  const chat: CustomerChat = await customers.start({ workgroup: WORKGROUP, displayName: `Visitor ${i}` });
  const socket = new WebSocket(chat.eventsUrl(0));
  let n = 0;
  socket.on('message', (raw: Buffer) => {
    const event = JSON.parse(raw.toString()) as { type: string; data?: { participantType?: string; text?: string } };
    if (event.type !== 'message' || event.data?.participantType !== 'agent' || !event.data.text) return;
    meter.received(event.data.text, meter.toCustomer);
    later(think(), () => {
      const text = `c:${i}:${n++}`;
      meter.sending(text);
      chat.send(text).catch(() => (meter.errors += 1));
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return () => socket.close();
}

function report(meter: Meter, engine: string, seconds: number, load: number[], serverCpu: number): void {
  const line = (name: string, list: number[]) => {
    const s = [...list].sort((a, b) => a - b);
    return `${name.padEnd(20)} ${String(s.length).padStart(7)} lines  p50 ${pct(s, 50).toFixed(1)} ms  p99 ${pct(s, 99).toFixed(1)} ms  max ${(s[s.length - 1] ?? NaN).toFixed(1)} ms`;
  };
  const total = meter.toAgent.length + meter.toCustomer.length;
  console.log(`web chat on ${engine}: ${CUSTOMERS} customers, ${AGENTS} agents, ${seconds.toFixed(1)} s measured`);
  console.log(line('customer -> agent', meter.toAgent));
  console.log(line('agent -> customer', meter.toCustomer));
  console.log(
    `lines delivered     ${(total / seconds).toFixed(0)}/s; errors ${meter.errors}; undelivered at the end ${meter.sent.size}`,
  );
  console.log(
    `server CPU ${serverCpu.toFixed(1)} s in the window: ${((serverCpu * 1000) / Math.max(1, total)).toFixed(2)} ms per line delivered`,
  );
  console.log(
    `load average before ${load.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${cpus().length} cores`,
  );
}

async function main(): Promise<void> {
  const adminUrl = process.env.TANDEM_DATABASE_URL;
  const db = adminUrl ? await freshDatabase(adminUrl) : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-webchat-'));
  const load = loadavg();
  const server = await startServerProcess(
    {
      TANDEM_DATA_DIR: dataDir,
      TANDEM_DEMO_PASSWORD: PASSWORD,
      TANDEM_LOG_LEVEL: 'warn',
      ...(db ? { TANDEM_DATABASE_URL: db.url } : {}),
    },
    120_000,
  );
  const stops: (() => void)[] = [];
  const began = performance.now();
  const meter = new Meter();
  try {
    const ids = await setUp(server.url);
    console.log(`${AGENTS} agents created after ${seconds(began)}`);
    let pickedUp = 0;
    await inParallel(ids, 8, async (id) => stops.push(await anAgent(server.url, id, meter, () => (pickedUp += 1))));
    console.log(`${AGENTS} agents logged on and available after ${seconds(began)}`);
    const customers = new WebChatCustomer(server.url);
    const started = performance.now();
    for (let i = 0; i < CUSTOMERS; i += 25) {
      const batch = Array.from({ length: Math.min(25, CUSTOMERS - i) }, (_, k) => aCustomer(customers, i + k, meter));
      stops.push(...(await within(60_000, `starting chats ${i + 1} to ${i + batch.length}`, Promise.all(batch))));
    }
    while (pickedUp < CUSTOMERS && performance.now() - started < 120_000) await new Promise((r) => setTimeout(r, 100));
    console.log(`${pickedUp} of ${CUSTOMERS} chats started and picked up in ${seconds(started)}`);
    // Let the conversations settle into their rhythm, then measure.
    await new Promise((r) => setTimeout(r, 2 * THINK_MS));
    meter.recording = true;
    const from = performance.now();
    const cpuFrom = cpuSecondsOf(server.child.pid);
    const clientFrom = process.cpuUsage();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    meter.recording = false;
    const measured = (performance.now() - from) / 1000;
    const serverCpu = cpuSecondsOf(server.child.pid) - cpuFrom;
    const client = process.cpuUsage(clientFrom);
    console.log(
      `bench process (every customer and agent) CPU ${((client.user + client.system) / 1e6).toFixed(1)} s in the window`,
    );
    await new Promise((r) => setTimeout(r, 2000)); // lines still in flight arrive
    report(meter, db ? 'PostgreSQL' : 'PGlite', measured, load, serverCpu);
  } finally {
    for (const stop of stops) stop();
    await server.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
