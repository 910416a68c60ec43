import { TandemError, type AttachmentStore, type Clock } from '@tandem/core';
import { putDraft, type StoredDraft } from './email-records.js';
import type { EmailLogger, OutboundEmail } from './email-types.js';
import { deliveryUncertain, EmailSendError, type OutboundMailer, type SentEmail } from './outbound-smtp.js';

export interface DraftSenderDeps {
  readonly attachments: AttachmentStore;
  readonly mailer: OutboundMailer;
  readonly clock: Clock;
  readonly logger: EmailLogger;
}

/**
 * Hands a draft to the relay at most once unless the agent asks again. Sending and recording are
 * two systems (the relay, our database) with no transaction across them, so the draft records each
 * step: `sendingAt` before the relay has it, `sentAt` after it accepted. A send retried after a
 * failure in between is answered from that record:
 *
 * - the relay accepted but recording failed: the acceptance is kept in memory, and the retry
 *   records it without sending again;
 * - the relay refused (it answered an error code) or was never reached: `sendingAt` is cleared,
 *   the retry sends;
 * - the outcome is unknown (the connection broke without an answer, or the server stopped while the
 *   relay had the message or before its acceptance was recorded): `sendingAt` stays, and the retry
 *   is refused until the agent sends with `resend`, with the same Message-ID.
 *
 * docs/decisions/email-send-once.md explains the window that remains.
 */
export class DraftSender {
  /** Acceptances the relay gave that are not yet recorded, by child interaction id. */
  private readonly accepted = new Map<string, SentEmail>();

  constructor(private readonly deps: DraftSenderDeps) {}

  /**
   * Sends (or finds sent) the draft of `childId`; resolves once `sentAt` is recorded. Throws
   * ACTION_NOT_ALLOWED for an interrupted attempt without `resend`, SERVICE_UNAVAILABLE when the
   * relay fails or the acceptance cannot be recorded, and what the mailer's validation throws.
   */
  async send(
    childId: string,
    draft: StoredDraft,
    build: () => Promise<OutboundEmail>,
    options: { resend?: boolean } = {},
  ): Promise<{ sent: SentEmail; sentAt: number }> {
    if (draft.sentAt !== null) return { sent: sentOf(draft), sentAt: draft.sentAt };
    const accepted = this.accepted.get(childId);
    if (accepted) return this.record(childId, draft, accepted);
    if (draft.sendingAt != null && options.resend !== true)
      throw new TandemError(
        'ACTION_NOT_ALLOWED',
        `an earlier send of this email was interrupted while the relay had it, at ${new Date(draft.sendingAt).toISOString()}: it may have been delivered. Send with resend: true to send it again (same Message-ID ${draft.messageId})`,
        { sendInterruptedAt: new Date(draft.sendingAt).toISOString(), messageId: draft.messageId },
      );
    const mail = await build();
    const attempt: StoredDraft = { ...draft, sendingAt: this.deps.clock.now() };
    await putDraft(this.deps.attachments, childId, attempt);
    const sent = await this.relay(childId, attempt, mail);
    this.accepted.set(childId, sent);
    return this.record(childId, attempt, sent);
  }

  private async relay(childId: string, attempt: StoredDraft, mail: OutboundEmail): Promise<SentEmail> {
    try {
      return await this.deps.mailer.send(mail);
    } catch (error) {
      const uncertain = error instanceof EmailSendError && deliveryUncertain(error);
      if (!uncertain) await putDraft(this.deps.attachments, childId, { ...attempt, sendingAt: null });
      if (!(error instanceof EmailSendError)) throw error;
      this.deps.logger.warn(
        { err: error, code: error.code, responseCode: error.responseCode, uncertain },
        'Reply not sent',
      );
      const how = error.responseCode !== null ? `answered ${error.responseCode}` : `failed (${error.code})`;
      const next = uncertain
        ? 'it may have been delivered: send with resend: true to send it again'
        : `send it again ${error.temporary ? 'later' : 'after fixing it'}`;
      throw new TandemError(
        'SERVICE_UNAVAILABLE',
        `the mail relay ${how}: ${error.message}; the draft is kept, ${next}`,
        {
          relay: { code: error.code, responseCode: error.responseCode, temporary: error.temporary, uncertain },
        },
      );
    }
  }

  private async record(
    childId: string,
    draft: StoredDraft,
    sent: SentEmail,
  ): Promise<{ sent: SentEmail; sentAt: number }> {
    const now = this.deps.clock.now();
    const { accepted, rejected } = sent;
    try {
      await putDraft(this.deps.attachments, childId, {
        ...draft,
        sentAt: now,
        updatedAt: now,
        sent: { accepted, rejected },
      });
    } catch (error) {
      this.deps.logger.error({ err: error, childId }, 'Reply sent but not recorded');
      throw new TandemError(
        'SERVICE_UNAVAILABLE',
        'the mail relay accepted the email but recording that failed; send again to record it (it will not be sent twice)',
        { relay: { accepted: true } },
      );
    }
    this.accepted.delete(childId);
    return { sent, sentAt: now };
  }
}

function sentOf(draft: StoredDraft): SentEmail {
  return { messageId: draft.messageId, accepted: draft.sent?.accepted ?? [], rejected: draft.sent?.rejected ?? [] };
}
