import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { aServer, type TestServer, type TestServerOptions } from './support/harness.js';

/** Helpers of the process scenario tests: definition documents, and driving them over HTTP. */

export function aVariable(name: string, type: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, type, ...extra };
}

export function aForm(id: string, variables: string[], buttons = ['Submit'], extra: Record<string, unknown> = {}) {
  return {
    id,
    category: 'Loans',
    description: 'Review the application',
    pages: [{ title: 'Main', controls: variables.map((v) => ({ id: `c${v}`, kind: 'text', label: v, variable: v })) }],
    buttons: buttons.map((b) => ({ id: b, label: b })),
    ...extra,
  };
}

let seq = 0;
/** An action with a fresh id unless one is given. */
export function act(kind: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  seq += 1;
  return { id: `a${seq}`, kind, ...fields };
}

export function aDefinition(parts: {
  id: string;
  variables?: Record<string, unknown>[];
  inputs?: string[];
  outputs?: string[];
  forms?: Record<string, unknown>[];
  actions: Record<string, unknown>[];
}): Record<string, unknown> {
  return {
    formatVersion: 1,
    id: parts.id,
    name: `Process ${parts.id}`,
    variables: parts.variables ?? [],
    inputs: parts.inputs ?? [],
    outputs: parts.outputs ?? [],
    states: [{ id: 'Start', name: 'Start', start: true, actions: parts.actions }],
    tasks: [],
    forms: parts.forms ?? [],
  };
}

/** A process that sends one work item to the Loans workgroup: form `f` with a `Note`, exit button Submit. */
export function aLoansNoteDefinition(id: string): Record<string, unknown> {
  return aDefinition({
    id,
    variables: [aVariable('Note', 'String')],
    forms: [aForm('f', ['Note'])],
    actions: [
      act('sendWorkItemToWorkgroup', {
        form: 'f',
        workgroup: "workgroup'Loans'",
        exits: [{ button: 'Submit', actions: [] }],
      }),
    ],
  });
}

/** A process that calls the web service at `<serviceUrl>/score` (JSON) and keeps its `score` in `Score`. */
export function aScoreDefinition(id: string, serviceUrl: string): Record<string, unknown> {
  const call = act('invokeWebService', {
    protocol: 'http-json',
    url: `${serviceUrl}/score`,
    body: {},
    timeoutSeconds: 30,
    outputs: [{ variable: 'Score', from: 'score' }],
  });
  return aDefinition({ id, variables: [aVariable('Score', 'Integer')], actions: [call] });
}

/** Creates and publishes a definition as `token` (the admin), failing the test on any refusal. */
export async function publish(s: TestServer, token: string, definition: Record<string, unknown>): Promise<void> {
  const created = await s.call(token, 'POST', '/api/v1/processes', definition);
  expect(created.statusCode, created.body).toBe(201);
  const published = await s.call(token, 'POST', `/api/v1/processes/${String(definition['id'])}/publish`);
  expect(published.statusCode, published.body).toBe(200);
}

export interface Launched {
  id: string;
  status: string;
}

export async function launch(
  s: TestServer,
  token: string,
  id: string,
  inputs?: Record<string, unknown>,
): Promise<Launched> {
  const r = await s.call(token, 'POST', `/api/v1/processes/${id}/launch`, inputs ? { inputs } : {});
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Launched>();
}

/** The instance as the monitor details it, after every effect in flight has run. */
export async function details(
  s: TestServer,
  token: string,
  id: string,
): Promise<Record<string, unknown> & { status: string }> {
  await s.tandem.processes.settle();
  const r = await s.call(token, 'GET', `/api/v1/process-instances/${encodeURIComponent(id)}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** A local HTTP server answering with `handler`; records the requests it got. */
export async function aLocalService(
  handler: (
    request: { method: string; url: string; body: string; headers: IncomingMessage['headers'] },
    response: ServerResponse,
  ) => void,
): Promise<{
  url: string;
  requests: { method: string; url: string; body: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}> {
  const requests: { method: string; url: string; body: string; headers: IncomingMessage['headers'] }[] = [];
  const server: Server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', body, headers: req.headers };
      requests.push(r);
      handler(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * The harness's server without the email channel, with the SMTP relay of Send Email actions at
 * `relayPort`, on `store` when given (a restart: the new server rebuilds from it, and its restore
 * has ended when this resolves).
 */
export function aProcessServer(options: Omit<TestServerOptions, 'email'> = {}): Promise<TestServer> {
  return aServer({ ...options, email: false });
}
