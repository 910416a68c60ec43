import type { FlowCommit } from '@tandem/core';
import { afterEach, describe, expect, it } from 'vitest';
import { aLocalService, aProcessServer, aScoreDefinition, details, json, publish } from './process-kit.js';

// The engine cluster's reconciliation of memory and ownership, on one node.

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

describe('the engine cluster on one node', () => {
  it('does not adopt its own launch whose commit is still on its way (no web service call restored in error)', async () => {
    const service = await aLocalService((_req, res) => json(res, 200, { score: 700 }));
    cleanups.push(() => service.close());
    const s = await aProcessServer({ storageId: 'node-a' });
    cleanups.push(() => s.close());
    const admin = await s.logon('admin');
    await publish(s, admin, aScoreDefinition('slow-ack', service.url));

    // The launch's step is committed in the store, but its acknowledgement is held back.
    const processes = s.store.processes;
    const commitSteps = processes.commitSteps.bind(processes);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let committed: () => void = () => undefined;
    const inStore = new Promise<void>((resolve) => (committed = resolve));
    processes.commitSteps = async (commits: readonly FlowCommit[]) => {
      await commitSteps(commits);
      committed();
      await held;
    };
    const launching = s.call(admin, 'POST', '/api/v1/processes/slow-ack/launch', {});
    await inStore;
    processes.commitSteps = commitSteps;

    // Two looks find the row owned here and not in memory; the second takes it as moved here, and
    // must leave it to the launch (the adoption answers none) instead of settling it again.
    const engine = s.tandem.processes.engine;
    const adopt = engine.adopt.bind(engine);
    const adoptions: Promise<string[]>[] = [];
    let adopting: () => void = () => undefined;
    const adoptCalled = new Promise<void>((resolve) => (adopting = resolve));
    engine.adopt = (ids) => {
      const answer = adopt(ids);
      adoptions.push(answer);
      adopting();
      return answer;
    };
    await s.tandem.cluster.tick();
    const second = s.tandem.cluster.tick();
    await adoptCalled;
    release();
    await second;
    expect(await Promise.all(adoptions)).toEqual([[]]);
    const launched = await launching;
    expect(launched.statusCode, launched.body).toBe(201);
    const id = launched.json<{ id: string }>().id;
    expect(await details(s, admin, id)).toMatchObject({ status: 'completed', variables: { Score: 700 } });
    expect(service.requests).toHaveLength(1);
  });
});
