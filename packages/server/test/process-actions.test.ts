import { postgresTestTarget } from '@tandem/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from './email-test-kit.js';
import {
  aDefinition,
  aLocalService,
  aProcessServer,
  act,
  aVariable,
  details,
  json,
  launch,
  publish,
} from './process-kit.js';
import type { TestServer } from './support/harness.js';

// Every external action's effect, executed for real: a local HTTP service (JSON and SOAP), the
// handler registry, a local SMTP relay, SQL on Tandem's own database, timers, subprocesses.

let s: TestServer;
let admin: string;
let sink: SmtpSink;
let service: Awaited<ReturnType<typeof aLocalService>>;
let failNext = 0;

beforeAll(async () => {
  sink = await startSmtpSink();
  service = await aLocalService((req, res) => {
    if (failNext > 0) {
      failNext -= 1;
      return json(res, 503, { error: 'busy' });
    }
    if (req.url.startsWith('/soap')) {
      const fault = req.body.includes('<Name>FAULT</Name>');
      res.writeHead(fault ? 500 : 200, { 'content-type': 'text/xml' });
      return res.end(
        fault
          ? '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>no such applicant</faultstring></soap:Fault></soap:Body></soap:Envelope>'
          : '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><m:CheckResponse xmlns:m="urn:credit"><m:Score>640</m:Score></m:CheckResponse></soap:Body></soap:Envelope>',
      );
    }
    const body = req.body === '' ? {} : (JSON.parse(req.body) as { amount?: number });
    json(res, 200, { data: { score: 700 + Math.round((body.amount ?? 0) / 1000) } });
  });
  s = await aProcessServer({ relayPort: sink.port });
  admin = await s.logon('admin');
});
afterAll(async () => {
  await s.close();
  await service.close();
  await sink.close();
});

const scoreVars = [
  aVariable('Amount', 'Decimal', { initial: 12000 }),
  aVariable('Score', 'Integer'),
  aVariable('Name', 'String', { initial: 'Ada' }),
];

describe('Invoke Web Service', () => {
  it('posts the body as JSON to a local service and maps the answer by path into a variable', async () => {
    await publish(
      s,
      admin,
      aDefinition({
        id: 'ws-json',
        variables: scoreVars,
        actions: [
          act('invokeWebService', {
            protocol: 'http-json',
            url: `${service.url}/score/{Name}`,
            body: { amount: 'Amount' },
            timeoutSeconds: 5,
            outputs: [{ variable: 'Score', from: 'data.score' }],
          }),
        ],
      }),
    );
    const before = service.requests.length;
    const { id } = await launch(s, admin, 'ws-json');
    const done = await details(s, admin, id);
    expect(done).toMatchObject({ status: 'completed', variables: { Score: 712 } });
    expect(service.requests[before]).toMatchObject({ method: 'POST', url: '/score/Ada', body: '{"amount":12000}' });
  });

  it('sends a SOAP 1.1 envelope with the SOAPAction header and reads the answer element', async () => {
    await publish(
      s,
      admin,
      aDefinition({
        id: 'ws-soap',
        variables: scoreVars,
        inputs: ['Name'],
        actions: [
          act('invokeWebService', {
            protocol: 'soap',
            soapAction: 'urn:credit#Check',
            url: `${service.url}/soap`,
            body: { Name: 'Name' },
            timeoutSeconds: 5,
            outputs: [{ variable: 'Score', from: 'Score' }],
          }),
        ],
      }),
    );
    const { id } = await launch(s, admin, 'ws-soap');
    expect(await details(s, admin, id)).toMatchObject({ status: 'completed', variables: { Score: 640 } });
    const sent = service.requests.find((r) => r.url === '/soap');
    expect(sent?.headers['soapaction']).toBe('"urn:credit#Check"');
    expect(sent?.body).toContain('<soap:Body><Request><Name>Ada</Name></Request></soap:Body>');
    const faulted = await launch(s, admin, 'ws-soap', { Name: 'FAULT' });
    expect(await details(s, admin, faulted.id)).toMatchObject({
      status: 'error',
      error: { message: expect.stringContaining('SOAP fault: no such applicant') as string, retryable: true },
    });
  });

  it('leaves the instance in error on a failed call, and a retry re-issues the same effect and goes on', async () => {
    failNext = 1;
    const { id } = await launch(s, admin, 'ws-json');
    const failed = await details(s, admin, id);
    expect(failed).toMatchObject({
      status: 'error',
      error: { message: expect.stringContaining('HTTP 503') as string },
    });
    expect(failed['actions']).toEqual([
      expect.objectContaining({ effectId: `${id}.1`, type: 'invokeWebService', status: 'failed' }),
    ]);
    const retried = await s.call(admin, 'POST', `/api/v1/process-instances/${id}/retry`, {});
    expect(retried.statusCode, retried.body).toBe(200);
    const done = await details(s, admin, id);
    expect(done).toMatchObject({ status: 'completed', variables: { Score: 712 } });
    expect(done['actions']).toEqual([expect.objectContaining({ effectId: `${id}.1`, status: 'done' })]);
  });

  it('fails a call that outlasts the action timeout', async () => {
    const slow = await aLocalService(() => undefined);
    try {
      await publish(
        s,
        admin,
        aDefinition({
          id: 'ws-slow',
          variables: scoreVars,
          actions: [
            act('invokeWebService', {
              protocol: 'http-json',
              method: 'GET',
              url: `${slow.url}/x`,
              body: {},
              timeoutSeconds: 1,
              outputs: [],
            }),
          ],
        }),
      );
      const { id } = await launch(s, admin, 'ws-slow');
      expect(await details(s, admin, id)).toMatchObject({
        status: 'error',
        error: { message: expect.stringContaining('timed out') as string },
      });
    } finally {
      await slow.close();
    }
  });
});

describe('Run Handler', () => {
  it('runs the shipped credit-score handler and maps its outputs', async () => {
    await publish(
      s,
      admin,
      aDefinition({
        id: 'handler-score',
        variables: [...scoreVars, aVariable('Income', 'Decimal', { initial: 90000 }), aVariable('Approved', 'Boolean')],
        actions: [
          act('runHandler', {
            handler: 'credit-score',
            inputs: { Income: 'Income', Amount: 'Amount' },
            timeoutSeconds: 5,
            outputs: [
              { variable: 'Score', from: 'Score' },
              { variable: 'Approved', from: 'Approved' },
            ],
          }),
        ],
      }),
    );
    const { id } = await launch(s, admin, 'handler-score');
    expect(await details(s, admin, id)).toMatchObject({
      status: 'completed',
      variables: { Score: 839, Approved: true },
    });
  });

  it('fails on a handler that is not registered, and on one that outlasts its timeout', async () => {
    s.tandem.processes.handlers.register('never', { timeoutMs: 50, run: () => new Promise(() => undefined) });
    await publish(
      s,
      admin,
      aDefinition({
        id: 'handler-bad',
        variables: [aVariable('Which', 'String', { initial: 'nobody' })],
        inputs: ['Which'],
        actions: [act('runHandler', { handler: 'nobody', inputs: {}, timeoutSeconds: 5, outputs: [] })],
      }),
    );
    const { id } = await launch(s, admin, 'handler-bad');
    expect(await details(s, admin, id)).toMatchObject({
      status: 'error',
      error: { message: expect.stringContaining("no handler 'nobody'") as string },
    });
    await publish(
      s,
      admin,
      aDefinition({
        id: 'handler-never',
        actions: [act('runHandler', { handler: 'never', inputs: {}, timeoutSeconds: 5, outputs: [] })],
      }),
    );
    const slow = await launch(s, admin, 'handler-never');
    expect(await details(s, admin, slow.id)).toMatchObject({
      status: 'error',
      error: { message: expect.stringContaining('longer than 50 ms') as string },
    });
  });
});

describe('Send Email', () => {
  it('sends the rendered mail through the configured SMTP relay', async () => {
    await publish(
      s,
      admin,
      aDefinition({
        id: 'mail',
        variables: [
          aVariable('Customer', 'Mailbox', { initial: 'ada@customer.example' }),
          aVariable('Name', 'String', { initial: 'Ada' }),
        ],
        actions: [act('sendEmail', { to: 'Customer', subject: 'Your loan, {Name}', body: 'Dear {Name}, approved.' })],
      }),
    );
    const { id } = await launch(s, admin, 'mail');
    const mail = await sink.received.next();
    expect(mail.rcptTo).toEqual(['ada@customer.example']);
    expect(mail.parsed.subject).toBe('Your loan, Ada');
    expect(mail.parsed.text?.trim()).toBe('Dear Ada, approved.');
    expect(mail.parsed.messageId).toBe(`<${id}.1@tandem.process>`);
    expect((await details(s, admin, id)).status).toBe('completed');
  });
});

describe('Database Query', () => {
  it('runs parameterised SQL on Tandem’s own database (read only) and maps the first row', async () => {
    await publish(
      s,
      admin,
      aDefinition({
        id: 'query',
        variables: [aVariable('Who', 'String', { initial: 'query' }), aVariable('Found', 'Integer')],
        actions: [
          act('databaseQuery', {
            dataSource: 'tandem',
            sql: 'SELECT count(*)::int AS n FROM process_definitions WHERE id = $1',
            parameters: ['Who'],
            timeoutSeconds: 5,
            outputs: [{ variable: 'Found', from: 'n' }],
          }),
        ],
      }),
    );
    const { id } = await launch(s, admin, 'query');
    expect(await details(s, admin, id)).toMatchObject({ status: 'completed', variables: { Found: 1 } });
  });

  it('refuses a write on the read-only data source and an unknown data source', async () => {
    await publish(
      s,
      admin,
      aDefinition({
        id: 'query-write',
        actions: [
          act('databaseQuery', {
            dataSource: 'tandem',
            sql: 'DELETE FROM process_definitions',
            parameters: [],
            timeoutSeconds: 5,
            outputs: [],
          }),
        ],
      }),
    );
    const { id } = await launch(s, admin, 'query-write');
    expect(await details(s, admin, id)).toMatchObject({
      status: 'error',
      error: { message: expect.stringContaining('read-only') as string },
    });
    expect(s.tandem.processes.definitions.get('query-write')).toBeDefined();
    await publish(
      s,
      admin,
      aDefinition({
        id: 'query-crm',
        actions: [
          act('databaseQuery', { dataSource: 'crm', sql: 'SELECT 1', parameters: [], timeoutSeconds: 5, outputs: [] }),
        ],
      }),
    );
    const crm = await launch(s, admin, 'query-crm');
    expect(await details(s, admin, crm.id)).toMatchObject({
      status: 'error',
      error: { message: expect.stringContaining('PAS_DataSource_crm') as string },
    });
  });
});

const postgres = await postgresTestTarget();

describe('Database Query on a configured data source', () => {
  it.skipIf(postgres.skip)('runs on the PostgreSQL named by the server parameter PAS_DataSource_<name>', async () => {
    const set = await s.call(admin, 'POST', '/api/v1/config/server-parameters', {
      id: 'PAS_DataSource_reports',
      value: postgres.adminUrl,
    });
    expect(set.statusCode, set.body).toBeLessThan(300);
    await publish(
      s,
      admin,
      aDefinition({
        id: 'query-reports',
        variables: [aVariable('In', 'Integer', { initial: 41 }), aVariable('Out', 'Integer')],
        actions: [
          act('databaseQuery', {
            dataSource: 'reports',
            sql: 'SELECT $1::int + 1 AS n',
            parameters: ['In'],
            timeoutSeconds: 5,
            outputs: [{ variable: 'Out', from: 'n' }],
          }),
        ],
      }),
    );
    const { id } = await launch(s, admin, 'query-reports');
    expect(await details(s, admin, id)).toMatchObject({ status: 'completed', variables: { Out: 42 } });
  });
});

describe('Wait', () => {
  it('waits until the timer is due, then goes on', async () => {
    await publish(
      s,
      admin,
      aDefinition({
        id: 'wait',
        variables: [aVariable('Done', 'Boolean')],
        actions: [act('wait', { seconds: '90' }), act('assign', { variable: 'Done', expression: 'true' })],
      }),
    );
    const { id } = await launch(s, admin, 'wait');
    s.clock.advance(89_000);
    await s.tandem.processes.tick();
    expect(await details(s, admin, id)).toMatchObject({ status: 'waiting', waitingOn: { type: 'startTimer' } });
    s.clock.advance(1_000);
    await s.tandem.processes.tick();
    expect(await details(s, admin, id)).toMatchObject({ status: 'completed', variables: { Done: true } });
  });
});

describe('Launch Subprocess', () => {
  it('runs a child instance and copies its outputs into the parent when it ends', async () => {
    await publish(
      s,
      admin,
      aDefinition({
        id: 'child',
        variables: [aVariable('In', 'Integer'), aVariable('Out', 'Integer')],
        inputs: ['In'],
        outputs: ['Out'],
        actions: [act('wait', { seconds: '10' }), act('assign', { variable: 'Out', expression: 'In * 2' })],
      }),
    );
    await publish(
      s,
      admin,
      aDefinition({
        id: 'parent',
        variables: [aVariable('Result', 'Integer')],
        actions: [
          act('launchSubprocess', {
            process: 'child',
            inputs: { In: '21' },
            outputs: [{ variable: 'Result', from: 'Out' }],
          }),
        ],
      }),
    );
    const { id } = await launch(s, admin, 'parent');
    const waiting = await details(s, admin, id);
    expect(waiting).toMatchObject({ status: 'waiting', waitingOn: { type: 'launchSubprocess' } });
    expect(await details(s, admin, `${id}.1.sub`)).toMatchObject({ status: 'waiting', variables: { In: 21 } });
    s.clock.advance(10_000);
    await s.tandem.processes.tick();
    await s.tandem.processes.settle();
    expect(await details(s, admin, id)).toMatchObject({ status: 'completed', variables: { Result: 42 } });
  });

  it('stops a process that launches itself at PAS_DepthThreshold', async () => {
    const param = await s.call(admin, 'PUT', '/api/v1/config/server-parameters/PAS_DepthThreshold', { value: 3 });
    expect(param.statusCode, param.body).toBeLessThan(300);
    await publish(
      s,
      admin,
      aDefinition({
        id: 'recurse',
        actions: [act('launchSubprocess', { process: 'recurse', inputs: {}, outputs: [] })],
      }),
    );
    const { id } = await launch(s, admin, 'recurse');
    await s.tandem.processes.settle();
    const deepest = await details(s, admin, `${id}.1.sub.1.sub.1.sub`);
    expect(deepest).toMatchObject({
      status: 'error',
      error: { message: expect.stringContaining('PAS_DepthThreshold') as string },
    });
  });
});
