import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aServer, type TestServer } from './support/harness.js';

let s: TestServer;
let admin: string;
let agent3: string;
beforeEach(async () => {
  s = await aServer();
  admin = await s.logon('admin');
  agent3 = await s.logon('agent3');
  const r = await s.call(agent3, 'PUT', '/api/v1/status/user-statuses/agent3', { statusId: 'available' });
  expect(r.statusCode, r.body).toBe(200);
});
afterEach(async () => {
  await s.close();
});

const minutes = (n: number) => s.clock.advance(n * 60_000);

async function setParameter(name: string, value: string | number) {
  return s.call(admin, 'PUT', `/api/v1/config/server-parameters/${name}`, { value });
}

/** A Support chat that agent3 answers and puts on hold. */
async function aChatOnHold(): Promise<string> {
  const r = await s.call(admin, 'POST', '/api/v1/interactions', { type: 'chat', workgroupId: 'Support' });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as string;
  await s.tandem.router.settle();
  for (const action of ['pickup', 'hold']) {
    const done = await s.call(agent3, 'POST', `/api/v1/interactions/${id}/${action}`, {});
    expect(done.statusCode, `${action}: ${done.body}`).toBe(200);
  }
  return id;
}

/** Moves the clock and lets the router apply its time limits. */
async function after(n: number): Promise<void> {
  minutes(n);
  await s.tandem.router.tick();
  await s.tandem.router.settle();
}

const interaction = (id: string) => s.tandem.interactions.get(id);

describe('the maximum hold time', () => {
  it('disconnects an interaction held longer than fifteen minutes by default', async () => {
    const id = await aChatOnHold();
    await after(14);
    expect(interaction(id)?.state).toBe('held');
    await after(1);
    expect(interaction(id)).toMatchObject({ state: 'disconnected', disconnectReason: 'hold-timeout' });
    expect(interaction(id)?.log.map((l) => l.text)).toContain('Hold limit reached');
  });

  it('transfers an interaction held past a configured twenty minutes to the configured workgroup queue', async () => {
    expect((await setParameter('MaxHoldTimeMinutes', 20)).statusCode).toBe(200);
    expect((await setParameter('MaxHoldTimeAction', 'transfer')).statusCode).toBe(200);
    expect((await setParameter('MaxHoldTimeTransferQueue', 'workgroup:Sales')).statusCode).toBe(200);
    const id = await aChatOnHold();
    await after(15);
    expect(interaction(id)?.state).toBe('held');
    await after(5);
    expect(interaction(id)).toMatchObject({ workgroupId: 'Sales', queue: { type: 'workgroup', id: 'Sales' } });
    expect(interaction(id)?.state).not.toBe('held');
    expect(interaction(id)?.log.map((l) => l.text)).toEqual(
      expect.arrayContaining(['Hold limit reached', 'Transferred to Sales']),
    );
  });

  it('transfers to a user queue when the parameter names a user', async () => {
    expect((await setParameter('MaxHoldTimeAction', 'transfer')).statusCode).toBe(200);
    expect((await setParameter('MaxHoldTimeTransferQueue', 'user:supervisor')).statusCode).toBe(200);
    const id = await aChatOnHold();
    await after(15);
    expect(interaction(id)?.queue).toEqual({ type: 'user', id: 'supervisor' });
  });

  it('disconnects instead when the transfer queue names no existing queue', async () => {
    expect((await setParameter('MaxHoldTimeAction', 'transfer')).statusCode).toBe(200);
    expect((await setParameter('MaxHoldTimeTransferQueue', 'workgroup:Nowhere')).statusCode).toBe(200);
    const id = await aChatOnHold();
    await after(15);
    expect(interaction(id)).toMatchObject({ state: 'disconnected', disconnectReason: 'hold-timeout' });
  });

  it('applies a limit changed while the interaction is already on hold', async () => {
    const id = await aChatOnHold();
    await after(4);
    expect((await setParameter('MaxHoldTimeMinutes', 5)).statusCode).toBe(200);
    await after(1);
    expect(interaction(id)?.state).toBe('disconnected');
  });

  it('refuses values the policy cannot use, naming the value', async () => {
    const cases: [string, string | number][] = [
      ['MaxHoldTimeMinutes', 0],
      ['MaxHoldTimeMinutes', 1441],
      ['MaxHoldTimeAction', 'park'],
      ['MaxHoldTimeTransferQueue', 'Sales'],
      ['MaxHoldTimeTransferQueue', 'station:desk1'],
    ];
    for (const [name, value] of cases) {
      const r = await setParameter(name, value);
      expect(r.statusCode, `${name}=${value}: ${r.body}`).toBe(400);
      expect(r.json().error.details.issues[0].path).toBe('value');
    }
  });
});
