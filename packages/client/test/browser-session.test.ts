import { describe, expect, it } from 'vitest';
import { logOnBrowser, resumeBrowserSession } from '../src/index.js';

type Call = { url: string; init: RequestInit };

function fakeFetch(answers: Record<string, { status: number; body: unknown }>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers[`${init.method} ${new URL(url).pathname}`] ?? { status: 404, body: {} };
    return new Response(answer.status === 204 ? null : JSON.stringify(answer.body), { status: answer.status });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const session = { sessionId: 's1', userId: 'agent1', displayName: 'Ann', licences: [], rights: [], csrfToken: 'c1' };

describe('browser sessions', () => {
  it('logs on without keeping the bearer token and sends the CSRF token on mutations only', async () => {
    const { fetch, calls } = fakeFetch({
      'POST /api/v1/connection': { status: 201, body: { ...session, token: 'secret' } },
      'GET /api/v1/connection': { status: 200, body: session },
      'DELETE /api/v1/connection': { status: 204, body: '' },
    });
    const original = globalThis.fetch;
    globalThis.fetch = fetch;
    try {
      const { client, info } = await logOnBrowser('http://tandem.test', { userId: 'agent1', password: 'pw' });
      expect(info).not.toHaveProperty('token');
      expect(client.token).toBeUndefined();
      await client.request('GET', '/api/v1/connection');
      await client.request('DELETE', '/api/v1/connection');
      const headers = calls.map((c) => (c.init.headers as Record<string, string>)['x-csrf-token']);
      expect(headers).toEqual([undefined, undefined, 'c1']);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('answers undefined when no cookie session exists', async () => {
    const { fetch } = fakeFetch({
      'GET /api/v1/connection': { status: 401, body: { error: { code: 'NOT_AUTHENTICATED', message: 'log on' } } },
    });
    const original = globalThis.fetch;
    globalThis.fetch = fetch;
    try {
      expect(await resumeBrowserSession('http://tandem.test')).toBeUndefined();
    } finally {
      globalThis.fetch = original;
    }
  });
});
