import { SYSTEM_ACTOR, type AttachmentStore, type Clock, type IdSource, type Interaction } from '@tandem/core';
import type { DirectoryService } from '../../services/directory-service.js';
import type { InteractionService } from '../../services/interaction-service.js';
import { KeyedMutex } from '../../util/mutex.js';
import { sha256Hex } from '../../util/system-ports.js';
import { normalizeAddress } from './email-limits.js';
import { getReceipt, putMessage, putReceipt, type StoredMessage } from './email-records.js';
import type { EmailLogger, InboundEmail } from './email-types.js';
import { InboundEmailRejection } from './parse-inbound.js';

/** Attribute names the email channel puts on interactions (values are strings, as all attributes). */
export const EMAIL_ATTRIBUTES = {
  /** Key of the stored received message (`StoredMessage`): present on every inbound email interaction. */
  message: 'Email_Message',
  messageId: 'Email_MessageId',
  from: 'Email_From',
  fromName: 'Email_FromName',
  subject: 'Email_Subject',
  /** The workgroup mailbox it arrived at (inbound) or is sent from (reply). */
  mailbox: 'Email_Mailbox',
  importance: 'Email_Importance',
  attachments: 'Email_Attachments',
  /** sha256 of (workgroup, Message-ID): how a redelivered message is recognised. */
  dedupKey: 'Email_DedupKey',
  /** On a reply child: reply, reply-all or forward. */
  mode: 'Email_Mode',
  to: 'Email_To',
  sentAt: 'Email_SentAt',
} as const;

const MAX_ATTRIBUTE_VALUE = 8000;

export interface EmailIntakeDeps {
  interactions: InteractionService;
  directory: DirectoryService;
  attachments: AttachmentStore;
  clock: Clock;
  ids: IdSource;
  logger: EmailLogger;
}

/**
 * Turns received mail into ACD email interactions, one per workgroup the mail reached. `receive` is
 * the inbound server's `onMessage`: it resolves only once the message and its interactions are
 * committed, so the 250 the sender then gets means durable.
 *
 * Redelivery (a retry after a 451, or after a 250 lost on the way) is dropped per (Message-ID,
 * workgroup) through a durable receipt: written before the interaction is created and completed
 * after its commit, so it finds the interaction after it closed and left memory, and after a restart.
 */
export class EmailIntake {
  private readonly deliveries = new KeyedMutex();

  constructor(private readonly deps: EmailIntakeDeps) {}

  /** The workgroup mailboxes, lower case → workgroup id: workgroups with a queue and a mailbox. */
  mailboxes(): Map<string, string> {
    const result = new Map<string, string>();
    for (const wg of this.deps.directory.directory.list('workgroups')) {
      if (!wg.mailbox || !wg.hasQueue) continue;
      const address = normalizeAddress(wg.mailbox);
      if (!result.has(address)) result.set(address, wg.id);
    }
    return result;
  }

  /**
   * Creates the interactions of one received message. Throws InboundEmailRejection (550) when none
   * of its workgroups takes mail any more (deleted between RCPT and DATA); any other failure is
   * temporary (451) and the sender retries.
   */
  async receive(mail: InboundEmail): Promise<void> {
    const targets = mail.workgroupIds.filter((id) => this.deps.directory.directory.get('workgroups', id)?.hasQueue);
    if (targets.length === 0)
      throw new InboundEmailRejection(550, '5.1.1 The mailbox no longer belongs to a workgroup; message refused');
    const pending: { workgroupId: string; hash: string | null }[] = [];
    for (const workgroupId of targets) {
      const hash = dedupHash(mail, workgroupId);
      const existing = hash === null ? undefined : await this.deliveredAs(hash);
      if (existing === undefined) pending.push({ workgroupId, hash });
      else
        this.deps.logger.info(
          { messageId: mail.messageId, workgroupId, interactionId: existing },
          'Duplicate email dropped',
        );
    }
    if (pending.length === 0) return;
    const message = await putMessage(this.deps.attachments, mail, {
      key: this.deps.ids.newId('email'),
      now: this.deps.clock.now(),
    });
    await Promise.all(pending.map((target) => this.deliverOnce(target, mail, message)));
  }

  /** Creates the interaction unless a concurrent or earlier delivery of the same message did. */
  private async deliverOnce(
    target: { workgroupId: string; hash: string | null },
    mail: InboundEmail,
    message: StoredMessage,
  ): Promise<void> {
    const { workgroupId, hash } = target;
    if (hash === null) {
      await this.createInteraction(workgroupId, mail, message, null);
      return;
    }
    // One delivery per (message, workgroup) at a time: a second connection carrying the same message
    // waits, then finds the first one's interaction.
    await this.deliveries.run(hash, async () => {
      if ((await this.deliveredAs(hash)) !== undefined) return;
      const now = () => this.deps.clock.now();
      await putReceipt(this.deps.attachments, { hash, key: message.key, interactionId: null }, now());
      const created = await this.createInteraction(workgroupId, mail, message, hash);
      await putReceipt(this.deps.attachments, { hash, key: message.key, interactionId: created.id }, now());
    });
  }

  /**
   * The interaction a message already became, if any. A receipt without an interaction is an attempt
   * that failed after writing it: it did create the interaction when one with its message key is live
   * (the key is new to each attempt, so no user can have forged it in advance), and the receipt is
   * completed; otherwise the attempt failed before its commit and this one goes ahead.
   */
  private async deliveredAs(hash: string): Promise<string | undefined> {
    const receipt = await getReceipt(this.deps.attachments, hash);
    if (receipt === undefined) return undefined;
    if (receipt.interactionId !== null) return receipt.interactionId;
    const live = this.liveWith(receipt.key, hash);
    if (live === undefined) return undefined;
    await putReceipt(this.deps.attachments, { ...receipt, interactionId: live.id }, this.deps.clock.now());
    return live.id;
  }

  private liveWith(key: string, hash: string): Interaction | undefined {
    for (const ix of this.deps.interactions.all()) {
      const { attributes } = ix;
      if (
        ix.type === 'email' &&
        attributes[EMAIL_ATTRIBUTES.message] === key &&
        attributes[EMAIL_ATTRIBUTES.dedupKey] === hash
      )
        return ix;
    }
    return undefined;
  }

  private createInteraction(
    workgroupId: string,
    mail: InboundEmail,
    message: StoredMessage,
    hash: string | null,
  ): Promise<Interaction> {
    const mailbox = this.deps.directory.directory.get('workgroups', workgroupId)?.mailbox ?? '';
    const attributes: Record<string, string> = {
      [EMAIL_ATTRIBUTES.message]: message.key,
      [EMAIL_ATTRIBUTES.from]: mail.from.address,
      [EMAIL_ATTRIBUTES.subject]: mail.subject,
      [EMAIL_ATTRIBUTES.mailbox]: mailbox,
      [EMAIL_ATTRIBUTES.importance]: mail.importance,
      [EMAIL_ATTRIBUTES.attachments]: String(mail.attachments.length),
    };
    if (mail.from.name) attributes[EMAIL_ATTRIBUTES.fromName] = mail.from.name;
    if (mail.messageId !== null) attributes[EMAIL_ATTRIBUTES.messageId] = mail.messageId;
    if (hash !== null) attributes[EMAIL_ATTRIBUTES.dedupKey] = hash;
    const customer = { id: `email:${normalizeAddress(mail.from.address)}`, kind: 'customer' as const };
    return this.deps.interactions.create(
      {
        type: 'email',
        direction: 'inbound',
        workgroupId,
        attributes: clipValues(attributes),
        participants: [{ ...customer, displayName: mail.from.name || mail.from.address }],
      },
      SYSTEM_ACTOR,
    );
  }
}

/**
 * What identifies a delivery of a message to a workgroup: its Message-ID, or, for the rare message
 * without one, its sender, Date, subject and bodies (a retry repeats them byte for byte). Null when
 * it has neither a Message-ID nor a Date: such a message cannot be told from a new one.
 */
export function dedupHash(mail: InboundEmail, workgroupId: string): string | null {
  if (mail.messageId !== null && mail.messageId.trim() !== '')
    return sha256Hex(`${workgroupId}\u0000${mail.messageId.trim()}`);
  if (mail.date === null) return null;
  const parts = [workgroupId, mail.from.address, String(mail.date.getTime()), mail.subject, mail.text, mail.html ?? ''];
  return sha256Hex(`content\u0000${parts.join('\u0000')}`);
}

function clipValues(attributes: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    // The core counts UTF-16 units; cutting must not leave half a surrogate pair (unstorable).
    const cut = value.length <= MAX_ATTRIBUTE_VALUE ? value : value.slice(0, MAX_ATTRIBUTE_VALUE);
    result[key] = /[\ud800-\udbff]$/.test(cut) && cut !== value ? cut.slice(0, -1) : cut;
  }
  return result;
}
