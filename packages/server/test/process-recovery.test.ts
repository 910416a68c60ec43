import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import {
  aDefinition,
  aLoansNoteDefinition,
  aForm,
  aLocalService,
  aProcessServer,
  act,
  aVariable,
  details,
  json,
  launch,
  publish,
} from './process-kit.js';
import type { TestServer } from './support/harness.js';

// Restore at start, after the reference's persistence rules: a server is started again on the
// store of one that stopped with work in flight (its in-flight calls never answered).

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A first server; `restart` starts a second one on its store, as after a crash of the first. */
async function aCrashingServer(): Promise<{ s: TestServer; admin: string; restart: () => Promise<TestServer> }> {
  const s = await aProcessServer();
  cleanups.push(() => s.store.close());
  const admin = await s.logon('admin');
  return {
    s,
    admin,
    restart: async () => {
      const again = await aProcessServer({ store: s.store, clock: s.clock });
      cleanups.push(() => again.tandem.close());
      // The first server is left as it is, like a crashed one: what it still had in flight can no
      // longer commit (the version guard refuses it, or the store is closed).
      return again;
    },
  };
}

describe('restore at start', () => {
  it('brings back a web service call that was in flight "restored in error", and a retry re-issues it', async () => {
    let answer = false;
    const service = await aLocalService((_req, res) => (answer ? json(res, 200, { score: 701 }) : undefined));
    cleanups.push(() => service.close());
    const { s, admin, restart } = await aCrashingServer();
    await publish(
      s,
      admin,
      aDefinition({
        id: 'scored',
        variables: [aVariable('Score', 'Integer')],
        actions: [
          act('invokeWebService', {
            protocol: 'http-json',
            url: `${service.url}/score`,
            body: {},
            timeoutSeconds: 30,
            outputs: [{ variable: 'Score', from: 'score' }],
          }),
        ],
      }),
    );
    const { id } = await launch(s, admin, 'scored');
    while (service.requests.length === 0) await new Promise((r) => setTimeout(r, 5));

    const s2 = await restart();
    expect(s2.tandem.processes.lastRecovery).toMatchObject({ restoredInError: 1 });
    const restored = await details(s2, admin, id);
    expect(restored).toMatchObject({ status: 'error', restoredInError: true, error: { retryable: true } });
    expect(restored['actions']).toEqual([
      expect.objectContaining({ effectId: `${id}.1`, status: 'restored-in-error' }),
    ]);

    answer = true;
    expect((await s2.call(admin, 'POST', `/api/v1/process-instances/${id}/retry`, {})).statusCode).toBe(200);
    expect(await details(s2, admin, id)).toMatchObject({ status: 'completed', variables: { Score: 701 } });
    expect(service.requests.filter((r) => r.url === '/score')).toHaveLength(2);
  });

  it('brings back a handler that was running "restored in error"', async () => {
    const { s, admin, restart } = await aCrashingServer();
    await publish(
      s,
      admin,
      aDefinition({
        id: 'slow-handler',
        actions: [
          act('runHandler', { handler: 'wait', inputs: { Milliseconds: '30000' }, timeoutSeconds: 60, outputs: [] }),
        ],
      }),
    );
    const { id } = await launch(s, admin, 'slow-handler');
    const s2 = await restart();
    expect(await details(s2, admin, id)).toMatchObject({ status: 'error', restoredInError: true });
  });

  it('re-arms a timer, which fires after the restart', async () => {
    const { s, admin, restart } = await aCrashingServer();
    await publish(
      s,
      admin,
      aDefinition({
        id: 'timer',
        variables: [aVariable('Done', 'Boolean')],
        actions: [act('wait', { seconds: '600' }), act('assign', { variable: 'Done', expression: 'true' })],
      }),
    );
    const { id } = await launch(s, admin, 'timer');
    const s2 = await restart();
    s2.clock.advance(600_000);
    await s2.tandem.processes.tick();
    expect(await details(s2, admin, id)).toMatchObject({ status: 'completed', variables: { Done: true } });
  });

  it('holds work items being worked: direct-routed to the same user, group-routed to the workgroup; waiting ones stay', async () => {
    const { s, admin, restart } = await aCrashingServer();
    const variables = [aVariable('Note', 'String'), aVariable('Reviewer', 'User', { initial: 'agent5' })];
    const forms = [aForm('f', ['Note'])];
    const exits = [{ button: 'Submit', actions: [] }];
    await publish(
      s,
      admin,
      aDefinition({
        id: 'direct',
        variables,
        forms,
        actions: [act('sendWorkItemToUser', { form: 'f', user: 'Reviewer', exits })],
      }),
    );
    await publish(
      s,
      admin,
      aDefinition({
        id: 'group',
        variables,
        forms,
        actions: [act('sendWorkItemToWorkgroup', { form: 'f', workgroup: "workgroup'Loans'", exits })],
      }),
    );
    const itemOf = async (server: TestServer, instanceId: string) =>
      ((await details(server, admin, instanceId))['workItem'] as { interactionId: string }).interactionId;
    const direct = await launch(s, admin, 'direct');
    const group = await launch(s, admin, 'group');
    const waiting = await launch(s, admin, 'group');
    const [directItem, groupItem, waitingItem] = [
      await itemOf(s, direct.id),
      await itemOf(s, group.id),
      await itemOf(s, waiting.id),
    ];
    const agent5 = await s.logon('agent5');
    const agent6 = await s.logon('agent6');
    expect((await s.call(agent5, 'POST', `/api/v1/interactions/${directItem}/pickup`, {})).statusCode).toBe(200);
    expect((await s.call(agent6, 'POST', `/api/v1/interactions/${groupItem}/pickup`, {})).statusCode).toBe(200);
    await s.call(agent5, 'PUT', `/api/v1/interactions/${directItem}/workitem/data`, { data: { Note: 'half done' } });
    await s.tandem.router.settle();

    const s2 = await restart();
    expect(s2.tandem.processes.lastRecovery).toMatchObject({ workItemsReconnected: 3, workItemsHeld: 2 });
    const ix = async (id: string) => (await s2.call(admin, 'GET', `/api/v1/interactions/${id}`)).json();
    expect(await ix(directItem)).toMatchObject({
      state: 'parked',
      queue: { type: 'user', id: 'agent5' },
      userId: 'agent5',
    });
    expect(await ix(groupItem)).toMatchObject({ state: 'parked', queue: { type: 'workgroup', id: 'Loans' } });
    expect(await ix(waitingItem)).toMatchObject({ state: 'acd-wait-agent' });

    const again5 = await s2.logon('agent5');
    expect((await s2.call(again5, 'GET', `/api/v1/interactions/${directItem}/workitem`)).json()).toMatchObject({
      state: 'Held',
      values: { Note: 'half done' },
    });
    expect((await s2.call(again5, 'POST', `/api/v1/interactions/${directItem}/pickup`, {})).statusCode).toBe(200);
    expect(
      (await s2.call(again5, 'POST', `/api/v1/interactions/${directItem}/workitem/submit`, { button: 'Submit' }))
        .statusCode,
    ).toBe(200);
    expect(await details(s2, admin, direct.id)).toMatchObject({
      status: 'completed',
      variables: { Note: 'half done' },
    });
  });

  it('recreates a work item ended behind the process’s back from its saved attributes, held to its workgroup as it was being worked', async () => {
    const { s, admin, restart } = await aCrashingServer();
    await publish(s, admin, aLoansNoteDefinition('lost'));
    const { id } = await launch(s, admin, 'lost');
    const itemId = ((await details(s, admin, id))['workItem'] as { interactionId: string }).interactionId;
    const agent6 = await s.logon('agent6');
    await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/pickup`, {});
    // The interaction is ended behind the process's back (a disconnect from the generic route).
    const ended = await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/disconnect`, {});
    expect(ended.statusCode, ended.body).toBe(200);
    await s.tandem.router.settle();

    const s2 = await restart();
    expect(s2.tandem.processes.lastRecovery).toMatchObject({ workItemsRecreated: 1, workItemsHeld: 1 });
    const d = await details(s2, admin, id);
    const recreated = (d['workItem'] as { interactionId: string }).interactionId;
    expect(recreated).not.toBe(itemId);
    expect((await s2.call(admin, 'GET', `/api/v1/interactions/${recreated}`)).json()).toMatchObject({
      type: 'workitem',
      state: 'parked',
      queue: { type: 'workgroup', id: 'Loans' },
    });
  });

  it('holds launches during restore when PAS_blockLaunchDuringRestore is on', async () => {
    const { s, admin } = await aCrashingServer();
    expect(
      (await s.call(admin, 'PUT', '/api/v1/config/server-parameters/PAS_blockLaunchDuringRestore', { value: true }))
        .statusCode,
    ).toBeLessThan(300);
    await publish(
      s,
      admin,
      aDefinition({
        id: 'many',
        actions: [
          act('runHandler', { handler: 'wait', inputs: { Milliseconds: '60000' }, timeoutSeconds: 120, outputs: [] }),
        ],
      }),
    );
    for (let i = 0; i < 100; i++) await s.tandem.processes.engine.launch({ definitionId: 'many', originator: 'admin' });
    const config = { ...loadConfig({}), logLevel: 'silent' as const, port: 0, smtpPort: 0 };
    const s2 = await createServer({ config, store: s.store, clock: s.clock, email: false });
    cleanups.push(() => s2.close());
    const during = await s2.app.inject({
      method: 'POST',
      url: '/api/v1/processes/many/launch',
      headers: { authorization: `Bearer ${admin}` },
      payload: {},
    });
    expect(during.statusCode).toBe(503);
    expect(during.json().error.message).toContain('PAS_blockLaunchDuringRestore');
    await s2.processes.ready;
    expect(s2.processes.lastRecovery).toMatchObject({ restoredInError: 100 });
    const after = await s2.app.inject({
      method: 'POST',
      url: '/api/v1/processes/many/launch',
      headers: { authorization: `Bearer ${admin}` },
      payload: {},
    });
    expect(after.statusCode).toBe(201);
  });
});
