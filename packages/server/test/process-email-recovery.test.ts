import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpSink } from './email-test-kit.js';
import { aDefinition, act, aProcessServer, aVariable, details, launch, publish } from './process-kit.js';

// A Send Email action in flight when the engine stops: sent once, never twice without a decision.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A relay that takes a whole message after DATA and then never answers, like one cut off by a crash. */
async function aRelayThatNeverAnswers(): Promise<{ port: number; messages: () => number }> {
  let messages = 0;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    let inData = false;
    let buffer = '';
    socket.write('220 relay ready\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (inData) {
        if (buffer.includes('\r\n.\r\n')) messages += 1;
        return;
      }
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (line.startsWith('DATA')) {
          inData = true;
          socket.write('354 go on\r\n');
          return;
        }
        socket.write(line.startsWith('EHLO') ? '250-relay\r\n250 8BITMIME\r\n' : '250 ok\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, messages: () => messages };
}

const mailing = aDefinition({
  id: 'mailing',
  variables: [aVariable('Customer', 'Mailbox', { initial: 'ada@customer.example' })],
  actions: [act('sendEmail', { to: 'Customer', subject: 'Your loan', body: 'Approved.' })],
});

describe('an e-mail in flight when the engine stops', () => {
  it('comes back "restored in error" once handed to the relay, and a retry sends it once more', async () => {
    const cutOff = await aRelayThatNeverAnswers();
    const s = await aProcessServer({ relayPort: cutOff.port });
    cleanups.push(() => s.store.close());
    const admin = await s.logon('admin');
    await publish(s, admin, mailing);
    const { id } = await launch(s, admin, 'mailing');
    while (cutOff.messages() === 0) await new Promise((r) => setTimeout(r, 5));

    const sink = await startSmtpSink();
    cleanups.push(() => sink.close());
    const s2 = await aProcessServer({ store: s.store, clock: s.clock, relayPort: sink.port });
    cleanups.push(() => s2.tandem.close());
    expect(s2.tandem.processes.lastRecovery).toMatchObject({ restoredInError: 1, reissued: 0 });
    expect(await details(s2, admin, id)).toMatchObject({ status: 'error', restoredInError: true });

    expect((await s2.call(admin, 'POST', `/api/v1/process-instances/${id}/retry`, {})).statusCode).toBe(200);
    const mail = await sink.received.next();
    expect(mail.parsed.messageId).toBe(`<${id}.1@tandem.process>`);
    expect(await details(s2, admin, id)).toMatchObject({ status: 'completed' });
  });
});
