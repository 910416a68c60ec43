/**
 * Process engine benchmark (issue 5). One process of start, assign, decision, web service call to
 * a local HTTP endpoint (started here), assign, end, durable on PostgreSQL, run by Tandem's engine
 * and, side by side in the same run, by bpmn-engine (npm) on the equivalent BPMN
 * (bench/process/credit-check.bpmn) with `engine.getState()` upserted into the same PostgreSQL
 * after every activity. Closed loop: BENCH_CONCURRENCY instances in flight, BENCH_INSTANCES in all.
 * Then the launch-to-alerting latency of a work item sent to the Loans workgroup with its two
 * agents available.
 *
 *   TANDEM_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/process.ts
 *   BENCH_INSTANCES=5000 BENCH_CONCURRENCY=200 BENCH_ALERTS=300 ...   (defaults shown)
 *
 * A throwaway database `tandem_bench_process_<pid>` is created next to the URL's and dropped after.
 */
import { loadavg } from 'node:os';
import { createServer, loadConfig, seedIfEmpty } from '@tandem/server';
import { openStore } from '@tandem/store';
import pg from 'pg';
import { percentile, startScoreEndpoint, summary, throwawayDatabase } from './process/bench-kit.js';
import { preparePeer, runBpmnPeer } from './process/bpmn-peer.js';
import { runAlerting, runTandem } from './process/tandem-side.js';

const TOTAL = Number(process.env.BENCH_INSTANCES ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const ALERTS = Number(process.env.BENCH_ALERTS ?? 300);
/** BENCH_PEER=0 leaves the peer out (profiling Tandem alone); reported figures always include it. */
const PEER = process.env.BENCH_PEER !== '0';
const baseUrl = process.env.TANDEM_DATABASE_URL ?? process.env.BENCH_DATABASE_URL;

async function main(): Promise<void> {
  if (!baseUrl) throw new Error('set TANDEM_DATABASE_URL to a PostgreSQL server (a throwaway database is made there)');
  const db = await throwawayDatabase(baseUrl);
  const endpoint = await startScoreEndpoint();
  const store = await openStore({ databaseUrl: db.url });
  const hasher = {
    hash: async (p: string) => `plain:${p}`,
    verify: async (h: string, p: string) => h === `plain:${p}`,
  };
  const config = { ...loadConfig({}), logLevel: 'warn' as const, port: 0, smtpPort: 0, storageId: 'bench-node' };
  const tandem = await createServer({ config, store, hasher, email: false });
  const pool = new pg.Pool({ connectionString: db.url, max: 8 });
  try {
    await seedIfEmpty(tandem.directory, { demo: true, password: 'bench-password' });
    const sourceContext = await preparePeer(pool);
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    console.log(`\nProcess engine benchmark, ${new Date().toISOString()}, load average before: ${load}`);
    console.log(`  ${TOTAL} instances per engine, ${CONCURRENCY} in flight, PostgreSQL`);
    // A short warm-up of each side (JIT, connection pools), not counted.
    await runTandem(tandem, { endpoint: endpoint.url, total: 200, concurrency: 50 }).catch(() => undefined);
    if (PEER) await runBpmnPeer({ pool, sourceContext, endpoint: endpoint.url, total: 100, concurrency: 50 });
    const calls0 = endpoint.calls();
    const cpu0 = process.cpuUsage();
    const ours = await runTandem(tandem, { endpoint: endpoint.url, total: TOTAL, concurrency: CONCURRENCY });
    const cpu = process.cpuUsage(cpu0);
    const calls1 = endpoint.calls();
    console.log(`  ${summary('Tandem', ours)}  (${ours.failed} not completed, ${calls1 - calls0} web service calls)`);
    // CPU of this process (engine and the bench's endpoint) per instance: less noisy than rates on a shared machine.
    const cpuPer = (cpu.user + cpu.system) / 1000 / TOTAL;
    console.log(`  Tandem process CPU: ${cpuPer.toFixed(3)} ms per instance`);
    if (PEER) {
      const peer = await runBpmnPeer({
        pool,
        sourceContext,
        endpoint: endpoint.url,
        total: TOTAL,
        concurrency: CONCURRENCY,
      });
      console.log(`  ${summary('bpmn-engine + getState()', peer)}  (${endpoint.calls() - calls1} web service calls)`);
      const ratio = ours.latencies.length / ours.elapsedMs / (peer.latencies.length / peer.elapsedMs);
      console.log(`  Tandem / bpmn-engine throughput: ${ratio.toFixed(1)}x`);
    }
    if (ALERTS > 0) {
      const alerts = await runAlerting(tandem, { samples: ALERTS, agents: ['agent5', 'agent6'] });
      const f = (p: number) => percentile(alerts.latencies, p).toFixed(1);
      console.log(
        `  work item launch → alerting (${alerts.latencies.length} items, ${alerts.missed} not alerted in 10 s, ${alerts.leftovers} left alerting after their instance was cancelled): p50 ${f(50)} ms, p99 ${f(99)} ms`,
      );
    }
    console.log(
      `  load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await pool.end();
    await tandem.close();
    await store.close();
    await endpoint.close();
    await db.drop();
  }
}

await main();
