/**
 * Interaction batch commits (issue 3): how long one `interactions.saveMany` takes for batches of
 * 1 to 2,000 interactions, on PGlite on disk and on PostgreSQL, every commit durable (fsync on).
 * The server group-commits interaction changes, one batch in flight at a time; these figures size
 * its batches for the goal of 2,000 durable interaction changes per second on PostgreSQL.
 *
 *   node --import tsx bench/store-batches.ts
 *   BENCH_ENGINES=postgres BENCH_SECONDS=5 node --import tsx bench/store-batches.ts
 *
 * PostgreSQL comes from TANDEM_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test),
 * in a database of its own that is dropped at the end; PGlite from a temporary folder.
 * Each size runs for BENCH_SECONDS (default 2) after three warm-up calls, on a table of
 * BENCH_ROWS (default 20,000) stored interactions. "update" batches save new versions of stored
 * interactions (the common case: a chat changes state several times), "insert" batches new ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InteractionRecord, TandemStore } from '@tandem/core';
import { PgliteStore, PostgresStore } from '../packages/store/src/index.js';
import { createTestDatabase } from '../packages/store/src/testing.js';

const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const SIZES = [1, 10, 100, 500, 2_000];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

let clock = 1_800_000_000_000;

/** An interaction shaped like core's: a chat waiting in a workgroup queue, with a little history. */
function anInteraction(n: number): InteractionRecord {
  const id = String(1_000_000_001 + n);
  const at = (clock += 1);
  const doc = {
    id,
    type: 'chat',
    direction: 'inbound',
    state: 'acd-wait-agent',
    createdAt: at,
    stateChangedAt: at,
    queue: { type: 'workgroup', id: `Workgroup ${n % 20}` },
    workgroupId: `Workgroup ${n % 20}`,
    enteredQueueAt: at,
    priority: 50,
    skills: [
      { skillId: 'dutch', minProficiency: 50 },
      { skillId: 'billing', minProficiency: 30 },
    ],
    relaxation: [{ afterSeconds: 60, lowerBy: 20 }],
    attributes: { email: `customer${n}@example.com`, language: 'nl-BE', channel: 'web', page: '/support/billing' },
    notes: [],
    participants: [{ id: `customer-${n}`, kind: 'customer', displayName: `Customer ${n}`, joinedAt: at }],
    childIds: [],
    log: [
      { at, text: 'Chat started from the web widget' },
      { at, text: `Queued in Workgroup ${n % 20}` },
    ],
    wrapUps: [],
    private: false,
    version: 1,
  };
  return {
    id,
    type: 'chat',
    state: 'acd-wait-agent',
    queueKey: `workgroup:Workgroup ${n % 20}`,
    workgroupId: `Workgroup ${n % 20}`,
    assignedUserId: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    doc,
  };
}

/** A new version of a stored interaction: assigned to an agent. */
function assigned(record: InteractionRecord): InteractionRecord {
  const at = (clock += 1);
  return { ...record, state: 'acd-alerting', assignedUserId: 'agent-7', queueKey: 'user:agent-7', updatedAt: at };
}

interface Figures {
  calls: number;
  min: number;
  median: number;
  p95: number;
}

/** Calls `fn` three times to warm up, then for `SECONDS` (at least five calls); milliseconds per call. */
async function time(fn: () => Promise<void>): Promise<Figures> {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end || samples.length < 5) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { calls: samples.length, min: samples[0]!, median: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function measure(engine: string, store: TandemStore): Promise<void> {
  const stored = Array.from({ length: ROWS }, (_, n) => anInteraction(n));
  let started = performance.now();
  for (let i = 0; i < stored.length; i += 2_000) await store.interactions.saveMany(stored.slice(i, i + 2_000));
  const seeded = performance.now() - started;
  let next = ROWS;
  let cursor = 0;

  const docBytes = Buffer.byteLength(JSON.stringify(stored[0]!.doc));
  console.log(`\n${engine}: ${ROWS} interactions stored in ${(seeded / 1000).toFixed(1)} s; doc ${docBytes} bytes`);
  console.log('| batch | kind | calls | min ms | median ms | p95 ms | interactions/s at median |');
  console.log('|---:|---|---:|---:|---:|---:|---:|');
  for (const size of SIZES)
    for (const kind of ['update', 'insert'] as const) {
      if (kind === 'insert' && size !== 1 && size !== 500) continue;
      const figures = await time(async () => {
        const batch =
          kind === 'insert'
            ? Array.from({ length: size }, () => anInteraction(next++))
            : Array.from({ length: size }, () => {
                cursor = (cursor + 1) % ROWS;
                return (stored[cursor] = assigned(stored[cursor]!));
              });
        await store.interactions.saveMany(batch);
      });
      const rate = Math.round((size / figures.median) * 1000);
      console.log(
        `| ${size} | ${kind} | ${figures.calls} | ${figures.min.toFixed(2)} | ${figures.median.toFixed(2)} | ${figures.p95.toFixed(2)} | ${rate.toLocaleString('en')} |`,
      );
    }

  started = performance.now();
  const open = await store.interactions.loadOpen();
  const loaded = performance.now() - started;
  started = performance.now();
  const lastId = await store.interactions.lastId();
  const found = performance.now() - started;
  console.log(
    `loadOpen of ${open.length.toLocaleString('en')}: ${loaded.toFixed(0)} ms; lastId (${lastId}): ${found.toFixed(1)} ms`,
  );
}

async function main(): Promise<void> {
  // Other processes on the machine skew every figure: say how busy it was.
  const load = () => loadavg()[0]!.toFixed(1);
  console.log(`Node ${process.version}, ${cpus().length} cores, load average ${load()}, ${SECONDS} s per size`);
  if (ENGINES.includes('pglite')) {
    const folder = mkdtempSync(join(tmpdir(), 'tandem-bench-store-'));
    try {
      const store = await PgliteStore.open({ dataDir: join(folder, 'data') });
      try {
        await measure('PGlite on disk', store);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  if (ENGINES.includes('postgres')) {
    const database = await createTestDatabase();
    try {
      const store = await PostgresStore.open({ databaseUrl: database.url });
      try {
        await measure('PostgreSQL', store);
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  }
  console.log(`\nload average at the end ${load()}`);
}

await main();
