// The outbound mailer against a real SMTP sink: what it refuses before connecting, what it sends,
// and how a relay's refusals come back.
import { TandemError } from '@tandem/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createOutboundMailer,
  EmailSendError,
  type OutboundEmail,
  type OutboundMailer,
} from '../src/channels/email/index.js';
import { failureOf, startSmtpSink, SUPPORT, type SmtpSink } from './email-test-kit.js';

let sink: SmtpSink | undefined;
let mailer: OutboundMailer | undefined;

afterEach(async () => {
  mailer?.close();
  await sink?.close();
  sink = mailer = undefined;
});

async function mailerToSink(options: { refuseRecipients?: number } = {}) {
  sink = await startSmtpSink(options);
  mailer = createOutboundMailer({ relay: { host: '127.0.0.1', port: sink.port } });
  return { sink, mailer };
}

function anOutboundEmail(overrides: Partial<OutboundEmail> = {}): OutboundEmail {
  return {
    from: { address: SUPPORT, name: 'Tandem Support' },
    to: [{ address: 'ann@customer.example', name: 'Ann' }],
    cc: [],
    bcc: [],
    subject: 'Your order',
    text: 'It ships today.',
    attachments: [],
    ...overrides,
  };
}

/** Sends `mail`, expects VALIDATION_FAILED, and proves the sink saw nothing by sending a valid mail
 * next and getting exactly that one. */
async function expectRefused(mail: OutboundEmail) {
  const { sink, mailer } = await mailerToSink();
  const error = await failureOf(mailer.send(mail));
  await mailer.send(anOutboundEmail({ subject: 'the valid one' }));
  expect((await sink.received.next()).parsed.subject).toBe('the valid one');
  expect(error).toBeInstanceOf(TandemError);
  expect((error as TandemError).code).toBe('VALIDATION_FAILED');
  return error as TandemError;
}

describe('outbound mailer', () => {
  it('sends text, html, Cc and Bcc through the relay, Bcc only in the envelope', async () => {
    const { sink, mailer } = await mailerToSink();
    const sent = await mailer.send(
      anOutboundEmail({
        cc: [{ address: 'boss@customer.example', name: '' }],
        bcc: [{ address: 'archive@tandem.test', name: '' }],
        html: '<p>It ships <b>today</b>.</p>',
        messageId: '<reply-1@tandem.test>',
      }),
    );
    const arrived = await sink.received.next();

    expect(sent).toEqual({
      messageId: '<reply-1@tandem.test>',
      accepted: ['ann@customer.example', 'boss@customer.example', 'archive@tandem.test'],
      rejected: [],
    });
    expect(arrived.rcptTo).toEqual(['ann@customer.example', 'boss@customer.example', 'archive@tandem.test']);
    expect(arrived.parsed.html).toBe('<p>It ships <b>today</b>.</p>');
    expect(arrived.raw.toString()).not.toMatch(/^bcc:/im);
  });

  it('refuses a subject over 1024 characters, naming the subject', async () => {
    const error = await expectRefused(anOutboundEmail({ subject: 's'.repeat(1025) }));
    expect(error.details?.issues).toEqual([{ path: 'subject', message: 'is 1025 characters, the limit is 1024' }]);
  });

  it('refuses an empty (0-byte) attachment, naming the attachment', async () => {
    const error = await expectRefused(
      anOutboundEmail({
        attachments: [
          { filename: 'a.txt', contentType: 'text/plain', content: new Uint8Array([65]) },
          { filename: 'empty.txt', contentType: 'text/plain', content: new Uint8Array(0) },
        ],
      }),
    );
    expect(error.message).toBe("attachments.1.content: 'empty.txt' is empty (0 bytes)");
  });

  it('refuses a message without any recipient', async () => {
    const error = await expectRefused(anOutboundEmail({ to: [] }));
    expect(error.details?.issues).toEqual([
      { path: 'to', message: 'at least one recipient (to, cc or bcc) is required' },
    ]);
  });

  it('refuses an address that is not plain local@domain, naming it', async () => {
    const error = await expectRefused(
      anOutboundEmail({
        cc: [
          { address: 'ok@customer.example', name: '' },
          { address: 'a@b>\r\nBcc: x@y.z', name: '' },
        ],
      }),
    );
    expect(error.details?.issues?.[0]?.path).toBe('cc.1.address');
  });

  it('keeps a subject with a line break on one header line, so it cannot add headers', async () => {
    const { sink, mailer } = await mailerToSink();
    await mailer.send(anOutboundEmail({ subject: 'Hello\r\nBcc: victim@else.example' }));
    const arrived = await sink.received.next();

    expect(arrived.rcptTo).toEqual(['ann@customer.example']);
    expect(arrived.parsed.headers.has('bcc')).toBe(false);
  });

  it('reports a relay that refuses every recipient with 550 as a permanent EmailSendError', async () => {
    const { mailer } = await mailerToSink({ refuseRecipients: 550 });
    const error = await failureOf(mailer.send(anOutboundEmail()));

    expect(error).toBeInstanceOf(EmailSendError);
    expect(error).toMatchObject({ temporary: false, responseCode: 550, code: 'EENVELOPE' });
  });

  it('reports a relay that answers 451 as a temporary EmailSendError', async () => {
    const { mailer } = await mailerToSink({ refuseRecipients: 451 });
    const error = await failureOf(mailer.send(anOutboundEmail()));

    expect(error).toMatchObject({ name: 'EmailSendError', temporary: true, responseCode: 451 });
  });

  it('reports a relay nobody listens on as a temporary EmailSendError without a reply code', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    mailer = createOutboundMailer({ relay: { host: '127.0.0.1', port: closed.port } });
    const error = await failureOf(mailer.send(anOutboundEmail()));

    expect(error).toMatchObject({ name: 'EmailSendError', temporary: true, responseCode: null });
  });
});
