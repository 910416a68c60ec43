import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

async function aConnectedChat(): Promise<{ agent: string; id: string }> {
  const agent = await s.logon('agent3');
  await s.call(agent, 'PUT', '/api/v1/status/user-statuses/agent3', { statusId: 'available' });
  const created = await s.call(admin, 'POST', '/api/v1/interactions', { type: 'chat', workgroupId: 'Support' });
  await s.tandem.router.settle();
  const id = created.json().id as string;
  expect((await s.call(agent, 'POST', `/api/v1/interactions/${id}/pickup`, {})).statusCode).toBe(200);
  return { agent, id };
}

describe('consult transfer and conference of chats', () => {
  it('consults a colleague in an intercom chat, then hands the customer chat over', async () => {
    const { agent, id } = await aConnectedChat();
    const consult = await s.call(agent, 'POST', `/api/v1/interactions/${id}/consult`, { userId: 'agent4' });
    expect(consult.statusCode, consult.body).toBe(201);
    expect(consult.json()).toMatchObject({ type: 'chat', direction: 'intercom', parentId: id, userId: 'agent3' });
    const colleague = await s.logon('agent4');
    expect((await s.call(colleague, 'GET', `/api/v1/interactions/${consult.json().id}`)).statusCode).toBe(200);
    const done = await s.call(agent, 'POST', `/api/v1/interactions/${id}/consult/complete`, {
      consultId: consult.json().id,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ userId: 'agent4', state: 'alerting' });
    expect((await s.call(admin, 'GET', `/api/v1/interactions/${consult.json().id}`)).json().state).toBe('disconnected');
  });

  it('keeps the chat when the consult is cancelled', async () => {
    const { agent, id } = await aConnectedChat();
    const consult = (await s.call(agent, 'POST', `/api/v1/interactions/${id}/consult`, { userId: 'agent4' })).json();
    const back = await s.call(agent, 'POST', `/api/v1/interactions/${id}/consult/cancel`, { consultId: consult.id });
    expect(back.json()).toMatchObject({ userId: 'agent3', state: 'acd-assigned' });
  });

  it('adds a colleague to the chat as a participant', async () => {
    const { agent, id } = await aConnectedChat();
    const conf = await s.call(agent, 'POST', `/api/v1/interactions/${id}/conference`, { userId: 'agent4' });
    expect(conf.statusCode, conf.body).toBe(200);
    expect(conf.json().participants).toContainEqual(
      expect.objectContaining({ id: 'agent4', kind: 'user', displayName: 'Dolores Ruiz' }),
    );
  });

  it('refuses a consult on a chat that is not yours', async () => {
    const { id } = await aConnectedChat();
    const other = await s.logon('agent2');
    expect((await s.call(other, 'POST', `/api/v1/interactions/${id}/consult`, { userId: 'agent4' })).statusCode).toBe(
      409,
    );
  });
});
