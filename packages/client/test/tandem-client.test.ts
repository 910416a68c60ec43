import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TandemApiError, TandemClient, type WebSocketLike } from '../src/index.js';

/** A stand-in for the server's REST answers, recording what the client sent. */
const requests: { method: string; url: string; authorization: string | undefined; body: string }[] = [];
let server: Server;
let baseUrl: string;

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  const key = `${req.method} ${req.url}`;
  if (key === 'POST /api/v1/connection') {
    const { userId, password } = JSON.parse(body) as { userId: string; password: string };
    if (password !== 'secret')
      return answer(res, 401, { error: { code: 'LOGON_FAILED', message: 'wrong user id or password' } });
    return answer(res, 201, {
      sessionId: 'S1',
      token: 'T1',
      csrfToken: 'C1',
      userId,
      displayName: 'Agent One',
      licences: ['client-access'],
      rights: {},
    });
  }
  if (key === 'GET /api/v1/status/user-statuses/agent1')
    return answer(res, 200, { userId: 'agent1', statusId: 'available' }, { 'x-tandem-seq': '42' });
  if (key === 'PUT /api/v1/status/user-statuses/agent1') {
    return answer(res, 400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'statusId: is required',
        details: { issues: [{ path: 'statusId', message: 'is required' }] },
      },
    });
  }
  if (key === 'DELETE /api/v1/connection') return answer(res, 204, undefined);
  res.writeHead(502, { 'content-type': 'text/html' });
  res.end('<html>bad gateway</html>');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += String(chunk)));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      route(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('TandemClient', () => {
  it('logs on and sends the session token as a bearer token afterwards', async () => {
    const client = await TandemClient.connect({
      baseUrl,
      userId: 'agent1',
      password: 'secret',
      station: { type: 'workstation', id: 'W1' },
    });
    expect(client.session).toMatchObject({ sessionId: 'S1', displayName: 'Agent One' });
    expect(JSON.parse(requests.at(-1)?.body ?? '')).toEqual({
      userId: 'agent1',
      password: 'secret',
      station: { type: 'workstation', id: 'W1' },
    });
    const { body, seq } = await client.requestWithSeq('GET', '/api/v1/status/user-statuses/agent1');
    expect(body).toEqual({ userId: 'agent1', statusId: 'available' });
    expect(seq).toBe(42);
    expect(requests.at(-1)?.authorization).toBe('Bearer T1');
  });

  it('turns an error answer into a TandemApiError with status, code, message and details', async () => {
    const client = new TandemClient({ baseUrl, token: 'T1' });
    const failure = await client.request('PUT', '/api/v1/status/user-statuses/agent1', {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TandemApiError);
    expect(failure).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'statusId: is required' });
    expect((failure as TandemApiError).issues).toEqual([{ path: 'statusId', message: 'is required' }]);
    await expect(TandemClient.connect({ baseUrl, userId: 'agent1', password: 'wrong' })).rejects.toMatchObject({
      status: 401,
      code: 'LOGON_FAILED',
    });
  });

  it('reports an answer that is not a Tandem error by its HTTP status', async () => {
    const client = new TandemClient({ baseUrl, token: 'T1' });
    await expect(client.request('GET', '/elsewhere')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('logs off with DELETE /api/v1/connection and forgets the token', async () => {
    const client = await TandemClient.connect({ baseUrl, userId: 'agent1', password: 'secret' });
    await client.disconnect();
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/v1/connection', authorization: 'Bearer T1' });
    expect(client.token).toBeUndefined();
  });

  it('opens the event stream on the messaging path with the session token', async () => {
    const client = await TandemClient.connect({ baseUrl, userId: 'agent1', password: 'secret' });
    const urls: string[] = [];
    const stream = client.events({
      webSocket: (url) => {
        urls.push(url);
        return {
          readyState: 0,
          send: () => undefined,
          close: () => undefined,
          onopen: null,
          onmessage: null,
          onclose: null,
          onerror: null,
        } satisfies WebSocketLike;
      },
    });
    stream.close();
    expect(urls).toEqual([`${baseUrl.replace('http', 'ws')}api/v1/messaging?token=T1`]);
  });
});
