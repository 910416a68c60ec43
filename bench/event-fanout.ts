/**
 * Event fan-out with every agent connected (issue 3): 5,000 agents, each with the subscriptions the
 * web client makes (its own user queue, its own status, "My statistics"), one in ten also watching
 * a workgroup queue, and 20 supervisors with a wallboard of 10 workgroups and the whole company
 * directory's statuses. Publishes the events of an ACD stream (queue added / changed / removed on
 * workgroup and user queues, agent and workgroup statistics, status changes) through the real
 * `EventHub` and topics, each delivery serialised as a connection would send it.
 *
 *   node --import tsx bench/event-fanout.ts
 *   BENCH_AGENTS=5000 BENCH_EVENTS=200000 node --import tsx bench/event-fanout.ts
 *
 * Reports events published per second and the time per event (publish and fan-out), and the
 * deliveries made.
 */
import { RightSet } from '@tandem/core';
import { EventHub } from '../packages/server/src/messaging/event-hub.js';
import type { Subscriber } from '../packages/server/src/messaging/topic.js';
import { queueTopic } from '../packages/server/src/messaging/topics/queue-topic.js';
import { statisticsTopic } from '../packages/server/src/messaging/topics/statistics-topic.js';
import { userStatusTopic } from '../packages/server/src/messaging/topics/user-status-topic.js';
import { mulberry32 } from '../packages/core/test/seeded-random.js';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 5000);
const WORKGROUPS = 200;
const SUPERVISORS = 20;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);

// Before 2026-11-22 an LCG in doubles (`seed * 1103515245` loses its low bits past 2^53), which
// cycled after 10,466 values: the same few workgroup, skill and media triples came back every
// 1.5 s and overloaded the agents who had them.
const random = mulberry32(7);
const below = (n: number) => Math.floor(random() * n);

const hub = new EventHub();
hub.registerTopic(userStatusTopic);
hub.registerTopic(
  statisticsTopic({ mayViewWorkgroup: () => true, mayViewWholeAgent: () => true, subscribedTo: () => undefined }),
);
// Queue rights are the topic's business, not this bench's: every queue may be viewed here.
hub.registerTopic({ ...queueTopic, authorize: () => undefined });

let deliveries = 0;
let bytes = 0;
const listener = {
  deliver: (e: { json: string }) => {
    deliveries += 1;
    bytes += e.json.length;
  },
  end: () => undefined,
};
const subscriber = (userId: string): Subscriber => ({ sessionId: `s-${userId}`, userId, rights: new RightSet([]) });
const must = (result: { status: string }) => {
  if (result.status !== 'subscribed') throw new Error(`subscription ${result.status}`);
};

const setupStarted = performance.now();
for (let i = 0; i < AGENTS; i += 1) {
  const userId = `agent${i}`;
  const id = `conn-${userId}`;
  hub.addSubscriber(id, subscriber(userId), listener);
  const queues = [`user:${userId}`];
  if (i % 10 === 0) queues.push(`workgroup:wg${i % WORKGROUPS}`);
  must(hub.subscribe(id, 'queue', { queues }));
  must(hub.subscribe(id, 'user-status', { userIds: [userId] }));
  must(hub.subscribe(id, 'statistics', { userIds: [userId] }));
}
for (let s = 0; s < SUPERVISORS; s += 1) {
  const id = `conn-sup${s}`;
  hub.addSubscriber(id, subscriber(`sup${s}`), listener);
  const workgroupIds = Array.from({ length: 10 }, (_, k) => `wg${(s * 10 + k) % WORKGROUPS}`);
  must(hub.subscribe(id, 'statistics', { workgroupIds }));
  must(hub.subscribe(id, 'user-status', undefined));
}
const setupMs = performance.now() - setupStarted;

/** One event of the stream: mostly queue events, then statistics, then statuses, as under ACD load. */
function publishOne(n: number): void {
  const agent = `agent${below(AGENTS)}`;
  const workgroup = `wg${below(WORKGROUPS)}`;
  const data = { queue: '', interaction: { id: String(1_000_000_000 + n), state: 'acd-wait-agent' } };
  const kind = n % 10;
  if (kind < 3) hub.publish('queue', 'added', data, { queue: `workgroup:${workgroup}` });
  else if (kind < 7) hub.publish('queue', 'changed', data, { queue: `user:${agent}` });
  else if (kind < 8) hub.publish('statistics', 'agent', { userId: agent }, { userId: agent });
  else if (kind < 9) hub.publish('statistics', 'workgroup', { workgroupId: workgroup }, { workgroupId: workgroup });
  else hub.publish('user-status', 'changed', { userId: agent, statusId: 'available' }, { userId: agent });
}

for (let n = 0; n < Math.min(20_000, EVENTS); n += 1) publishOne(n); // warm-up
deliveries = 0;
bytes = 0;
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (let n = 0; n < EVENTS; n += 1) publishOne(n);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);

console.log(
  `\nEvent fan-out — ${AGENTS} agents and ${SUPERVISORS} supervisors connected (${AGENTS * 3 + SUPERVISORS * 2} subscriptions), ${new Date().toISOString()}`,
);
console.log(`  set-up (connect and subscribe everyone): ${setupMs.toFixed(0)} ms`);
console.log(
  `  ${EVENTS} events in ${ms.toFixed(0)} ms = ${Math.round(EVENTS / (ms / 1000)).toLocaleString('en')} events/s, ${((ms * 1000) / EVENTS).toFixed(2)} µs per event (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`,
);
console.log(
  `  deliveries: ${deliveries} (${(deliveries / EVENTS).toFixed(2)} per event), ${(bytes / 1e6).toFixed(1)} MB serialised`,
);
