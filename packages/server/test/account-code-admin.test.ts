import type { Right } from '@tandem/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aServer, type TestServer } from './support/harness.js';

let s: TestServer;
let admin: string;
beforeEach(async () => {
  s = await aServer();
  admin = await s.logon('admin');
  for (const code of [
    { id: '100', name: 'Billing run', accessControlGroup: 'Finance' },
    { id: '200', name: 'Campaign', accessControlGroup: 'Marketing' },
    { id: '300', name: 'Unfiled' },
  ])
    expect((await s.call(admin, 'POST', '/api/v1/config/account-codes', code)).statusCode).toBe(201);
});
afterEach(async () => {
  await s.close();
});

const access = (target: string | undefined, level: 'view' | 'modify' = 'modify'): Right => ({
  type: 'admin',
  area: 'account-codes',
  access: level,
  ...(target !== undefined && { target }),
});

/** Gives agent3 these rights (and only these administrator rights) and logs it on. */
async function agent3With(rights: Right[]): Promise<string> {
  const current = (await s.call(admin, 'GET', '/api/v1/config/users/agent3')).json();
  const { id: _id, revision: _r, createdAt: _c, updatedAt: _u, ...fields } = current;
  const put = await s.call(admin, 'PUT', '/api/v1/config/users/agent3', { ...fields, rights });
  expect(put.statusCode, put.body).toBe(200);
  return s.logon('agent3');
}

const listed = async (token: string) =>
  (await s.call(token, 'GET', '/api/v1/config/account-codes')).json().items.map((c: { id: string }) => c.id);
const toggle = (token: string, value: boolean) =>
  s.call(token, 'PUT', '/api/v1/config/server-parameters/AccountCodesEnabled', { value });
const parameterAdmin: Right = { type: 'admin', area: 'server-parameters', access: 'modify' };

describe('administrator access to account codes', () => {
  it('covers every code, adding codes and the Account Codes switch, with access to all codes', async () => {
    const agent3 = await agent3With([access(undefined), parameterAdmin]);
    expect(await listed(agent3)).toEqual(['100', '200', '300']);
    expect((await s.call(agent3, 'POST', '/api/v1/config/account-codes', { id: '400', name: 'New' })).statusCode).toBe(
      201,
    );
    expect((await toggle(agent3, true)).statusCode).toBe(200);
  });

  it('limits access by Access Control Group to the codes of that group, adding only in it', async () => {
    const agent3 = await agent3With([access('acg:Finance'), parameterAdmin]);
    expect(await listed(agent3)).toEqual(['100']);
    expect((await s.call(agent3, 'GET', '/api/v1/config/account-codes/200')).statusCode).toBe(403);
    const mine = await s.call(agent3, 'PUT', '/api/v1/config/account-codes/100', {
      name: 'Billing run 2',
      accessControlGroup: 'Finance',
    });
    expect(mine.statusCode, mine.body).toBe(200);
    const added = await s.call(agent3, 'POST', '/api/v1/config/account-codes', {
      id: '101',
      name: 'Refunds',
      accessControlGroup: 'Finance',
    });
    expect(added.statusCode, added.body).toBe(201);
    const elsewhere = await s.call(agent3, 'POST', '/api/v1/config/account-codes', {
      id: '201',
      name: 'Ads',
      accessControlGroup: 'Marketing',
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.message).toContain('Marketing');
    expect((await s.call(agent3, 'POST', '/api/v1/config/account-codes', { id: '301', name: 'X' })).statusCode).toBe(
      403,
    );
    // Moving a code out of one's groups would lose it: refused.
    const moved = await s.call(agent3, 'PUT', '/api/v1/config/account-codes/100', {
      name: 'Billing run',
      accessControlGroup: 'Marketing',
    });
    expect(moved.statusCode).toBe(403);
    expect((await s.call(agent3, 'DELETE', '/api/v1/config/account-codes/200')).statusCode).toBe(403);
    expect((await toggle(agent3, true)).statusCode).toBe(403);
  });

  it('lets access to all groups cover every grouped code and the switch, but not codes outside any group', async () => {
    const agent3 = await agent3With([access('acg:*'), parameterAdmin]);
    expect(await listed(agent3)).toEqual(['100', '200']);
    expect((await toggle(agent3, true)).statusCode).toBe(200);
  });

  it('lets access to selected codes view, change and delete them, but never add one', async () => {
    const agent3 = await agent3With([access('300')]);
    expect(await listed(agent3)).toEqual(['300']);
    expect((await s.call(agent3, 'PUT', '/api/v1/config/account-codes/300', { name: 'Filed' })).statusCode).toBe(200);
    expect((await s.call(agent3, 'POST', '/api/v1/config/account-codes', { id: '302', name: 'Y' })).statusCode).toBe(
      403,
    );
    expect((await s.call(agent3, 'DELETE', '/api/v1/config/account-codes/300')).statusCode).toBe(204);
  });

  it('lets view access read but not change, and no access read nothing', async () => {
    const viewer = await agent3With([access('acg:Finance', 'view')]);
    expect(await listed(viewer)).toEqual(['100']);
    expect((await s.call(viewer, 'PUT', '/api/v1/config/account-codes/100', { name: 'Z' })).statusCode).toBe(403);
    const nobody = await agent3With([]);
    expect((await s.call(nobody, 'GET', '/api/v1/config/account-codes')).statusCode).toBe(403);
  });

  it('gives nothing of other areas through a narrowed right', async () => {
    const agent3 = await agent3With([{ type: 'admin', area: 'users', access: 'modify', target: 'agent1' }]);
    expect((await s.call(agent3, 'GET', '/api/v1/config/users')).statusCode).toBe(403);
  });
});
