import { afterEach, describe, expect, it } from 'vitest';
import { aRelayCutOffAfterData } from './cut-off-relay.js';
import { startSmtpSink } from './email-test-kit.js';
import { aDefinition, act, aProcessServer, aVariable, details, launch, publish } from './process-kit.js';

// A Send Email action in flight when the engine stops: sent once, never twice without a decision.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const mailing = aDefinition({
  id: 'mailing',
  variables: [aVariable('Customer', 'Mailbox', { initial: 'ada@customer.example' })],
  actions: [act('sendEmail', { to: 'Customer', subject: 'Your loan', body: 'Approved.' })],
});

describe('an e-mail in flight when the engine stops', () => {
  it('comes back "restored in error" once handed to the relay, and a retry sends it once more', async () => {
    const cutOff = await aRelayCutOffAfterData('silent');
    cleanups.push(() => cutOff.close());
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
