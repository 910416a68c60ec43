import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandlers } from '../src/http/error-handler.js';
import { distPathOf, staticWeb } from '../src/http/static-web.js';
import { aServer, type TestServer } from './support/harness.js';

async function anApp(webDist: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  installErrorHandlers(app);
  app.get('/api/v1/health', async () => ({ status: 'ok' }));
  await app.register(staticWeb({ webDist }));
  await app.ready();
  return app;
}

describe('the agent client served at /', () => {
  let dist: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'tandem-web-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(dist, 'assets', 'index-Ab12Cd.js'), 'console.log(1)');
    await writeFile(join(dist, 'assets', 'index-Ab12Cd.css'), 'body{}');
    await writeFile(join(dist, 'robots.txt'), 'User-agent: *');
    app = await anApp(dist);
  });
  afterAll(async () => {
    await app.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('answers the page at / and at any client route, revalidated and with a content security policy', async () => {
    for (const url of ['/', '/queues', '/deep/client/route?x=1']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with their content type, cached for a year', async () => {
    const js = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const txt = await app.inject({ method: 'GET', url: '/robots.txt' });
    expect(txt.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(txt.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing file with the JSON 404, never with the page', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-Old.js' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
  });

  it('leaves /api, /metrics, /widget and /demo to their own routes', async () => {
    for (const url of ['/api/v1/no-such-thing', '/api', '/metrics', '/widget/other.js', '/demo', '/demo/x']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toContain('application/json');
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toEqual({ status: 'ok' });
  });

  it('never serves a file outside the build folder', async () => {
    for (const url of ['/..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fpackage.json', '/%E0%A4%A', '/a%00b']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.body, url).not.toContain('root:');
      expect([200, 400, 404], url).toContain(response.statusCode);
      if (response.statusCode === 200) expect(response.body).toContain('<div id="root">');
    }
    expect(distPathOf('/a/../../b')).toBe('/b'); // normalised against the root: it cannot climb above it
    expect(distPathOf('/a%00b')).toBeUndefined();
    expect(distPathOf('/a/./b')).toBe('/a/b');
  });

  it('says to run npm run build when the client is not built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'tandem-web-empty-'));
    const bare = await anApp(join(empty, 'dist'));
    try {
      const response = await bare.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('npm run build');
    } finally {
      await bare.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('the whole server with the client', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await aServer();
  });
  afterAll(() => server.close());

  it('answers client routes with HTML while API paths keep their JSON answers and errors', async () => {
    const page = await server.call(undefined, 'GET', '/my-interactions');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect([200, 503]).toContain(page.statusCode);
    const unknown = await server.call(undefined, 'GET', '/api/v1/no-such-route');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
    const guarded = await server.call(undefined, 'GET', '/api/v1/connection');
    expect(guarded.statusCode).toBe(401);
    const health = await server.call(undefined, 'GET', '/api/v1/health');
    expect(health.statusCode).toBe(200);
  });
});
