import { ERROR_CODES } from '@tandem/core';
import { afterAll, describe, expect, it } from 'vitest';
import { bodyCases, paramCases, queryCases, type Base, type BadCase } from './support/bad-input-cases.js';
import { operationsOf, type Operation } from './support/openapi-operations.js';
import { aChatServer, startChat } from './webchat-test-kit.js';

/*
 * The generated bad-input cases of bad-input.test.ts, on the web chat and callback operations:
 * every answer is a 4xx in the error shape naming what is at fault, never a 5xx. The file upload
 * is left out: its body is the file's raw bytes, whatever they are (webchat-files.test.ts).
 */

const s = await aChatServer();
afterAll(() => s.close());
const admin = await s.logon('admin');
const visitor = await startChat(s);
const chatId = { chatId: visitor.chatId };
const id = { id: visitor.chatId };

const BASES: Record<string, Base> = {
  'POST /api/v1/webchat/chats': { params: {}, body: { workgroup: 'Support', displayName: 'Vera' } },
  'GET /api/v1/webchat/chats/{chatId}': { params: chatId },
  'DELETE /api/v1/webchat/chats/{chatId}': { params: chatId },
  'POST /api/v1/webchat/chats/{chatId}/messages': { params: chatId, body: { text: 'hi' } },
  'GET /api/v1/webchat/chats/{chatId}/messages': { params: chatId },
  'PUT /api/v1/webchat/chats/{chatId}/typing': { params: chatId, body: { on: true } },
  'GET /api/v1/webchat/chats/{chatId}/events': { params: chatId },
  'POST /api/v1/webchat/callbacks': { params: {}, body: { workgroup: 'Support', name: 'Rita', telephone: '555 0100' } },
  'GET /api/v1/webchat/widgets/{id}': { params: { id: 'support' } },
  'POST /api/v1/interactions/{id}/chat/messages': { params: id, body: { text: 'hi' } },
  'GET /api/v1/interactions/{id}/chat/messages': { params: id },
  'PUT /api/v1/interactions/{id}/chat/typing': { params: id, body: { on: true } },
  'POST /api/v1/interactions/{id}/chat/file-invites': { params: id, body: {} },
  'GET /api/v1/interactions/{id}/chat/files/{attachmentId}': { params: { ...id, attachmentId: 'att-1' } },
  'POST /api/v1/interactions/{id}/callback-outcome': { params: id, body: { outcome: 'complete' } },
};
const UPLOAD = 'POST /api/v1/webchat/chats/{chatId}/files';

const ours = (await operationsOf(s)).filter(
  (op) =>
    op.path.startsWith('/api/v1/webchat/') ||
    /^\/api\/v1\/interactions\/\{id\}\/(chat\/|callback-outcome)/.test(op.path),
);

function casesOf(op: Operation): BadCase[] {
  const base = BASES[op.key];
  if (!base) throw new Error(`no valid request for ${op.key}: add one to BASES`);
  // queryCases sends no body (it was written for GETs): give the writes their valid body.
  const withBody = (c: BadCase): BadCase =>
    base.body === undefined
      ? c
      : {
          ...c,
          request: () => ({
            ...c.request(),
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify(base.body),
          }),
        };
  return [...(op.body ? bodyCases(op, base) : []), ...paramCases(op, base), ...queryCases(op, base).map(withBody)];
}

const under = (path: string, name: string) => path === name || path.startsWith(`${name}.`);

describe('the web chat and callback operations', () => {
  it('are all covered', () => {
    expect(ours.map((op) => op.key).sort()).toEqual([...Object.keys(BASES), UPLOAD].sort());
  });

  describe.each(ours.filter((op) => op.key !== UPLOAD).map((op) => [op.key, op] as const))('%s', (_key, op) => {
    it.each(casesOf(op).map((c) => [c.name, c] as const))('refuses %s with a 4xx naming it', async (_name, c) => {
      const r = c.request();
      const response = await s.tandem.app.inject({
        method: r.method,
        url: r.url,
        headers: { ...r.headers, authorization: `Bearer ${admin}` },
        ...(r.payload === undefined ? {} : { payload: r.payload }),
      });
      const what = `${r.method} ${r.url.slice(0, 120)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
      expect(c.expected.statuses, what).toContain(response.statusCode);
      const { code, message, details } = response.json().error;
      expect(ERROR_CODES, what).toContain(code);
      expect(c.expected.codes, what).toContain(code);
      const issues: { path: string }[] = details?.issues ?? [];
      const named = c.expected.names.some((name) => message.includes(name) || issues.some((i) => under(i.path, name)));
      expect(named, `${what}\n  should name ${c.expected.names.join(' or ')}`).toBe(true);
    });
  });
});
