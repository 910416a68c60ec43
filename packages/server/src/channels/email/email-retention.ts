import type { AttachmentStore, Clock, InteractionRecord, InteractionStore } from '@tandem/core';
import type { DirectoryService } from '../../services/directory-service.js';
import { EMAIL_ATTRIBUTES } from './email-intake.js';
import { emailIds, getDraftIfAny, getMessageIfAny, putDraft, putMessageHeader } from './email-records.js';
import type { EmailLogger } from './email-types.js';

export interface EmailRetentionDeps {
  /** Closed interactions, read page by page. */
  readonly closed: Pick<InteractionStore, 'listClosed'>;
  readonly attachments: AttachmentStore;
  readonly directory: DirectoryService;
  readonly clock: Clock;
  readonly logger: EmailLogger;
}

/** What one sweep removed. */
export interface RetentionSweep {
  /** Email interactions whose bodies and files were removed. */
  interactions: number;
  /** Stored pieces deleted: body parts of received messages, and files. */
  deleted: number;
}

const DAY_MS = 86_400_000;
/** Closed interactions read per page. */
const PAGE = 200;

/**
 * Removes the bodies and files of email interactions closed more than `EmailBodyRetentionDays`
 * ago (default 90; 0 keeps them): the text and HTML parts and attachments of a received message,
 * the text, HTML and uploaded files of a sent reply. The headers stay (sender, recipients, subject,
 * dates, file names), marked `bodiesRemovedAt`, so the interaction still says what it was. A sweep
 * reads only what closed since the last one; the first after a start reads from the beginning, and
 * an interaction already swept costs one read.
 */
export class EmailRetention {
  /** Interactions closed before this were swept. */
  private sweptUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionSweep> | undefined;

  constructor(private readonly deps: EmailRetentionDeps) {}

  /** The parameter, in days; 0 keeps bodies for ever. */
  retentionDays(): number {
    const value = this.deps.directory.directory.parameter('EmailBodyRetentionDays');
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 90;
  }

  /** Removes what is past the retention now. One sweep at a time; a call during one waits for it. */
  sweep(): Promise<RetentionSweep> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Production timer: a sweep every `everyMs` (default one hour). */
  startTimers(everyMs = 3_600_000): void {
    this.timer ??= setInterval(() => {
      this.sweep().catch((error: unknown) => this.deps.logger.error({ err: error }, 'Email retention sweep failed'));
    }, everyMs).unref();
  }

  stopTimers(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async sweepOnce(): Promise<RetentionSweep> {
    const result: RetentionSweep = { interactions: 0, deleted: 0 };
    const days = this.retentionDays();
    if (days === 0) return result;
    const until = this.deps.clock.now() - days * DAY_MS;
    for (let since = this.sweptUntil; since < until;) {
      const page = await this.deps.closed.listClosed({ since, until, type: 'email', limit: PAGE });
      for (const record of page) {
        const deleted = await this.strip(record);
        if (deleted === undefined) continue;
        result.interactions += 1;
        result.deleted += deleted;
      }
      const last = page[page.length - 1]?.closedAt;
      if (page.length < PAGE || last === null || last === undefined) break;
      // Pages go on at the last closing time (records there are seen again, and cost nothing then).
      since = last === since ? last + 1 : last;
    }
    this.sweptUntil = Math.max(this.sweptUntil, until);
    if (result.interactions > 0) this.deps.logger.info({ ...result, days }, 'Email bodies past retention removed');
    return result;
  }

  /** Removes one interaction's bodies and files; answers how many files went, undefined when nothing was left. */
  private async strip(record: InteractionRecord): Promise<number | undefined> {
    const attributes = (record.doc.attributes ?? {}) as Record<string, string | undefined>;
    const key = attributes[EMAIL_ATTRIBUTES.message];
    return key ? this.stripMessage(key) : this.stripDraft(record.id);
  }

  private async stripMessage(key: string): Promise<number | undefined> {
    const message = await getMessageIfAny(this.deps.attachments, key);
    if (!message || message.bodiesRemovedAt != null) return undefined;
    const deleted = await this.deps.attachments.delete([
      message.textId,
      ...(message.htmlId !== null ? [message.htmlId] : []),
      ...message.files.map((f) => f.id),
    ]);
    await putMessageHeader(this.deps.attachments, { ...message, bodiesRemovedAt: this.deps.clock.now() });
    return deleted;
  }

  private async stripDraft(childId: string): Promise<number | undefined> {
    const draft = await getDraftIfAny(this.deps.attachments, childId);
    if (!draft || draft.bodiesRemovedAt != null) return undefined;
    // Files uploaded to the draft are its own; a forward's are the original message's, removed with it.
    const own = draft.files.filter((f) => f.id.startsWith(`${childId}.`) && f.id !== emailIds.draft(childId));
    const deleted = await this.deps.attachments.delete(own.map((f) => f.id));
    const now = this.deps.clock.now();
    await putDraft(this.deps.attachments, childId, { ...draft, text: '', html: null, bodiesRemovedAt: now });
    return deleted;
  }
}
