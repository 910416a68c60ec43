/**
 * Start-up benchmark (issue 2: "ready within 10 s of npm start"): wall time from spawning
 * `tandem serve` to its "ready at" line, on a fresh data directory (first start: initdb,
 * migrations, demo organisation) and again on the same directory (restart).
 *
 *   node --import tsx bench/startup.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../packages/cli/test/support/server-process.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function timeStart(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const server = await startServerProcess(env, 60_000);
  const ms = performance.now() - started;
  await server.stop();
  return ms;
}

const fresh: number[] = [];
const again: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-startup-'));
  const env = { TANDEM_DATA_DIR: dataDir, TANDEM_DEMO_PASSWORD: 'startup-password' };
  try {
    fresh.push(await timeStart(env));
    again.push(await timeStart(env));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const fmt = (list: number[]) =>
  `${(Math.max(...list) / 1000).toFixed(2)} s worst, ${(list.reduce((a, b) => a + b, 0) / list.length / 1000).toFixed(2)} s mean`;
console.log(`Start-up to "ready", PGlite, ${RUNS} runs, ${new Date().toISOString()}`);
console.log(`  first start (empty data dir): ${fmt(fresh)}`);
console.log(`  restart (existing data):      ${fmt(again)}`);
