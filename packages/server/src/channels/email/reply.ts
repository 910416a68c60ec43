// Pure helpers that turn a received email into the draft of a reply, a reply to all or a forward.
// The service stores the draft on the child interaction (Hold keeps it), the agent edits it, and
// Send hands `draftToOutboundEmail(draft)` to the outbound mailer.
import { normalizeAddress, truncateSubject, uniqueAddresses } from './email-limits.js';
import type {
  EmailAddress,
  InboundAttachment,
  InboundEmail,
  OutboundAttachment,
  OutboundEmail,
} from './email-types.js';
import { sanitizeEmailHtml } from './sanitize-html.js';

export type EmailDraftKind = 'reply' | 'reply-all' | 'forward';

export interface EmailDraft {
  readonly kind: EmailDraftKind;
  readonly from: EmailAddress;
  readonly to: readonly EmailAddress[];
  readonly cc: readonly EmailAddress[];
  readonly bcc: readonly EmailAddress[];
  readonly subject: string;
  readonly text: string;
  /** Null when the original was plain text: the manual answers plain text with plain text. */
  readonly html: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly attachments: readonly OutboundAttachment[];
}

export interface EmailDraftOptions {
  /** The workgroup mailbox the draft is sent from; never among its recipients. */
  readonly mailbox: EmailAddress;
  /** Further own addresses never copied (other workgroup mailboxes). The message's envelope
   * recipients are always left out too: every one of them is a mailbox of this server. */
  readonly ownAddresses?: readonly string[];
  /** Keep remote images in the quoted HTML. Default false (see sanitizeEmailHtml). */
  readonly allowRemoteImages?: boolean;
}

/** `Re: ` in front, unless the subject already starts with `Re:` (any case, `Re[2]:` too). */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return truncateSubject(/^re(\[\d+\])?\s*:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`);
}

/** `Fw: ` in front, unless the subject already starts with `Fw:` or `Fwd:`. */
export function forwardSubject(subject: string): string {
  const trimmed = subject.trim();
  return truncateSubject(/^fwd?\s*:/i.test(trimmed) ? trimmed : `Fw: ${trimmed}`);
}

/**
 * Reply to the sender: to the Reply-To addresses when the message has them, else to From.
 * Threaded with In-Reply-To and References; the original quoted below an empty first line.
 */
export function buildReplyDraft(original: InboundEmail, options: EmailDraftOptions): EmailDraft {
  const excluded = ownAddresses(original, options);
  return {
    ...replyBase(original, options),
    kind: 'reply',
    to: uniqueAddresses(replyTargets(original), excluded),
    cc: [],
  };
}

/**
 * Reply to everyone: the reply target (Reply-To, else From) and every original To address in To,
 * the original Cc in Cc. With a Reply-To the From address is not added, as the manual says. Own
 * mailboxes are left out, and each address appears once (compared case-insensitively).
 */
export function buildReplyAllDraft(original: InboundEmail, options: EmailDraftOptions): EmailDraft {
  const excluded = ownAddresses(original, options);
  const to = uniqueAddresses([...replyTargets(original), ...original.to], excluded);
  const cc = uniqueAddresses(
    original.cc,
    new Set([...excluded, ...to.map((entry) => normalizeAddress(entry.address))]),
  );
  return { ...replyBase(original, options), kind: 'reply-all', to, cc };
}

/**
 * Forward with no recipients yet, every original attachment kept (the agent may remove them), and
 * the original below a header block. References carry the thread; In-Reply-To stays empty.
 */
export function buildForwardDraft(original: InboundEmail, options: EmailDraftOptions): EmailDraft {
  const header = [
    '---------- Forwarded message ----------',
    `From: ${formatAddress(original.from)}`,
    ...(original.date ? [`Date: ${original.date.toUTCString()}`] : []),
    `Subject: ${original.subject}`,
    `To: ${original.to.map(formatAddress).join(', ')}`,
    ...(original.cc.length > 0 ? [`Cc: ${original.cc.map(formatAddress).join(', ')}`] : []),
  ];
  const html =
    original.html === null
      ? null
      : `<p></p><div>${header.map(escapeHtml).join('<br>')}</div><br>` + sanitizeOriginal(original.html, options);
  return {
    kind: 'forward',
    from: options.mailbox,
    to: [],
    cc: [],
    bcc: [],
    subject: forwardSubject(original.subject),
    text: `\n\n${header.join('\n')}\n\n${normalizeNewlines(original.text)}`,
    html,
    inReplyTo: null,
    references: threadReferences(original),
    attachments: original.attachments.map(toOutboundAttachment),
  };
}

/** The message to send for a draft. */
export function draftToOutboundEmail(draft: EmailDraft): OutboundEmail {
  return {
    from: draft.from,
    to: draft.to,
    cc: draft.cc,
    bcc: draft.bcc,
    subject: draft.subject,
    text: draft.text,
    ...(draft.html !== null ? { html: draft.html } : {}),
    ...(draft.inReplyTo !== null ? { inReplyTo: draft.inReplyTo } : {}),
    references: draft.references,
    attachments: draft.attachments,
  };
}

/** The original's text with `> ` in front of each line, under an attribution line. */
export function quoteText(original: InboundEmail): string {
  const lines = normalizeNewlines(original.text).replace(/\n+$/, '').split('\n');
  const quoted = lines.map((line) => (line === '' || line.startsWith('>') ? `>${line}` : `> ${line}`));
  return `${attribution(original)}\n${quoted.join('\n')}`;
}

function replyBase(original: InboundEmail, options: EmailDraftOptions) {
  const html =
    original.html === null
      ? null
      : `<p></p><div>${escapeHtml(attribution(original))}</div>` +
        `<blockquote type="cite" style="margin:0 0 0 0.8ex;border-left:1px solid #ccc;padding-left:1ex">` +
        `${sanitizeOriginal(original.html, options)}</blockquote>`;
  return {
    from: options.mailbox,
    bcc: [],
    subject: replySubject(original.subject),
    text: `\n\n${quoteText(original)}\n`,
    html,
    inReplyTo: original.messageId,
    references: threadReferences(original),
    // Inline images the quoted HTML shows travel with it, or it would show broken images.
    attachments:
      html === null ? [] : original.attachments.filter((file) => isShownInline(file, html)).map(toOutboundAttachment),
  };
}

function replyTargets(original: InboundEmail): readonly EmailAddress[] {
  return original.replyTo.length > 0 ? original.replyTo : [original.from];
}

function ownAddresses(original: InboundEmail, options: EmailDraftOptions): Set<string> {
  return new Set(
    [options.mailbox.address, ...(options.ownAddresses ?? []), ...original.envelope.rcptTo].map(normalizeAddress),
  );
}

/** RFC 5322 §3.6.4: the parent's References (or its In-Reply-To when it has none) plus its Message-ID. */
function threadReferences(original: InboundEmail): string[] {
  const parents = original.references.length > 0 ? original.references : original.inReplyTo ? [original.inReplyTo] : [];
  const chain = original.messageId ? [...parents, original.messageId] : [...parents];
  return [...new Set(chain)];
}

function attribution(original: InboundEmail): string {
  const who = formatAddress(original.from);
  return original.date ? `On ${original.date.toUTCString()}, ${who} wrote:` : `${who} wrote:`;
}

function formatAddress(entry: EmailAddress): string {
  return entry.name ? `${entry.name} <${entry.address}>` : entry.address;
}

function sanitizeOriginal(html: string, options: EmailDraftOptions): string {
  return sanitizeEmailHtml(html, { allowRemoteImages: options.allowRemoteImages ?? false });
}

function isShownInline(file: InboundAttachment, html: string): boolean {
  return file.contentId !== null && html.includes(`cid:${file.contentId}`);
}

function toOutboundAttachment(file: InboundAttachment): OutboundAttachment {
  return {
    filename: file.filename,
    contentType: file.contentType,
    content: file.content,
    ...(file.contentId !== null ? { contentId: file.contentId } : {}),
  };
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
