/**
 * Tandem's side of bench/process.ts: the same process as credit-check.bpmn as a Tandem definition,
 * launched through the node's process engine; an instance counts when its completion is committed.
 * Also the launch-to-alerting latency of a work item sent to a workgroup with available agents.
 */
import { SYSTEM_ACTOR, type ProcessInstance } from '@tandem/core';
import type { Tandem } from '@tandem/server';
import {
  loansWorkItemDefinition,
  scoreCall,
  textDecision,
  variable,
} from '../../packages/cli/test/support/process-definitions.js';
import { closedLoop, type LoadResult } from './bench-kit.js';

/** start, assign, decision, web service call, assign, end. */
export function benchDefinition(endpoint: string): Record<string, unknown> {
  return {
    formatVersion: 1,
    id: 'bench-credit-check',
    name: 'Bench credit check',
    variables: [
      variable('Amount', 'Decimal'),
      variable('Total', 'Decimal'),
      variable('Band', 'String'),
      variable('Score', 'Integer'),
      variable('Result', 'String'),
    ],
    inputs: ['Amount'],
    states: [
      {
        id: 'Start',
        name: 'Start',
        start: true,
        actions: [
          { id: 'total', kind: 'assign', variable: 'Total', expression: 'Amount * 2' },
          textDecision('band', 'Amount > 100', 'Band', ['high', 'low']),
          scoreCall('score', endpoint, { amount: 'Amount' }),
          { id: 'result', kind: 'assign', variable: 'Result', expression: '"score " & Score' },
          { id: 'end', kind: 'endProcess' },
        ],
      },
    ],
  };
}

const alertDefinition = loansWorkItemDefinition({
  id: 'bench-work-item',
  name: 'Bench work item',
  variables: [variable('Note', 'String')],
  control: { id: 'note', kind: 'text', variable: 'Note' },
});

/** Creates and publishes a definition once; later calls find it. */
async function publish(tandem: Tandem, json: Record<string, unknown>): Promise<string> {
  const id = json.id as string;
  if (tandem.processes.definitions.get(id)) return id;
  await tandem.processes.definitions.create(json);
  await tandem.processes.definitions.publish(id, 'admin');
  return id;
}

const endingsOf = new WeakMap<Tandem, (id: string) => Promise<ProcessInstance>>();

/**
 * Resolves a waiter when an instance's completion (or end of any kind) is committed. One listener
 * per server: a listener per run would keep every instance a later run ends in its `early` map,
 * growing the heap (and the collector's work) in the run being measured.
 */
function endings(tandem: Tandem): (id: string) => Promise<ProcessInstance> {
  const known = endingsOf.get(tandem);
  if (known) return known;
  const waiters = new Map<string, (i: ProcessInstance) => void>();
  const early = new Map<string, ProcessInstance>();
  tandem.processes.engine.onStep((instance) => {
    if (instance.status === 'waiting' || instance.status === 'running') return;
    const waiter = waiters.get(instance.id);
    if (waiter) {
      waiters.delete(instance.id);
      waiter(instance);
    } else early.set(instance.id, instance);
  });
  const ended = (id: string): Promise<ProcessInstance> => {
    const done = early.get(id);
    if (done) {
      early.delete(id);
      return Promise.resolve(done);
    }
    return new Promise((resolve) => waiters.set(id, resolve));
  };
  endingsOf.set(tandem, ended);
  return ended;
}

export async function runTandem(
  tandem: Tandem,
  options: { endpoint: string; total: number; concurrency: number },
): Promise<LoadResult & { failed: number }> {
  const definitionId = await publish(tandem, benchDefinition(options.endpoint));
  const ended = endings(tandem);
  let failed = 0;
  const result = await closedLoop(options.total, options.concurrency, async (i) => {
    const launched = await tandem.processes.engine.launch({
      definitionId,
      originator: null,
      inputs: { Amount: (i * 37) % 300 },
    });
    const end = launched.status === 'waiting' ? await ended(launched.id) : launched;
    if (end.status !== 'completed') failed += 1;
  });
  return { ...result, failed };
}

/**
 * Launch → the work item alerting an available agent (the alert committed), one work item per
 * available agent at a time; each is withdrawn (instance cancelled) once it alerted, untimed.
 */
export async function runAlerting(
  tandem: Tandem,
  options: { samples: number; agents: string[] },
): Promise<LoadResult & { missed: number; leftovers: number }> {
  const definitionId = await publish(tandem, alertDefinition);
  for (const id of options.agents) {
    await tandem.presence.setLoggedOn(id, true, undefined);
    await tandem.presence.setBySystem(id, 'available');
  }
  await tandem.router.settle();
  const alertedAt = new Map<string, number>();
  const interactionOf = new Map<string, string>();
  const waiters = new Map<string, () => void>();
  tandem.interactions.onChange((ix, events) => {
    if (ix.type !== 'workitem' || !events.some((e) => e.type === 'interaction.alerting')) return;
    const instanceId = ix.attributes.Tandem_ProcessInstanceId;
    if (instanceId === undefined || alertedAt.has(instanceId)) return;
    alertedAt.set(instanceId, performance.now());
    interactionOf.set(instanceId, ix.id);
    waiters.get(instanceId)?.();
  });
  const latencies: number[] = [];
  let missed = 0;
  let leftovers = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.samples) {
      next += 1;
      const t0 = performance.now();
      const instance = await tandem.processes.engine.launch({ definitionId, originator: 'admin' });
      // An item not alerted within 10 s (no agent free) is counted as missed, not waited for.
      if (!alertedAt.has(instance.id))
        await new Promise<void>((resolve) => {
          waiters.set(instance.id, resolve);
          setTimeout(resolve, 10_000).unref();
        });
      waiters.delete(instance.id);
      const at = alertedAt.get(instance.id);
      if (at === undefined) missed += 1;
      else latencies.push(at - t0);
      await tandem.processes.engine.input(instance.id, { type: 'cancel', reason: 'bench' });
      await tandem.processes.settle();
      // A withdraw that raced the item's creation can leave the interaction alerting: end it here.
      const ixId = interactionOf.get(instance.id);
      const ix = ixId === undefined ? undefined : tandem.interactions.get(ixId);
      if (ix && ix.state !== 'disconnected') {
        leftovers += 1;
        await tandem.interactions.command(ix.id, { type: 'disconnect', by: 'local' }, SYSTEM_ACTOR);
      }
      await tandem.router.settle();
    }
  };
  await Promise.all(options.agents.map(worker));
  return { latencies: latencies.sort((a, b) => a - b), elapsedMs: performance.now() - started, missed, leftovers };
}
