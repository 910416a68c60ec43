import type { EffectRecord, FlowCommit, FlowRecord, TandemStore, WorkItemRecord } from '@tandem/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, postgresTestTarget } from '../src/testing.js';

// The process engine's storage contract, on PGlite and on PostgreSQL (skipped, saying why, when
// PostgreSQL is unreachable unless TANDEM_TEST_REQUIRE_POSTGRES=1).

const postgres = await postgresTestTarget();

function aFlow(overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id: 'p-1',
    definitionId: 'CarLoan',
    definitionVersion: 1,
    ownerStorageId: 'node-a',
    status: 'waiting',
    state: 'Collect',
    waitingOn: 'p-1.1',
    originator: 'agent1',
    schemaVersion: 1,
    version: 1,
    startedAt: 1_000,
    updatedAt: 1_000,
    endedAt: null,
    doc: { id: 'p-1', variables: { LoanID: 'L-7', Amount: 12000 } },
    ...overrides,
  };
}

function anEffect(overrides: Partial<EffectRecord> = {}): EffectRecord {
  return {
    effectId: 'p-1.1',
    instanceId: 'p-1',
    kind: 'invokeWebService',
    status: 'issued',
    ownerStorageId: 'node-a',
    dueAt: null,
    issuedAt: 1_000,
    updatedAt: 1_000,
    effect: { type: 'invokeWebService', url: 'http://127.0.0.1/score' },
    result: null,
    ...overrides,
  };
}

function aWorkItem(overrides: Partial<WorkItemRecord> = {}): WorkItemRecord {
  return {
    effectId: 'p-1.2',
    instanceId: 'p-1',
    interactionId: '1000000001',
    routedTo: 'workgroup:Loans',
    userId: null,
    state: 'waiting',
    updatedAt: 1_000,
    doc: { data: { Amount: 12000 } },
    ...overrides,
  };
}

const launch = (flow: FlowRecord, effects: EffectRecord[] = []): FlowCommit => ({
  flow,
  expectedVersion: null,
  effects,
});
const step = (flow: FlowRecord, effects: EffectRecord[] = []): FlowCommit => ({
  flow,
  expectedVersion: flow.version - 1,
  effects,
});

function describeProcessStore(engine: TandemStore['engine']): void {
  describe(`process store on ${engine}`, () => {
    const stores: TandemStore[] = [];
    const open = async () => {
      const store = await openTestStore(engine);
      stores.push(store);
      return store.processes;
    };
    afterEach(async () => {
      for (const s of stores.splice(0)) await s.close();
    });

    it('commits a launched instance with its issued effect, and finds it again', async () => {
      const processes = await open();
      await processes.commitSteps([launch(aFlow(), [anEffect()])]);
      expect(await processes.getFlow('p-1')).toEqual(aFlow());
      expect(await processes.effectsOf('p-1')).toEqual([anEffect()]);
      expect(await processes.loadRunning('node-a')).toEqual([aFlow()]);
      expect(await processes.loadRunning('node-b')).toEqual([]);
    });

    it('refuses a step that did not read the stored version, writing nothing of its batch', async () => {
      const processes = await open();
      await processes.commitSteps([launch(aFlow()), launch(aFlow({ id: 'p-2' }))]);
      await processes.commitSteps([step(aFlow({ version: 2, state: 'Approve' }))]);
      const stale = step(aFlow({ version: 2, state: 'Reject' }));
      const fine = step(aFlow({ id: 'p-2', version: 2, state: 'Approve' }));
      await expect(processes.commitSteps([fine, stale])).rejects.toMatchObject({ code: 'REVISION_CONFLICT' });
      expect((await processes.getFlow('p-1'))?.state).toBe('Approve');
      expect((await processes.getFlow('p-2'))?.version).toBe(1);
    });

    it('refuses to launch an instance id twice', async () => {
      const processes = await open();
      await processes.commitSteps([launch(aFlow())]);
      await expect(processes.commitSteps([launch(aFlow())])).rejects.toMatchObject({ code: 'REVISION_CONFLICT' });
    });

    it('moves an ended instance from flows to completion, settling its effect in the same commit', async () => {
      const processes = await open();
      await processes.commitSteps([launch(aFlow(), [anEffect()])]);
      const ended = aFlow({ version: 2, status: 'completed', waitingOn: null, endedAt: 2_000, updatedAt: 2_000 });
      await processes.commitSteps([
        step(ended, [anEffect({ status: 'done', result: { score: 700 }, updatedAt: 2_000 })]),
      ]);
      expect(await processes.loadRunning()).toEqual([]);
      expect(await processes.getFlow('p-1')).toEqual({ ...ended, waitingOn: null });
      expect((await processes.effectsOf('p-1'))[0]).toMatchObject({ status: 'done', result: { score: 700 } });
    });

    it('commits a mixed batch (launched, stepped, ended) together, and none of it when an ended one is stale', async () => {
      const processes = await open();
      await processes.commitSteps([launch(aFlow()), launch(aFlow({ id: 'p-2' }))]);
      const end = (id: string, version: number) =>
        aFlow({ id, version, status: 'completed', waitingOn: null, endedAt: 3_000, updatedAt: 3_000 });
      const staleEnd = { ...step(end('p-2', 3)), expectedVersion: 2 };
      await expect(
        processes.commitSteps([launch(aFlow({ id: 'p-3' })), step(end('p-1', 2)), staleEnd]),
      ).rejects.toMatchObject({ code: 'REVISION_CONFLICT', details: { instanceIds: ['p-2'] } });
      expect((await processes.loadRunning()).map((f) => f.id)).toEqual(['p-1', 'p-2']);
      await processes.commitSteps([
        launch(aFlow({ id: 'p-3' })),
        step(end('p-1', 2)),
        step(aFlow({ id: 'p-2', version: 2 })),
      ]);
      expect((await processes.loadRunning()).map((f) => f.id)).toEqual(['p-2', 'p-3']);
      expect((await processes.getFlow('p-1'))?.status).toBe('completed');
    });

    it('stores an instance launched and ended in one step straight in completion', async () => {
      const processes = await open();
      await processes.commitSteps([launch(aFlow({ status: 'completed', waitingOn: null, endedAt: 1_000 }))]);
      expect((await processes.getFlow('p-1'))?.status).toBe('completed');
    });

    it('searches by definition, status, originator, start time and variable value, newest first', async () => {
      const processes = await open();
      await processes.commitSteps([
        launch(aFlow()),
        launch(aFlow({ id: 'p-2', startedAt: 2_000, originator: 'agent2', doc: { variables: { LoanID: 'L-8' } } })),
        launch(aFlow({ id: 'p-3', definitionId: 'Expense', startedAt: 3_000 })),
        launch(aFlow({ id: 'p-4', startedAt: 4_000, status: 'completed', endedAt: 4_000 })),
      ]);
      const ids = async (filter: Parameters<typeof processes.searchFlows>[0]) =>
        (await processes.searchFlows(filter)).map((f) => f.id);
      expect(await ids({ definitionId: 'CarLoan', limit: 10 })).toEqual(['p-2', 'p-1', 'p-4']);
      expect(await ids({ originator: 'agent2', limit: 10 })).toEqual(['p-2']);
      expect(await ids({ status: 'completed', limit: 10 })).toEqual(['p-4']);
      expect(await ids({ from: 2_000, to: 3_500, limit: 10 })).toEqual(['p-3', 'p-2']);
      expect(await ids({ variables: { LoanID: 'L-7' }, limit: 10 })).toEqual(['p-3', 'p-1', 'p-4']);
      expect(await ids({ variables: { Amount: '12000' }, definitionId: 'CarLoan', limit: 10 })).toEqual(['p-1', 'p-4']);
      expect(await ids({ limit: 2 })).toHaveLength(2);
    });

    it('moves ownership of all or some running instances and their effects to another node', async () => {
      const processes = await open();
      await processes.commitSteps([launch(aFlow(), [anEffect()]), launch(aFlow({ id: 'p-2' }))]);
      expect(await processes.transferOwnership('node-a', 'node-b', ['p-2'])).toBe(1);
      expect(await processes.countRunning()).toEqual(
        new Map([
          ['node-a', 1],
          ['node-b', 1],
        ]),
      );
      expect(await processes.transferOwnership('node-a', 'node-b')).toBe(1);
      expect((await processes.effectsWithStatus('node-b', ['issued'])).map((e) => e.effectId)).toEqual(['p-1.1']);
      expect(await processes.effectsWithStatus('node-a', ['issued'])).toEqual([]);
    });

    it('settles journal entries outside a step (restored in error)', async () => {
      const processes = await open();
      await processes.commitSteps([launch(aFlow(), [anEffect()])]);
      await processes.settleEffects([{ effectId: 'p-1.1', status: 'restored-in-error', result: null, at: 5_000 }]);
      expect(await processes.effectsWithStatus('node-a', ['restored-in-error'])).toEqual([
        anEffect({ status: 'restored-in-error', updatedAt: 5_000 }),
      ]);
    });

    it('keeps saved work-item data, found by effect or by interaction, open ones per owner', async () => {
      const processes = await open();
      await processes.commitSteps([{ ...launch(aFlow()), workItems: [aWorkItem()] }]);
      await processes.saveWorkItems([aWorkItem({ state: 'held', userId: 'agent1', updatedAt: 2_000 })]);
      expect(await processes.getWorkItem('p-1.2')).toMatchObject({ state: 'held', userId: 'agent1' });
      expect((await processes.workItemOfInteraction('1000000001'))?.effectId).toBe('p-1.2');
      expect(await processes.openWorkItems('node-a')).toHaveLength(1);
      await processes.saveWorkItems([aWorkItem({ state: 'completed', updatedAt: 3_000 })]);
      expect(await processes.openWorkItems('node-a')).toEqual([]);
    });

    it('saves definitions with a revision guard', async () => {
      const processes = await open();
      const row = { id: 'CarLoan', status: 'draft' as const, revision: 1, updatedAt: 1, doc: { id: 'CarLoan' } };
      expect(await processes.putDefinition(row, null)).toBe(true);
      expect(await processes.putDefinition(row, null)).toBe(false);
      expect(await processes.putDefinition({ ...row, revision: 2, status: 'published' }, 1)).toBe(true);
      expect(await processes.putDefinition({ ...row, revision: 3 }, 1)).toBe(false);
      expect(await processes.listDefinitions()).toEqual([{ ...row, revision: 2, status: 'published' }]);
    });

    it('lists the revision of every definition without the documents', async () => {
      const processes = await open();
      const row = { id: 'CarLoan', status: 'draft' as const, revision: 1, updatedAt: 1, doc: { id: 'CarLoan' } };
      await processes.putDefinition(row, null);
      await processes.putDefinition({ ...row, id: 'Expense', doc: { id: 'Expense' } }, null);
      await processes.putDefinition({ ...row, revision: 2 }, 1);
      expect(await processes.definitionRevisions()).toEqual([
        { id: 'CarLoan', revision: 2 },
        { id: 'Expense', revision: 1 },
      ]);
    });

    it('records engine node heartbeats', async () => {
      const processes = await open();
      await processes.heartbeat({ storageId: 'node-a', startedAt: 1, heartbeatAt: 1 });
      await processes.heartbeat({ storageId: 'node-a', startedAt: 1, heartbeatAt: 9 });
      expect(await processes.listNodes()).toEqual([{ storageId: 'node-a', startedAt: 1, heartbeatAt: 9 }]);
      await processes.removeNode('node-a');
      expect(await processes.listNodes()).toEqual([]);
    });

    it('runs parameterised read-only SQL and refuses writes', async () => {
      const processes = await open();
      await processes.commitSteps([launch(aFlow())]);
      const rows = await processes.readOnlyQuery(
        'SELECT id, state FROM process_flows WHERE originator = $1',
        ['agent1'],
        5_000,
      );
      expect(rows).toEqual([{ id: 'p-1', state: 'Collect' }]);
      await expect(processes.readOnlyQuery('DELETE FROM process_flows', [], 5_000)).rejects.toThrow(/read-only/);
    });
  });
}

describeProcessStore('pglite');
describe.skipIf(postgres.skip)('PostgreSQL', () => describeProcessStore('postgres'));
