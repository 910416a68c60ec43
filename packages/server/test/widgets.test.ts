import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticWidget } from '../src/http/static-widget.js';
import { aServer, type TestServer } from './support/harness.js';

const aWidget = (overrides: Record<string, unknown> = {}) => ({
  id: 'sales-chat',
  name: 'Sales chat',
  workgroup: 'Sales',
  title: 'Talk to Sales',
  ...overrides,
});

describe('widget configuration', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await aServer();
    admin = await s.logon('admin');
  });
  afterAll(() => s.close());

  it('creates, reads, replaces and deletes a widget, with defaults', async () => {
    const created = await s.call(admin, 'POST', '/api/v1/config/widgets', aWidget());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      id: 'sales-chat',
      workgroup: 'Sales',
      callbacksEnabled: false,
      revision: 1,
    });
    const { id: _id, ...fields } = aWidget({ color: '#112233', greeting: 'Hi', callbacksEnabled: true });
    const replaced = await s.call(admin, 'PUT', '/api/v1/config/widgets/sales-chat', fields);
    expect(replaced.json()).toMatchObject({ color: '#112233', greeting: 'Hi', callbacksEnabled: true, revision: 2 });
    expect(
      (await s.call(admin, 'GET', '/api/v1/config/widgets')).json().items.map((w: { id: string }) => w.id),
    ).toEqual(['sales-chat', 'support']);
    expect((await s.call(admin, 'DELETE', '/api/v1/config/widgets/sales-chat')).statusCode).toBe(204);
    expect((await s.call(admin, 'GET', '/api/v1/config/widgets/sales-chat')).statusCode).toBe(404);
  });

  it('refuses a widget whose workgroup does not exist, naming the field', async () => {
    const refused = await s.call(admin, 'POST', '/api/v1/config/widgets', aWidget({ id: 'w2', workgroup: 'Nowhere' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.issues).toEqual([{ path: 'workgroup', message: "no workgroup 'Nowhere'" }]);
  });

  it('refuses a colour that is not #rrggbb and an id that could not travel in a script tag', async () => {
    const colour = await s.call(admin, 'POST', '/api/v1/config/widgets', aWidget({ id: 'w3', color: 'red' }));
    expect(colour.json().error.details.issues[0].path).toBe('color');
    const id = await s.call(admin, 'POST', '/api/v1/config/widgets', aWidget({ id: "it's" }));
    expect(id.statusCode).toBe(400);
    expect(id.json().error.message).toMatch(/^id/);
  });

  it('refuses to delete a workgroup a widget routes to, naming the widget (409)', async () => {
    const refused = await s.call(admin, 'DELETE', '/api/v1/config/workgroups/Support');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.referrers).toContainEqual({
      kind: 'widgets',
      id: 'support',
      field: 'workgroup',
    });
  });

  it('needs the widgets administrator right', async () => {
    const agent = await s.logon('agent1');
    expect((await s.call(agent, 'GET', '/api/v1/config/widgets')).statusCode).toBe(403);
  });
});

describe('the public widget configuration', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await aServer();
  });
  afterAll(() => s.close());

  it('answers the demo organisation’s support widget without a session, with the workgroup’s display name', async () => {
    const response = await s.call(undefined, 'GET', '/api/v1/webchat/widgets/support');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: 'support',
      title: 'Chat with Support',
      greeting: expect.any(String),
      color: '#2f5fd0',
      callbacksEnabled: true,
      workgroup: 'Support',
      workgroupName: 'Support',
      attributes: { source: 'demo-page' },
    });
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('does not show the name administrators gave the widget', async () => {
    expect(Object.keys((await s.call(undefined, 'GET', '/api/v1/webchat/widgets/support')).json())).not.toContain(
      'name',
    );
  });

  it('answers 404 for an unknown widget and 400 naming the id for a malformed one', async () => {
    const unknown = await s.call(undefined, 'GET', '/api/v1/webchat/widgets/nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['access-control-allow-origin']).toBe('*');
    const malformed = await s.call(undefined, 'GET', `/api/v1/webchat/widgets/${encodeURIComponent('a b')}`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toMatch(/id/);
  });
});

describe('CORS on the customer API', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await aServer();
  });
  afterAll(() => s.close());

  const preflight = (url: string, method: string) =>
    s.tandem.app.inject({
      method: 'OPTIONS',
      url,
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': method,
        'access-control-request-headers': 'content-type, authorization',
      },
    });

  it('answers preflights of the chat, message and callback endpoints from any origin', async () => {
    for (const [url, method] of [
      ['/api/v1/webchat/chats', 'POST'],
      ['/api/v1/webchat/chats/0000000001/messages', 'POST'],
      ['/api/v1/webchat/chats/0000000001/typing', 'PUT'],
      ['/api/v1/webchat/chats/0000000001', 'DELETE'],
      ['/api/v1/webchat/callbacks', 'POST'],
    ] as const) {
      const response = await preflight(url, method);
      expect(response.statusCode, url).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['access-control-allow-methods']).toContain(method);
      expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    }
  });

  it('lets a page read the answer of a chat start and of a refused request', async () => {
    const started = await s.call(undefined, 'POST', '/api/v1/webchat/chats', {
      workgroup: 'Support',
      displayName: 'Visitor',
    });
    expect(started.statusCode).toBe(201);
    expect(started.headers['access-control-allow-origin']).toBe('*');
    const refused = await s.call(undefined, 'POST', '/api/v1/webchat/chats', { workgroup: 'Support' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
  });

  it('gives the agent API no CORS headers', async () => {
    const response = await s.tandem.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/connection',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const logon = await s.call(undefined, 'POST', '/api/v1/connection', { userId: 'x', password: 'y' });
    expect(logon.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('serving the widget and the demo page', () => {
  let dir: string;
  const app = Fastify();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-widget-'));
    await writeFile(join(dir, 'tandem-widget.js'), 'console.log("widget");');
    await app.register(staticWidget({ widgetDist: dir }));
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the built script as JavaScript that any page may load', async () => {
    const response = await app.inject({ method: 'GET', url: '/widget/tandem-widget.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.body).toBe('console.log("widget");');
  });

  it('says to build the widget when the script is missing, and serves nothing outside its folder', async () => {
    const empty = Fastify();
    await empty.register(staticWidget({ widgetDist: join(dir, 'missing') }));
    const missing = await empty.inject({ method: 'GET', url: '/widget/tandem-widget.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/npm run build/);
    await empty.close();
    for (const url of ['/widget/..%2Fpackage.json', '/widget/.env', '/widget/x.html'])
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
  });

  it('serves the demo page, which embeds the support widget with the copy-script form', async () => {
    const response = await app.inject({ method: 'GET', url: '/demo' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain("window.tandemWidget = { server: location.origin, widgetId: 'support' };");
    expect(response.body).toContain('<script src="/widget/tandem-widget.js" async></script>');
  });
});

describe('the server serves the widget and the demo page', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await aServer();
  });
  afterAll(() => s.close());

  it('at /widget/tandem-widget.js and /demo, without a session', async () => {
    const demo = await s.call(undefined, 'GET', '/demo');
    expect(demo.statusCode).toBe(200);
    const script = await s.call(undefined, 'GET', '/widget/tandem-widget.js');
    // 200 once `npm run build` has run, else 404 saying so; never a request for a session.
    expect([200, 404]).toContain(script.statusCode);
    if (script.statusCode === 404) expect(script.json().error.message).toMatch(/npm run build/);
  });
});
