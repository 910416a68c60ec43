// What the agent API answers for emails: received messages with their HTML sanitized, and drafts.
import { EMAIL_ATTRIBUTES } from './email-intake.js';
import type { StoredDraft, StoredFile, StoredMessage } from './email-records.js';
import type { EmailAddress } from './email-types.js';
import { sanitizeEmailHtmlWithReport, type SanitizeEmailHtmlOptions } from './sanitize-html.js';

/** A received message as the agent sees it: headers, sanitized HTML, text and the file list. */
export interface EmailMessageView {
  interactionId: string;
  messageId: string | null;
  from: EmailAddress;
  replyTo: readonly EmailAddress[];
  to: readonly EmailAddress[];
  cc: readonly EmailAddress[];
  subject: string;
  /** The Date header (ISO 8601), null when absent. */
  date: string | null;
  receivedAt: string;
  inReplyTo: string | null;
  references: readonly string[];
  importance: string;
  text: string;
  /** Sanitized (`sanitizeEmailHtml`); `cid:` images refer to `attachments[].contentId`. */
  html: string | null;
  /** Remote images replaced by placeholders (ask again with remote images allowed to show them). */
  blockedImages: number;
  attachments: readonly StoredFile[];
  /** When retention removed the bodies and files (ISO 8601); null while they are kept. */
  bodiesRemovedAt: string | null;
}

/** A draft as the agent sees it. */
export interface EmailDraftView extends Omit<
  StoredDraft,
  'version' | 'files' | 'updatedAt' | 'sentAt' | 'sendingAt' | 'sent' | 'bodiesRemovedAt'
> {
  interactionId: string;
  attachments: readonly StoredFile[];
  updatedAt: string;
  sentAt: string | null;
  /** When a send was interrupted with its outcome unknown (it may have been delivered); null otherwise. */
  sendInterruptedAt: string | null;
  /** When retention emptied the text and removed the uploaded files (ISO 8601); null while kept. */
  bodiesRemovedAt: string | null;
}

/** The view of a received message; its raw HTML goes through the sanitizer here, never around it. */
export function messageView(
  interactionId: string,
  message: StoredMessage,
  bodies: { text: string; html: string | null },
  options: SanitizeEmailHtmlOptions,
): EmailMessageView {
  const clean = bodies.html === null ? null : sanitizeEmailHtmlWithReport(bodies.html, options);
  return {
    interactionId,
    messageId: message.messageId,
    from: message.from,
    replyTo: message.replyTo,
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    date: message.date === null ? null : new Date(message.date).toISOString(),
    receivedAt: new Date(message.receivedAt).toISOString(),
    inReplyTo: message.inReplyTo,
    references: message.references,
    importance: message.importance,
    text: bodies.text,
    html: clean?.html ?? null,
    blockedImages: clean?.blockedImages ?? 0,
    attachments: message.files,
    bodiesRemovedAt: isoOrNull(message.bodiesRemovedAt),
  };
}

/** The attributes that show a reply in queues: its subject and recipients. */
export function summary(draft: StoredDraft): Record<string, string> {
  return {
    [EMAIL_ATTRIBUTES.subject]: draft.subject,
    [EMAIL_ATTRIBUTES.to]: draft.to
      .map((a) => a.address)
      .join(', ')
      .slice(0, 8000),
  };
}

export function draftView(interactionId: string, draft: StoredDraft): EmailDraftView {
  const { version: _v, files, updatedAt, sentAt, sendingAt, sent: _s, bodiesRemovedAt, ...rest } = draft;
  return {
    interactionId,
    ...rest,
    attachments: files,
    updatedAt: new Date(updatedAt).toISOString(),
    sentAt: sentAt === null ? null : new Date(sentAt).toISOString(),
    sendInterruptedAt: sentAt === null ? isoOrNull(sendingAt) : null,
    bodiesRemovedAt: isoOrNull(bodiesRemovedAt),
  };
}

function isoOrNull(at: number | null | undefined): string | null {
  return at === null || at === undefined ? null : new Date(at).toISOString();
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0 && at < address.length - 1 ? address.slice(at + 1) : 'tandem.invalid';
}
