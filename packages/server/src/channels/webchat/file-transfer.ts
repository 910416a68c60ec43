import {
  SYSTEM_ACTOR,
  TandemError,
  fieldError,
  type Attachment,
  type AttachmentStore,
  type Clock,
  type IdSource,
  type Interaction,
} from '@tandem/core';
import { z } from 'zod';
import type { DirectoryService } from '../../services/directory-service.js';
import type { InteractionService } from '../../services/interaction-service.js';
import { boolParameter, intParameter, stringParameter } from './channel-parameters.js';
import { CHAT_ATTRIBUTES, customerOf, isWebChat } from './chat-identity.js';
import type { FileInviteView } from './customer-events.js';
import type { WebChatService } from './webchat-service.js';

const MB = 1024 * 1024;
/** The largest file the manual lets an administrator allow; the upload route's hard body limit. */
export const MAX_UPLOAD_BYTES = 150 * MB;
/** Refused whatever the settings: the manual blocks exe, sh and js uploads. */
const BLOCKED_EXTENSIONS = new Set(['exe', 'sh', 'js']);

const fileInviteSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  maxFiles: z.number(),
  maxBytes: z.number(),
  extensions: z.array(z.string()),
  received: z.number(),
  invitedBy: z.string(),
});

/** An agent's invitation to the visitor to send files; one per chat, a new one replaces the last. */
export type FileInvite = z.infer<typeof fileInviteSchema>;

/** The open invitation of a chat, kept as a JSON attribute so that it is committed with the chat. */
export function inviteOf(ix: Interaction | undefined): FileInvite | undefined {
  const raw = ix?.attributes[CHAT_ATTRIBUTES.fileInvite];
  if (raw === undefined) return undefined;
  try {
    const parsed = fileInviteSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function inviteView(invite: FileInvite): FileInviteView {
  return {
    inviteId: invite.id,
    expiresAt: invite.expiresAt,
    maxFiles: invite.maxFiles,
    filesReceived: invite.received,
    maxBytes: invite.maxBytes,
    extensions: invite.extensions,
  };
}

/** `pdf|.JPG| png` → `['pdf', 'jpg', 'png']`. */
export function parseExtensions(setting: string): string[] {
  return [
    ...new Set(
      setting
        .split('|')
        .map((e) => e.trim().replace(/^\.+/, '').toLowerCase())
        .filter(Boolean),
    ),
  ];
}

export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export interface FileTransferDeps {
  chat: WebChatService;
  interactions: InteractionService;
  directory: DirectoryService;
  attachments: AttachmentStore;
  clock: Clock;
  ids: IdSource;
}

/**
 * Inbound file transfer (visitor → agent) by invitation, with the manual's Inbound File Transfer
 * Settings: off unless enabled, invitations of 15 minutes by default (at most 300), files of 5 MB by
 * default (at most 150), at most 25 files per invitation, optionally only some file types.
 */
export class FileTransfers {
  /** Uploads in progress per invitation, so that concurrent uploads cannot pass the file count. */
  private readonly inProgress = new Map<string, number>();

  constructor(private readonly deps: FileTransferDeps) {}

  /** The agent invites the visitor; resolves once the invitation is committed. */
  async invite(
    interactionId: string,
    userId: string,
    request: { minutes?: number | undefined; maxFiles?: number | undefined },
  ): Promise<FileInvite> {
    const { chat, directory, clock, ids, interactions } = this.deps;
    const ix = chat.writableBy(interactionId, userId);
    if (!isWebChat(ix))
      throw new TandemError('ACTION_NOT_ALLOWED', 'file transfer invitations are for web chat visitors only');
    const settings = directory.directory;
    if (!boolParameter(settings, 'InboundFileTransferEnabled'))
      throw new TandemError('ACTION_NOT_ALLOWED', 'inbound file transfer is off (InboundFileTransferEnabled)');
    const longest = intParameter(settings, 'InboundFileTransferInviteMinutes');
    const most = intParameter(settings, 'InboundFileTransferMaxFilesPerInvite');
    if (request.minutes !== undefined && request.minutes > longest)
      throw fieldError('minutes', `must be at most ${longest} (InboundFileTransferInviteMinutes)`);
    if (request.maxFiles !== undefined && request.maxFiles > most)
      throw fieldError('maxFiles', `must be at most ${most} (InboundFileTransferMaxFilesPerInvite)`);
    const now = clock.now();
    const invite: FileInvite = {
      id: ids.newId('invite'),
      createdAt: now,
      expiresAt: now + (request.minutes ?? longest) * 60_000,
      maxFiles: request.maxFiles ?? most,
      maxBytes: intParameter(settings, 'InboundFileTransferMaxSizeMB') * MB,
      extensions: parseExtensions(stringParameter(settings, 'InboundFileTransferAllowedExtensions')),
      received: 0,
      invitedBy: userId,
    };
    await interactions.command(ix.id, this.saving(invite), SYSTEM_ACTOR);
    chat.customers.send(ix.id, { type: 'file-invite', data: inviteView(invite) });
    return invite;
  }

  /** The size limit of the open invitation `inviteId` of a chat, to refuse a large upload before reading it. */
  maxBytesOf(chatId: string, inviteId: string): number | undefined {
    const invite = inviteOf(this.deps.interactions.get(chatId));
    return invite?.id === inviteId ? invite.maxBytes : undefined;
  }

  /**
   * A file the visitor sends on an invitation: stored, then shown in the transcript as a `file`
   * line. Throws NOT_FOUND (no such open invitation), ACTION_NOT_ALLOWED (chat ended, invitation
   * expired or used up), UNSUPPORTED_MEDIA_TYPE (file type not allowed), PAYLOAD_TOO_LARGE, or
   * VALIDATION_FAILED (empty file).
   */
  async receive(chatId: string, inviteId: string, file: UploadedFile): Promise<{ attachmentId: string; seq: number }> {
    const { chat, interactions, clock, ids } = this.deps;
    const ix = interactions.get(chatId);
    if (!ix || ix.state === 'disconnected') throw new TandemError('ACTION_NOT_ALLOWED', 'the chat has ended');
    const invite = this.openInvite(ix, inviteId);
    checkFile(file, invite);
    this.inProgress.set(invite.id, (this.inProgress.get(invite.id) ?? 0) + 1);
    try {
      const attachment: Attachment = {
        id: ids.newId('att'),
        ownerId: chatId,
        filename: file.filename,
        contentType: file.contentType,
        size: file.data.byteLength,
        createdAt: clock.now(),
      };
      await this.deps.attachments.put(attachment, file.data);
      chat.idle.touch(chatId);
      const customer = customerOf(ix);
      const message = await chat.transcripts.append({
        interactionId: chatId,
        participantId: customer.participantId,
        participantType: 'customer',
        displayName: customer.displayName,
        kind: 'file',
        text: file.filename,
        attachmentId: attachment.id,
        at: clock.now(),
      });
      await this.countReceived(chatId, invite.id);
      return { attachmentId: attachment.id, seq: message.seq };
    } finally {
      const left = (this.inProgress.get(invite.id) ?? 1) - 1;
      if (left > 0) this.inProgress.set(invite.id, left);
      else this.inProgress.delete(invite.id);
    }
  }

  /** A file of the chat for a user who may view it; NOT_FOUND when it belongs to another interaction. */
  async download(interactionId: string, attachmentId: string): Promise<{ attachment: Attachment; data: Uint8Array }> {
    const found = await this.deps.attachments.get(attachmentId);
    if (!found || found.attachment.ownerId !== interactionId)
      throw new TandemError('NOT_FOUND', `no file '${attachmentId}' in interaction ${interactionId}`);
    return found;
  }

  private openInvite(ix: Interaction, inviteId: string): FileInvite {
    const invite = inviteOf(ix);
    if (invite?.id !== inviteId)
      throw new TandemError('NOT_FOUND', `invite: no open file transfer invitation '${inviteId}' in this chat`, {
        issues: [{ path: 'invite', message: 'is not the open invitation of this chat' }],
      });
    if (this.deps.clock.now() >= invite.expiresAt)
      throw new TandemError(
        'ACTION_NOT_ALLOWED',
        `invite: the invitation expired at ${new Date(invite.expiresAt).toISOString()}`,
        {
          issues: [{ path: 'invite', message: 'has expired' }],
        },
      );
    if (invite.received + (this.inProgress.get(invite.id) ?? 0) >= invite.maxFiles)
      throw new TandemError('ACTION_NOT_ALLOWED', `invite: all ${invite.maxFiles} files of this invitation were sent`, {
        issues: [{ path: 'invite', message: `allows ${invite.maxFiles} files` }],
      });
    return invite;
  }

  private async countReceived(chatId: string, inviteId: string): Promise<void> {
    const current = inviteOf(this.deps.interactions.get(chatId));
    if (current?.id !== inviteId) return;
    await this.deps.interactions.command(
      chatId,
      this.saving({ ...current, received: current.received + 1 }),
      SYSTEM_ACTOR,
    );
  }

  private saving(invite: FileInvite) {
    return { type: 'set-attributes' as const, attributes: { [CHAT_ATTRIBUTES.fileInvite]: JSON.stringify(invite) } };
  }
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot <= 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

function checkFile(file: UploadedFile, invite: FileInvite): void {
  const extension = extensionOf(file.filename);
  const refused = (why: string) =>
    new TandemError('UNSUPPORTED_MEDIA_TYPE', `x-filename: ${why}`, { issues: [{ path: 'x-filename', message: why }] });
  if (BLOCKED_EXTENSIONS.has(extension)) throw refused(`.${extension} files are never accepted`);
  if (invite.extensions.length > 0 && !invite.extensions.includes(extension))
    throw refused(
      `${extension ? `.${extension}` : 'a file without a type'} is not accepted (allowed: ${invite.extensions.join(', ')})`,
    );
  if (file.data.byteLength === 0) throw fieldError('body', 'the file is empty');
  if (file.data.byteLength > invite.maxBytes)
    throw new TandemError('PAYLOAD_TOO_LARGE', `body: the file is larger than ${invite.maxBytes / MB} MB`);
}
