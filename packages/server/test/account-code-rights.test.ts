import type { Right } from '@tandem/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aServer, type TestServer } from './support/harness.js';

let s: TestServer;
let admin: string;
beforeEach(async () => {
  s = await aServer();
  admin = await s.logon('admin');
  for (const [id, name] of [
    ['1234', 'Project 1234'],
    ['5678', 'Project 5678'],
  ])
    expect((await s.call(admin, 'POST', '/api/v1/config/account-codes', { id, name })).statusCode).toBe(201);
  const enabled = await s.call(admin, 'PUT', '/api/v1/config/server-parameters/AccountCodesEnabled', { value: true });
  expect(enabled.statusCode, enabled.body).toBe(200);
});
afterEach(async () => {
  await s.close();
});

const verification: Right = { type: 'security', right: 'account-code-verification' };
const viewCode = (target: string): Right => ({ type: 'object', object: 'account-code', target, access: 'view' });

/** Grants agent3 `rights` on top of its own, logs it on and gives it a Support chat; answers its token and the chat. */
async function agent3With(rights: Right[]): Promise<{ token: string; chat: string }> {
  const current = (await s.call(admin, 'GET', '/api/v1/config/users/agent3')).json();
  const { id: _id, revision: _r, createdAt: _c, updatedAt: _u, ...fields } = current;
  const put = await s.call(admin, 'PUT', '/api/v1/config/users/agent3', {
    ...fields,
    rights: [...fields.rights, ...rights],
  });
  expect(put.statusCode, put.body).toBe(200);
  const token = await s.logon('agent3');
  expect(
    (await s.call(token, 'PUT', '/api/v1/status/user-statuses/agent3', { statusId: 'available' })).statusCode,
  ).toBe(200);
  const created = await s.call(admin, 'POST', '/api/v1/interactions', { type: 'chat', workgroupId: 'Support' });
  const chat = created.json().id as string;
  await s.tandem.router.settle();
  expect((await s.call(token, 'POST', `/api/v1/interactions/${chat}/pickup`, {})).statusCode).toBe(200);
  return { token, chat };
}

const assign = (token: string, chat: string, code: string) =>
  s.call(token, 'POST', `/api/v1/interactions/${chat}/account-code`, { code });
const allowed = async (token: string, chat: string) =>
  (await s.call(token, 'GET', `/api/v1/interactions/${chat}`)).json().allowedActions as string[];

describe('account codes for agents', () => {
  it('let an agent with Account Code Verification and View Account Codes on a code assign that code', async () => {
    const { token, chat } = await agent3With([verification, viewCode('1234')]);
    expect(await allowed(token, chat)).toContain('account-code');
    const r = await assign(token, chat, '1234');
    expect(r.statusCode, r.body).toBe(200);
    expect(s.tandem.interactions.get(chat)?.accountCode).toBe('1234');
  });

  it('refuse a code outside the agent’s View Account Codes right, naming it', async () => {
    const { token, chat } = await agent3With([verification, viewCode('1234')]);
    const r = await assign(token, chat, '5678');
    expect(r.statusCode, r.body).toBe(403);
    expect(r.json().error).toMatchObject({ code: 'FORBIDDEN' });
    expect(r.json().error.message).toContain("'5678'");
    expect(s.tandem.interactions.get(chat)?.accountCode).toBeUndefined();
  });

  it('let View Account Codes on all codes cover every code', async () => {
    const { token, chat } = await agent3With([verification, viewCode('*')]);
    expect((await assign(token, chat, '5678')).statusCode).toBe(200);
  });

  it('offer nothing with View Account Codes alone', async () => {
    const onlyView = await agent3With([viewCode('*')]);
    expect(await allowed(onlyView.token, onlyView.chat)).not.toContain('account-code');
    expect((await assign(onlyView.token, onlyView.chat, '1234')).statusCode).toBe(403);
  });

  it('offer nothing with Account Code Verification alone', async () => {
    const onlyVerification = await agent3With([verification]);
    expect(await allowed(onlyVerification.token, onlyVerification.chat)).not.toContain('account-code');
    expect((await assign(onlyVerification.token, onlyVerification.chat, '1234')).statusCode).toBe(403);
  });

  it('refuse every code while account codes are disabled, whatever the rights', async () => {
    const { token, chat } = await agent3With([verification, viewCode('*')]);
    await s.call(admin, 'PUT', '/api/v1/config/server-parameters/AccountCodesEnabled', { value: false });
    const r = await assign(token, chat, '1234');
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error.code).toBe('ACTION_NOT_ALLOWED');
  });
});
