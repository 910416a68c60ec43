import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINGER_MS } from '../src/services/interaction-service.js';
import { aServer, type TestServer } from './support/harness.js';

let s: TestServer;
let admin: string;
beforeEach(async () => {
  s = await aServer();
  admin = await s.logon('admin');
});
afterEach(async () => {
  await s.close();
});

const settle = () => s.tandem.router.settle();

async function available(userId: string): Promise<string> {
  const token = await s.logon(userId);
  const r = await s.call(token, 'PUT', `/api/v1/status/user-statuses/${userId}`, { statusId: 'available' });
  expect(r.statusCode).toBe(200);
  return token;
}

async function aChatIn(workgroupId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await s.call(admin, 'POST', '/api/v1/interactions', {
    type: 'chat',
    workgroupId,
    attributes: { WebTools_Name: 'Visitor' },
    ...extra,
  });
  expect(r.statusCode, r.body).toBe(201);
  await settle();
  return r.json().id as string;
}

const get = async (token: string, id: string) => (await s.call(token, 'GET', `/api/v1/interactions/${id}`)).json();

describe('ACD over the API', () => {
  it('alerts an available agent of the workgroup, who picks up, transfers, and the next agent wraps up', async () => {
    const wg = (await s.call(admin, 'GET', '/api/v1/config/workgroups/Support')).json();
    const { id: _i, revision: _r, createdAt: _c, updatedAt: _u, members: _m, ...fields } = wg;
    await s.call(admin, 'PUT', '/api/v1/config/workgroups/Support', {
      ...fields,
      wrapUpRequired: true,
      wrapUpTimeoutSeconds: 60,
    });
    const agent3 = await available('agent3');
    const id = await aChatIn('Support');

    const alerting = await get(agent3, id);
    expect(alerting).toMatchObject({
      state: 'acd-alerting',
      userId: 'agent3',
      displayState: 'ACD - Alerting: Chen Wei',
    });
    expect(alerting.allowedActions).toContain('pickup');
    expect(alerting.log.map((l: { text: string }) => l.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Entered Workgroup Support/),
        expect.stringMatching(/ACD - Alerting/),
      ]),
    );
    const myQueue = (await s.call(agent3, 'GET', '/api/v1/queues/users/agent3')).json();
    expect(myQueue.items.map((i: { id: string }) => i.id)).toEqual([id]);

    expect((await s.call(agent3, 'POST', `/api/v1/interactions/${id}/pickup`, {})).json().state).toBe('acd-assigned');
    const agent4 = await available('agent4');
    const transferred = await s.call(agent3, 'POST', `/api/v1/interactions/${id}/transfer`, {
      target: { type: 'user', id: 'agent4' },
    });
    expect(transferred.statusCode, transferred.body).toBe(200);
    await settle();
    expect((await get(agent4, id)).userId).toBe('agent4');
    await s.call(agent4, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    const ended = await s.call(agent4, 'POST', `/api/v1/interactions/${id}/disconnect`, {});
    expect(ended.json()).toMatchObject({ state: 'disconnected', displayState: expect.stringMatching(/Disconnected/) });
    expect(ended.json().allowedActions).toContain('wrap-up');
    const wrapped = await s.call(agent4, 'POST', `/api/v1/interactions/${id}/wrap-up`, { code: 'Resolved' });
    expect(wrapped.statusCode, wrapped.body).toBe(200);
    expect(wrapped.json().wrapUps).toContainEqual(
      expect.objectContaining({ userId: 'agent4', state: 'done', code: 'Resolved' }),
    );
  });

  it('waits in the workgroup queue while nobody is available, and alerts the first agent who becomes available', async () => {
    const id = await aChatIn('Loans');
    const supervisor = await s.logon('supervisor');
    const queue = (await s.call(supervisor, 'GET', '/api/v1/queues/workgroups/Loans')).json();
    expect(queue.items).toEqual([
      expect.objectContaining({ id, state: 'acd-wait-agent', displayState: 'ACD - Wait Agent' }),
    ]);
    await available('agent6');
    await settle();
    expect((await get(supervisor, id)).userId).toBe('agent6');
  });

  it('marks an agent who lets the alert time out as not answering and offers the chat to the next agent', async () => {
    const agent5 = await available('agent5');
    const id = await aChatIn('Loans');
    expect((await get(agent5, id)).userId).toBe('agent5');
    await available('agent6');
    s.clock.advance(16_000);
    await s.tandem.router.tick();
    await settle();
    expect((await s.call(agent5, 'GET', '/api/v1/status/user-statuses/agent5')).json().statusId).toBe(
      'acd-agent-not-answering',
    );
    expect((await get(agent5, id)).userId).toBe('agent6');
  });

  it('does not route to an agent deactivated in the workgroup', async () => {
    const agent5 = await available('agent5');
    const off = await s.call(agent5, 'PUT', '/api/v1/activations/users/agent5', {
      workgroups: [{ workgroupId: 'Loans', active: false }],
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().workgroups).toEqual([expect.objectContaining({ workgroupId: 'Loans', active: false })]);
    expect(s.tandem.activations.isActiveIn('agent5', 'Loans')).toBe(false);
    const id = await aChatIn('Loans');
    expect((await get(admin, id)).state).toBe('acd-wait-agent');
    await s.call(agent5, 'PUT', '/api/v1/activations/users/agent5', {
      workgroups: [{ workgroupId: 'Loans', active: true }],
    });
    expect(s.tandem.activations.isActiveIn('agent5', 'Loans')).toBe(true);
    expect(s.tandem.activations.isActiveIn('agent5', 'No such workgroup')).toBe(false);
    await settle();
    expect((await get(admin, id)).userId).toBe('agent5');
  });

  it('refuses actions a user may not take, with the reason', async () => {
    await available('agent5');
    const id = await aChatIn('Loans');
    const other = await s.logon('agent1');
    const refused = await s.call(other, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    expect(refused.statusCode).toBe(403);
    const bad = await s.call(admin, 'POST', `/api/v1/interactions/${id}/transfer`, {
      target: { type: 'planet', id: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('target.type');
    expect((await s.call(admin, 'GET', '/api/v1/interactions/0000000001')).statusCode).toBe(404);
  });

  it('refuses attributes named like the server’s own, so they cannot be forged', async () => {
    const forged = await s.call(admin, 'POST', '/api/v1/interactions', {
      type: 'email',
      workgroupId: 'Support',
      attributes: { Email_MessageKey: 'x' },
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.details.issues[0].path).toBe('attributes');
  });
});

describe('finished interactions', () => {
  it('stay in the agent’s queue for LINGER_MS, then are closed in the store and dropped from memory', async () => {
    const agent3 = await available('agent3');
    const id = await aChatIn('Support');
    expect((await s.call(agent3, 'POST', `/api/v1/interactions/${id}/pickup`, {})).statusCode).toBe(200);
    const ended = await s.call(agent3, 'POST', `/api/v1/interactions/${id}/disconnect`, {});
    expect(ended.json()).toMatchObject({ state: 'disconnected' });
    await settle();
    const { interactions } = s.tandem;
    const last = interactions.get(id);
    const inQueue = () => interactions.queue({ type: 'user', id: 'agent3' }, 50).items.map((ix) => ix.id);
    expect(last).toMatchObject({ id, state: 'disconnected' });
    expect(inQueue()).toEqual([id]);
    expect([...interactions.active()].map((ix) => ix.id)).not.toContain(id);
    expect((await get(agent3, id)).state).toBe('disconnected');

    s.clock.advance(LINGER_MS - 1000);
    await s.tandem.router.tick();
    expect(interactions.get(id)).toStrictEqual(last);

    const dropped: string[] = [];
    interactions.onDropped((droppedId) => dropped.push(droppedId));
    s.clock.advance(2000);
    await s.tandem.router.tick();
    expect(dropped).toEqual([id]);
    expect(interactions.has(id)).toBe(false);
    expect(inQueue()).toEqual([]);
    const stored = await s.store.interactions.get(id);
    expect(stored).toMatchObject({ closedAt: s.clock.now(), queueKey: null, state: 'disconnected' });
    expect(stored?.doc).toStrictEqual(JSON.parse(JSON.stringify(last)));
    expect((await s.store.interactions.loadOpen()).map((r) => r.id)).not.toContain(id);
    // Still readable from the store by whoever may see it.
    expect((await get(agent3, id)).state).toBe('disconnected');
  });

  it('are closed with the next purge when the store refused their close', async () => {
    const agent3 = await available('agent3');
    const id = await aChatIn('Support');
    await s.call(agent3, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    await s.call(agent3, 'POST', `/api/v1/interactions/${id}/disconnect`, {});
    await settle();
    const ports = s.store.interactions;
    const closeMany = ports.closeMany.bind(ports);
    ports.closeMany = async () => {
      ports.closeMany = closeMany;
      throw new Error('connection lost');
    };
    s.clock.advance(LINGER_MS + 1000);
    await expect(s.tandem.router.tick()).rejects.toThrow('connection lost');
    expect(s.tandem.interactions.has(id)).toBe(false);
    expect((await ports.get(id))?.closedAt).toBeNull();

    s.clock.advance(250);
    await s.tandem.router.tick();
    expect((await ports.get(id))?.closedAt).toBe(s.clock.now());
  });
});
