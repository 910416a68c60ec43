import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, aServer, type TestServer } from './support/harness.js';

let s: TestServer;
beforeEach(async () => {
  s = await aServer();
});
afterEach(async () => {
  await s.close();
});

const logonAs = (userId: string, password = DEMO_PASSWORD, extra: Record<string, unknown> = {}) =>
  s.call(undefined, 'POST', '/api/v1/connection', { userId, password, ...extra });

describe('logon and logoff', () => {
  it('answers a token, a CSRF token, the licences and rights, and sets an HttpOnly cookie', async () => {
    const response = await logonAs('agent1');
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ userId: 'agent1', displayName: 'Ada Lindqvist', passwordChangeRequired: false });
    expect(body.token).toMatch(/^[\w-]{40,}$/);
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(body.licences).toContain('acd-chat');
    expect(body.rights).toContainEqual({ type: 'security', right: 'transfer' });
    expect(String(response.headers['set-cookie'])).toMatch(/tandem_session=.+HttpOnly.*SameSite=Strict/i);
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await logonAs('agent1', 'not-the-password');
    const unknown = await logonAs('nobody', 'whatever');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    expect(wrong.json().error.code).toBe('LOGON_FAILED');
  });

  it('locks the account after repeated failures and lets it in again once the lock has passed', async () => {
    for (let i = 0; i < 4; i++) expect((await logonAs('agent2', 'bad')).statusCode).toBe(401);
    const locked = await logonAs('agent2', 'bad');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBe(60);
    expect((await logonAs('agent2')).statusCode).toBe(423);
    s.clock.advance(61_000);
    expect((await logonAs('agent2')).statusCode).toBe(201);
  });

  it('ends the session at logoff, so its token no longer works and the user shows logged off', async () => {
    const token = await s.logon('agent3');
    expect((await s.call(token, 'GET', '/api/v1/status/user-statuses/agent3')).json().loggedOn).toBe(true);
    expect((await s.call(token, 'DELETE', '/api/v1/connection')).statusCode).toBe(204);
    expect((await s.call(token, 'GET', '/api/v1/connection')).statusCode).toBe(401);
    const other = await s.logon('agent4');
    expect((await s.call(other, 'GET', '/api/v1/status/user-statuses/agent3')).json().loggedOn).toBe(false);
  });

  it('ends the old session when the same user logs on elsewhere', async () => {
    const first = await s.logon('agent1');
    const second = await s.logon('agent1');
    expect((await s.call(first, 'GET', '/api/v1/connection')).statusCode).toBe(401);
    expect((await s.call(second, 'GET', '/api/v1/connection')).statusCode).toBe(200);
    expect(s.tandem.sessions.activeCount).toBe(1);
  });
});

describe('browser sessions', () => {
  it('need the CSRF header on changes made with the cookie, but not on reads', async () => {
    const logon = await logonAs('agent1');
    const cookie = String(logon.headers['set-cookie']).split(';')[0] ?? '';
    const { csrfToken } = logon.json();
    const put = (headers: Record<string, string>) =>
      s.tandem.app.inject({
        method: 'PUT',
        url: '/api/v1/status/user-statuses/agent1',
        headers: { cookie, ...headers },
        payload: { statusId: 'at-lunch' },
      });
    expect(
      (await s.tandem.app.inject({ method: 'GET', url: '/api/v1/connection', headers: { cookie } })).statusCode,
    ).toBe(200);
    const refused = await put({});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await put({ 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
    expect((await put({ 'x-csrf-token': csrfToken })).statusCode).toBe(200);
  });
});

describe('the client access licence', () => {
  it('is taken at logon, refused clearly when none is left, and given back at logoff', async () => {
    const admin = await s.logon('admin');
    expect((await s.call(admin, 'PUT', '/api/v1/config/licences/client-access', { count: 2 })).statusCode).toBe(200);
    const agent = await s.logon('agent1');
    const refused = await logonAs('agent2');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'LICENCE_UNAVAILABLE',
      message: expect.stringMatching(/2 of 2 in use/),
    });
    await s.call(agent, 'DELETE', '/api/v1/connection');
    expect((await logonAs('agent2')).statusCode).toBe(201);
  });

  it('is given back when an idle session times out', async () => {
    const admin = await s.logon('admin');
    await s.call(admin, 'PUT', '/api/v1/config/licences/client-access', { count: 2 });
    await s.logon('agent1');
    expect((await logonAs('agent2')).statusCode).toBe(409);
    s.clock.advance(1801_000);
    expect(await s.tandem.sessions.sweep()).toBe(2);
    expect((await logonAs('agent2')).statusCode).toBe(201);
  });

  it('does not let a user hold two by logging on twice', async () => {
    const admin = await s.logon('admin');
    await s.call(admin, 'PUT', '/api/v1/config/licences/client-access', { count: 1 });
    expect((await logonAs('admin')).statusCode).toBe(201);
  });
});

describe('passwords', () => {
  it('make a user whose password was reset change it before anything else', async () => {
    const admin = await s.logon('admin');
    expect(
      (await s.call(admin, 'POST', '/api/v1/config/users/agent5/password', { password: 'temporary-1' })).statusCode,
    ).toBe(204);
    const logon = await logonAs('agent5', 'temporary-1');
    expect(logon.json().passwordChangeRequired).toBe(true);
    const token = logon.json().token as string;
    const blocked = await s.call(token, 'GET', '/api/v1/status/status-messages');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const tooShort = await s.call(token, 'PUT', '/api/v1/connection/password', {
      oldPassword: 'temporary-1',
      newPassword: 'short',
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.details.issues[0].path).toBe('newPassword');
    expect(
      (
        await s.call(token, 'PUT', '/api/v1/connection/password', {
          oldPassword: 'temporary-1',
          newPassword: 'a-better-one',
        })
      ).statusCode,
    ).toBe(204);
    expect((await s.call(token, 'GET', '/api/v1/status/status-messages')).statusCode).toBe(200);
    expect((await logonAs('agent5', 'a-better-one')).json().passwordChangeRequired).toBe(false);
  });

  it('expire after PasswordExpiryDays', async () => {
    const admin = await s.logon('admin');
    await s.call(admin, 'PUT', '/api/v1/config/server-parameters/PasswordExpiryDays', { value: 30 });
    s.clock.advance(31 * 86_400_000);
    expect((await logonAs('agent6')).json().passwordChangeRequired).toBe(true);
  });
});

describe('stations', () => {
  it('hold one user: a second user is refused, or takes it over with force and the first session ends', async () => {
    const station = { type: 'workstation', id: 'WS-12' };
    const first = (await logonAs('agent1', DEMO_PASSWORD, { station })).json().token as string;
    const refused = await logonAs('agent2', DEMO_PASSWORD, { station });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'STATION_IN_USE', details: { holder: 'agent1' } });
    expect((await logonAs('agent2', DEMO_PASSWORD, { station, force: true })).statusCode).toBe(201);
    expect((await s.call(first, 'GET', '/api/v1/connection')).statusCode).toBe(401);
  });

  it('can be changed during a session', async () => {
    const token = await s.logon('agent3');
    const changed = await s.call(token, 'PUT', '/api/v1/connection/station', {
      station: { type: 'remote', number: '+32 2 555 01 01' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      station: { type: 'remote', number: '+32 2 555 01 01' },
      stationKey: 'remote:+3225550101',
    });
  });
});
