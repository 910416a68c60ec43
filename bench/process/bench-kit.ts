/**
 * Shared parts of bench/process.ts: the local HTTP endpoint both engines call, a throwaway
 * PostgreSQL database, a closed-loop driver and percentiles.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

/** The web service of the bench: `POST /score {amount}` → `{score}`; counts its calls. */
export interface ScoreEndpoint {
  url: string;
  calls: () => number;
  close: () => Promise<void>;
}

export async function startScoreEndpoint(): Promise<ScoreEndpoint> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls += 1;
      let amount = 0;
      try {
        amount = Number((JSON.parse(Buffer.concat(chunks).toString() || '{}') as { amount?: unknown }).amount ?? 0);
      } catch {
        amount = 0;
      }
      const score = 300 + (Math.round(amount * 7) % 550);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ score }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/score`,
    calls: () => calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Creates `tandem_bench_process_<pid>` next to the base URL's database; `drop` removes it. */
export async function throwawayDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tandem_bench_process_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: baseUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

export interface LoadResult {
  /** Launch-to-completed latency per instance, ms, sorted. */
  latencies: number[];
  elapsedMs: number;
}

/** Runs `total` instances keeping `concurrency` in flight; `runOne` resolves when one completed durably. */
export async function closedLoop(
  total: number,
  concurrency: number,
  runOne: (index: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const t0 = performance.now();
      await runOne(index);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { latencies: latencies.sort((a, b) => a - b), elapsedMs: performance.now() - started };
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** One line of the results table. */
export function summary(name: string, result: LoadResult): string {
  const rate = (result.latencies.length / result.elapsedMs) * 1000;
  const f = (n: number) => n.toFixed(1);
  return `${name.padEnd(28)} ${String(result.latencies.length).padStart(6)} instances  ${rate.toFixed(0).padStart(6)}/s  p50 ${f(percentile(result.latencies, 50))} ms  p99 ${f(percentile(result.latencies, 99))} ms`;
}
