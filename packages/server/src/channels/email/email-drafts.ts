// Between the pure draft builders of reply.ts (which work on messages with their bytes) and what is
// stored (files by id): rebuilding the original from its stored form, and storing a built draft.
import type { StoredDraft, StoredFile, StoredMessage } from './email-records.js';
import type { EmailAddress, InboundAttachment, InboundEmail } from './email-types.js';
import type { EmailDraft, EmailDraftKind } from './reply.js';

/** What an agent asks for when answering: the kind, and optionally recipients and an opening. */
export interface ReplyRequest {
  mode: EmailDraftKind;
  /** Replaces the recipients the reply would get. */
  to?: EmailAddress[] | undefined;
  cc?: EmailAddress[] | undefined;
  /** Written above the quoted original. */
  text?: string | undefined;
  html?: string | undefined;
}

/** Changes to a draft; what is left out stays. `attachmentIds` keeps those files, in that order. */
export interface DraftChanges {
  to?: EmailAddress[] | undefined;
  cc?: EmailAddress[] | undefined;
  bcc?: EmailAddress[] | undefined;
  subject?: string | undefined;
  text?: string | undefined;
  /** '' sends plain text only (no HTML part). */
  html?: string | undefined;
  attachmentIds?: string[] | undefined;
}

const NO_BYTES = new Uint8Array(0);

/**
 * The received message as the draft builders take it. File contents are left empty: the builders
 * only choose which files go with the draft, and the stored ones are sent by id.
 */
export function toOriginal(message: StoredMessage, text: string, html: string | null): InboundEmail {
  return {
    messageId: message.messageId,
    from: message.from,
    replyTo: message.replyTo,
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    text,
    html,
    date: message.date === null ? null : new Date(message.date),
    inReplyTo: message.inReplyTo,
    references: message.references,
    importance: message.importance,
    attachments: message.files.map((file): InboundAttachment => ({
      filename: file.filename,
      contentType: file.contentType,
      size: file.size,
      content: NO_BYTES,
      contentId: file.contentId,
      inline: file.inline,
    })),
    envelope: message.envelope,
    workgroupIds: [],
    size: message.size,
  };
}

/** A built draft with the agent's recipients and opening applied, its files referring to stored ones. */
export function toEmailDraft(
  built: EmailDraft,
  message: StoredMessage,
  request: ReplyRequest,
  context: { parentId: string; messageId: string; now: number },
): StoredDraft {
  const text = (request.text ?? '') + built.text;
  // Mail clients show the HTML part when there is one: the opening must be in both parts.
  const opening = request.html ?? (request.text === undefined ? undefined : textToHtml(request.text));
  let html = built.html;
  if (opening !== undefined && (built.html !== null || request.html !== undefined))
    html = opening + (built.html ?? `<pre style="white-space:pre-wrap">${escapeHtml(built.text)}</pre>`);
  return {
    version: 1,
    kind: built.kind,
    parentId: context.parentId,
    from: built.from,
    to: request.to ?? built.to,
    cc: request.cc ?? built.cc,
    bcc: built.bcc,
    subject: built.subject,
    text,
    html,
    inReplyTo: built.inReplyTo,
    references: built.references,
    files: storedFilesOf(built, message),
    messageId: context.messageId,
    updatedAt: context.now,
    sentAt: null,
  };
}

/** The stored files the builder chose, matched on name, type and Content-ID, each used once. */
function storedFilesOf(built: EmailDraft, message: StoredMessage): StoredFile[] {
  const unused = [...message.files];
  const result: StoredFile[] = [];
  for (const chosen of built.attachments) {
    const index = unused.findIndex(
      (file) =>
        file.filename === chosen.filename &&
        file.contentType === chosen.contentType &&
        (file.contentId ?? undefined) === chosen.contentId,
    );
    if (index < 0) continue;
    result.push(unused[index] as StoredFile);
    unused.splice(index, 1);
  }
  return result;
}

function textToHtml(text: string): string {
  return `<div>${escapeHtml(text).replace(/\r?\n/g, '<br>')}</div>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
