import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFreshEntity } from './support/config-fixtures.js';
import { aServer, type TestServer } from './support/harness.js';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await aServer();
  admin = await s.logon('admin');
  const wg = (await s.call(admin, 'GET', '/api/v1/config/workgroups/Support')).json();
  const { id: _i, revision: _r, createdAt: _c, updatedAt: _u, members: _m, ...fields } = wg;
  const put = await s.call(admin, 'PUT', '/api/v1/config/workgroups/Support', { ...fields, wrapUpRequired: true });
  expect(put.statusCode, put.body).toBe(200);
});
afterAll(() => s.close());

async function anAgentWithAChat(userId: string): Promise<{ token: string; id: string }> {
  const token = await s.logon(userId);
  await s.call(token, 'PUT', `/api/v1/status/user-statuses/${userId}`, { statusId: 'available' });
  const created = await s.call(admin, 'POST', '/api/v1/interactions', { type: 'chat', workgroupId: 'Support' });
  expect(created.statusCode, created.body).toBe(201);
  await s.tandem.router.settle();
  const id = created.json<{ id: string }>().id;
  expect((await s.call(token, 'POST', `/api/v1/interactions/${id}/pickup`, {})).statusCode).toBe(200);
  return { token, id };
}

describe('the wrap-up codes an agent may choose', () => {
  it('are those of the workgroup the chat came through, with the prompt and its deadline once it ended', async () => {
    const { token, id } = await anAgentWithAChat('agent3');
    const during = await s.call(token, 'GET', `/api/v1/interactions/${id}/wrap-up-codes`);
    expect(during.statusCode, during.body).toBe(200);
    expect(during.json()).toMatchObject({ workgroupId: 'Support', pending: null });
    expect(during.json().codes.map((c: { id: string }) => c.id)).toEqual(['Resolved', 'Follow-up needed', 'Escalated']);

    await s.call(token, 'POST', `/api/v1/interactions/${id}/disconnect`, {});
    const after = await s.call(token, 'GET', `/api/v1/interactions/${id}/wrap-up-codes`);
    expect(after.json().pending).toEqual({ deadline: expect.any(Number) });
    expect(after.json().codes[0]).toEqual({ id: 'Resolved', displayName: 'Resolved' });
  });

  it('are refused to a user who may not view the interaction, and unknown interactions are not found', async () => {
    const { id } = await anAgentWithAChat('agent3');
    // A user with no role and no workgroup: no queue right at all.
    const nobody = await aFreshEntity(s, admin, 'users', { password: 'a-password-of-nobody' });
    const outsider = await s.logon(nobody, 'a-password-of-nobody');
    const refused = await s.call(outsider, 'GET', `/api/v1/interactions/${id}/wrap-up-codes`);
    expect(refused.statusCode).toBe(403);
    const missing = await s.call(outsider, 'GET', '/api/v1/interactions/9999999999/wrap-up-codes');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('INTERACTION_NOT_FOUND');
  });
});
