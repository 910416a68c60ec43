import { CONFIG_KINDS, ERROR_CODES, KIND_SPECS, isConfigKind } from '@tandem/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bodyCases,
  headerCases,
  paramCases,
  queryCases,
  type Base,
  type BadCase,
  type Expected,
} from './support/bad-input-cases.js';
import { ACTION_ROUTES } from '../src/routes/interaction-routes.js';
import { aCreateBody, aFreshEntity, editableFields } from './support/config-fixtures.js';
import { DEMO_PASSWORD, aServer } from './support/harness.js';
import { operationsOf, type Operation } from './support/openapi-operations.js';

/*
 * Bad input to every endpoint of the OpenAPI document (messaging, a WebSocket, is tested apart):
 * every answer is a 4xx in the error shape naming what is at fault, never a 5xx, and the server
 * keeps serving. The cases are generated from the document's schemas (made from core's zod
 * schemas), so a new field or route is covered without touching this file.
 */

const s = await aServer();
const admin = await s.logon('admin');
/**
 * The chat, callback and email channels have their own suites (webchat-bad-input.test.ts,
 * email-routing-bad-input.test.ts), with their tokens, raw uploads and mail fixtures.
 */
const coveredElsewhere = (path: string) =>
  path.startsWith('/api/v1/webchat/') || /^\/api\/v1\/interactions\/\{id\}\/(chat\/|callback-outcome|email)/.test(path);
const operations = (await operationsOf(s)).filter(
  (op) => op.path.startsWith('/api/v1/') && !op.path.startsWith('/api/v1/messaging') && !coveredElsewhere(op.path),
);
afterAll(() => s.close());

/** Valid requests for the operations outside the configuration CRUD. */
const OTHER_BASES: Record<string, () => Promise<Base>> = {
  'POST /api/v1/connection': async () => ({ params: {}, body: { userId: 'agent6', password: DEMO_PASSWORD } }),
  'PUT /api/v1/connection/station': async () => ({ params: {}, body: { station: { type: 'none' } } }),
  'PUT /api/v1/connection/password': async () => ({
    params: {},
    body: { oldPassword: DEMO_PASSWORD, newPassword: 'another-password' },
  }),
  'POST /api/v1/config/users/{id}/password': async () => ({
    params: { id: await aFreshEntity(s, admin, 'users') },
    body: { password: 'a-new-password', mustChange: true },
  }),
  'GET /api/v1/status/user-statuses/{userId}': async () => ({ params: { userId: 'agent6' } }),
  'PUT /api/v1/status/user-statuses/{userId}': async () => ({
    params: { userId: 'agent6' },
    body: { statusId: 'available' },
  }),
  'POST /api/v1/demo/credit-score': async () => ({ params: {}, body: { ssn: '123-45-6789', amount: 18000 } }),
};

/** A live interaction to act on: a generic object waiting in the Sales queue. */
async function anInteraction(): Promise<string> {
  const r = await s.call(admin, 'POST', '/api/v1/interactions', { type: 'generic', workgroupId: 'Sales' });
  if (r.statusCode !== 201) throw new Error(`could not create an interaction: ${r.body}`);
  return r.json<{ id: string }>().id;
}

async function aPersonalLibrary(): Promise<string> {
  const r = await s.call(admin, 'POST', '/api/v1/responses/personal-libraries', { displayName: 'Mine', items: [] });
  if (r.statusCode !== 201) throw new Error(`could not create a personal library: ${r.body}`);
  return r.json<{ id: string }>().id;
}

const ACTION_BODIES: Record<string, Record<string, unknown>> = {
  transfer: { target: { type: 'workgroup', id: 'Support' } },
  park: { target: { type: 'user', id: 'agent1' } },
  'wrap-up': { code: 'Resolved' },
  'account-code': { code: '1234' },
  notes: { text: 'a note' },
  private: { on: true },
  'request-assistance': { text: 'help' },
};
for (const action of ACTION_ROUTES)
  OTHER_BASES[`POST /api/v1/interactions/{id}/${action}`] = async () => ({
    params: { id: await anInteraction() },
    body: ACTION_BODIES[action] ?? {},
  });
Object.assign(OTHER_BASES, {
  'POST /api/v1/interactions': async () => ({
    params: {},
    body: { type: 'generic', workgroupId: 'Sales', priority: 60, attributes: { Case: '42' } },
  }),
  'GET /api/v1/interactions/{id}': async () => ({ params: { id: await anInteraction() } }),
  'GET /api/v1/interactions/{id}/wrap-up-codes': async () => ({ params: { id: await anInteraction() } }),
  'POST /api/v1/interactions/{id}/consult': async () => ({
    params: { id: await anInteraction() },
    body: { userId: 'agent2' },
  }),
  'POST /api/v1/interactions/{id}/consult/complete': async () => ({
    params: { id: await anInteraction() },
    body: { consultId: '1000000001' },
  }),
  'POST /api/v1/interactions/{id}/consult/cancel': async () => ({
    params: { id: await anInteraction() },
    body: { consultId: '1000000001' },
  }),
  'POST /api/v1/interactions/{id}/conference': async () => ({
    params: { id: await anInteraction() },
    body: { userId: 'agent2' },
  }),
  'GET /api/v1/queues/users/{id}': async () => ({ params: { id: 'agent1' } }),
  'GET /api/v1/statistics/workgroups/{id}': async () => ({ params: { id: 'Sales' } }),
  'GET /api/v1/statistics/agents/{id}': async () => ({ params: { id: 'agent1' } }),
  'GET /api/v1/queues/workgroups/{id}': async () => ({ params: { id: 'Sales' } }),
  'GET /api/v1/queues/stations/{id}': async () => ({ params: { id: 'WS-1' } }),
  'GET /api/v1/activations/users/{userId}': async () => ({ params: { userId: 'agent1' } }),
  'PUT /api/v1/activations/users/{userId}': async () => ({
    params: { userId: 'agent1' },
    body: { workgroups: [{ workgroupId: 'Sales', active: true }] },
  }),
  'GET /api/v1/responses/shortcuts/{shortcut}': async () => ({ params: { shortcut: 'hello' } }),
  'POST /api/v1/responses/expand': async () => ({ params: {}, body: { text: 'Hello [UserName]' } }),
  'POST /api/v1/responses/personal-libraries': async () => ({ params: {}, body: { displayName: 'Mine', items: [] } }),
  'GET /api/v1/responses/personal-libraries/{id}': async () => ({ params: { id: await aPersonalLibrary() } }),
  'PUT /api/v1/responses/personal-libraries/{id}': async () => ({
    params: { id: await aPersonalLibrary() },
    body: { displayName: 'Renamed', items: [] },
  }),
  'DELETE /api/v1/responses/personal-libraries/{id}': async () => ({ params: { id: await aPersonalLibrary() } }),
} satisfies Record<string, () => Promise<Base>>);

/** A process definition whose instances wait on a work item in the Loans queue (process routes). */
function aProcessDefinition(id: string): Record<string, unknown> {
  const form = { id: 'f', category: 'c', description: 'd', buttons: [{ id: 'Done', label: 'Done' }] };
  return {
    formatVersion: 1,
    id,
    name: id,
    variables: [{ name: 'Note', type: 'String' }],
    inputs: ['Note'],
    outputs: [],
    states: [
      {
        id: 'Start',
        name: 'Start',
        start: true,
        actions: [
          {
            id: 'ask',
            kind: 'sendWorkItemToWorkgroup',
            form: 'f',
            workgroup: "workgroup'Loans'",
            exits: [{ button: 'Done', actions: [] }],
          },
        ],
      },
    ],
    tasks: [],
    forms: [
      { ...form, pages: [{ title: 'p', controls: [{ id: 'cNote', kind: 'text', label: 'Note', variable: 'Note' }] }] },
    ],
  };
}
let processSeq = 0;
async function aProcess(publish = true): Promise<string> {
  processSeq += 1;
  const id = `bad-input-${processSeq}`;
  const created = await s.call(admin, 'POST', '/api/v1/processes', aProcessDefinition(id));
  if (created.statusCode !== 201) throw new Error(`could not create a process: ${created.body}`);
  if (publish) await s.call(admin, 'POST', `/api/v1/processes/${id}/publish`);
  return id;
}
/** A running instance and its work item. */
async function aProcessInstance(): Promise<{ instanceId: string; interactionId: string }> {
  const launched = await s.call(admin, 'POST', `/api/v1/processes/${await aProcess()}/launch`, {});
  const instanceId = launched.json<{ id: string }>().id;
  await s.tandem.processes.settle();
  const d = (await s.call(admin, 'GET', `/api/v1/process-instances/${instanceId}`)).json();
  return { instanceId, interactionId: d.workItem.interactionId as string };
}
Object.assign(OTHER_BASES, {
  'POST /api/v1/processes': async () => ({ params: {}, body: aProcessDefinition('bad-input-new') }),
  'GET /api/v1/processes/{id}': async () => ({ params: { id: await aProcess() } }),
  'PUT /api/v1/processes/{id}': async () => {
    const id = await aProcess(false);
    return { params: { id }, body: aProcessDefinition(id) };
  },
  'POST /api/v1/processes/{id}/publish': async () => ({ params: { id: await aProcess(false) } }),
  'POST /api/v1/processes/{id}/activate': async () => ({ params: { id: await aProcess() } }),
  'POST /api/v1/processes/{id}/deactivate': async () => ({ params: { id: await aProcess() } }),
  'POST /api/v1/processes/{id}/launch': async () => ({
    params: { id: await aProcess() },
    body: { inputs: { Note: 'x' } },
  }),
  'GET /api/v1/process-instances/{id}': async () => ({ params: { id: (await aProcessInstance()).instanceId } }),
  'POST /api/v1/process-instances/{id}/cancel': async () => ({
    params: { id: (await aProcessInstance()).instanceId },
    body: {},
  }),
  'POST /api/v1/process-instances/{id}/retry': async () => ({
    params: { id: (await aProcessInstance()).instanceId },
    body: {},
  }),
  'PATCH /api/v1/process-instances/{id}/variables': async () => ({
    params: { id: (await aProcessInstance()).instanceId },
    body: { Note: 'x' },
  }),
  'GET /api/v1/interactions/{id}/workitem': async () => ({ params: { id: (await aProcessInstance()).interactionId } }),
  'PUT /api/v1/interactions/{id}/workitem/data': async () => ({
    params: { id: (await aProcessInstance()).interactionId },
    body: { data: { Note: 'x' } },
  }),
  'POST /api/v1/interactions/{id}/workitem/hold': async () => ({
    params: { id: (await aProcessInstance()).interactionId },
    body: { data: { Note: 'x' } },
  }),
  'POST /api/v1/interactions/{id}/workitem/submit': async () => ({
    params: { id: (await aProcessInstance()).interactionId },
    body: { button: 'Done', data: { Note: 'x' } },
  }),
  'POST /api/v1/interactions/{id}/workitem/transfer': async () => ({
    params: { id: (await aProcessInstance()).interactionId },
    body: { target: { type: 'user', id: 'agent6' } },
  }),
} satisfies Record<string, () => Promise<Base>>);

/** Endpoints that take nothing a client could get wrong (no body, id, query or header). */
const NOTHING_TO_SPOIL = [
  'GET /api/v1/health',
  'GET /api/v1/connection',
  'GET /api/v1/status/status-messages',
  'GET /api/v1/processes',
];

async function baseOf(op: Operation): Promise<Base> {
  const config = /^\/api\/v1\/config\/([^/]+)(\/\{id\})?$/.exec(op.path);
  const kind = config?.[1];
  if (config && kind && isConfigKind(kind)) {
    if (!config[2])
      return op.method === 'POST' ? { params: {}, body: await aCreateBody(s, admin, kind) } : { params: {} };
    const id = await aFreshEntity(s, admin, kind);
    if (op.method !== 'PUT') return { params: { id } };
    const entity = (await s.call(admin, 'GET', `/api/v1/config/${kind}/${encodeURIComponent(id)}`)).json();
    return { params: { id }, body: editableFields(kind, entity) };
  }
  const other = OTHER_BASES[op.key];
  if (other) return other();
  if (op.pathParams.length === 0 && !op.body) return { params: {} };
  throw new Error(`no valid request for ${op.key}: add one to OTHER_BASES`);
}

/** A body-less write must still refuse a body it cannot parse, rather than act on the request. */
function malformedBodyCase(op: Operation, base: Base): BadCase {
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(base.params[name] ?? ''));
  return {
    name: 'malformed JSON',
    expected: { statuses: [400], codes: ['MALFORMED_REQUEST'], names: ['body'] },
    request: () => ({ method: op.method, url, headers: { 'content-type': 'application/json' }, payload: '{"a":' }),
  };
}

const plans: { op: Operation; cases: BadCase[] }[] = [];
for (const op of operations) {
  const base = await baseOf(op);
  const bodies = op.body ? bodyCases(op, base) : op.method === 'GET' ? [] : [malformedBodyCase(op, base)];
  plans.push({ op, cases: [...bodies, ...paramCases(op, base), ...queryCases(op, base), ...headerCases(op, base)] });
}

const fiveHundreds: string[] = [];

async function send(c: BadCase): Promise<{ response: LightMyRequestResponse; what: string }> {
  const r = c.request();
  const response = await s.tandem.app.inject({
    method: r.method,
    url: r.url,
    headers: { ...r.headers, authorization: `Bearer ${admin}` },
    ...(r.payload === undefined ? {} : { payload: r.payload }),
  });
  const what = `${r.method} ${r.url.slice(0, 160)} ${JSON.stringify((r.payload ?? '').slice(0, 160))} → ${response.statusCode} ${response.body.slice(0, 400)}`;
  if (response.statusCode >= 500) fiveHundreds.push(what);
  return { response, what };
}

const under = (path: string, name: string) => path === name || path.startsWith(`${name}.`);

function expectAnswer(expected: Expected, response: LightMyRequestResponse, what: string): void {
  expect(response.statusCode, what).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, what).toBeLessThan(500);
  expect(expected.statuses, what).toContain(response.statusCode);
  expect(response.headers['content-type'], what).toMatch(/^application\/json/);
  const body = response.json();
  expect(Object.keys(body), what).toEqual(['error']);
  const { code, message, details } = body.error;
  expect(ERROR_CODES, what).toContain(code);
  expect(expected.codes, what).toContain(code);
  expect(message, what).toEqual(expect.any(String));
  const issues: { path: string; message: string }[] = details?.issues ?? [];
  for (const issue of issues) expect(issue, what).toEqual({ path: expect.any(String), message: expect.any(String) });
  const named = expected.names.some((name) => message.includes(name) || issues.some((i) => under(i.path, name)));
  expect(named, `${what}\n  should name ${expected.names.join(' or ')}`).toBe(true);
  // Only the spoiled part is at fault: the rest of the request was valid.
  const stray = issues.filter((i) => !expected.names.some((name) => under(i.path, name)));
  expect(stray, `${what}\n  names more than ${expected.names.join(' or ')}`).toEqual([]);
}

describe('the cases', () => {
  it('come from the same fields as the zod schemas of core', () => {
    for (const kind of CONFIG_KINDS) {
      const put = operations.find((op) => op.key === `PUT /api/v1/config/${kind}/{id}`);
      expect(Object.keys(put?.body?.properties ?? {}), kind).toEqual(Object.keys(KIND_SPECS[kind].fields.shape));
    }
  });

  it('reach every endpoint that takes input; these take none', () => {
    expect(plans.filter((p) => p.cases.length === 0).map((p) => p.op.key)).toEqual(NOTHING_TO_SPOIL);
  });
});

describe.each(plans.filter((p) => p.cases.length > 0).map((p) => [p.op.key, p] as const))('%s', (_key, plan) => {
  it.each(plan.cases.map((c) => [c.name, c] as const))('refuses %s with a 4xx naming it', async (_name, c) => {
    const { response, what } = await send(c);
    expectAnswer(c.expected, response, what);
  });
});

describe('bugs this suite found', () => {
  it('reaches an entity whose id has 128 characters, the most allowed (the router refused over 100 with its own 414)', async () => {
    for (const id of ['L'.repeat(128), `S${' '.repeat(127)}`]) {
      const url = `/api/v1/config/skills/${encodeURIComponent(id)}`;
      expect((await s.call(admin, 'POST', '/api/v1/config/skills', { id, displayName: 'Long' })).statusCode).toBe(201);
      expect((await s.call(admin, 'GET', url)).json().id).toBe(id);
      expect((await s.call(admin, 'PUT', url, { displayName: 'Longer' })).statusCode).toBe(200);
      expect((await s.call(admin, 'DELETE', url)).statusCode).toBe(204);
    }
  });

  it('refuses NUL and unpaired surrogates in stored text with 400 naming the field (the database answered 500)', async () => {
    for (const text of ['a\u0000b', 'a\ud800b', 'a\udc00b']) {
      const role = await s.call(admin, 'POST', '/api/v1/config/roles', {
        id: 'BadText',
        displayName: 'Bad',
        description: text,
      });
      expect(role.statusCode, role.body).toBe(400);
      expect(role.json().error.details.issues).toEqual([
        { path: 'description', message: expect.stringMatching(/NUL|surrogate/) },
      ]);
      const item = { id: 'i1', type: 'message', name: 'Greeting', text };
      const library = await s.call(admin, 'POST', '/api/v1/config/response-libraries', {
        id: 'BadText',
        displayName: 'Bad',
        items: [item],
      });
      expect(library.json().error.details.issues[0].path).toBe('items.0.text');
    }
    const emoji = await s.call(admin, 'POST', '/api/v1/config/skills', {
      id: 'Emoji',
      displayName: 'Smiles \u{1F600}',
    });
    expect(emoji.statusCode, 'a well-formed surrogate pair is fine').toBe(201);
  });

  it('answers a broken percent-encoding and an overlong path segment in the error shape (the router answered its own)', async () => {
    for (const id of ['%E0%A4%A', 'x'.repeat(2000)]) {
      const response = await s.call(admin, 'GET', `/api/v1/config/skills/${id}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: { code: 'MALFORMED_REQUEST', message: expect.stringMatching(/^path: /) },
      });
    }
  });
});

describe('after the barrage', () => {
  it('never answered 5xx', () => {
    expect(fiveHundreds, `answered 5xx:\n${fiveHundreds.join('\n')}`).toEqual([]);
  });

  it('keeps serving: health, the same session, and a normal request', async () => {
    expect((await s.call(undefined, 'GET', '/api/v1/health')).statusCode).toBe(200);
    expect((await s.call(admin, 'GET', '/api/v1/connection')).json().userId).toBe('admin');
    const created = await s.call(admin, 'POST', '/api/v1/config/skills', {
      id: 'AfterTheBarrage',
      displayName: 'After',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await s.call(admin, 'GET', '/api/v1/config/skills/AfterTheBarrage')).json().displayName).toBe('After');
  });
});
