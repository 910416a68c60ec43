import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDefinition, aLoansNoteDefinition, aProcessServer, act, aVariable, publish } from './process-kit.js';
import type { TestServer } from './support/harness.js';

// The runner's commit rule against the store: the version guard, group commit.

let s: TestServer;

beforeAll(async () => {
  s = await aProcessServer();
  const admin = await s.logon('admin');
  await publish(
    s,
    admin,
    aDefinition({
      id: 'timed',
      variables: [aVariable('Done', 'Boolean')],
      actions: [act('wait', { seconds: '60' }), act('assign', { variable: 'Done', expression: 'true' })],
    }),
  );
  await publish(s, admin, aLoansNoteDefinition('asks'));
});
afterAll(() => s.close());

describe('the process runner', () => {
  it('commits the launched instance and its issued timer before answering', async () => {
    const launched = await s.tandem.processes.engine.launch({ definitionId: 'timed', originator: 'admin' });
    expect(await s.store.processes.getFlow(launched.id)).toMatchObject({
      status: 'waiting',
      version: 1,
      waitingOn: `${launched.id}.1`,
    });
    expect(await s.store.processes.effectsOf(launched.id)).toEqual([
      expect.objectContaining({ kind: 'startTimer', status: 'issued', dueAt: s.clock.now() + 60_000 }),
    ]);
  });

  it('refuses the step of an instance another node wrote meanwhile, without failing the other steps of its batch', async () => {
    const { engine } = s.tandem.processes;
    const a = await engine.launch({ definitionId: 'timed', originator: 'admin' });
    const b = await engine.launch({ definitionId: 'timed', originator: 'admin' });
    const row = await s.store.processes.getFlow(a.id);
    if (!row) throw new Error('instance a was not stored');
    await s.store.processes.commitSteps([
      {
        flow: { ...row, version: row.version + 1, updatedAt: row.updatedAt + 1 },
        expectedVersion: row.version,
        effects: [],
      },
    ]);
    const [stale, fine] = await Promise.allSettled([
      engine.input(a.id, { type: 'timerFired', effectId: `${a.id}.1` }),
      engine.input(b.id, { type: 'timerFired', effectId: `${b.id}.1` }),
    ]);
    expect(stale).toMatchObject({ status: 'rejected', reason: { code: 'REVISION_CONFLICT' } });
    expect(fine).toMatchObject({ status: 'fulfilled', value: { status: 'completed' } });
    expect(await s.store.processes.getFlow(b.id)).toMatchObject({ status: 'completed', version: 2 });
    expect(await s.store.processes.getFlow(a.id)).toMatchObject({ status: 'waiting', version: row.version + 1 });
    expect((await s.store.processes.effectsOf(b.id))[0]).toMatchObject({ status: 'done' });
  });

  it('withdraws a work item whose instance is cancelled while the item is still being created', async () => {
    const { engine } = s.tandem.processes;
    const launched = await engine.launch({ definitionId: 'asks', originator: 'admin' });
    await engine.input(launched.id, { type: 'cancel', reason: 'changed my mind' });
    await s.tandem.processes.settle();
    await s.tandem.router.settle();
    const items = [...s.tandem.interactions.all()].filter(
      (ix) => ix.attributes['Tandem_ProcessInstanceId'] === launched.id,
    );
    expect(items.map((ix) => ix.state)).toEqual(['disconnected']);
    expect(await s.store.processes.getWorkItem(`${launched.id}.1`)).toMatchObject({ state: 'completed' });
  });
});
