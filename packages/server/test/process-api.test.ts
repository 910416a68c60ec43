import type { PublishedEvent } from '../src/messaging/event-hub.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDefinition, aForm, aProcessServer, act, aVariable, details, launch, publish } from './process-kit.js';
import type { TestServer } from './support/harness.js';

// Definitions (draft, publish, deactivate, activate, versions kept by running instances), the
// monitor (filters, PAS Maximum Monitored Flows, details, cancel, retry, variables), process
// rights and licences, and the process-monitor topic, which never carries variable values.

let s: TestServer;
let admin: string;

const waiting = (id: string, extra: Record<string, unknown>[] = []) =>
  aDefinition({
    id,
    variables: [
      aVariable('Customer', 'String', { initial: 'ada', logToReporting: true }),
      aVariable('SSN', 'String', { initial: '078-05-1120', securitySpecification: 'Underwriters' }),
      aVariable('Step', 'Integer', { initial: 1 }),
    ],
    inputs: ['Customer'],
    actions: [...extra, act('wait', { seconds: '3600' })],
  });

beforeAll(async () => {
  s = await aProcessServer();
  admin = await s.logon('admin');
  await s.call(admin, 'POST', '/api/v1/config/security-specifications', {
    id: 'Underwriters',
    displayName: 'Underwriters',
    users: ['agent6'],
  });
  await publish(s, admin, waiting('monitored'));
  // A user who may launch one process and nothing else: the originator may still view its own.
  await s.call(admin, 'POST', '/api/v1/config/roles', {
    id: 'Launcher',
    displayName: 'Launcher',
    rights: [{ type: 'process', definition: 'monitored', access: 'launch' }],
  });
  const user = await s.call(admin, 'POST', '/api/v1/config/users', {
    id: 'launcher',
    displayName: 'Lee Launcher',
    roles: ['Launcher'],
    licences: ['process-direct-routed'],
    password: 'launcher-password-1',
  });
  expect(user.statusCode, user.body).toBe(201);
});
afterAll(() => s.close());

describe('process definitions', () => {
  it('refuses an invalid definition naming the path of each problem', async () => {
    const bad = aDefinition({ id: 'broken', actions: [act('assign', { variable: 'Nope', expression: '1' })] });
    const r = await s.call(admin, 'POST', '/api/v1/processes', bad);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'states[0].actions[0].variable' })]),
    );
  });

  it('drafts, publishes, deactivates and reactivates; a running instance keeps the version it started with', async () => {
    await publish(s, admin, waiting('versioned'));
    const first = await launch(s, admin, 'versioned');
    const v2 = waiting('versioned', [act('assign', { variable: 'Step', expression: '2' })]);
    expect((await s.call(admin, 'PUT', '/api/v1/processes/versioned', v2)).json()).toMatchObject({
      status: 'published',
      activeVersion: 1,
    });
    expect((await s.call(admin, 'POST', '/api/v1/processes/versioned/publish')).json()).toMatchObject({
      activeVersion: 2,
    });
    const second = await launch(s, admin, 'versioned');
    expect(await details(s, admin, first.id)).toMatchObject({ definitionVersion: 1, variables: { Step: 1 } });
    expect(await details(s, admin, second.id)).toMatchObject({ definitionVersion: 2, variables: { Step: 2 } });

    expect((await s.call(admin, 'POST', '/api/v1/processes/versioned/deactivate')).json()).toMatchObject({
      status: 'deactivated',
    });
    const refused = await s.call(admin, 'POST', '/api/v1/processes/versioned/launch', {});
    expect(refused.statusCode).toBe(409);
    expect((await details(s, admin, first.id)).status).toBe('waiting');
    expect((await s.call(admin, 'POST', '/api/v1/processes/versioned/activate')).json()).toMatchObject({
      status: 'published',
    });
    await launch(s, admin, 'versioned');
  });

  it('refuses launch inputs that are not inputs of the process, naming them', async () => {
    const r = await s.call(admin, 'POST', '/api/v1/processes/monitored/launch', { inputs: { Step: 'x' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.issues).toEqual([{ path: 'inputs.Step', message: expect.any(String) as string }]);
  });
});

describe('process rights and licences', () => {
  it('lets a user with only the launch right launch, and view its own instances but no others', async () => {
    const launcher = await s.logon('launcher', 'launcher-password-1');
    const own = await launch(s, launcher, 'monitored');
    const others = await launch(s, admin, 'monitored');
    expect((await s.call(launcher, 'GET', `/api/v1/process-instances/${own.id}`)).statusCode).toBe(200);
    expect((await s.call(launcher, 'GET', `/api/v1/process-instances/${others.id}`)).statusCode).toBe(403);
    const listed = (await s.call(launcher, 'GET', '/api/v1/process-instances?definition=monitored')).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toEqual([own.id]);
    expect((await s.call(launcher, 'POST', `/api/v1/process-instances/${own.id}/cancel`, {})).statusCode).toBe(403);
    expect((await s.call(launcher, 'POST', '/api/v1/processes/versioned/launch', {})).statusCode).toBe(403);
    expect((await s.call(launcher, 'POST', '/api/v1/processes', waiting('mine'))).statusCode).toBe(409);
  });

  it('refuses to launch to a user with the launch right but no process licence', async () => {
    const user = await s.call(admin, 'POST', '/api/v1/config/users', {
      id: 'unlicensed',
      displayName: 'Una Licensed',
      roles: ['Launcher'],
      licences: [],
      password: 'unlicensed-password-1',
    });
    expect(user.statusCode, user.body).toBe(201);
    const token = await s.logon('unlicensed', 'unlicensed-password-1');
    const r = await s.call(token, 'POST', '/api/v1/processes/monitored/launch', {});
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toContain('process licence');
  });

  it('lets a supervisor with the view right watch any instance but not manage or launch', async () => {
    const supervisor = await s.logon('supervisor');
    const { id } = await launch(s, admin, 'monitored');
    expect((await s.call(supervisor, 'GET', `/api/v1/process-instances/${id}`)).statusCode).toBe(200);
    expect((await s.call(supervisor, 'POST', `/api/v1/process-instances/${id}/cancel`, {})).statusCode).toBe(403);
    expect(
      (await s.call(supervisor, 'PATCH', `/api/v1/process-instances/${id}/variables`, { Step: 3 })).statusCode,
    ).toBe(403);
    expect((await s.call(supervisor, 'POST', '/api/v1/processes/monitored/launch', {})).statusCode).toBe(403);
  });

  it('refuses everything process-related to an agent without process rights', async () => {
    const agent = await s.logon('agent1');
    const { id } = await launch(s, admin, 'monitored');
    expect((await s.call(agent, 'GET', '/api/v1/processes/monitored')).statusCode).toBe(403);
    expect((await s.call(agent, 'GET', `/api/v1/process-instances/${id}`)).statusCode).toBe(403);
    expect((await s.call(agent, 'GET', '/api/v1/processes')).json().items).toEqual([]);
  });
});

describe('the monitor', () => {
  it('filters by definition, status, originator, dates and variable values', async () => {
    await publish(s, admin, waiting('filtered'));
    const a = await launch(s, admin, 'filtered', { Customer: 'alice' });
    s.clock.advance(60_000);
    const b = await launch(s, admin, 'filtered', { Customer: 'bob' });
    const ids = async (query: string) =>
      (await s.call(admin, 'GET', `/api/v1/process-instances?definition=filtered${query}`))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await ids('')).toEqual([b.id, a.id]);
    expect(await ids('&variable.Customer=alice')).toEqual([a.id]);
    expect(await ids('&originator=admin&status=waiting')).toEqual([b.id, a.id]);
    expect(await ids('&status=completed')).toEqual([]);
    const since = new Date(s.clock.now() - 30_000).toISOString();
    expect(await ids(`&from=${since}`)).toEqual([b.id]);
    expect(await ids(`&to=${since}`)).toEqual([a.id]);
  });

  it('refuses a filter matching more than PAS Maximum Monitored Flows, saying so', async () => {
    const set = await s.call(admin, 'PUT', '/api/v1/config/server-parameters/PAS Maximum Monitored Flows', {
      value: 100,
    });
    expect(set.statusCode, set.body).toBeLessThan(300);
    await publish(s, admin, waiting('crowded'));
    for (let i = 0; i < 101; i++)
      await s.tandem.processes.engine.launch({ definitionId: 'crowded', originator: 'admin' });
    const r = await s.call(admin, 'GET', '/api/v1/process-instances?definition=crowded');
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/more than 100 process instances .*PAS Maximum Monitored Flows/);
    expect(
      (await s.call(admin, 'GET', '/api/v1/process-instances?definition=crowded&variable.Customer=none')).statusCode,
    ).toBe(200);
    await s.call(admin, 'PUT', '/api/v1/config/server-parameters/PAS Maximum Monitored Flows', { value: 5000 });
  });

  it('details what an instance waits on and its history, leaving secured values out for users outside the specification', async () => {
    const { id } = await launch(s, admin, 'monitored');
    const d = await details(s, admin, id);
    expect(d).toMatchObject({ status: 'waiting', waitingOn: { type: 'startTimer' }, securedVariables: ['SSN'] });
    expect(d['waitingOnDescription']).toMatch(/^timer until /);
    expect(JSON.stringify(d)).not.toContain('078-05-1120');
    expect(d['actions']).toEqual([expect.objectContaining({ type: 'startTimer', status: 'issued' })]);
  });

  it('edits variables, cancels and refuses a retry of an instance not in error, with the manage right', async () => {
    const { id } = await launch(s, admin, 'monitored');
    const edited = await s.call(admin, 'PATCH', `/api/v1/process-instances/${id}/variables`, { Step: '7' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ variables: { Step: 7 } });
    const bad = await s.call(admin, 'PATCH', `/api/v1/process-instances/${id}/variables`, { Nope: 1 });
    expect(bad.json().error.details.issues).toEqual([{ path: 'Nope', message: expect.any(String) as string }]);
    expect((await s.call(admin, 'POST', `/api/v1/process-instances/${id}/retry`, {})).statusCode).toBe(409);
    const cancelled = await s.call(admin, 'POST', `/api/v1/process-instances/${id}/cancel`, {});
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(
      (await s.call(admin, 'GET', `/api/v1/process-instances?definition=monitored&status=cancelled`)).json().items,
    ).toEqual(expect.arrayContaining([expect.objectContaining({ id })]));
  });

  it('withdraws the work item of a cancelled instance', async () => {
    const form = aForm('f', ['Customer']);
    await publish(
      s,
      admin,
      aDefinition({
        id: 'with-item',
        variables: [aVariable('Customer', 'String')],
        forms: [form],
        actions: [
          act('sendWorkItemToWorkgroup', {
            form: 'f',
            workgroup: "workgroup'Loans'",
            exits: [{ button: 'Submit', actions: [] }],
          }),
        ],
      }),
    );
    const { id } = await launch(s, admin, 'with-item');
    const item = (await details(s, admin, id))['workItem'] as { interactionId: string };
    await s.call(admin, 'POST', `/api/v1/process-instances/${id}/cancel`, {});
    await s.tandem.processes.settle();
    expect((await s.call(admin, 'GET', `/api/v1/interactions/${item.interactionId}`)).json()).toMatchObject({
      state: 'disconnected',
    });
  });
});

describe('the process-monitor topic', () => {
  it('tells viewers that instances started, changed and completed, without variable values, and nobody else', async () => {
    const heard: Record<string, PublishedEvent[]> = { supervisor: [], agent1: [] };
    for (const userId of ['supervisor', 'agent1']) {
      s.tandem.hub.addSubscriber(
        `t-${userId}`,
        { sessionId: `t-${userId}`, userId, rights: s.tandem.sessions.rightsOf(userId) },
        {
          deliver: (e) => heard[userId]?.push(e),
          end: () => undefined,
        },
      );
      expect(s.tandem.hub.subscribe(`t-${userId}`, 'process-monitor', { definitionIds: ['monitored'] }).status).toBe(
        'subscribed',
      );
    }
    const { id } = await launch(s, admin, 'monitored');
    await s.call(admin, 'POST', `/api/v1/process-instances/${id}/cancel`, {});
    const types = heard['supervisor']
      ?.filter((e) => (e.data as { instance: { id: string } }).instance.id === id)
      .map((e) => e.type);
    expect(types).toEqual([
      'process-monitor.instance.started',
      'process-monitor.instance.changed',
      'process-monitor.instance.completed',
    ]);
    expect(heard['agent1']).toEqual([]);
    // The instance's random id could hold "ada" by chance (it once did: …77c1ada3e2f), so it is left out.
    const texts = heard['supervisor']?.map((e) => e.json).join('') ?? '';
    expect(texts.replaceAll(id, '')).not.toMatch(/078-05-1120|ada/);
  });
});
