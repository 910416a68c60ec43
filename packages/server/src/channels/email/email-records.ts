// What the email service keeps in the AttachmentStore, and how. The interaction document carries
// only a few attributes (sender, subject, Message-ID, the key of the stored message); the bodies,
// the full header set and the files live here, so queues and routing never load a 20 MB message.
import { TandemError, type AttachmentStore } from '@tandem/core';
import type { EmailDraft } from './reply.js';
import type { EmailAddress, EmailImportance, InboundEmail } from './email-types.js';

/** A file of a received message or of a draft, without its bytes. */
export interface StoredFile {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  /** Content-ID without angle brackets, matched by `cid:` URLs in the HTML; null when absent. */
  readonly contentId: string | null;
  readonly inline: boolean;
}

/** A received message: every header the agent sees, and where its bodies and files are. */
export interface StoredMessage {
  readonly version: 1;
  readonly key: string;
  readonly messageId: string | null;
  readonly from: EmailAddress;
  readonly replyTo: readonly EmailAddress[];
  readonly to: readonly EmailAddress[];
  readonly cc: readonly EmailAddress[];
  readonly subject: string;
  /** The Date header, epoch ms; null when absent. */
  readonly date: number | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly importance: EmailImportance;
  readonly envelope: { readonly mailFrom: string | null; readonly rcptTo: readonly string[] };
  readonly size: number;
  readonly receivedAt: number;
  readonly textId: string;
  /** The raw HTML part (unsafe until sanitized); null for plain text mail. */
  readonly htmlId: string | null;
  readonly files: readonly StoredFile[];
  /** When retention removed the bodies and files (`EmailBodyRetentionDays`); absent or null before. */
  readonly bodiesRemovedAt?: number | null;
}

/** The reply, reply-all or forward an agent is writing, kept on its child interaction. */
export interface StoredDraft extends Omit<EmailDraft, 'attachments'> {
  readonly version: 1;
  /** The interaction of the received message. */
  readonly parentId: string;
  /** Files sent with it: the original's (forward, inline images of a reply) and uploaded ones. */
  readonly files: readonly StoredFile[];
  /** Chosen when the draft is made, so that a send retried after a lost answer is recognisable. */
  readonly messageId: string;
  readonly updatedAt: number;
  /** Set once the relay accepted it; a sent draft no longer changes. */
  readonly sentAt: number | null;
  /**
   * Set, durably, just before the draft is handed to the relay; cleared when the relay refused it.
   * Still set without `sentAt` means an attempt whose outcome is unknown (the server stopped while
   * the relay had it): the draft is not sent again unless the agent asks to. Absent in drafts
   * stored before it existed.
   */
  readonly sendingAt?: number | null;
  /** When retention emptied the text and HTML and removed the uploaded files; absent or null before. */
  readonly bodiesRemovedAt?: number | null;
  /** What the relay answered, recorded with `sentAt`. */
  readonly sent?: { readonly accepted: readonly string[]; readonly rejected: readonly string[] } | null;
}

/** Ids of the stored pieces. Deterministic, so a draft is found from its interaction alone. */
export const emailIds = {
  text: (key: string) => `${key}.text`,
  html: (key: string) => `${key}.html`,
  file: (key: string, index: number) => `${key}.file-${index + 1}`,
  draft: (childId: string) => `${childId}.email-draft`,
  receipt: (hash: string) => `email-receipt-${hash}`,
};

/** Owner of the delivery receipts (dedup), which belong to no single interaction. */
export const RECEIPT_OWNER = 'email-receipts';

const JSON_TYPE = 'application/json';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Stores a received message: its bodies, files and header document, all under `key`. */
export async function putMessage(
  attachments: AttachmentStore,
  mail: InboundEmail,
  context: { key: string; now: number },
): Promise<StoredMessage> {
  const { key, now } = context;
  const files = mail.attachments.map((file, index): StoredFile => {
    const { filename, contentType, size, contentId, inline } = file;
    return { id: emailIds.file(key, index), filename, contentType, size, contentId, inline };
  });
  const put = (id: string, filename: string, contentType: string, data: Uint8Array) =>
    attachments.put({ id, ownerId: key, filename, contentType, size: data.byteLength, createdAt: now }, data);
  await put(emailIds.text(key), 'body.txt', 'text/plain; charset=utf-8', encoder.encode(mail.text));
  if (mail.html !== null)
    await put(emailIds.html(key), 'body.html', 'text/html; charset=utf-8', encoder.encode(mail.html));
  for (const [index, file] of mail.attachments.entries()) {
    const stored = files[index] as StoredFile;
    await put(stored.id, stored.filename, stored.contentType, file.content);
  }
  const message: StoredMessage = {
    version: 1,
    key,
    messageId: mail.messageId,
    from: mail.from,
    replyTo: mail.replyTo,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    date: mail.date ? mail.date.getTime() : null,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    importance: mail.importance,
    envelope: mail.envelope,
    size: mail.size,
    receivedAt: now,
    textId: emailIds.text(key),
    htmlId: mail.html !== null ? emailIds.html(key) : null,
    files,
  };
  // The header document last: it only exists once everything it points to does.
  await putMessageHeader(attachments, message);
  return message;
}

/** Writes (replaces) the header document of a stored message. */
export async function putMessageHeader(attachments: AttachmentStore, message: StoredMessage): Promise<void> {
  const data = encoder.encode(JSON.stringify(message));
  await attachments.put(
    {
      id: message.key,
      ownerId: message.key,
      filename: 'message.json',
      contentType: JSON_TYPE,
      size: data.byteLength,
      createdAt: message.receivedAt,
    },
    data,
  );
}

/** The header document stored under `key`, or undefined when there is none. */
export async function getMessageIfAny(attachments: AttachmentStore, key: string): Promise<StoredMessage | undefined> {
  return readJsonIfAny<StoredMessage>(attachments, key);
}

/** The draft of a reply interaction, or undefined when it has none. */
export async function getDraftIfAny(attachments: AttachmentStore, childId: string): Promise<StoredDraft | undefined> {
  return readJsonIfAny<StoredDraft>(attachments, emailIds.draft(childId));
}

/** The header document stored under `key`; throws NOT_FOUND when it is missing. */
export async function getMessage(attachments: AttachmentStore, key: string): Promise<StoredMessage> {
  return readJson<StoredMessage>(attachments, key, 'the received message');
}

/** A stored body as text ('' when absent). */
export async function getText(attachments: AttachmentStore, id: string | null): Promise<string | null> {
  if (id === null) return null;
  const found = await attachments.get(id);
  return found ? decoder.decode(found.data) : null;
}

export async function getDraft(attachments: AttachmentStore, childId: string): Promise<StoredDraft> {
  return readJson<StoredDraft>(attachments, emailIds.draft(childId), 'the draft');
}

/** Saves (replaces) the draft of a child interaction. */
export async function putDraft(attachments: AttachmentStore, childId: string, draft: StoredDraft): Promise<void> {
  const data = encoder.encode(JSON.stringify(draft));
  await attachments.put(
    {
      id: emailIds.draft(childId),
      ownerId: childId,
      filename: 'draft.json',
      contentType: JSON_TYPE,
      size: data.byteLength,
      createdAt: draft.updatedAt,
    },
    data,
  );
}

/**
 * A delivery of a message to a workgroup: written (without `interactionId`) before the interaction is
 * created, completed after its commit. `key` is the stored message that delivery attempt wrote.
 */
export interface DeliveryReceipt {
  readonly hash: string;
  readonly key: string;
  readonly interactionId: string | null;
}

export async function getReceipt(attachments: AttachmentStore, hash: string): Promise<DeliveryReceipt | undefined> {
  const found = await attachments.get(emailIds.receipt(hash));
  return found ? (JSON.parse(decoder.decode(found.data)) as DeliveryReceipt) : undefined;
}

export async function putReceipt(attachments: AttachmentStore, receipt: DeliveryReceipt, now: number): Promise<void> {
  const data = encoder.encode(JSON.stringify(receipt));
  await attachments.put(
    {
      id: emailIds.receipt(receipt.hash),
      ownerId: RECEIPT_OWNER,
      filename: 'receipt.json',
      contentType: JSON_TYPE,
      size: data.byteLength,
      createdAt: now,
    },
    data,
  );
}

async function readJson<T>(attachments: AttachmentStore, id: string, what: string): Promise<T> {
  const found = await readJsonIfAny<T>(attachments, id);
  if (!found) throw new TandemError('NOT_FOUND', `${what} (${id}) is not stored`);
  return found;
}

async function readJsonIfAny<T>(attachments: AttachmentStore, id: string): Promise<T | undefined> {
  const found = await attachments.get(id);
  if (!found) return undefined;
  const value = JSON.parse(decoder.decode(found.data)) as { version?: unknown };
  // Only version 1 exists; a later one must come with a reader for this one, not be misread.
  if (value.version !== 1) throw new Error(`${id}: unknown stored email version ${String(value.version)}`);
  return value as T;
}
