// The email channel over real sockets: nodemailer → inbound smtp-server → onMessage, and drafts
// sent through the outbound mailer to a recording SMTP sink. No mocks, no sleeps.
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildReplyDraft,
  createOutboundMailer,
  draftToOutboundEmail,
  InboundEmailRejection,
  type OutboundMailer,
} from '../src/channels/email/index.js';
import {
  BILLING,
  failureOf,
  SALES,
  senderTo,
  startInbound,
  startSmtpSink,
  SUPPORT,
  type InboundHarness,
  type SmtpSink,
} from './email-test-kit.js';

const CUSTOMER = 'ann@customer.example';
const PDF = Buffer.from('%PDF-1.4\n% a small but real-looking file\n%%EOF\n');

let inbound: InboundHarness | undefined;
let sink: SmtpSink | undefined;
let mailer: OutboundMailer | undefined;
const senders: ReturnType<typeof senderTo>[] = [];

afterEach(async () => {
  for (const sender of senders.splice(0)) sender.close();
  mailer?.close();
  await inbound?.server.close();
  await sink?.close();
  inbound = sink = mailer = undefined;
});

function sender(port: number) {
  const transport = senderTo(port);
  senders.push(transport);
  return transport;
}

describe('inbound SMTP', () => {
  it('hands a mail with text, html and an attachment to onMessage as an InboundEmail for its workgroup', async () => {
    inbound = await startInbound();
    const info = await sender(inbound.server.port).sendMail({
      from: { name: 'Ann Customer', address: CUSTOMER },
      to: SUPPORT,
      subject: 'Invoice 42 is wrong',
      text: 'Please look at the attached invoice.',
      html: '<p>Please look at the <b>attached</b> invoice.</p>',
      headers: { Importance: 'high' },
      attachments: [{ filename: 'invoice-42.pdf', content: PDF, contentType: 'application/pdf' }],
    });

    const mail = await inbound.delivered.next();
    expect(info.accepted).toEqual([SUPPORT]);
    expect(mail).toMatchObject({
      messageId: info.messageId,
      from: { address: CUSTOMER, name: 'Ann Customer' },
      to: [{ address: SUPPORT, name: '' }],
      cc: [],
      subject: 'Invoice 42 is wrong',
      html: '<p>Please look at the <b>attached</b> invoice.</p>',
      importance: 'high',
      workgroupIds: ['wg-support'],
      envelope: { mailFrom: CUSTOMER, rcptTo: [SUPPORT] },
    });
    expect(mail.text.trim()).toBe('Please look at the attached invoice.');
    expect(mail.date).toBeInstanceOf(Date);
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment).toMatchObject({ filename: 'invoice-42.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(Buffer.from(attachment!.content).equals(PDF)).toBe(true);
  });

  it('matches mailboxes case-insensitively and lists each workgroup once for a mail to several mailboxes', async () => {
    inbound = await startInbound();
    await sender(inbound.server.port).sendMail({
      from: CUSTOMER,
      to: ['Sales@Tandem.TEST', SUPPORT],
      cc: BILLING,
      subject: 'Three mailboxes',
      text: 'x',
    });

    const mail = await inbound.delivered.next();
    expect(mail.workgroupIds).toEqual(['wg-sales', 'wg-support']);
    expect(mail.envelope.rcptTo).toEqual([SALES, SUPPORT, BILLING]);
  });

  it('routes a mailbox reached only through Bcc by the envelope', async () => {
    inbound = await startInbound();
    await sender(inbound.server.port).sendMail({ from: CUSTOMER, to: 'someone@else.example', bcc: SUPPORT, text: 'x' });
    // Only SUPPORT is accepted; the other recipient is refused, so the mail is delivered for SUPPORT alone.
    const mail = await inbound.delivered.next();
    expect(mail.workgroupIds).toEqual(['wg-support']);
    expect(mail.to).toEqual([{ address: 'someone@else.example', name: '' }]);
  });

  it('refuses a recipient that is no workgroup mailbox at RCPT TO with 550 and delivers nothing', async () => {
    inbound = await startInbound();
    const failure = await failureOf(
      sender(inbound.server.port).sendMail({ from: CUSTOMER, to: 'nobody@tandem.test', subject: 'Hi', text: 'x' }),
    );

    expect(failure.code).toBe('EENVELOPE');
    expect(failure.responseCode).toBe(550);
    expect(failure.response).toContain('no such mailbox');
    expect(failure.rejected).toEqual(['nobody@tandem.test']);
    expect(inbound.delivered.all).toEqual([]);
  });

  it('answers 451 at RCPT TO when the mailbox configuration cannot be read, so the sender retries', async () => {
    inbound = await startInbound({
      mailboxes: () => {
        throw new Error('configuration not loaded');
      },
    });
    const failure = await failureOf(sender(inbound.server.port).sendMail({ from: CUSTOMER, to: SUPPORT, text: 'x' }));

    expect(failure.code).toBe('EENVELOPE');
    expect(failure.responseCode).toBe(451);
    expect(inbound.delivered.all).toEqual([]);
  });

  it('delivers for the known mailbox and reports the unknown one as rejected when a mail names both', async () => {
    inbound = await startInbound();
    const info = await sender(inbound.server.port).sendMail({
      from: CUSTOMER,
      to: ['nobody@tandem.test', SUPPORT],
      text: 'x',
    });

    expect(info.rejected).toEqual(['nobody@tandem.test']);
    expect((await inbound.delivered.next()).envelope.rcptTo).toEqual([SUPPORT]);
  });

  it('refuses a subject of 1025 characters with 550 and delivers nothing', async () => {
    inbound = await startInbound();
    const failure = await failureOf(
      sender(inbound.server.port).sendMail({ from: CUSTOMER, to: SUPPORT, subject: 'x'.repeat(1025), text: 'x' }),
    );

    expect(failure.responseCode).toBe(550);
    expect(failure.response).toContain('Subject is 1025 characters, the limit is 1024');
    expect(inbound.delivered.all).toEqual([]);
  });

  it('accepts a subject of exactly 1024 characters, counting an emoji as one character', async () => {
    inbound = await startInbound();
    const subject = '😀'.repeat(1024);
    await sender(inbound.server.port).sendMail({ from: CUSTOMER, to: SUPPORT, subject, text: 'x' });

    expect((await inbound.delivered.next()).subject).toBe(subject);
  });

  it('refuses a mail with an empty (0-byte) attachment with 550 and delivers nothing', async () => {
    inbound = await startInbound();
    const failure = await failureOf(
      sender(inbound.server.port).sendMail({
        from: CUSTOMER,
        to: SUPPORT,
        text: 'x',
        attachments: [
          { filename: 'fine.pdf', content: PDF },
          { filename: 'empty.txt', content: Buffer.alloc(0) },
        ],
      }),
    );

    expect(failure.responseCode).toBe(550);
    expect(failure.response).toContain("Attachment 'empty.txt' is empty (0 bytes)");
    expect(inbound.delivered.all).toEqual([]);
  });

  it('refuses a mail larger than maxMessageBytes with 552 and delivers nothing', async () => {
    inbound = await startInbound({ maxMessageBytes: 4096 });
    const failure = await failureOf(
      sender(inbound.server.port).sendMail({ from: CUSTOMER, to: SUPPORT, text: 'y'.repeat(10_000) }),
    );

    expect(failure.responseCode).toBe(552);
    expect(inbound.delivered.all).toEqual([]);
  });

  it('answers 451 when onMessage throws, so the sender sees a temporary error, and accepts the retry', async () => {
    let failNext = true;
    inbound = await startInbound({
      handle: async () => {
        if (failNext) {
          failNext = false;
          throw new Error('database unavailable');
        }
      },
    });
    const message = { from: CUSTOMER, to: SUPPORT, subject: 'Retry me', text: 'x', messageId: '<retry-1@customer>' };
    const failure = await failureOf(sender(inbound.server.port).sendMail(message));

    expect(failure.responseCode).toBe(451);
    expect(failure.response).toContain('try again later');
    expect(inbound.logger.entries.some((entry) => entry.level === 'error')).toBe(true);

    const retry = await sender(inbound.server.port).sendMail(message);
    expect(retry.response).toMatch(/^250/);
    const attempts = [await inbound.delivered.next(), await inbound.delivered.next()];
    expect(attempts.map((mail) => mail.messageId)).toEqual(['<retry-1@customer>', '<retry-1@customer>']);
  });

  it('refuses for good with the code onMessage gives in an InboundEmailRejection', async () => {
    inbound = await startInbound({
      handle: async () => {
        throw new InboundEmailRejection(550, '5.1.1 workgroup no longer receives email');
      },
    });
    const failure = await failureOf(sender(inbound.server.port).sendMail({ from: CUSTOMER, to: SUPPORT, text: 'x' }));

    expect(failure.responseCode).toBe(550);
    expect(failure.response).toContain('workgroup no longer receives email');
  });

  it('answers 250 only after onMessage has resolved', async () => {
    // While onMessage is "committing", a full SMTP round trip to another server happens. Had the
    // inbound server answered before onMessage resolved, the sender would have finished meanwhile.
    sink = await startSmtpSink();
    const events: string[] = [];
    const relay = sender(sink.port);
    inbound = await startInbound({
      handle: async () => {
        events.push('commit started');
        await relay.sendMail({ from: CUSTOMER, to: 'audit@else.example', text: 'committing' });
        events.push('committed');
      },
    });

    await sender(inbound.server.port)
      .sendMail({ from: CUSTOMER, to: SUPPORT, text: 'x' })
      .then(() => events.push('sender got 250'));

    expect(events).toEqual(['commit started', 'committed', 'sender got 250']);
  });
});

describe('reply round trip', () => {
  it('sends a reply built from a received mail through the relay with threading headers and the attachment intact', async () => {
    sink = await startSmtpSink();
    inbound = await startInbound();
    mailer = createOutboundMailer({ relay: { host: '127.0.0.1', port: sink.port } });
    const sent = await sender(inbound.server.port).sendMail({
      from: { name: 'Ann Customer', address: CUSTOMER },
      to: SUPPORT,
      subject: 'Invoice 42 is wrong',
      text: 'The total is off.',
      references: ['<earlier@customer.example>'],
    });
    const original = await inbound.delivered.next();

    const draft = buildReplyDraft(original, { mailbox: { address: SUPPORT, name: 'Tandem Support' } });
    const reply = {
      ...draftToOutboundEmail(draft),
      text: `We have corrected it, see the attachment.${draft.text}`,
      attachments: [{ filename: 'invoice-42-corrected.pdf', contentType: 'application/pdf', content: PDF }],
    };
    const result = await mailer.send(reply);
    const arrived = await sink.received.next();

    expect(arrived.mailFrom).toBe(SUPPORT);
    expect(arrived.rcptTo).toEqual([CUSTOMER]);
    expect(arrived.parsed.messageId).toBe(result.messageId);
    expect(arrived.parsed.subject).toBe('Re: Invoice 42 is wrong');
    expect(arrived.parsed.inReplyTo).toBe(sent.messageId);
    expect(arrived.parsed.references).toEqual(['<earlier@customer.example>', sent.messageId]);
    expect(arrived.parsed.from?.value).toEqual([{ address: SUPPORT, name: 'Tandem Support' }]);
    expect(arrived.parsed.text).toContain('> The total is off.');
    expect(arrived.parsed.attachments).toHaveLength(1);
    const [attachment] = arrived.parsed.attachments;
    expect(attachment?.filename).toBe('invoice-42-corrected.pdf');
    expect(attachment?.contentType).toBe('application/pdf');
    expect(attachment?.content.equals(PDF)).toBe(true);
  });
});
