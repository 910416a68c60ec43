/**
 * ACD benchmark (issue 3): 5,000 logged-on agents, 200 workgroups, 20 skills, a steady open-loop
 * mix of chats, emails and callbacks. Measures routed interactions per second (each alert durably
 * committed before it counts) and the time from arrival (create called) to alerting (the alert
 * committed), on the store chosen:
 *
 *   node --no-allocation-site-pretenuring --import tsx bench/acd.ts   # PGlite on disk (temp dir)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tandem_acd node --no-allocation-site-pretenuring --import tsx bench/acd.ts
 *   BENCH_RATE=2000 BENCH_SECONDS=10 BENCH_WARM_UP_SECONDS=35 BENCH_AGENTS=5000 ...  (defaults shown)
 *   BENCH_TIMELINE=1 ...  (p99 per second of the window, and the event loop's stalls over 12 ms)
 *   BENCH_CPU_PROFILE=/tmp/acd.cpuprofile BENCH_HEAP_PROFILE=/tmp/acd.heapprofile ...  (profiles of the window only)
 *   BENCH_CLIENTS=0 ...  (no agent clients connected: the set-up of the measurements before 2026-11-21 22:00 UTC)
 * On PostgreSQL it also reports the WAL written in the window, per interaction, and the checkpoints started.
 * Run it with the V8 flags `npm start` and `tandem serve` run the server with (SERVER_NODE_FLAGS;
 * README, "Node under ACD load"); it says so when one is missing.
 *
 * A wallboard watches every workgroup's statistics (they are built only for what someone watches).
 * Every agent has its client connected (BENCH_CLIENTS=1, the default), subscribed as the web
 * client is: its own queue and status, and one agent in ten its own statistics.
 * The window is measured after BENCH_WARM_UP_SECONDS of the same traffic. Agents pick up each alert at once and end it after BENCH_HANDLE_MS, so capacity keeps freeing.
 * Runs in one process against the real services and store; passwords use a trivial hasher (this
 * measures routing, not logon). The pure routing decision rate is bench/routing-decisions.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RightSet, SYSTEM_ACTOR, type MediaType } from '@tandem/core';
import {
  createServer,
  LINGER_MS,
  loadConfig,
  missingServerNodeFlags,
  SERVER_NODE_FLAGS,
  type EventHub,
} from '@tandem/server';
import { openStore } from '@tandem/store';
import { watchOldGeneration } from './old-generation.js';
import { describeWal, walProbe } from './postgres-wal.js';
import { pct, printTimeline, slowAlerts } from './alert-report.js';
import { profileWindow } from './profile-window.js';
import { mulberry32 } from '../packages/core/test/seeded-random.js';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 5000);
const WORKGROUPS = Number(process.env.BENCH_WORKGROUPS ?? 200);
const SKILLS = 20;
const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const HANDLE_MS = Number(process.env.BENCH_HANDLE_MS ?? 500);
// Finished interactions stay in memory for LINGER_MS: the window starts once the first arrivals have
// been purged, so that the heap (and its collections) are in their steady state.
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? LINGER_MS / 1000 + 5);
const url = process.env.BENCH_DATABASE_URL;
const CLIENTS = process.env.BENCH_CLIENTS !== '0';

// Before 2026-11-22 an LCG in doubles (`seed * 1103515245` loses its low bits past 2^53), which
// cycled after 10,466 values: the same few workgroup, skill and media triples came back every
// 1.5 s and overloaded the agents who had them.
const random = mulberry32(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

async function inChunks<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

async function main(): Promise<void> {
  const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'tandem-acd-'));
  const store = await openStore(url ? { databaseUrl: url } : { dataDir: dataDir as string });
  const hasher = {
    hash: async (p: string) => `plain:${p}`,
    verify: async (h: string, p: string) => h === `plain:${p}`,
  };
  const tandem = await createServer({ config: { ...loadConfig({}), logLevel: 'warn' }, store, hasher });
  const { directory, presence, interactions } = tandem;
  try {
    const setupStarted = performance.now();
    for (const type of ['client-access', 'acd-chat', 'acd-email', 'acd-callback'] as const)
      await directory.create('licences', type, { count: AGENTS * 2 });
    for (const id of ['available', 'gone-home'])
      if (!directory.directory.has('status-messages', id))
        await directory.create(
          'status-messages',
          id,
          id === 'available'
            ? {
                text: 'Available',
                available: true,
                availableForAcd: true,
                doNotDisturb: false,
                followUp: false,
                followMe: false,
                systemOnly: false,
                forwardNumberRequired: false,
                selectableByAll: true,
              }
            : {
                text: 'Gone Home',
                available: false,
                availableForAcd: false,
                doNotDisturb: true,
                followUp: false,
                followMe: false,
                systemOnly: false,
                forwardNumberRequired: false,
                selectableByAll: true,
              },
        );
    const skills = Array.from({ length: SKILLS }, (_, i) => `Skill${i}`);
    await inChunks(skills, 20, (id) => directory.create('skills', id, { displayName: id, treatAsLanguage: false }));
    const workgroups = Array.from({ length: WORKGROUPS }, (_, i) => `WG${String(i).padStart(3, '0')}`);
    const wgDefaults = {
      supervisors: [],
      hasQueue: true,
      active: true,
      skills: [],
      wrapUpCodes: [],
      wrapUpRequired: false,
      wrapUpTimeoutSeconds: 0,
      utilization: {},
      alertTimeoutSeconds: 15,
      journeyAvailable: false,
      rights: [],
    };
    await inChunks(workgroups, 50, (id) => directory.create('workgroups', id, { displayName: id, ...wgDefaults }));
    const agents = Array.from({ length: AGENTS }, (_, i) => `a${String(i).padStart(5, '0')}`);
    await inChunks(agents, 100, (id) =>
      directory.create('users', id, {
        displayName: id,
        password: 'bench-password',
        phones: {},
        roles: [],
        rights: [],
        allowedStatuses: [],
        utilization: {},
        enabled: true,
        passwordNeverExpires: false,
        // Each agent in 2 workgroups next to each other, so every workgroup has ~50 agents.
        workgroups: [
          workgroups[Math.floor((Number(id.slice(1)) * WORKGROUPS) / AGENTS) % WORKGROUPS] as string,
          pick(workgroups),
        ].filter((w, i, a) => a.indexOf(w) === i),
        skills: Array.from(new Set([pick(skills), pick(skills), pick(skills)])).map((skillId) => ({
          skillId,
          proficiency: 20 + Math.floor(random() * 80),
          desireToUse: 50,
        })),
        licences: ['acd-chat', 'acd-email', 'acd-callback'],
      }),
    );
    await inChunks(agents, 200, async (id) => {
      await presence.setLoggedOn(id, true, undefined);
      await presence.setBySystem(id, 'available');
    });
    await tandem.router.settle();
    // The timers a production server runs (main.ts): alert and wrap-up time limits, the router's
    // wake-ups, statistics publications, and the purge of interactions finished LINGER_MS ago.
    // Without the purge every interaction stayed in memory, which a server never does.
    tandem.startTimers();
    const wallboard = watchAllWorkgroups(tandem.hub, workgroups);
    const clients = CLIENTS ? connectAgents(tandem.hub, agents) : undefined;
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    const arrivedAt = new Map<string, number>();
    // The arrival is applied in memory within the call to `create`; its alert may commit in the same
    // transaction, so the start time is taken then, not when `create` resolves.
    let creating: number | undefined;
    // When each measured alert was decided (applied in memory), to split its latency into waiting
    // for a routing decision (or a free agent) and committing.
    const decidedAt = new Map<string, number>();
    interactions.onApplied((ix) => {
      if (creating !== undefined && !arrivedAt.has(ix.id)) arrivedAt.set(ix.id, creating);
      else if (ix.state === 'acd-alerting' && arrivedAt.has(ix.id) && !decidedAt.has(ix.id))
        decidedAt.set(ix.id, performance.now());
    });
    const latencies: number[] = [];
    // Per measured alert: its arrival (ms into the window), arrival → alerting, arrival → decision.
    // BENCH_TIMELINE=1 prints them per second of the window, to tell warm-up from steady state.
    const alerts: number[] = [];
    const timeline = Boolean(process.env.BENCH_TIMELINE);
    let windowStart = Infinity;
    let routed = 0;
    // Work started and not yet settled (creates, pickups and their ends), counted rather than kept:
    // keeping every promise to the end made tens of thousands of objects live through the window.
    let open = 0;
    let whenNone: (() => void) | undefined;
    const settled = () => {
      open -= 1;
      if (open === 0) whenNone?.();
    };
    const follow = (work: Promise<unknown>) => {
      open += 1;
      work.then(settled, settled);
    };
    interactions.onChange((ix, events) => {
      if (!events.some((e) => e.type === 'interaction.alerting')) return;
      const started = arrivedAt.get(ix.id);
      if (started === undefined || ix.userId === undefined) return;
      // The first alert is the one measured; arrivals of the warm-up are answered, not counted.
      arrivedAt.delete(ix.id);
      const decided = decidedAt.get(ix.id) ?? started;
      decidedAt.delete(ix.id);
      if (started >= windowStart) {
        latencies.push(performance.now() - started);
        alerts.push(started - windowStart, performance.now() - started, decided - started);
        routed += 1;
      }
      const userId = ix.userId;
      // The agent answers and ends the interaction after the handle time.
      follow(
        interactions.command(ix.id, { type: 'pickup' }, asAgent(userId)).then(
          () =>
            new Promise((r) => setTimeout(r, HANDLE_MS)).then(() =>
              interactions.command(ix.id, { type: 'disconnect', by: 'remote' }, SYSTEM_ACTOR),
            ),
          () => undefined,
        ),
      );
    });

    const types: MediaType[] = ['chat', 'chat', 'chat', 'email', 'callback'];
    // Arrivals at RATE for `seconds`, open loop: every 5 ms the arrivals due by then.
    const offer = async (seconds: number): Promise<number> => {
      const from = performance.now();
      let created = 0;
      while (performance.now() - from < seconds * 1000) {
        const due = Math.floor(((performance.now() - from) / 1000) * RATE) - created;
        for (let i = 0; i < due; i++) {
          const skill = random() < 0.5 ? [{ skillId: pick(skills), minProficiency: 10 }] : [];
          creating = performance.now();
          const p = interactions.create(
            { type: pick(types), workgroupId: pick(workgroups), skills: skill },
            SYSTEM_ACTOR,
          );
          creating = undefined;
          created += 1;
          follow(p);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      return created;
    };
    // The same traffic first, unmeasured: code paths compiled and every agent's first interaction
    // seen (a restarted server warms up the same way, in its first seconds).
    await offer(WARM_UP_SECONDS);
    const profile = await profileWindow(process.env.BENCH_CPU_PROFILE, process.env.BENCH_HEAP_PROFILE);
    const wal = url ? await walProbe(url) : undefined;
    const walAtStart = await wal?.read();
    // CPU and event-loop use over the window: per interaction they hardly depend on what else the
    // machine runs, where latency does.
    const cpuAtStart = process.cpuUsage();
    const oldGeneration = watchOldGeneration();
    const seqAtStart = tandem.hub.currentSeq();
    const loopAtStart = performance.eventLoopUtilization();
    const started = performance.now();
    windowStart = started;
    const stalls: number[] = [];
    let lastTick = performance.now();
    // BENCH_TIMELINE: when the event loop stalled (a 2 ms timer late by over 12 ms), and for how long.
    const lagTimer = timeline
      ? setInterval(() => {
          const t = performance.now();
          if (t - lastTick > 12) stalls.push(Math.round(lastTick - windowStart), Math.round(t - lastTick));
          lastTick = t;
        }, 2)
      : undefined;
    const created = await offer(SECONDS);
    clearInterval(lagTimer);
    const offeredSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuAtStart);
    const oldGenerationSeen = oldGeneration.stop(created);
    const published = tandem.hub.currentSeq() - seqAtStart;
    const loop = performance.eventLoopUtilization(loopAtStart);
    const walAtEnd = await wal?.read();
    const pgSettings = (await wal?.settings()) ?? '';
    await wal?.close();
    await profile.stop();
    const routedInWindow = routed;
    // Pickups and disconnects keep adding work while earlier work ends: wait until none is left.
    for (;;) {
      if (open > 0) await new Promise<void>((r) => (whenNone = r));
      await tandem.router.settle();
      if (open === 0) break;
    }
    latencies.sort((a, b) => a - b);
    const engine = url ? 'PostgreSQL' : 'PGlite (on disk)';
    console.log(
      `\nACD benchmark — ${engine}, ${AGENTS} agents, ${WORKGROUPS} workgroups, ${SKILLS} skills, ${new Date().toISOString()}`,
    );
    const missingFlags = missingServerNodeFlags(process.execArgv);
    console.log(
      missingFlags.length === 0
        ? `  node: ${SERVER_NODE_FLAGS.join(' ')}, as the server runs`
        : `  node: WITHOUT ${missingFlags.join(' ')} (the server runs with ${SERVER_NODE_FLAGS.join(' ')}; README, "Node under ACD load")`,
    );
    console.log(
      `  setup: ${setupSeconds.toFixed(1)} s, then ${WARM_UP_SECONDS} s of the same traffic before the window`,
    );
    console.log(
      `  offered: ${created} interactions in ${offeredSeconds.toFixed(1)} s (${(created / offeredSeconds).toFixed(0)}/s target ${RATE}/s)`,
    );
    console.log(
      `  routed (alert committed) during the window: ${(routedInWindow / offeredSeconds).toFixed(0)}/s; in all ${routed} of ${created}`,
    );
    console.log(
      `  arrival → alerting: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(1)} ms`,
    );
    console.log(
      `  process CPU in the window: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (${((cpu.user + cpu.system) / 1000 / created).toFixed(3)} ms per interaction offered); event loop busy ${(100 * loop.utilization).toFixed(1)} %`,
    );
    console.log(`  old generation in the window: ${oldGenerationSeen}`);
    if (walAtStart && walAtEnd) {
      console.log(`  PostgreSQL in the window: ${describeWal(walAtStart, walAtEnd, created)}`);
      console.log(`  PostgreSQL settings: ${pgSettings}`);
    }
    console.log(
      `  events published in the window: ${published} (${(published / offeredSeconds).toFixed(0)}/s, ${(published / created).toFixed(1)} per interaction; the replay ring holds the last ${tandem.hub.currentSeq() - tandem.hub.floorSeq()})`,
    );
    console.log(`  wallboard: ${wallboard.events} statistics events, ${wallboard.bytes} bytes`);
    console.log(
      clients
        ? `  agent clients: ${agents.length} connected, ${clients.events} events delivered, ${clients.bytes} bytes`
        : '  agent clients: none connected (BENCH_CLIENTS=0)',
    );
    console.log(
      `  ${slowAlerts(
        alerts,
        oldGeneration.fullCollections.map((t) => t - windowStart),
      )}`,
    );
    if (timeline) printTimeline(alerts, windowStart, stalls);
  } finally {
    await tandem.close();
    await store.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A supervisors' wallboard: one connection subscribed to every workgroup's statistics, reading each
 * event's JSON as a socket would. Statistics are only built for scopes someone watches, so without
 * it the bench would leave out work every real contact center does. (Agents' own statistics views
 * are not open here: nobody watches those.)
 */
function watchAllWorkgroups(hub: EventHub, workgroupIds: string[]): { events: number; bytes: number } {
  const seen = { events: 0, bytes: 0 };
  const rights = new RightSet([{ type: 'object', object: 'workgroup', target: '*', access: 'statistics' }]);
  hub.addSubscriber(
    'wallboard',
    { sessionId: 'wallboard', userId: 'wallboard', rights },
    {
      deliver: (e) => {
        seen.events += 1;
        seen.bytes += e.json.length;
      },
      end: () => undefined,
    },
  );
  const subscribed = hub.subscribe('wallboard', 'statistics', { workgroupIds });
  if (subscribed.status !== 'subscribed') throw new Error(`wallboard: ${JSON.stringify(subscribed)}`);
  return seen;
}

/**
 * The agents' web clients, one connection each, subscribed as the client is while an agent works:
 * its own user queue (My Interactions), its own status (the status bar), and for one agent in ten
 * its own statistics (My Statistics open). Each delivered event's JSON is read as a socket would.
 */
function connectAgents(hub: EventHub, agents: string[]): { events: number; bytes: number } {
  const seen = { events: 0, bytes: 0 };
  const listener = {
    deliver: (e: { json: string }) => {
      seen.events += 1;
      seen.bytes += e.json.length;
    },
    end: () => undefined,
  };
  agents.forEach((userId, i) => {
    const id = `client-${userId}`;
    hub.addSubscriber(id, { sessionId: id, userId, rights: new RightSet([]) }, listener);
    const subscriptions: [string, unknown][] = [
      ['queue', { queues: [`user:${userId}`] }],
      ['user-status', { userIds: [userId] }],
    ];
    if (i % 10 === 0) subscriptions.push(['statistics', { userIds: [userId] }]);
    for (const [topic, filter] of subscriptions) {
      const subscribed = hub.subscribe(id, topic, filter);
      if (subscribed.status !== 'subscribed') throw new Error(`client of ${userId}: ${JSON.stringify(subscribed)}`);
    }
  });
  return seen;
}

/** The agent itself acting: a pickup on one's own queue needs no queue right. */
const asAgent = (userId: string) => ({ kind: 'user' as const, userId, rights: new RightSet([]) });

await main();
