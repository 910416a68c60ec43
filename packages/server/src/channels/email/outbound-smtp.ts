import { TandemError, type FieldIssue } from '@tandem/core';
import { createTransport } from 'nodemailer';
import { DEFAULT_MAX_MESSAGE_BYTES, isPlainAddress, MAX_SUBJECT_CHARACTERS, subjectLength } from './email-limits.js';
import type { EmailAddress, OutboundEmail } from './email-types.js';

/** The SMTP relay all outbound mail goes through. */
export interface RelayOptions {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465). Default false: plain, upgraded by STARTTLS when offered. */
  readonly secure?: boolean;
  /** Refuse to send unless the relay offers STARTTLS. Default false. */
  readonly requireTLS?: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  /** Name sent in EHLO. Default: the machine's host name. */
  readonly clientName?: string;
}

export interface OutboundMailerOptions {
  readonly relay: RelayOptions;
  /** Largest single attachment, in bytes (the manual's admin-set limit). Default 25 MB. */
  readonly maxAttachmentBytes?: number;
  /** Connections kept open to the relay. Default 2. */
  readonly maxConnections?: number;
}

export interface SentEmail {
  /** The Message-ID header sent, with angle brackets. */
  readonly messageId: string;
  /** Recipients the relay accepted and refused; `send` throws only when it refused them all. */
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
}

/** Sends mail through the relay. */
export interface OutboundMailer {
  /**
   * Validates and sends one message; resolves once the relay accepted it.
   * Throws TandemError VALIDATION_FAILED naming the field (`subject`, `to`, `attachments.0.content`,
   * ...) before connecting, and EmailSendError when the relay or the network fails.
   */
  send(mail: OutboundEmail): Promise<SentEmail>;
  /** Closes the pooled connections. */
  close(): void;
}

/** The relay did not take the message. `temporary` tells whether sending it again later may work. */
export class EmailSendError extends Error {
  readonly temporary: boolean;
  /** The relay's SMTP reply code, null when it never answered (connection, DNS, timeout). */
  readonly responseCode: number | null;
  /** nodemailer's error code (`EENVELOPE`, `ECONNECTION`, `ETIMEDOUT`, `EAUTH`, ...). */
  readonly code: string;

  constructor(
    message: string,
    details: { temporary: boolean; responseCode: number | null; code: string; cause?: unknown },
  ) {
    super(message, { cause: details.cause });
    this.name = 'EmailSendError';
    this.temporary = details.temporary;
    this.responseCode = details.responseCode;
    this.code = details.code;
  }
}

const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'ECONNRESET']);

/** Failures before any mail transaction began: name resolution, refused connection, TLS or login. */
const BEFORE_TRANSACTION_CODES = new Set([
  'EDNS',
  'ETLS',
  'EAUTH',
  'EENVELOPE',
  'EMESSAGE',
  'EPROTOCOL',
  'EREQUIRETLS',
]);

/**
 * Whether the relay may have taken the message although `send` failed: the connection broke or
 * timed out without an SMTP answer, possibly after the end of DATA (RFC 1047's window). A relay
 * that answered with an error code, a connection never made, or a failure of DNS, TLS or login
 * before the transaction means it was not taken.
 */
export function deliveryUncertain(error: EmailSendError): boolean {
  if (error.responseCode !== null || BEFORE_TRANSACTION_CODES.has(error.code)) return false;
  const cause = error.cause as { syscall?: unknown } | undefined;
  return cause?.syscall !== 'connect' && cause?.syscall !== 'getaddrinfo';
}

/** Creates the mailer. Nothing connects until the first `send`. */
export function createOutboundMailer(options: OutboundMailerOptions): OutboundMailer {
  const { relay } = options;
  const maxAttachmentBytes = options.maxAttachmentBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const transport = createTransport({
    pool: true,
    maxConnections: options.maxConnections ?? 2,
    host: relay.host,
    port: relay.port,
    secure: relay.secure ?? false,
    requireTLS: relay.requireTLS ?? false,
    ...(relay.auth ? { auth: { user: relay.auth.user, pass: relay.auth.pass } } : {}),
    ...(relay.clientName ? { name: relay.clientName } : {}),
  });
  return {
    async send(mail) {
      validateOutboundEmail(mail, maxAttachmentBytes);
      try {
        const info = await transport.sendMail({
          from: toHeader(mail.from),
          to: mail.to.map(toHeader),
          cc: mail.cc.map(toHeader),
          bcc: mail.bcc.map(toHeader),
          ...(mail.replyTo ? { replyTo: toHeader(mail.replyTo) } : {}),
          subject: mail.subject,
          text: mail.text,
          ...(mail.html !== undefined ? { html: mail.html } : {}),
          ...(mail.messageId !== undefined ? { messageId: mail.messageId } : {}),
          ...(mail.inReplyTo !== undefined ? { inReplyTo: mail.inReplyTo } : {}),
          ...(mail.references !== undefined && mail.references.length > 0 ? { references: [...mail.references] } : {}),
          attachments: mail.attachments.map((attachment) => ({
            filename: attachment.filename,
            contentType: attachment.contentType,
            content: Buffer.from(
              attachment.content.buffer,
              attachment.content.byteOffset,
              attachment.content.byteLength,
            ),
            ...(attachment.contentId !== undefined ? { cid: attachment.contentId } : {}),
          })),
        });
        return {
          messageId: info.messageId,
          accepted: addressList(info.accepted),
          rejected: addressList(info.rejected),
        };
      } catch (error) {
        throw toSendError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

/**
 * Checks a message against the manual's limits before anything is sent: at least one recipient,
 * plain addresses, a subject of at most 1024 characters, no empty (0-byte) attachment, none over
 * `maxAttachmentBytes`. Throws TandemError VALIDATION_FAILED listing every problem, the first in
 * the message.
 */
export function validateOutboundEmail(mail: OutboundEmail, maxAttachmentBytes = DEFAULT_MAX_MESSAGE_BYTES): void {
  const issues: FieldIssue[] = [];
  const addressIssue = (path: string, entry: EmailAddress) => {
    if (!isPlainAddress(entry.address)) issues.push({ path, message: `'${entry.address}' is not an email address` });
  };
  addressIssue('from.address', mail.from);
  if (mail.replyTo) addressIssue('replyTo.address', mail.replyTo);
  if (mail.to.length + mail.cc.length + mail.bcc.length === 0) {
    issues.push({ path: 'to', message: 'at least one recipient (to, cc or bcc) is required' });
  }
  for (const field of ['to', 'cc', 'bcc'] as const) {
    mail[field].forEach((entry, index) => addressIssue(`${field}.${index}.address`, entry));
  }
  const length = subjectLength(mail.subject);
  if (length > MAX_SUBJECT_CHARACTERS) {
    issues.push({ path: 'subject', message: `is ${length} characters, the limit is ${MAX_SUBJECT_CHARACTERS}` });
  }
  mail.attachments.forEach((attachment, index) => {
    if (attachment.filename.trim() === '') issues.push({ path: `attachments.${index}.filename`, message: 'is empty' });
    const size = attachment.content.byteLength;
    if (size === 0) {
      issues.push({ path: `attachments.${index}.content`, message: `'${attachment.filename}' is empty (0 bytes)` });
    } else if (size > maxAttachmentBytes) {
      issues.push({
        path: `attachments.${index}.content`,
        message: `'${attachment.filename}' is ${size} bytes, the limit is ${maxAttachmentBytes}`,
      });
    }
  });
  const first = issues[0];
  if (first) throw new TandemError('VALIDATION_FAILED', `${first.path}: ${first.message}`, { issues });
}

function toHeader(entry: EmailAddress): { name: string; address: string } {
  return { name: entry.name, address: entry.address };
}

function addressList(list: readonly (string | { address: string })[]): string[] {
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.address));
}

function toSendError(error: unknown): EmailSendError {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const reply = typeof responseCode === 'number' ? responseCode : null;
  const errorCode = typeof code === 'string' ? code : 'UNKNOWN';
  const temporary = reply !== null ? reply >= 400 && reply < 500 : NETWORK_CODES.has(errorCode);
  const message = error instanceof Error ? error.message : String(error);
  return new EmailSendError(message, { temporary, responseCode: reply, code: errorCode, cause: error });
}
