import { postgresTestTarget } from '@tandem/store/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aServer, type TestServer } from './support/harness.js';

const postgres = await postgresTestTarget();

/** The fields a client sends back in a PUT: the entity without its meta. */
function editable(entity: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, revision: _r, createdAt: _c, updatedAt: _u, ...fields } = entity;
  return fields;
}

// Configuration is what the store keeps most of: these run on both engines.
describe.each([
  { engine: 'pglite' as const, skip: false },
  { engine: 'postgres' as const, skip: postgres.skip },
])('configuration ($engine)', ({ engine, skip }) => {
  let s: TestServer;
  let admin: string;
  beforeEach(async (context) => {
    if (skip) return context.skip();
    s = await aServer({ engine });
    admin = await s.logon('admin');
  });
  afterEach(async () => {
    await s?.close();
  });

  it('creates, reads, replaces and deletes a skill, with revisions', async () => {
    const created = await s.call(admin, 'POST', '/api/v1/config/skills', {
      id: 'French',
      displayName: 'French',
      treatAsLanguage: true,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'French', revision: 1, treatAsLanguage: true });
    const replaced = await s.call(admin, 'PUT', '/api/v1/config/skills/French', { displayName: 'Français' });
    expect(replaced.json()).toMatchObject({ displayName: 'Français', revision: 2, treatAsLanguage: false });
    expect((await s.call(admin, 'GET', '/api/v1/config/skills/French')).headers.etag).toBe('"2"');
    expect((await s.call(admin, 'DELETE', '/api/v1/config/skills/French')).statusCode).toBe(204);
    expect((await s.call(admin, 'GET', '/api/v1/config/skills/French')).statusCode).toBe(404);
  });

  it('refuses a replace based on a stale revision', async () => {
    const stale = await s.tandem.app.inject({
      method: 'PUT',
      url: '/api/v1/config/skills/English',
      headers: { authorization: `Bearer ${admin}`, 'if-match': '"7"' },
      payload: { displayName: 'English' },
    });
    expect(stale.statusCode).toBe(412);
  });

  it('answers 409 naming the referrers when something still uses what is deleted', async () => {
    const refused = await s.call(admin, 'DELETE', '/api/v1/config/workgroups/Loans');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('STILL_REFERENCED');
    expect(refused.json().error.details.referrers).toEqual(
      expect.arrayContaining([{ kind: 'users', id: 'agent5', field: 'workgroups' }]),
    );
    expect(refused.json().error.message).toMatch(/users\/agent5 \(workgroups\)/);
  });

  it('writes workgroup members through to the users', async () => {
    const wg = (await s.call(admin, 'GET', '/api/v1/config/workgroups/Sales')).json();
    const { members, ...fields } = editable(wg);
    expect(members).toEqual(['agent1', 'agent2']);
    const put = await s.call(admin, 'PUT', '/api/v1/config/workgroups/Sales', {
      ...fields,
      members: ['agent1', 'agent3'],
    });
    expect(put.json().members).toEqual(['agent1', 'agent3']);
    expect((await s.call(admin, 'GET', '/api/v1/config/users/agent3')).json().workgroups).toEqual(['Support', 'Sales']);
    expect((await s.call(admin, 'GET', '/api/v1/config/users/agent2')).json().workgroups).toEqual(['Support']);
  });

  it('never answers a password or its hash', async () => {
    const created = await s.call(admin, 'POST', '/api/v1/config/users', {
      id: 'newbie',
      displayName: 'New Bie',
      password: 'first-password',
    });
    expect(created.statusCode).toBe(201);
    const all = JSON.stringify((await s.call(admin, 'GET', '/api/v1/config/users')).json());
    expect(all).not.toMatch(/password"|argon2|first-password/);
    expect((await s.logon('newbie', 'first-password')).length).toBeGreaterThan(20);
  });

  it('lists server parameters with the manuals’ names and defaults, and checks their types', async () => {
    const { items } = (await s.call(admin, 'GET', '/api/v1/config/server-parameters')).json();
    expect(items).toContainEqual(
      expect.objectContaining({ id: 'InteractionConnectMaxQueueLimit', value: 200, configured: false }),
    );
    expect(items).toContainEqual(expect.objectContaining({ id: 'PAS Maximum Monitored Flows', value: 5000 }));
    const bad = await s.call(admin, 'PUT', '/api/v1/config/server-parameters/PAS%20Maximum%20Monitored%20Flows', {
      value: 50,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0]).toEqual({
      path: 'value',
      message: 'PAS Maximum Monitored Flows must be at least 100',
    });
    expect(
      (
        await s.call(admin, 'PUT', '/api/v1/config/server-parameters/PAS%20Maximum%20Monitored%20Flows', { value: 250 })
      ).json().value,
    ).toBe(250);
  });

  it('refuses a PAS_LoadBalanceThreshold under the reference’s minimum of 1000, naming the value', async () => {
    const url = '/api/v1/config/server-parameters';
    const low = await s.call(admin, 'POST', url, { id: 'PAS_LoadBalanceThreshold', value: 999 });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.details.issues[0]).toEqual({
      path: 'value',
      message: 'PAS_LoadBalanceThreshold must be at least 1000',
    });
    const set = await s.call(admin, 'POST', url, { id: 'PAS_LoadBalanceThreshold', value: 1000 });
    expect(set.statusCode, set.body).toBe(201);
    const lowered = await s.call(admin, 'PUT', `${url}/PAS_LoadBalanceThreshold`, { value: 0 });
    expect(lowered.statusCode).toBe(400);
    expect(lowered.json().error.details.issues[0].path).toBe('value');
  });

  it('does not let a user administrator grant rights or licences without those rights', async () => {
    await s.call(admin, 'POST', '/api/v1/config/roles', {
      id: 'UserAdmins',
      displayName: 'User admins',
      rights: [{ type: 'admin', area: 'users', access: 'modify' }],
    });
    await s.call(admin, 'POST', '/api/v1/config/users', {
      id: 'ua',
      displayName: 'User Admin',
      password: 'ua-password',
      roles: ['UserAdmins'],
    });
    const ua = await s.logon('ua', 'ua-password');
    const grant = await s.call(ua, 'POST', '/api/v1/config/users', {
      id: 'x1',
      displayName: 'X',
      password: 'x-password',
      rights: [{ type: 'admin', area: '*', access: 'modify' }],
    });
    expect(grant.statusCode).toBe(403);
    expect(grant.json().error.message).toMatch(/rights administrator right/);
    const licence = await s.call(ua, 'POST', '/api/v1/config/users', {
      id: 'x2',
      displayName: 'X',
      password: 'x-password',
      licences: ['supervisor'],
    });
    expect(licence.statusCode).toBe(403);
    expect(
      (await s.call(ua, 'POST', '/api/v1/config/users', { id: 'x3', displayName: 'X', password: 'x-password' }))
        .statusCode,
    ).toBe(201);
  });

  it('does not let a user administrator raise anyone, itself included, through roles, membership or a password reset', async () => {
    await s.call(admin, 'POST', '/api/v1/config/roles', {
      id: 'UserAdmins',
      displayName: 'User admins',
      rights: [
        { type: 'admin', area: 'users', access: 'modify' },
        { type: 'admin', area: 'workgroups', access: 'modify' },
      ],
    });
    await s.call(admin, 'POST', '/api/v1/config/users', {
      id: 'ua',
      displayName: 'User Admin',
      password: 'ua-password',
      roles: ['UserAdmins'],
    });
    const ua = await s.logon('ua', 'ua-password');
    const self = (await s.call(ua, 'GET', '/api/v1/config/users/ua')).json();
    const fields = editable(self);
    const promote = await s.call(ua, 'PUT', '/api/v1/config/users/ua', {
      ...fields,
      roles: ['UserAdmins', 'Administrator'],
    });
    expect(promote.statusCode).toBe(403);
    expect(promote.json().error.message).toMatch(/would give 'ua' the right .* that you do not hold/);
    const wg = (await s.call(admin, 'GET', '/api/v1/config/workgroups/Sales')).json();
    const wgFields = editable(wg);
    const join = await s.call(ua, 'PUT', '/api/v1/config/workgroups/Sales', {
      ...wgFields,
      members: [...wg.members, 'ua'],
    });
    expect(join.statusCode).toBe(403);
    expect(
      (await s.call(ua, 'POST', '/api/v1/config/users/admin/password', { password: 'taken-over-1' })).statusCode,
    ).toBe(403);
    expect(
      (await s.call(ua, 'PUT', '/api/v1/config/users/ua', { ...fields, displayName: 'Still a user admin' })).statusCode,
    ).toBe(200);
    // Granting only what one holds oneself is fine.
    const peer = { id: 'ua2', displayName: 'Second', password: 'ua2-password', roles: ['UserAdmins'] };
    expect((await s.call(ua, 'POST', '/api/v1/config/users', peer)).statusCode).toBe(201);
  });

  it('refuses more assignments of a licence than the inventory holds', async () => {
    await s.call(admin, 'PUT', '/api/v1/config/licences/journey', { count: 1 });
    const over = await s.call(admin, 'POST', '/api/v1/config/users', {
      id: 'j2',
      displayName: 'J',
      password: 'j-password',
      licences: ['journey'],
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('LICENCE_LIMIT_REACHED');
  });

  it('ends the sessions of a user who is disabled', async () => {
    const agent = await s.logon('agent4');
    const user = (await s.call(admin, 'GET', '/api/v1/config/users/agent4')).json();
    const fields = editable(user);
    expect((await s.call(admin, 'PUT', '/api/v1/config/users/agent4', { ...fields, enabled: false })).statusCode).toBe(
      200,
    );
    expect((await s.call(agent, 'GET', '/api/v1/connection')).statusCode).toBe(401);
    expect(
      (await s.call(undefined, 'POST', '/api/v1/connection', { userId: 'agent4', password: 'demo-password-1' }))
        .statusCode,
    ).toBe(401);
  });
});
