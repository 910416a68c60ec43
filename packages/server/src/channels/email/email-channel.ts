import type { AttachmentStore, Clock, IdSource, InteractionStore } from '@tandem/core';
import type { FastifyInstance } from 'fastify';
import { emailRoutes } from '../../routes/email-routes.js';
import type { DirectoryService } from '../../services/directory-service.js';
import type { InteractionService } from '../../services/interaction-service.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from './email-limits.js';
import { EmailRetention } from './email-retention.js';
import { EmailService } from './email-service.js';
import type { EmailLogger } from './email-types.js';
import { startInboundSmtp, type InboundSmtpOptions, type InboundSmtpServer } from './inbound-smtp.js';
import { createOutboundMailer, type OutboundMailer, type RelayOptions } from './outbound-smtp.js';

export interface EmailChannelOptions {
  /** The inbound SMTP server (`TANDEM_SMTP_PORT`, default 2525; `TANDEM_SMTP_HOST`, default 127.0.0.1). */
  readonly smtp: Pick<InboundSmtpOptions, 'port' | 'host' | 'maxMessageBytes' | 'tls' | 'serverName' | 'maxClients'>;
  /** The relay replies go through (`TANDEM_SMTP_RELAY_HOST` / `TANDEM_SMTP_RELAY_PORT`). */
  readonly relay: RelayOptions;
  /** Largest file an agent may attach, in bytes. Default 25 MB. */
  readonly maxAttachmentBytes?: number;
}

export interface EmailChannelDeps {
  readonly interactions: InteractionService;
  readonly directory: DirectoryService;
  readonly attachments: AttachmentStore;
  /** Closed interactions, for the retention of email bodies (`EmailBodyRetentionDays`). */
  readonly closedInteractions: Pick<InteractionStore, 'listClosed'>;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: EmailLogger;
  readonly options: EmailChannelOptions;
  /** Default: a nodemailer mailer on `options.relay`. */
  readonly mailer?: OutboundMailer;
}

/** The wired email channel. Routes are registered; SMTP listens only once `listen` is called. */
export interface EmailChannel {
  readonly service: EmailService;
  /** Removes email bodies past `EmailBodyRetentionDays`; `sweep()` runs it now. */
  readonly retention: EmailRetention;
  /** Starts the retention sweep (hourly). */
  startTimers(): void;
  /** Starts the inbound SMTP server; rejects when the port cannot be bound. Called once, next to `app.listen`. */
  listen(): Promise<InboundSmtpServer>;
  /** Stops the retention timer and the SMTP server (waiting for open sessions), closes the relay connections. */
  close(): Promise<void>;
}

/**
 * Registers the email routes on `app` (before it is ready) and builds the service behind them and
 * behind the inbound SMTP server. Nothing listens until `listen`.
 */
export async function registerEmailChannel(app: FastifyInstance, deps: EmailChannelDeps): Promise<EmailChannel> {
  const { options } = deps;
  const maxAttachmentBytes = options.maxAttachmentBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const mailer = deps.mailer ?? createOutboundMailer({ relay: options.relay, maxAttachmentBytes });
  const service = new EmailService({ ...deps, mailer, maxAttachmentBytes });
  await app.register(emailRoutes({ email: service, interactions: deps.interactions, maxAttachmentBytes }));
  const retention = new EmailRetention({
    closed: deps.closedInteractions,
    attachments: deps.attachments,
    directory: deps.directory,
    clock: deps.clock,
    logger: deps.logger,
  });
  let smtp: InboundSmtpServer | undefined;
  return {
    service,
    retention,
    startTimers: () => retention.startTimers(),
    async listen() {
      if (smtp) return smtp;
      smtp = await startInboundSmtp({
        ...options.smtp,
        mailboxes: () => service.intake.mailboxes(),
        onMessage: (mail) => service.intake.receive(mail),
        logger: deps.logger,
      });
      return smtp;
    },
    async close() {
      retention.stopTimers();
      await smtp?.close();
      smtp = undefined;
      mailer.close();
    },
  };
}
