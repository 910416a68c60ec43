/**
 * Pure ACD routing decisions in memory (issue 3): 5,000 logged-on agents, 200 workgroups, 20
 * skills, a steady mix of chats, emails and callbacks. Each event (an arrival, or an agent
 * finishing an interaction) is fed to the `RoutingState` and followed by `decide(now)`; the
 * alerted agent picks up at once. The number of interactions in the system is held near a target
 * so that agents stay busy and a queue forms and drains, as under real load.
 *
 *   node --import tsx bench/routing-decisions.ts
 *   BENCH_EVENTS=500000 BENCH_IN_FLIGHT=15000 node --import tsx bench/routing-decisions.ts
 *
 * Reports decisions (assignments) per second of router time, and p50 / p99 of the router time per
 * decision (track + decide of the event that produced it, divided by the decisions it produced).
 */
import { cpus } from 'node:os';
import {
  RoutingState,
  type Assignment,
  type InteractionType,
  type RelaxationStep,
  type SkillRequirement,
} from '../packages/core/src/index.js';
import { mulberry32 } from '../packages/core/test/seeded-random.js';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 5000);
const WORKGROUPS = Number(process.env.BENCH_WORKGROUPS ?? 200);
const SKILLS = Number(process.env.BENCH_SKILLS ?? 20);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 400_000);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 50_000);
/** Interactions alive at once (alerting, connected or waiting); capacity is ~5,000 × 1-4. */
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 9_000);

// Before 2026-11-22 an LCG in doubles, whose low bits were lost past 2^53: it cycled after 10,466 values.
const rand = mulberry32(12345);
const int = (n: number) => Math.floor(rand() * n);
const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Each workgroup needs three of the skills; its members have some of them, and others. */
const workgroupSkills = (w: number) => [w % SKILLS, (w + 7) % SKILLS, (w + 13) % SKILLS].map((n) => `skill${n}`);

function agentSkills(workgroups: number[]) {
  const skills = new Map<string, { skillId: string; proficiency: number; desireToUse: number }>();
  const add = (skillId: string) =>
    skills.set(skillId, { skillId, proficiency: 20 + int(81), desireToUse: 1 + int(100) });
  for (const w of workgroups) for (const skillId of workgroupSkills(w)) if (rand() < 0.7) add(skillId);
  add(`skill${int(SKILLS)}`);
  return [...skills.values()];
}

function setUp(state: RoutingState): void {
  for (let w = 0; w < WORKGROUPS; w++)
    state.upsertWorkgroup({ id: `wg${w}`, utilization: {}, alertTimeoutSeconds: 15 });
  for (let a = 0; a < AGENTS; a++) {
    const workgroups = new Set<number>();
    while (workgroups.size < 3) workgroups.add(int(WORKGROUPS));
    state.upsertAgent(
      {
        userId: `agent${a}`,
        loggedOn: true,
        statusId: 'available',
        availableForAcd: true,
        activeWorkgroups: [...workgroups].map((w) => `wg${w}`),
        licences: ['acd-chat', 'acd-email', 'acd-callback'],
        skills: agentSkills([...workgroups]),
        utilization: {},
        idleSince: int(1000),
      },
      0,
    );
  }
}

/** None, one or two of the workgroup's skills; half of them relax by 30 points after 20 s. */
function requirements(w: number): { skills: SkillRequirement[]; relaxation: RelaxationStep[] } {
  const pool = workgroupSkills(w);
  const n = int(3);
  const skills: SkillRequirement[] = [];
  for (let i = 0; i < n; i++) {
    const skillId = pool[int(pool.length)]!;
    if (!skills.some((s) => s.skillId === skillId)) skills.push({ skillId, minProficiency: 10 + int(51) });
  }
  return { skills, relaxation: n > 0 && rand() < 0.5 ? [{ afterSeconds: 20, lowerBy: 30 }] : [] };
}

const mediaType = (): InteractionType => {
  const r = rand();
  return r < 0.6 ? 'chat' : r < 0.85 ? 'email' : 'callback';
};

/** What one run measured. */
interface Measured {
  decisions: number;
  routerSeconds: number;
  perDecisionNs: Float64Array;
  wallSeconds: number;
  cpuSeconds: number;
  waiting: number;
  arrived: number;
}

/** A new interaction for a random workgroup. */
function arrival(id: string, now: number) {
  const w = int(WORKGROUPS);
  return {
    state: 'waiting' as const,
    interactionId: id,
    type: mediaType(),
    workgroupId: `wg${w}`,
    priority: [25, 50, 50, 75][int(4)]!,
    enteredQueueAt: now,
    ...requirements(w),
  };
}

/**
 * Feeds events to the router: an arrival, or, when the target number of interactions is in the
 * system, the end of the oldest assigned one. The agent picks up each alert at once.
 */
function run(state: RoutingState): Measured {
  const owned: Assignment[] = [];
  const perDecision = new Float64Array(EVENTS * 2);
  let ownedHead = 0;
  let waiting = 0;
  let now = 1_000;
  let arrived = 0;
  let decisions = 0;
  let routerMs = 0;
  /** After an event was fed to the router: decide, and the alerted agents pick up at once. */
  const settle = (measure: boolean, t0: number) => {
    const d = state.decide(now);
    const assignments = d.assignments;
    for (let i = 0; i < assignments.length; i++) {
      const a = assignments[i] as Assignment;
      state.track({ state: 'owned', interactionId: a.interactionId, type: a.type, userId: a.userId }, now);
    }
    const ms = performance.now() - t0;
    waiting -= assignments.length;
    for (let i = 0; i < assignments.length; i++) owned.push(assignments[i] as Assignment);
    if (!measure) return;
    routerMs += ms;
    for (let i = 0; i < assignments.length; i++) perDecision[decisions++] = (ms * 1e6) / assignments.length;
  };
  let cpuStart = process.cpuUsage();
  let wallStart = performance.now();
  for (let i = 0; i < WARM_UP + EVENTS; i++) {
    if (i === WARM_UP) [cpuStart, wallStart] = [process.cpuUsage(), performance.now()];
    now += 1;
    if (waiting + owned.length - ownedHead >= IN_FLIGHT && ownedHead < owned.length) {
      const done = owned[ownedHead++]!;
      // Forget the ended ones now and then, so that the driver's own garbage does not grow with the run.
      if (ownedHead > 50_000) {
        owned.splice(0, ownedHead);
        ownedHead = 0;
      }
      const t0 = performance.now();
      state.forget(done.interactionId, now);
      settle(i >= WARM_UP, t0);
      continue;
    }
    const item = arrival(String(1_000_000_001 + arrived++), now);
    waiting += 1;
    const t0 = performance.now();
    state.track(item, now);
    settle(i >= WARM_UP, t0);
  }
  const cpu = process.cpuUsage(cpuStart);
  return {
    decisions,
    routerSeconds: routerMs / 1e3,
    perDecisionNs: perDecision.subarray(0, decisions).sort(),
    wallSeconds: (performance.now() - wallStart) / 1e3,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    waiting,
    arrived,
  };
}

function report(m: Measured): void {
  const us = (ns: number) => `${(ns / 1000).toFixed(2)} µs`;
  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
  const sorted = m.perDecisionNs;
  console.log(`routing decisions — ${new Date().toISOString()}`);
  console.log(`command: node --import tsx bench/routing-decisions.ts`);
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`);
  console.log(
    `agents ${AGENTS}, workgroups ${WORKGROUPS}, skills ${SKILLS}, events ${EVENTS} (+${WARM_UP} warm-up), in flight ≈${IN_FLIGHT}`,
  );
  console.log(
    `decisions: ${m.decisions} in ${m.routerSeconds.toFixed(3)} s of router time = ${rate(m.decisions, m.routerSeconds)} decisions/s (${rate(EVENTS, m.routerSeconds)} events/s: arrivals and completions, each with a decide)`,
  );
  console.log(
    `per decision: p50 ${us(percentile(sorted, 50))}, p99 ${us(percentile(sorted, 99))}, max ${us(sorted[sorted.length - 1] ?? NaN)}`,
  );
  console.log(
    `whole measured loop (router and driver): ${m.wallSeconds.toFixed(3)} s wall, ${m.cpuSeconds.toFixed(3)} s CPU = ${rate(m.decisions, m.cpuSeconds)} decisions per CPU second`,
  );
  console.log(`waiting at the end: ${m.waiting}; interactions arrived: ${m.arrived}`);
}

const state = new RoutingState();
setUp(state);
report(run(state));
