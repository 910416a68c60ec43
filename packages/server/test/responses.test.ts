import type { Right } from '@tandem/core';
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

let itemNumber = 0;
const aMessage = (name: string, text: string, extra: Record<string, unknown> = {}) => ({
  id: `item-${(itemNumber += 1)}`,
  type: 'message',
  name,
  text,
  ...extra,
});

/** A system library, created by the administrator. */
async function aSystemLibrary(id: string, items: unknown[]): Promise<void> {
  const created = await s.call(admin, 'POST', '/api/v1/config/response-libraries', { id, displayName: id, items });
  expect(created.statusCode, created.body).toBe(201);
}

const viewLibrary = (target: string): Right => ({ type: 'object', object: 'response-library', target, access: 'view' });

/** Adds rights to a user, as the administrator does in the directory. */
async function grant(userId: string, ...rights: Right[]): Promise<void> {
  const url = `/api/v1/config/users/${userId}`;
  const { id: _i, revision: _r, createdAt: _c, updatedAt: _u, ...fields } = (await s.call(admin, 'GET', url)).json();
  const updated = await s.call(admin, 'PUT', url, { ...fields, rights: [...fields.rights, ...rights] });
  expect(updated.statusCode, updated.body).toBe(200);
}

async function search(token: string, query: string): Promise<string[]> {
  const response = await s.call(token, 'GET', `/api/v1/responses?query=${encodeURIComponent(query)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((hit: { item: { name: string } }) => hit.item.name);
}

async function aPersonalLibrary(token: string, items: unknown[]): Promise<{ id: string; revision: number }> {
  const created = await s.call(token, 'POST', '/api/v1/responses/personal-libraries', { displayName: 'Mine', items });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

describe('which responses a user finds', () => {
  it('finds no system response without the view right on its library, and finds it once granted', async () => {
    await aSystemLibrary('Sales answers', [aMessage('Pricing overview', 'Our prices start at 10 EUR.')]);
    const agent1 = await s.logon('agent1');
    expect(await search(agent1, 'pricing')).toEqual([]);
    await grant('agent1', viewLibrary('Sales answers'));
    expect(await search(agent1, 'pricing')).toEqual(['Pricing overview']);
    expect(await search(await s.logon('agent2'), 'pricing')).toEqual([]);
  });

  it('finds the items of only the libraries granted, or of all with the right on every library', async () => {
    await aSystemLibrary('Sales answers', [aMessage('Welcome to sales', 'Hello')]);
    await aSystemLibrary('Loans answers', [aMessage('Welcome to loans', 'Hello')]);
    await grant('agent1', viewLibrary('Loans answers'));
    await grant('agent2', viewLibrary('*'));
    expect(await search(await s.logon('agent1'), 'welcome')).toEqual(['Welcome to loans']);
    expect((await search(await s.logon('agent2'), 'welcome')).sort()).toEqual(['Welcome to loans', 'Welcome to sales']);
  });

  it("never finds another user's personal responses", async () => {
    const agent1 = await s.logon('agent1');
    await aPersonalLibrary(agent1, [aMessage('My private greeting', 'Hi, Ada here')]);
    await grant('agent2', viewLibrary('*'));
    expect(await search(agent1, 'private')).toEqual(['My private greeting']);
    expect(await search(await s.logon('agent2'), 'private')).toEqual([]);
    expect(await search(admin, 'private')).toEqual([]);
  });

  it('answers each hit with its library and score, the exact shortcut first, with the total', async () => {
    await aSystemLibrary('Chat', [
      aMessage('Thanks for waiting', 'thanks'),
      aMessage('Closing', 'Bye', { shortcut: 'thanks' }),
    ]);
    await grant('agent1', viewLibrary('Chat'));
    const response = await s.call(await s.logon('agent1'), 'GET', '/api/v1/responses?query=thanks&limit=1');
    expect(response.json()).toEqual({
      items: [
        {
          library: { id: 'Chat', displayName: 'Chat', scope: 'system' },
          item: expect.objectContaining({ name: 'Closing', shortcut: 'thanks' }),
          score: expect.any(Number),
        },
      ],
      total: 2,
    });
  });

  it('answers only the types asked for', async () => {
    const url = { id: 'u1', type: 'url', name: 'Price page', url: 'https://example.com/prices' };
    await aSystemLibrary('Web', [url, aMessage('Price text', 'cheap')]);
    await grant('agent1', viewLibrary('Web'));
    const response = await s.call(await s.logon('agent1'), 'GET', '/api/v1/responses?query=price&types=url');
    expect(response.json().items.map((h: { item: { name: string } }) => h.item.name)).toEqual(['Price page']);
  });
});

describe('shortcuts', () => {
  it('lists the responses whose shortcut starts with what was typed, own ones before system ones', async () => {
    await aSystemLibrary('Chat', [aMessage('Company hello', 'Hello', { shortcut: 'hello' })]);
    await grant('agent1', viewLibrary('Chat'));
    const agent1 = await s.logon('agent1');
    await aPersonalLibrary(agent1, [aMessage('My hello', 'Hej', { shortcut: 'hello' })]);
    const typed = await s.call(agent1, 'GET', '/api/v1/responses/shortcuts/hel');
    expect(typed.statusCode, typed.body).toBe(200);
    expect(typed.json().items.map((h: { item: { name: string } }) => h.item.name)).toEqual([
      'My hello',
      'Company hello',
    ]);
    const exact = await s.call(agent1, 'GET', '/api/v1/responses/shortcuts/hel?exact=true');
    expect(exact.json().items).toEqual([]);
  });

  it('does not answer the shortcuts of a library the user may not use', async () => {
    await aSystemLibrary('Chat', [aMessage('Company hello', 'Hello', { shortcut: 'hello' })]);
    const response = await s.call(await s.logon('agent1'), 'GET', '/api/v1/responses/shortcuts/hello');
    expect(response.json().items).toEqual([]);
  });

  it("refuses a typed shortcut holding one of the manual's forbidden characters, naming it", async () => {
    const response = await s.call(await s.logon('agent1'), 'GET', '/api/v1/responses/shortcuts/hi%3F');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues).toEqual([
      { path: 'params.shortcut', message: expect.stringMatching(/^must not hold '\?'/) },
    ]);
  });
});

describe('macro expansion', () => {
  it("expands the user's name, the date, the interaction's attributes and the responses the user may use", async () => {
    await aSystemLibrary('Chat', [
      aMessage('Sign-off', 'Again, my name is [UserName]. Thanks!', { shortcut: 'signoff' }),
    ]);
    await grant('agent1', viewLibrary('Chat'));
    const expanded = await s.call(await s.logon('agent1'), 'POST', '/api/v1/responses/expand', {
      text: 'Hello [Attribute:Eic_RemoteName], today is [Date]. [Response:signoff]',
      interactionAttributes: { Eic_RemoteName: 'John Smith' },
      locale: 'en-GB',
    });
    expect(expanded.statusCode, expanded.body).toBe(200);
    expect(expanded.json()).toEqual({
      text: 'Hello John Smith, today is 02/11/2026. Again, my name is Ada Lindqvist. Thanks!',
      unresolved: [],
    });
  });

  it('does not insert a response from a library the user may not use, and says it found none', async () => {
    await aSystemLibrary('Internal', [aMessage('Escalation', 'Call 555-0100', { shortcut: 'escalate' })]);
    const expanded = await s.call(await s.logon('agent1'), 'POST', '/api/v1/responses/expand', {
      text: 'See [Response:escalate]',
    });
    expect(expanded.json()).toEqual({
      text: 'See [Response:escalate]',
      unresolved: [{ macro: '[Response:escalate]', reason: 'response-not-found' }],
    });
  });

  it('escapes what a website sent when the text is HTML', async () => {
    const expanded = await s.call(await s.logon('agent1'), 'POST', '/api/v1/responses/expand', {
      text: '<p>Hi [Attribute:WebTools_Name]</p>',
      interactionAttributes: { WebTools_Name: '<script>x</script>' },
      format: 'html',
    });
    expect(expanded.json().text).toBe('<p>Hi &lt;script&gt;x&lt;/script&gt;</p>');
  });

  it('refuses a locale or time zone it cannot write dates in, naming the field', async () => {
    const agent1 = await s.logon('agent1');
    for (const [field, value] of [
      ['locale', 'no such locale!'],
      ['timeZone', 'Mars/Olympus_Mons'],
    ] as const) {
      const refused = await s.call(agent1, 'POST', '/api/v1/responses/expand', { text: '[Date]', [field]: value });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details.issues).toEqual([{ path: field, message: expect.any(String) }]);
    }
  });
});

describe('personal libraries', () => {
  it('lets a user without any administrator right create, read, replace and delete its own', async () => {
    const agent1 = await s.logon('agent1');
    const created = await aPersonalLibrary(agent1, [aMessage('Office hours', 'Mon-Fri 9-17')]);
    expect(created).toMatchObject({ scope: 'personal', owner: 'agent1', revision: 1, displayName: 'Mine' });
    const url = `/api/v1/responses/personal-libraries/${encodeURIComponent(created.id)}`;
    expect((await s.call(agent1, 'GET', url)).json().items[0].name).toBe('Office hours');

    const replaced = await s.call(agent1, 'PUT', url, {
      displayName: 'My answers',
      items: [aMessage('Office hours', 'Mon-Sat 9-17'), aMessage('Holidays', 'Closed on 25 December')],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({ revision: 2, scope: 'personal', owner: 'agent1' });
    expect(await search(agent1, 'holidays')).toEqual(['Holidays']);

    const list = (await s.call(agent1, 'GET', '/api/v1/responses/personal-libraries')).json();
    expect(list.items.map((l: { displayName: string }) => l.displayName)).toEqual(['My answers']);

    expect((await s.call(agent1, 'DELETE', url)).statusCode).toBe(204);
    expect((await s.call(agent1, 'GET', url)).statusCode).toBe(404);
    expect(await search(agent1, 'holidays')).toEqual([]);
  });

  it("does not let a user read, replace or delete another's, nor a system library, through them", async () => {
    const { id } = await aPersonalLibrary(await s.logon('agent1'), [aMessage('Mine only', 'secret')]);
    await aSystemLibrary('Company', []);
    const agent2 = await s.logon('agent2');
    for (const target of [id, 'Company']) {
      const url = `/api/v1/responses/personal-libraries/${encodeURIComponent(target)}`;
      const read = await s.call(agent2, 'GET', url);
      expect(read.statusCode).toBe(404);
      expect(read.json().error.code).toBe('NOT_FOUND');
      expect((await s.call(agent2, 'PUT', url, { displayName: 'Taken', items: [] })).statusCode).toBe(404);
      expect((await s.call(agent2, 'DELETE', url)).statusCode).toBe(404);
    }
    expect((await s.call(agent2, 'GET', '/api/v1/responses/personal-libraries')).json().items).toEqual([]);
    const stillThere = await s.call(admin, 'GET', `/api/v1/config/response-libraries/${encodeURIComponent(id)}`);
    expect(stillThere.json()).toMatchObject({ displayName: 'Mine', owner: 'agent1', revision: 1 });
  });

  it('refuses to let the body choose the scope or the owner', async () => {
    const agent1 = await s.logon('agent1');
    const refused = await s.call(agent1, 'POST', '/api/v1/responses/personal-libraries', {
      displayName: 'Sneaky',
      owner: 'agent2',
      scope: 'system',
      items: [],
    });
    expect(refused.statusCode).toBe(400);
    expect(
      refused
        .json()
        .error.details.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['owner', 'scope']);
  });

  it('refuses a replace based on an older revision', async () => {
    const agent1 = await s.logon('agent1');
    const { id } = await aPersonalLibrary(agent1, []);
    const url = `/api/v1/responses/personal-libraries/${encodeURIComponent(id)}`;
    await s.call(agent1, 'PUT', url, { displayName: 'First edit', items: [] });
    const stale = await s.tandem.app.inject({
      method: 'PUT',
      url,
      headers: { authorization: `Bearer ${agent1}`, 'if-match': '"1"' },
      payload: { displayName: 'From an old tab', items: [] },
    });
    expect(stale.statusCode).toBe(412);
    expect((await s.call(agent1, 'GET', url)).json().displayName).toBe('First edit');
  });

  it("refuses the manual's forbidden shortcut characters and file types, naming the item's field", async () => {
    const agent1 = await s.logon('agent1');
    const post = (items: unknown[]) =>
      s.call(agent1, 'POST', '/api/v1/responses/personal-libraries', { displayName: 'Mine', items });
    const badShortcut = await post([aMessage('Hi', 'Hello', { shortcut: 'hi.there' })]);
    expect(badShortcut.statusCode).toBe(400);
    expect(badShortcut.json().error.details.issues).toEqual([
      { path: 'items.0.shortcut', message: expect.stringMatching(/^must not hold '\.'/) },
    ]);
    const file = { attachmentId: 'att-1', filename: 'tool.exe', contentType: 'application/octet-stream', size: 10 };
    const badFile = await post([{ id: 'f', type: 'file', name: 'Tool', file }]);
    expect(badFile.statusCode).toBe(400);
    expect(badFile.json().error.details.issues).toEqual([
      { path: 'items.0.file.filename', message: expect.stringMatching(/^must not be a \.exe/) },
    ]);
  });
});

describe('bad requests', () => {
  it('refuses a search without a session', async () => {
    expect((await s.call(undefined, 'GET', '/api/v1/responses?query=x')).statusCode).toBe(401);
  });

  it('refuses a limit out of range and an unknown item type, naming the parameter', async () => {
    const agent1 = await s.logon('agent1');
    for (const [query, path] of [
      ['limit=0', 'query.limit'],
      ['limit=501', 'query.limit'],
      ['types=message,fax', 'query.types'],
      ['query=x&colour=red', 'query.colour'],
    ]) {
      const refused = await s.call(agent1, 'GET', `/api/v1/responses?${query}`);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual([path]);
    }
  });
});
