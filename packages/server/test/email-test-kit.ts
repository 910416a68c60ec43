// Real SMTP for the email channel tests: a recording sink standing in for the relay, the inbound
// server wired to an inbox, a sender, and builders. Everything listens on 127.0.0.1, port 0.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import {
  startInboundSmtp,
  type EmailLogger,
  type InboundEmail,
  type InboundEmailHandler,
  type InboundSmtpOptions,
  type InboundSmtpServer,
} from '../src/channels/email/index.js';

/** Values in arrival order; `next()` waits for the next one not yet taken. */
export class Inbox<T> {
  readonly all: T[] = [];
  private taken = 0;
  private waiters: ((value: T) => void)[] = [];

  push(value: T): void {
    this.all.push(value);
    const waiter = this.waiters.shift();
    if (waiter) {
      this.taken++;
      waiter(value);
    }
  }

  next(): Promise<T> {
    const ready = this.all[this.taken];
    if (ready !== undefined) {
      this.taken++;
      return Promise.resolve(ready);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  details: Record<string, unknown>;
  message: string;
}

export function recordingLogger(): EmailLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (details: Record<string, unknown>, message: string) =>
    entries.push({ level, details, message });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface SunkMail {
  mailFrom: string;
  rcptTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  received: Inbox<SunkMail>;
  close(): Promise<void>;
}

/** A relay that records every message it accepts; `refuseRecipients` answers RCPT TO with that code. */
export async function startSmtpSink(options: { refuseRecipients?: number } = {}): Promise<SmtpSink> {
  const received = new Inbox<SunkMail>();
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    logger: false,
    closeTimeout: 1000,
    onRcptTo(_address, _session, callback) {
      const code = options.refuseRecipients;
      callback(code ? Object.assign(new Error(`${code} refused by the sink`), { responseCode: code }) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const from = session.envelope.mailFrom;
            received.push({
              mailFrom: from ? from.address : '',
              rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const SUPPORT = 'support@tandem.test';
export const SALES = 'sales@tandem.test';
export const BILLING = 'billing@tandem.test';

/** Mailboxes of the tests: support → wg-support, sales and billing → wg-sales. */
export function someMailboxes(): Map<string, string> {
  return new Map([
    [SUPPORT, 'wg-support'],
    [SALES, 'wg-sales'],
    [BILLING, 'wg-sales'],
  ]);
}

export interface InboundHarness {
  server: InboundSmtpServer;
  delivered: Inbox<InboundEmail>;
  logger: ReturnType<typeof recordingLogger>;
}

/**
 * The inbound server with the test mailboxes; every message `onMessage` is called with lands in
 * `delivered` before `handle` (default: accept) decides.
 */
export async function startInbound(
  options: { handle?: InboundEmailHandler } & Partial<Omit<InboundSmtpOptions, 'onMessage' | 'logger' | 'port'>> = {},
): Promise<InboundHarness> {
  const { handle, ...rest } = options;
  const delivered = new Inbox<InboundEmail>();
  const logger = recordingLogger();
  const mailboxes = someMailboxes();
  const server = await startInboundSmtp({
    port: 0,
    mailboxes: () => mailboxes,
    logger,
    ...rest,
    onMessage: async (mail) => {
      delivered.push(mail);
      if (handle) await handle(mail);
    },
  });
  return { server, delivered, logger };
}

/** A plain SMTP client (no pooling, no STARTTLS) for sending to `port`. */
export function senderTo(port: number) {
  return createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
}

/** What nodemailer rejects with; the fields the tests look at. */
export interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  rejected?: string[];
}

/** The error a promise rejects with, failing the test if it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<SmtpFailure & Error> {
  try {
    await promise;
  } catch (error) {
    return error as SmtpFailure & Error;
  }
  throw new Error('expected the promise to reject, it resolved');
}

/** An InboundEmail as the parser would give it, for the pure tests. */
export function anInboundEmail(overrides: Partial<InboundEmail> = {}): InboundEmail {
  return {
    messageId: '<m1@customer.example>',
    from: { address: 'ann@customer.example', name: 'Ann Customer' },
    replyTo: [],
    to: [{ address: SUPPORT, name: 'Support' }],
    cc: [],
    subject: 'My order',
    text: 'Where is my order?\nIt is late.',
    html: null,
    date: new Date('2026-03-02T09:30:00Z'),
    inReplyTo: null,
    references: [],
    importance: 'normal',
    attachments: [],
    envelope: { mailFrom: 'ann@customer.example', rcptTo: [SUPPORT] },
    workgroupIds: ['wg-support'],
    size: 1000,
    ...overrides,
  };
}
