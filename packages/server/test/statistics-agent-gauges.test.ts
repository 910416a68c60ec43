import { agentGauges, queueGauges, type MemberFacts } from '@tandem/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aServer, type TestServer } from './support/harness.js';

let s: TestServer;
const tokens = new Map<string, string>();

beforeEach(async () => {
  s = await aServer();
  tokens.clear();
});
afterEach(async () => {
  await s.close();
});

async function tokenOf(userId: string): Promise<string> {
  let token = tokens.get(userId);
  if (token === undefined) tokens.set(userId, (token = await s.logon(userId)));
  return token;
}

async function ok(userId: string, method: 'POST' | 'PUT', url: string, body: unknown) {
  const r = await s.call(await tokenOf(userId), method, url, body);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
  await s.tandem.router.settle();
  return r.json();
}

/** Replaces a configuration entity with its current fields over `fields`. */
async function reconfigure(kind: string, id: string, fields: Record<string, unknown>) {
  const current = (await s.call(await tokenOf('admin'), 'GET', `/api/v1/config/${kind}/${id}`)).json();
  const { id: _id, revision: _r, createdAt: _c, updatedAt: _u, members: _m, ...rest } = current;
  return ok('admin', 'PUT', `/api/v1/config/${kind}/${id}`, { ...rest, ...fields });
}

/** A workgroup's agent gauges built from nothing, straight from presence, activations and router loads. */
function gaugesAfresh(workgroupId: string) {
  const { directory, presence, activations, interactions } = s.tandem;
  const members = directory.directory.memberIds(workgroupId).map((userId): MemberFacts => {
    const status = presence.get(userId);
    const message = directory.directory.get('status-messages', status.statusId);
    const counts = Object.values(interactions.routing.loadOf(userId)?.counts ?? {});
    return {
      userId,
      loggedOn: status.loggedOn,
      activated: activations.isActiveIn(userId, workgroupId),
      availableForAcd: message?.availableForAcd ?? false,
      followUp: message?.followUp ?? false,
      carriesNothing: counts.every((n) => n === 0),
    };
  });
  const now = s.clock.now();
  return agentGauges(members, queueGauges(interactions.activeIn(workgroupId), now).get(workgroupId));
}

/** The gauges the service shows for every demo workgroup are those built afresh. */
function expectGaugesAsBuiltAfresh(step: string): void {
  for (const workgroupId of ['Sales', 'Support', 'Loans'])
    expect(s.tandem.statistics.workgroup(workgroupId).live.agents, `${step}, ${workgroupId}`).toEqual(
      gaugesAfresh(workgroupId),
    );
}

describe('workgroup agent gauges kept between publications', () => {
  it('follow statuses, activations, loads, status messages and membership as if built afresh', async () => {
    expectGaugesAsBuiltAfresh('at start');
    for (const userId of ['agent2', 'agent3', 'agent4'])
      await ok(userId, 'PUT', `/api/v1/status/user-statuses/${userId}`, { statusId: 'available' });
    expectGaugesAsBuiltAfresh('available');
    expect(s.tandem.statistics.workgroup('Support').live.agents.available).toBeGreaterThan(0);

    const chat = await ok('admin', 'POST', '/api/v1/interactions', { type: 'chat', workgroupId: 'Support' });
    const view = await s.call(await tokenOf('admin'), 'GET', `/api/v1/interactions/${chat.id}`);
    const alerted = view.json().userId as string;
    expectGaugesAsBuiltAfresh('alerting');
    await ok(alerted, 'POST', `/api/v1/interactions/${chat.id}/pickup`, {});
    expectGaugesAsBuiltAfresh('picked up');
    expect(s.tandem.statistics.workgroup('Support').live.agents.onAcd).toBe(1);

    await ok('agent2', 'PUT', '/api/v1/status/user-statuses/agent2', { statusId: 'follow-up' });
    expectGaugesAsBuiltAfresh('follow-up');
    await ok('agent3', 'PUT', '/api/v1/activations/users/agent3', {
      workgroups: [{ workgroupId: 'Support', active: false }],
    });
    expectGaugesAsBuiltAfresh('deactivated');
    await reconfigure('status-messages', 'available', { availableForAcd: false });
    expectGaugesAsBuiltAfresh('available no longer for ACD');
    await reconfigure('status-messages', 'available', { availableForAcd: true });
    await reconfigure('users', 'agent2', { workgroups: ['Sales'] });
    expectGaugesAsBuiltAfresh('agent2 left Support');
    await ok(alerted, 'POST', `/api/v1/interactions/${chat.id}/disconnect`, {});
    expectGaugesAsBuiltAfresh('disconnected');
    await s.tandem.directory.reload();
    expectGaugesAsBuiltAfresh('directory reloaded');
  });
});
