import { afterAll, describe, expect, it } from 'vitest';
import { aServer } from './support/harness.js';

const s = await aServer();
const agent = await s.logon('agent1');
const admin = await s.logon('admin');
afterAll(() => s.close());

describe('the company directory', () => {
  it('lists every enabled user to an agent without any administrator right, with names and memberships only', async () => {
    const r = await s.call(agent, 'GET', '/api/v1/directory/users');
    expect(r.statusCode, r.body).toBe(200);
    const { items, total } = r.json<{ items: Record<string, unknown>[]; total: number }>();
    expect(total).toBe(items.length);
    const bruno = items.find((u) => u.id === 'agent2');
    expect(bruno).toMatchObject({ displayName: 'Bruno Okafor', workgroups: ['Sales', 'Support'] });
    expect(Object.keys(bruno ?? {}).sort()).toEqual(['businessEmail', 'displayName', 'id', 'phones', 'workgroups']);
  });

  it('searches users by name, id or e-mail, case-insensitively', async () => {
    const byName = await s.call(agent, 'GET', '/api/v1/directory/users?q=okaf');
    expect(byName.json<{ items: { id: string }[] }>().items.map((u) => u.id)).toEqual(['agent2']);
    const byMail = await s.call(agent, 'GET', '/api/v1/directory/users?q=ADMIN@TANDEM');
    expect(byMail.json<{ items: { id: string }[] }>().items.map((u) => u.id)).toEqual(['admin']);
  });

  it('leaves out a disabled user', async () => {
    const put = await s.call(admin, 'PUT', '/api/v1/config/users/agent6', {
      ...(await s.call(admin, 'GET', '/api/v1/config/users/agent6')).json<Record<string, unknown>>(),
      id: undefined,
      revision: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      enabled: false,
    });
    expect(put.statusCode, put.body).toBe(200);
    const ids = (await s.call(agent, 'GET', '/api/v1/directory/users')).json<{ items: { id: string }[] }>().items;
    expect(ids.map((u) => u.id)).not.toContain('agent6');
  });

  it('lists workgroups to any logged-on user, limited and searchable', async () => {
    const all = await s.call(agent, 'GET', '/api/v1/directory/workgroups');
    expect(all.json<{ items: { id: string }[] }>().items.map((w) => w.id)).toEqual(['Loans', 'Sales', 'Support']);
    const some = await s.call(agent, 'GET', '/api/v1/directory/workgroups?q=sup&limit=1');
    expect(some.json()).toMatchObject({ total: 1, items: [{ id: 'Support', hasQueue: true, active: true }] });
  });

  it('refuses a caller without a session and a limit that is not a number', async () => {
    expect((await s.call(undefined, 'GET', '/api/v1/directory/users')).statusCode).toBe(401);
    const bad = await s.call(agent, 'GET', '/api/v1/directory/workgroups?limit=ten');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('limit');
  });
});
