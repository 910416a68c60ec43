import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDefinition, aForm, aProcessServer, act, aVariable, details, launch, publish } from './process-kit.js';
import type { TestServer } from './support/harness.js';

// Work items: routed by the ACD to a workgroup or straight to a user; New, ACD - Wait Agent,
// In Progress, Held, Completed; save, hold (valid data only), submit with a button (its exit path),
// transfer only to licensed targets, pickup timeout and re-route, security specifications.

let s: TestServer;
let admin: string;

const variables = [
  aVariable('Applicant', 'String', { initial: 'Ada' }),
  aVariable('Amount', 'Integer', { initial: 5000 }),
  aVariable('Note', 'String'),
  aVariable('SSN', 'String', { initial: '078-05-1120', securitySpecification: 'Underwriters' }),
  aVariable('Decision', 'String'),
];
const exits = [
  { button: 'Approve', actions: [act('assign', { variable: 'Decision', expression: '"approved"' })] },
  { button: 'Deny', actions: [act('assign', { variable: 'Decision', expression: '"denied"' })] },
];
const review = aForm('review', ['Applicant', 'Amount', 'Note', 'SSN'], ['Approve', 'Deny']);
(review.pages[0]?.controls[2] as { required?: boolean }).required = true;
const secured = aForm('secured', ['Applicant', 'SSN'], ['Approve', 'Deny']);
(secured.pages[0]?.controls[1] as { required?: boolean }).required = true;

beforeAll(async () => {
  s = await aProcessServer();
  admin = await s.logon('admin');
  const spec = await s.call(admin, 'POST', '/api/v1/config/security-specifications', {
    id: 'Underwriters',
    displayName: 'Underwriters',
    users: ['agent6'],
  });
  expect(spec.statusCode, spec.body).toBe(201);
  const forms = [review, secured];
  await publish(
    s,
    admin,
    aDefinition({
      id: 'loans-review',
      variables,
      forms,
      actions: [act('sendWorkItemToWorkgroup', { form: 'review', workgroup: "workgroup'Loans'", exits })],
    }),
  );
  await publish(
    s,
    admin,
    aDefinition({
      id: 'direct-review',
      variables: [...variables, aVariable('Reviewer', 'User', { initial: 'agent5' })],
      inputs: ['Reviewer'],
      forms,
      actions: [act('sendWorkItemToUser', { form: 'review', user: 'Reviewer', exits })],
    }),
  );
  await publish(
    s,
    admin,
    aDefinition({
      id: 'secured-review',
      variables: [...variables, aVariable('Reviewer', 'User', { initial: 'agent5' })],
      inputs: ['Reviewer'],
      forms,
      actions: [act('sendWorkItemToUser', { form: 'secured', user: 'Reviewer', exits })],
    }),
  );
  await publish(
    s,
    admin,
    aDefinition({
      id: 'timed-review',
      variables,
      forms,
      actions: [
        act('sendWorkItemToWorkgroup', {
          form: 'review',
          workgroup: "workgroup'Sales'",
          pickupTimeoutSeconds: 60,
          reroute: "workgroup'Loans'",
          exits,
        }),
      ],
    }),
  );
});
afterAll(() => s.close());

async function available(userId: string): Promise<string> {
  const token = await s.logon(userId);
  const r = await s.call(token, 'PUT', `/api/v1/status/user-statuses/${userId}`, { statusId: 'available' });
  expect(r.statusCode, r.body).toBe(200);
  return token;
}

async function workItemOf(instanceId: string): Promise<string> {
  const d = await details(s, admin, instanceId);
  await s.tandem.router.settle();
  const id = (d['workItem'] as { interactionId: string } | null)?.interactionId;
  if (!id) throw new Error(`instance ${instanceId} has no work item: ${JSON.stringify(d)}`);
  return id;
}

const view = async (token: string, id: string) => s.call(token, 'GET', `/api/v1/interactions/${id}/workitem`);

describe('a work item routed to a workgroup', () => {
  it('waits in the queue, alerts an available member, is picked up, saved, held, taken back and submitted down the exit path', async () => {
    const { id: instanceId } = await launch(s, admin, 'loans-review');
    const itemId = await workItemOf(instanceId);
    expect((await view(admin, itemId)).json()).toMatchObject({
      state: 'ACD - Wait Agent',
      buttons: ['Approve', 'Deny'],
    });

    const agent6 = await available('agent6');
    await s.tandem.router.settle();
    expect((await view(agent6, itemId)).json()).toMatchObject({ state: 'New' });
    expect((await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/pickup`, {})).statusCode).toBe(200);
    const open = (await view(agent6, itemId)).json();
    expect(open).toMatchObject({
      state: 'In Progress',
      values: { Applicant: 'Ada', Amount: 5000, SSN: '078-05-1120' },
    });

    const bad = await s.call(agent6, 'PUT', `/api/v1/interactions/${itemId}/workitem/data`, {
      data: { Amount: 'lots' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues).toEqual([{ path: 'data.Amount', message: expect.any(String) as string }]);
    const saved = await s.call(agent6, 'PUT', `/api/v1/interactions/${itemId}/workitem/data`, {
      data: { Note: 'looks fine' },
    });
    expect(saved.json()).toMatchObject({ values: { Note: 'looks fine' } });

    const held = await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/workitem/hold`, {
      data: { Amount: 'oops', Note: 'check income' },
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ state: 'Held', values: { Note: 'check income', Amount: 5000 } });
    const notWhileHeld = await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/workitem/submit`, {
      button: 'Approve',
    });
    expect(notWhileHeld.statusCode).toBe(409);
    expect((await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/pickup`, {})).statusCode).toBe(200);

    const submitted = await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/workitem/submit`, {
      button: 'Approve',
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'Completed' });
    expect(await details(s, admin, instanceId)).toMatchObject({
      status: 'completed',
      variables: { Decision: 'approved', Note: 'check income' },
    });
  });

  it('is gone from the queues about 30 seconds after completion', async () => {
    const { id: instanceId } = await launch(s, admin, 'loans-review');
    const itemId = await workItemOf(instanceId);
    const agent6 = await s.logon('agent6');
    await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/pickup`, {});
    const done = await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/workitem/submit`, {
      button: 'Deny',
      data: { Note: 'no' },
    });
    expect(done.statusCode, done.body).toBe(200);
    const inQueue = async () =>
      (await s.call(agent6, 'GET', '/api/v1/queues/users/agent6'))
        .json<{ items: { id: string }[] }>()
        .items.some((i) => i.id === itemId);
    expect(await inQueue()).toBe(true);
    s.clock.advance(30_000);
    await s.tandem.router.tick();
    expect(await inQueue()).toBe(false);
  });

  it('refuses a submission missing a required field, naming it, and one by someone who has not picked it up', async () => {
    const { id: instanceId } = await launch(s, admin, 'loans-review');
    const itemId = await workItemOf(instanceId);
    const agent6 = await s.logon('agent6');
    const early = await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/workitem/submit`, { button: 'Approve' });
    expect(early.statusCode).toBe(409);
    await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/pickup`, {});
    const missing = await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/workitem/submit`, {
      button: 'Approve',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('data.Note');
    const unknown = await s.call(agent6, 'POST', `/api/v1/interactions/${itemId}/workitem/submit`, {
      button: 'Maybe',
      data: { Note: 'x' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('button');
    expect((await details(s, admin, instanceId)).status).toBe('waiting');
  });

  it('re-routes an item nobody picked up within its pickup timeout', async () => {
    const { id: instanceId } = await launch(s, admin, 'timed-review');
    const itemId = await workItemOf(instanceId);
    const queueOf = async () =>
      (await s.call(admin, 'GET', `/api/v1/interactions/${itemId}`)).json<{ queue: { id: string } }>().queue.id;
    expect(await queueOf()).toBe('Sales');
    s.clock.advance(59_000);
    await s.tandem.processes.tick();
    expect(await queueOf()).toBe('Sales');
    s.clock.advance(1_000);
    await s.tandem.processes.tick();
    await s.tandem.router.settle();
    expect(await queueOf()).toBe('Loans');
  });
});

describe('a work item routed to a user', () => {
  it('is New on the user queue until picked up, then In Progress', async () => {
    const { id: instanceId } = await launch(s, admin, 'direct-review');
    const itemId = await workItemOf(instanceId);
    const agent5 = await s.logon('agent5');
    const queue = (await s.call(agent5, 'GET', '/api/v1/queues/users/agent5')).json<{ items: { id: string }[] }>();
    expect(queue.items.map((i) => i.id)).toContain(itemId);
    expect((await view(agent5, itemId)).json()).toMatchObject({ state: 'New' });
    expect((await s.call(agent5, 'POST', `/api/v1/interactions/${itemId}/pickup`, {})).statusCode).toBe(200);
    expect((await view(agent5, itemId)).json()).toMatchObject({ state: 'In Progress' });
  });

  it('is transferred only to a licensed user, or a workgroup with a queue and a licensed member', async () => {
    const { id: instanceId } = await launch(s, admin, 'direct-review');
    const itemId = await workItemOf(instanceId);
    const agent5 = await s.logon('agent5');
    await s.call(agent5, 'POST', `/api/v1/interactions/${itemId}/pickup`, {});
    const transfer = (target: unknown) =>
      s.call(agent5, 'POST', `/api/v1/interactions/${itemId}/workitem/transfer`, { target });
    const user = await s.call(admin, 'POST', '/api/v1/config/users', {
      id: 'clerk',
      displayName: 'Clerk',
      licences: ['acd-chat'],
      password: 'clerk-password-1',
    });
    expect(user.statusCode, user.body).toBe(201);
    const toClerk = await transfer({ type: 'user', id: 'clerk' });
    expect(toClerk.statusCode).toBe(409);
    expect(toClerk.json().error.message).toContain('process licence');
    const created = await s.call(admin, 'POST', '/api/v1/config/workgroups', { id: 'Empty', displayName: 'Empty' });
    expect(created.statusCode, created.body).toBe(201);
    const toEmpty = await transfer({ type: 'workgroup', id: 'Empty' });
    expect(toEmpty.statusCode).toBe(409);
    expect(toEmpty.json().error.message).toContain('no member with a process licence');
    const generic = await s.call(agent5, 'POST', `/api/v1/interactions/${itemId}/transfer`, {
      target: { type: 'user', id: 'clerk' },
    });
    expect(generic.statusCode).toBe(409);
    expect(generic.json().error.message).toContain('process licence');
    const toAgent6 = await transfer({ type: 'user', id: 'agent6' });
    expect(toAgent6.statusCode, toAgent6.body).toBe(200);
    expect(toAgent6.json()).toMatchObject({ userId: 'agent6', state: 'alerting' });
  });
});

describe('security specifications on work items', () => {
  it('leaves a secured field and its value out for a user outside the specification', async () => {
    const { id: instanceId } = await launch(s, admin, 'direct-review');
    const itemId = await workItemOf(instanceId);
    const agent5 = await s.logon('agent5');
    const answer = await view(agent5, itemId);
    expect(answer.statusCode).toBe(200);
    expect(answer.body).not.toContain('078-05-1120');
    expect(answer.json().values).not.toHaveProperty('SSN');
    await s.call(agent5, 'POST', `/api/v1/interactions/${itemId}/pickup`, {});
    const forged = await s.call(agent5, 'PUT', `/api/v1/interactions/${itemId}/workitem/data`, { data: { SSN: 'x' } });
    expect(forged.statusCode).toBe(400);
    const details = (await s.call(agent5, 'GET', `/api/v1/interactions/${itemId}`)).body;
    expect(details).not.toContain('078-05-1120');
  });

  it('holds a work item whose required field is secured against its user, saying why', async () => {
    const { id: instanceId } = await launch(s, admin, 'secured-review');
    const itemId = await workItemOf(instanceId);
    const agent5 = await s.logon('agent5');
    const answer = (await view(agent5, itemId)).json();
    expect(answer).toMatchObject({ onHold: true, state: 'Held', values: {} });
    expect(answer.holdMessage).toMatch(/do not have access to the required data.*cSSN.*Underwriters/);
    expect(JSON.stringify(answer)).not.toContain('078-05-1120');
  });

  it('masks secured values in the description of the work item, for everyone', async () => {
    const form = aForm('described', ['Applicant'], ['Approve', 'Deny'], { description: 'Applicant with SSN {SSN}' });
    const reviewer = aVariable('Reviewer', 'User', { initial: 'agent5' });
    const actions = [act('sendWorkItemToUser', { form: 'described', user: 'Reviewer', exits })];
    await publish(
      s,
      admin,
      aDefinition({
        id: 'described-review',
        variables: [...variables, reviewer],
        inputs: ['Reviewer'],
        forms: [form],
        actions,
      }),
    );
    const itemId = await workItemOf((await launch(s, admin, 'described-review')).id);
    const agent5 = await s.logon('agent5');
    const answer = await view(agent5, itemId);
    expect(answer.json()).toMatchObject({ description: 'Applicant with SSN ***' });
    expect(answer.body + (await s.call(agent5, 'GET', `/api/v1/interactions/${itemId}`)).body).not.toContain(
      '078-05-1120',
    );
  });

  it('shows the secured field to a user inside the specification', async () => {
    const { id: instanceId } = await launch(s, admin, 'secured-review', { Reviewer: 'agent6' });
    const itemId = await workItemOf(instanceId);
    const agent6 = await s.logon('agent6');
    expect((await view(agent6, itemId)).json()).toMatchObject({ onHold: false, values: { SSN: '078-05-1120' } });
  });
});
