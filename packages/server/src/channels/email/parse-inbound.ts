import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import { MAX_SUBJECT_CHARACTERS, subjectLength } from './email-limits.js';
import type { EmailAddress, EmailImportance, InboundAttachment, InboundEmail } from './email-types.js';

/**
 * Thrown to refuse a message for good: the SMTP server answers `responseCode` (5xx) with the
 * message and the sender bounces it instead of retrying. The interaction service may throw it from
 * `onMessage` too (for example when the workgroup was deleted between RCPT and DATA).
 */
export class InboundEmailRejection extends Error {
  readonly responseCode: number;

  constructor(responseCode: number, message: string) {
    super(message);
    this.name = 'InboundEmailRejection';
    this.responseCode = responseCode;
  }
}

/** Where a message came from and whom it was for, as the SMTP session saw it. */
export interface InboundEnvelope {
  readonly mailFrom: string | null;
  readonly rcptTo: readonly string[];
  readonly workgroupIds: readonly string[];
}

/**
 * Parses a raw RFC 5322 message into an InboundEmail. The HTML stays as sent (including `cid:`
 * links); only the display layer sanitizes it.
 * Throws InboundEmailRejection (550) when the message has no sender address at all.
 */
export async function parseInboundEmail(raw: Buffer, envelope: InboundEnvelope): Promise<InboundEmail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const from = firstAddress(parsed.from) ?? (envelope.mailFrom ? { address: envelope.mailFrom, name: '' } : null);
  if (!from) throw new InboundEmailRejection(550, '5.6.0 Message has no sender address (From header)');
  return {
    messageId: parsed.messageId ?? null,
    from,
    replyTo: addresses(parsed.replyTo),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    date: validDate(parsed.date),
    inReplyTo: parsed.inReplyTo ?? null,
    references: references(parsed),
    importance: importance(parsed),
    attachments: parsed.attachments.map(toAttachment),
    envelope: { mailFrom: envelope.mailFrom, rcptTo: [...envelope.rcptTo] },
    workgroupIds: [...envelope.workgroupIds],
    size: raw.byteLength,
  };
}

/**
 * The manual's refusals, applied to a parsed message: a subject over 1024 characters and an empty
 * (0-byte) attachment. Throws InboundEmailRejection (550) naming the reason.
 */
export function checkInboundLimits(mail: InboundEmail): void {
  const length = subjectLength(mail.subject);
  if (length > MAX_SUBJECT_CHARACTERS) {
    throw new InboundEmailRejection(
      550,
      `5.6.0 Subject is ${length} characters, the limit is ${MAX_SUBJECT_CHARACTERS}; message refused`,
    );
  }
  const empty = mail.attachments.find((attachment) => attachment.size === 0);
  if (empty) {
    throw new InboundEmailRejection(550, `5.6.0 Attachment '${empty.filename}' is empty (0 bytes); message refused`);
  }
}

function addresses(field: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  if (!field) return [];
  const objects = Array.isArray(field) ? field : [field];
  const result: EmailAddress[] = [];
  for (const object of objects) {
    for (const entry of object.value) {
      // Group syntax (`Team: a@x, b@y;`) nests its members one level down.
      for (const member of entry.group ?? [entry]) {
        if (member.address) result.push({ address: member.address, name: member.name });
      }
    }
  }
  return result;
}

function firstAddress(field: AddressObject | undefined): EmailAddress | null {
  return addresses(field)[0] ?? null;
}

// mailparser folds Importance, Priority, X-Priority and X-MSMail-Priority into one `priority` header
// (this version's simpleParser does not copy it onto the result, whatever the types say).
function importance(parsed: ParsedMail): EmailImportance {
  const value = parsed.headers.get('priority');
  return value === 'high' || value === 'low' ? value : 'normal';
}

function validDate(date: Date | undefined): Date | null {
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

function references(parsed: ParsedMail): string[] {
  const value = parsed.references;
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

function toAttachment(attachment: Attachment): InboundAttachment {
  return {
    filename: attachment.filename ?? 'attachment',
    contentType: attachment.contentType,
    size: attachment.content.byteLength,
    // A Buffer is a Uint8Array: no copy of a possibly large file.
    content: attachment.content,
    contentId: attachment.cid ?? null,
    inline: attachment.contentDisposition === 'inline' || attachment.related === true,
  };
}
