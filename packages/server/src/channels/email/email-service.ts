import {
  SYSTEM_ACTOR,
  TandemError,
  fieldError,
  type ActingUser,
  type AttachmentStore,
  type Clock,
  type IdSource,
  type Interaction,
  type RightSet,
} from '@tandem/core';
import { mayView } from '../../routes/interaction-routes.js';
import type { InteractionService } from '../../services/interaction-service.js';
import { KeyedMutex } from '../../util/mutex.js';
import { toEmailDraft, toOriginal, type DraftChanges, type ReplyRequest } from './email-drafts.js';
import { EMAIL_ATTRIBUTES, EmailIntake, type EmailIntakeDeps } from './email-intake.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from './email-limits.js';
import {
  getDraft,
  getMessage,
  getText,
  putDraft,
  type StoredDraft,
  type StoredFile,
  type StoredMessage,
} from './email-records.js';
import type { EmailAddress, OutboundAttachment, OutboundEmail } from './email-types.js';
import { DraftSender } from './email-send.js';
import type { OutboundMailer, SentEmail } from './outbound-smtp.js';
import { buildForwardDraft, buildReplyAllDraft, buildReplyDraft } from './reply.js';
import {
  domainOf,
  draftView,
  messageView,
  summary,
  type EmailDraftView,
  type EmailMessageView,
} from './email-views.js';

export type { DraftChanges, ReplyRequest } from './email-drafts.js';
export type { EmailDraftView, EmailMessageView } from './email-views.js';

/** Who asks: a logged-on user with effective rights. */
export interface EmailUser {
  userId: string;
  rights: RightSet;
}

export interface EmailServiceDeps extends EmailIntakeDeps {
  mailer: OutboundMailer;
  /** Largest file an agent may attach to a draft, in bytes. Default 25 MB. */
  maxAttachmentBytes?: number;
}

/** Most files one draft carries. */
export const MAX_DRAFT_FILES = 50;
/** States in which an agent works on an email: answering the received one, writing the reply. */
const WORKING = new Set(['connected', 'acd-assigned']);

/**
 * The email channel of the interaction server: received mail (through `intake`), reading it,
 * replies, replies to all and forwards as child interactions holding a draft, and sending them
 * through the relay. Only the user an email is assigned to may answer it or work on its reply.
 */
export class EmailService {
  readonly intake: EmailIntake;
  private readonly interactions: InteractionService;
  private readonly attachments: AttachmentStore;
  private readonly clock: Clock;
  private readonly ids: IdSource;
  private readonly drafts = new KeyedMutex();
  private readonly maxAttachmentBytes: number;
  private readonly sender: DraftSender;

  constructor(private readonly deps: EmailServiceDeps) {
    this.intake = new EmailIntake(deps);
    this.interactions = deps.interactions;
    this.attachments = deps.attachments;
    this.clock = deps.clock;
    this.ids = deps.ids;
    this.maxAttachmentBytes = deps.maxAttachmentBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.sender = new DraftSender(deps);
  }

  /** The received message of an email interaction. Throws FORBIDDEN, INTERACTION_NOT_FOUND, NOT_FOUND. */
  async message(id: string, user: EmailUser, options: { allowRemoteImages?: boolean } = {}): Promise<EmailMessageView> {
    const ix = await this.visible(id, user);
    const message = await this.messageOf(ix);
    const [text, html] = await Promise.all([
      getText(this.attachments, message.textId),
      getText(this.attachments, message.htmlId),
    ]);
    return messageView(ix.id, message, { text: text ?? '', html }, options);
  }

  /** A file of the received message or of the draft; NOT_FOUND for any other id. */
  async file(id: string, fileId: string, user: EmailUser): Promise<{ file: StoredFile; data: Uint8Array }> {
    const ix = await this.visible(id, user);
    const files = ix.attributes[EMAIL_ATTRIBUTES.message]
      ? (await this.messageOf(ix)).files
      : (await getDraft(this.attachments, ix.id)).files;
    const file = files.find((f) => f.id === fileId);
    const found = file && (await this.attachments.get(file.id));
    if (!file || !found) throw new TandemError('NOT_FOUND', `interaction ${ix.id} has no attachment '${fileId}'`);
    return { file, data: found.data };
  }

  /**
   * Starts a reply, reply to all or forward of a received email: a child interaction on the agent's
   * queue (outbound, connected) holding the draft, linked from the parent. Resolves once committed.
   */
  async reply(
    parentId: string,
    user: EmailUser,
    request: ReplyRequest,
  ): Promise<{ interaction: Interaction; draft: EmailDraftView }> {
    const parent = this.owned(parentId, user, 'reply to');
    const draft = await this.newDraft(parent, request);
    const actor: ActingUser = { kind: 'user', ...user };
    const child = await this.interactions.create(
      {
        type: 'email',
        direction: 'outbound',
        ownerId: user.userId,
        parentId: parent.id,
        attributes: {
          ...summary(draft),
          [EMAIL_ATTRIBUTES.mode]: request.mode,
          [EMAIL_ATTRIBUTES.mailbox]: draft.from.address,
        },
      },
      actor,
    );
    try {
      await putDraft(this.attachments, child.id, draft);
    } catch (error) {
      // A reply without its draft is of no use: end it rather than leave it on the agent's queue.
      await this.interactions.command(child.id, { type: 'disconnect', by: 'local' }, actor).catch(() => undefined);
      throw error;
    }
    await this.interactions.command(parent.id, { type: 'link-child', childId: child.id }, SYSTEM_ACTOR);
    return { interaction: child, draft: draftView(child.id, draft) };
  }

  /** The draft a reply starts with: built from the stored original, sent from the workgroup mailbox. */
  private async newDraft(parent: Interaction, request: ReplyRequest): Promise<StoredDraft> {
    const message = await this.messageOf(parent);
    const [text, html] = await Promise.all([
      getText(this.attachments, message.textId),
      getText(this.attachments, message.htmlId),
    ]);
    const mailbox: EmailAddress = {
      address: parent.attributes[EMAIL_ATTRIBUTES.mailbox] || (message.envelope.rcptTo[0] ?? ''),
      name: this.workgroupName(parent.workgroupId),
    };
    const options = { mailbox, ownAddresses: [...this.intake.mailboxes().keys()] };
    const build = { reply: buildReplyDraft, 'reply-all': buildReplyAllDraft, forward: buildForwardDraft }[request.mode];
    return toEmailDraft(build(toOriginal(message, text ?? '', html), options), message, request, {
      parentId: parent.id,
      messageId: `<${this.ids.newId('reply')}@${domainOf(mailbox.address)}>`,
      now: this.clock.now(),
    });
  }

  /** The draft of a reply interaction. */
  async draft(childId: string, user: EmailUser): Promise<EmailDraftView> {
    const ix = await this.visible(childId, user);
    return draftView(ix.id, await getDraft(this.attachments, ix.id));
  }

  /** Saves changes to a draft; fields left out keep their value. */
  async saveDraft(childId: string, user: EmailUser, changes: DraftChanges): Promise<EmailDraftView> {
    return this.drafts.run(childId, async () => {
      const child = this.owned(childId, user, 'edit the draft of');
      const draft = await this.unsentDraft(child);
      const files =
        changes.attachmentIds?.map((id, index) => {
          const file = draft.files.find((f) => f.id === id);
          if (!file) throw fieldError(`attachmentIds.${index}`, `'${id}' is not an attachment of this draft`);
          return file;
        }) ?? draft.files;
      const saved: StoredDraft = {
        ...draft,
        to: changes.to ?? draft.to,
        cc: changes.cc ?? draft.cc,
        bcc: changes.bcc ?? draft.bcc,
        subject: changes.subject ?? draft.subject,
        text: changes.text ?? draft.text,
        html: changes.html === undefined ? draft.html : changes.html || null,
        files,
        updatedAt: this.clock.now(),
      };
      await putDraft(this.attachments, child.id, saved);
      await this.interactions.command(child.id, { type: 'set-attributes', attributes: summary(saved) }, SYSTEM_ACTOR);
      return draftView(child.id, saved);
    });
  }

  /** Adds an uploaded file to a draft. Refuses an empty (0-byte) file and one over the size limit. */
  async addFile(
    childId: string,
    user: EmailUser,
    upload: { filename: string; contentType: string; data: Uint8Array },
  ): Promise<StoredFile> {
    const { filename, contentType, data } = upload;
    if (data.byteLength === 0)
      throw fieldError('body', `'${filename}' is empty (0 bytes); empty files cannot be attached`);
    if (data.byteLength > this.maxAttachmentBytes)
      throw new TandemError('PAYLOAD_TOO_LARGE', `body: '${filename}' is larger than ${this.maxAttachmentBytes} bytes`);
    return this.drafts.run(childId, async () => {
      const child = this.owned(childId, user, 'attach files to');
      const draft = await this.unsentDraft(child);
      if (draft.files.length >= MAX_DRAFT_FILES)
        throw fieldError('body', `a draft carries at most ${MAX_DRAFT_FILES} attachments`);
      const now = this.clock.now();
      const file: StoredFile = {
        id: `${child.id}.${this.ids.newId('file')}`,
        filename,
        contentType,
        size: data.byteLength,
        contentId: null,
        inline: false,
      };
      await this.attachments.put(
        { id: file.id, ownerId: child.id, filename, contentType, size: file.size, createdAt: now },
        data,
      );
      await putDraft(this.attachments, child.id, { ...draft, files: [...draft.files, file], updatedAt: now });
      return file;
    });
  }

  /**
   * Sends the draft through the relay, threaded on the original, then disconnects the reply. Sends
   * at most once (see `DraftSender`): a retry after the relay accepted finishes without sending
   * again; after an interrupted attempt it needs `resend`. Throws VALIDATION_FAILED naming the field
   * (no recipient, subject over 1024 characters, ...), SERVICE_UNAVAILABLE when the relay fails (the
   * draft stays, unsent), ACTION_NOT_ALLOWED once the reply is finished or for an interrupted attempt.
   */
  async send(
    childId: string,
    user: EmailUser,
    options: { resend?: boolean } = {},
  ): Promise<{ interaction: Interaction; sent: SentEmail }> {
    return this.drafts.run(childId, async () => {
      const child = this.owned(childId, user, 'send');
      const draft = await getDraft(this.attachments, child.id);
      const { sent, sentAt } = await this.sender.send(child.id, draft, () => this.outbound(draft), options);
      const attributes = {
        [EMAIL_ATTRIBUTES.messageId]: sent.messageId,
        [EMAIL_ATTRIBUTES.sentAt]: new Date(sentAt).toISOString(),
      };
      await this.interactions.command(child.id, { type: 'set-attributes', attributes }, SYSTEM_ACTOR);
      const interaction = await this.interactions.command(
        child.id,
        { type: 'disconnect', by: 'local' },
        { kind: 'user', ...user },
      );
      return { interaction, sent };
    });
  }

  private async outbound(draft: StoredDraft): Promise<OutboundEmail> {
    const attachments = await Promise.all(
      draft.files.map(async (file): Promise<OutboundAttachment> => {
        const found = await this.attachments.get(file.id);
        if (!found)
          throw new TandemError('NOT_FOUND', `attachment '${file.filename}' (${file.id}) is no longer stored`);
        const { filename, contentType, contentId } = file;
        return { filename, contentType, content: found.data, ...(contentId !== null ? { contentId } : {}) };
      }),
    );
    return {
      from: draft.from,
      to: draft.to,
      cc: draft.cc,
      bcc: draft.bcc,
      subject: draft.subject,
      text: draft.text,
      ...(draft.html !== null ? { html: draft.html } : {}),
      messageId: draft.messageId,
      ...(draft.inReplyTo !== null ? { inReplyTo: draft.inReplyTo } : {}),
      references: draft.references,
      attachments,
    };
  }

  /** An interaction the user may see, live or closed. */
  private async visible(id: string, user: EmailUser): Promise<Interaction> {
    const ix = await this.interactions.find(id);
    if (!mayView(ix, user.userId, user.rights))
      throw new TandemError('FORBIDDEN', `interaction ${ix.id} is not on a queue you may view`);
    if (ix.type !== 'email') throw new TandemError('NOT_FOUND', `interaction ${ix.id} is not an email`);
    return ix;
  }

  /** A live email interaction assigned to the user, in a state to be worked on. */
  private owned(id: string, user: EmailUser, what: string): Interaction {
    const ix = this.interactions.get(id);
    if (!ix) throw new TandemError('INTERACTION_NOT_FOUND', `no interaction '${id}' in progress`);
    if (!mayView(ix, user.userId, user.rights))
      throw new TandemError('FORBIDDEN', `interaction ${ix.id} is not on a queue you may view`);
    if (ix.type !== 'email') throw new TandemError('ACTION_NOT_ALLOWED', `interaction ${ix.id} is not an email`);
    if (ix.userId !== user.userId)
      throw new TandemError('NOT_ASSIGNED', `only the user the interaction is assigned to may ${what} it`);
    if (!WORKING.has(ix.state))
      throw new TandemError('ACTION_NOT_ALLOWED', `cannot ${what} an email in state ${ix.state}; pick it up first`);
    return ix;
  }

  private async messageOf(ix: Interaction): Promise<StoredMessage> {
    const key = ix.attributes[EMAIL_ATTRIBUTES.message];
    if (!key)
      throw new TandemError('NOT_FOUND', `interaction ${ix.id} carries no received email (a reply has a draft)`);
    return getMessage(this.attachments, key);
  }

  private async unsentDraft(child: Interaction): Promise<StoredDraft> {
    const draft = await getDraft(this.attachments, child.id);
    if (draft.sentAt !== null)
      throw new TandemError('ACTION_NOT_ALLOWED', `the email of interaction ${child.id} was sent`);
    return draft;
  }

  private workgroupName(workgroupId: string | undefined): string {
    if (workgroupId === undefined) return '';
    return this.deps.directory.directory.get('workgroups', workgroupId)?.displayName ?? '';
  }
}
