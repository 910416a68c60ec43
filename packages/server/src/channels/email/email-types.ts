// Plain data exchanged between the email adapters and the interaction service. Nothing here knows
// about sockets or libraries, so the service can store, copy and test with these shapes directly.

/** A mailbox address. `name` is the display name, '' when the message gave none. */
export interface EmailAddress {
  readonly address: string;
  readonly name: string;
}

/** Importance as the queue's Importance column shows it (from `Importance` / `X-Priority`). */
export type EmailImportance = 'high' | 'normal' | 'low';

/** A file carried by a received message. Inline images have `inline` true and a `contentId`. */
export interface InboundAttachment {
  readonly filename: string;
  readonly contentType: string;
  /** Decoded size in bytes; never 0 (the inbound server refuses empty attachments). */
  readonly size: number;
  readonly content: Uint8Array;
  /** Content-ID without angle brackets, matched by `cid:` URLs in `html`; null when absent. */
  readonly contentId: string | null;
  readonly inline: boolean;
}

/** A message the inbound SMTP server accepted for one or more workgroup mailboxes. */
export interface InboundEmail {
  /** Message-ID with angle brackets as sent, null when the sender gave none. Use it to drop retries. */
  readonly messageId: string | null;
  readonly from: EmailAddress;
  /** Reply-To addresses; replies go here instead of `from` when present. */
  readonly replyTo: readonly EmailAddress[];
  readonly to: readonly EmailAddress[];
  readonly cc: readonly EmailAddress[];
  readonly subject: string;
  /** Plain text body; derived from the HTML part when the message had none. */
  readonly text: string;
  /** The HTML part as received: unsafe to display before `sanitizeEmailHtml`. Null for plain text mail. */
  readonly html: string | null;
  /** The Date header, null when absent or unparseable. */
  readonly date: Date | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly importance: EmailImportance;
  readonly attachments: readonly InboundAttachment[];
  /** SMTP envelope: the return path (null for `MAIL FROM:<>`) and the accepted recipients, lower case. */
  readonly envelope: { readonly mailFrom: string | null; readonly rcptTo: readonly string[] };
  /** Workgroups whose mailboxes were among the envelope recipients, deduplicated, in RCPT order. */
  readonly workgroupIds: readonly string[];
  /** Size of the raw message in bytes. */
  readonly size: number;
}

/** A file to send. `content` must not be empty. */
export interface OutboundAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
  /** Set for inline images referenced by `cid:` in `html`. */
  readonly contentId?: string;
}

/** A message to send through the relay. */
export interface OutboundEmail {
  readonly from: EmailAddress;
  readonly to: readonly EmailAddress[];
  readonly cc: readonly EmailAddress[];
  readonly bcc: readonly EmailAddress[];
  readonly replyTo?: EmailAddress;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Message-ID to use (with angle brackets); generated when absent. Setting it makes retries recognisable. */
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly attachments: readonly OutboundAttachment[];
}

/** What the adapters log through; a pino or Fastify logger fits. */
export interface EmailLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}
