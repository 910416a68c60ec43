import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpExchange } from '../src/process/http-exchange.js';
import { aLocalService, json } from './process-kit.js';

// The HTTP client of Invoke Web Service (node:http with keep-alive instead of fetch): it must
// answer as fetch did for redirects, errors and timeouts.

let service: Awaited<ReturnType<typeof aLocalService>>;

beforeAll(async () => {
  service = await aLocalService((req, res) => {
    if (req.url === '/see-other') return res.writeHead(303, { location: '/echo' }).end();
    if (req.url === '/temporary') return res.writeHead(307, { location: '/echo' }).end();
    if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    if (req.url === '/silent') return undefined;
    json(res, 200, { method: req.method, body: req.body, type: req.headers['content-type'] ?? null });
  });
});
afterAll(() => service.close());

const post = (path: string, timeoutMs = 2_000) =>
  httpExchange({
    method: 'POST',
    url: new URL(`${service.url}${path}`),
    headers: { 'content-type': 'application/json' },
    body: '{"amount":5}',
    timeoutMs,
  });

describe('httpExchange', () => {
  it('answers the status and the body, asking to keep the connection for the next call', async () => {
    const first = await post('/echo');
    const second = await post('/echo');
    expect(first).toEqual({
      status: 200,
      text: '{"method":"POST","body":"{\\"amount\\":5}","type":"application/json"}',
    });
    expect(second.status).toBe(200);
    const [a, b] = service.requests.slice(-2);
    expect(a?.headers.connection).toBe('keep-alive');
    expect(b?.headers.connection).toBe('keep-alive');
  });

  it('continues a POST redirected by 303 as a GET without body, and repeats it on 307', async () => {
    expect(JSON.parse((await post('/see-other')).text)).toEqual({ method: 'GET', body: '', type: null });
    expect(JSON.parse((await post('/temporary')).text)).toEqual({
      method: 'POST',
      body: '{"amount":5}',
      type: 'application/json',
    });
  });

  it('stops following redirects after twenty and answers the last one', async () => {
    const before = service.requests.length;
    expect((await post('/loop')).status).toBe(302);
    expect(service.requests.length - before).toBe(21);
  });

  it('throws a TimeoutError when the service does not answer in time', async () => {
    await expect(post('/silent', 100)).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('throws on a protocol it does not speak and on a refused connection', async () => {
    await expect(
      httpExchange({ method: 'GET', url: new URL('ftp://127.0.0.1/x'), headers: {}, timeoutMs: 1_000 }),
    ).rejects.toThrow('unsupported protocol ftp:');
    await expect(
      httpExchange({ method: 'GET', url: new URL('http://127.0.0.1:1/x'), headers: {}, timeoutMs: 1_000 }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
