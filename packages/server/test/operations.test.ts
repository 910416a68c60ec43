import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aServer, type TestServer } from './support/harness.js';

let s: TestServer;
beforeAll(async () => {
  s = await aServer();
});
afterAll(async () => {
  await s.close();
});

describe('operations', () => {
  it('reports health without a session, with the database reachable', async () => {
    const response = await s.call(undefined, 'GET', '/api/v1/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      role: 'primary',
      version: '0.1.0',
      database: { engine: 'pglite', ok: true },
    });
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const doc = (await s.call(undefined, 'GET', '/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const logon = doc.paths['/api/v1/connection'].post;
    expect(Object.keys(logon.requestBody.content['application/json'].schema.properties)).toEqual([
      'userId',
      'password',
      'station',
      'force',
    ]);
    expect(doc.paths['/api/v1/config/users/{id}'].put).toBeDefined();
    expect(doc.paths['/api/v1/status/user-statuses/{userId}'].put).toBeDefined();
  });

  it('serves an API docs page', async () => {
    const page = await s.call(undefined, 'GET', '/api/v1/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('exposes Prometheus metrics, counting requests and sessions', async () => {
    await s.logon('agent1');
    const text = (await s.call(undefined, 'GET', '/metrics')).body;
    expect(text).toMatch(/^tandem_sessions_active 1$/m);
    expect(text).toMatch(/tandem_licences_in_use\{licence="client-access"\} 1/);
    expect(text).toMatch(/tandem_http_requests_total\{route="\/api\/v1\/connection",method="POST",status="201"\} 1/);
  });

  it('answers unknown paths with the error shape', async () => {
    const response = await s.call(undefined, 'GET', '/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: 'no route GET /api/v1/nothing-here' },
    });
  });
});
