import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loansWorkItemDefinition, scoreCall, textDecision, variable } from './support/process-definitions.js';

/** Counts of side effects as the outside world saw them, keyed by what identifies the action. */
export class Sightings {
  private readonly counts = new Map<string, number>();
  see(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  keys(): string[] {
    return [...this.counts.keys()];
  }
}

/** A web service counting calls by the `key` of their JSON body; answers `{score}`. */
export async function countingWebService(): Promise<{ url: string; calls: Sightings; close: () => Promise<void> }> {
  const calls = new Sightings();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('error', () => undefined);
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { key?: string };
      calls.see(String(body.key));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ score: 640 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/score`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An SMTP relay counting the messages it accepted by Message-ID (the process engine's effect id). */
export async function countingRelay(): Promise<{ port: number; messages: Sightings; close: () => Promise<void> }> {
  const messages = new Sightings();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let text = '';
      stream.on('data', (c: Buffer) => (text += c.toString()));
      stream.on('end', () => {
        const id = /^message-id:\s*<([^>]+)>/im.exec(text)?.[1];
        messages.see(id ?? 'none');
        callback();
      });
    },
  });
  // A killed server drops its SMTP sessions: the resets are expected.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The child process definition the crash mix launches. */
export const childDefinition = {
  formatVersion: 1,
  id: 'crash-child',
  name: 'Crash child',
  variables: [variable('N', 'Integer'), variable('M', 'Integer')],
  inputs: ['N'],
  outputs: ['M'],
  states: [
    {
      id: 'Only',
      name: 'Only',
      start: true,
      actions: [
        { id: 'c-double', kind: 'assign', variable: 'M', expression: 'N * 2' },
        { id: 'c-end', kind: 'endProcess' },
      ],
    },
  ],
};

/** Every kind of action in one instance: internal ones, then each external one in turn. */
export function mixDefinition(webService: string): Record<string, unknown> {
  return {
    formatVersion: 1,
    id: 'crash-mix',
    name: 'Crash mix',
    variables: [
      variable('Key', 'String'),
      variable('Amount', 'Decimal'),
      variable('Band', 'String'),
      variable('I', 'Integer'),
      variable('Doubled', 'Integer'),
      variable('Score', 'Integer'),
      variable('HandlerScore', 'Integer'),
      variable('Rows', 'Integer'),
      variable('Child', 'Integer'),
      variable('Mail', 'Mailbox', { initial: 'crash@example.com' }),
    ],
    inputs: ['Key'],
    tasks: [
      {
        id: 'double',
        name: 'Double',
        variables: [variable('X', 'Integer'), variable('Y', 'Integer')],
        inputs: ['X'],
        outputs: ['Y'],
        actions: [{ id: 't-double', kind: 'assign', variable: 'Y', expression: 'X * 2' }],
      },
    ],
    states: [
      {
        id: 'Work',
        name: 'Work',
        start: true,
        actions: [
          { id: 'amount', kind: 'assign', variable: 'Amount', expression: '100 + len(Key)' },
          textDecision('band', 'Amount > 50', 'Band', ['big', 'small']),
          {
            id: 'count',
            kind: 'loop',
            condition: 'I < 3',
            body: [{ id: 'inc', kind: 'assign', variable: 'I', expression: 'I + 1' }],
          },
          { id: 'call', kind: 'callTask', task: 'double', inputs: { X: 'I' }, outputs: { Y: 'Doubled' } },
          { id: 'note', kind: 'log', message: 'crash mix {Key}' },
          { id: 'pause', kind: 'wait', seconds: '1' },
          scoreCall('ws', webService, { key: 'Key' }),
          {
            id: 'handler',
            kind: 'runHandler',
            handler: 'credit-score',
            inputs: { Income: '50000', Debts: '1000', Amount: 'Amount' },
            outputs: [{ variable: 'HandlerScore', from: 'Score' }],
          },
          {
            id: 'query',
            kind: 'databaseQuery',
            dataSource: 'tandem',
            sql: 'select $1::int + 1 as n',
            parameters: ['Score'],
            outputs: [{ variable: 'Rows', from: 'n' }],
          },
          { id: 'mail', kind: 'sendEmail', to: 'Mail', subject: 'crash mix {Key}', body: 'Score {Score}' },
          {
            id: 'child',
            kind: 'launchSubprocess',
            process: 'crash-child',
            inputs: { N: 'Score' },
            outputs: [{ variable: 'Child', from: 'M' }],
          },
          { id: 'next', kind: 'changeState', state: 'Done' },
        ],
      },
      { id: 'Done', name: 'Done', actions: [{ id: 'end', kind: 'endProcess' }] },
    ],
  };
}

/** A work item to the Loans workgroup: rests waiting on it (nobody works it in the test). */
export const workItemDefinition = loansWorkItemDefinition({
  id: 'crash-workitem',
  name: 'Crash work item',
  variables: [variable('Key', 'String')],
  inputs: ['Key'],
  control: { id: 'k', kind: 'label', text: '{Key}' },
});
