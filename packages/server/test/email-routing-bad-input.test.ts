// The bad-input barrage of bad-input.test.ts, aimed at the email routes (which app.ts does not
// register yet): every answer a 4xx in the error shape naming what is at fault, never a 5xx.
import { ERROR_CODES } from '@tandem/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { anInboundEmail } from './email-test-kit.js';
import {
  bodyCases,
  paramCases,
  queryCases,
  type BadCase,
  type Base,
  type Expected,
} from './support/bad-input-cases.js';
import { aServer } from './support/harness.js';
import { operationsOf, type Operation } from './support/openapi-operations.js';

const s = await aServer();
// The channel app.ts wired; its relay is never reached: every request here is refused before sending.
const channel = s.tandem.email!;
afterAll(async () => {
  await s.close();
});
const admin = await s.logon('admin');

const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'));
await channel.service.intake.receive(
  anInboundEmail({
    workgroupIds: ['Support'],
    attachments: [
      {
        filename: 'a.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        content: PDF,
        contentId: null,
        inline: false,
      },
    ],
  }),
);
const [inbound] = s.tandem.interactions.queue({ type: 'workgroup', id: 'Support' }, 10).items;
if (!inbound) throw new Error('the email did not arrive');
const picked = await s.call(admin, 'POST', `/api/v1/interactions/${inbound.id}/pickup`, {});
if (picked.statusCode !== 200) throw new Error(`pickup: ${picked.body}`);
const replied = await s.call(admin, 'POST', `/api/v1/interactions/${inbound.id}/email/reply`, { mode: 'forward' });
if (replied.statusCode !== 201) throw new Error(`reply: ${replied.body}`);
const child = replied.json<{ interaction: { id: string } }>().interaction.id;
const fileId = (
  await channel.service.message(inbound.id, { userId: 'admin', rights: s.tandem.sessions.rightsOf('admin') })
).attachments[0]!.id;

const BASES: Record<string, Base> = {
  'GET /api/v1/interactions/{id}/email': { params: { id: inbound.id } },
  'GET /api/v1/interactions/{id}/email/attachments/{attachmentId}': {
    params: { id: inbound.id, attachmentId: fileId },
  },
  'POST /api/v1/interactions/{id}/email/reply': {
    params: { id: inbound.id },
    body: { mode: 'reply', to: ['ann@customer.example'], cc: [{ address: 'bob@customer.example', name: 'Bob' }] },
  },
  'GET /api/v1/interactions/{id}/email/draft': { params: { id: child } },
  'PUT /api/v1/interactions/{id}/email/draft': {
    params: { id: child },
    body: { to: ['carol@partner.example'], subject: 'Fw: hello', text: 'Hi', html: '<p>Hi</p>', attachmentIds: [] },
  },
  'POST /api/v1/interactions/{id}/email/send': { params: { id: child }, body: {} },
  'POST /api/v1/interactions/{id}/email/attachments': { params: { id: child } },
};

const operations = (await operationsOf(s)).filter((op) => op.path.includes('/email'));

function malformedBodyCase(op: Operation, base: Base): BadCase {
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(base.params[name] ?? ''));
  return {
    name: 'malformed JSON',
    expected: { statuses: [400], codes: ['MALFORMED_REQUEST'], names: ['body'] },
    request: () => ({ method: op.method, url, headers: { 'content-type': 'application/json' }, payload: '{"a":' }),
  };
}

const plans = operations.map((op) => {
  const base = BASES[op.key];
  if (!base) throw new Error(`no valid request for ${op.key}`);
  const bodies = op.body ? bodyCases(op, base) : op.method === 'GET' ? [] : [malformedBodyCase(op, base)];
  return { op, cases: [...bodies, ...paramCases(op, base), ...queryCases(op, base)] };
});

const under = (path: string, name: string) => path === name || path.startsWith(`${name}.`);

function expectAnswer(expected: Expected, response: LightMyRequestResponse, what: string): void {
  expect(response.statusCode, what).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, what).toBeLessThan(500);
  expect(expected.statuses, what).toContain(response.statusCode);
  const { code, message, details } = response.json().error;
  expect(ERROR_CODES, what).toContain(code);
  expect(expected.codes, what).toContain(code);
  const issues: { path: string; message: string }[] = details?.issues ?? [];
  const named = expected.names.some((name) => message.includes(name) || issues.some((i) => under(i.path, name)));
  expect(named, `${what}\n  should name ${expected.names.join(' or ')}`).toBe(true);
  const stray = issues.filter((i) => !expected.names.some((name) => under(i.path, name)));
  expect(stray, `${what}\n  names more than ${expected.names.join(' or ')}`).toEqual([]);
}

describe('the email routes', () => {
  it('are all documented, and each has a valid request that works', async () => {
    expect(operations.map((op) => op.key).sort()).toEqual(Object.keys(BASES).sort());
    const get = await s.call(admin, 'GET', `/api/v1/interactions/${inbound.id}/email/attachments/${fileId}`);
    expect(get.statusCode, get.body).toBe(200);
    const put = BASES['PUT /api/v1/interactions/{id}/email/draft']!;
    const saved = await s.call(admin, 'PUT', `/api/v1/interactions/${child}/email/draft`, put.body);
    expect(saved.statusCode, saved.body).toBe(200);
  });
});

describe.each(plans.filter((p) => p.cases.length > 0).map((p) => [p.op.key, p] as const))('%s', (_key, plan) => {
  it.each(plan.cases.map((c) => [c.name, c] as const))('refuses %s with a 4xx naming it', async (_name, c) => {
    const r = c.request();
    const response = await s.tandem.app.inject({
      method: r.method,
      url: r.url,
      headers: { ...r.headers, authorization: `Bearer ${admin}` },
      ...(r.payload === undefined ? {} : { payload: r.payload }),
    });
    const what = `${r.method} ${r.url.slice(0, 160)} ${JSON.stringify((r.payload ?? '').slice(0, 160))} → ${response.statusCode} ${response.body.slice(0, 400)}`;
    expectAnswer(c.expected, response, what);
  });
});
