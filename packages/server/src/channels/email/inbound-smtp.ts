import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { DEFAULT_MAX_MESSAGE_BYTES, normalizeAddress } from './email-limits.js';
import type { EmailLogger, InboundEmail } from './email-types.js';
import { checkInboundLimits, InboundEmailRejection, parseInboundEmail } from './parse-inbound.js';

/**
 * Receives one accepted message. Resolve only once the interaction is durably committed: the SMTP
 * server answers 250 after the promise resolves, and that answer is what makes the sender forget
 * the message. Throw InboundEmailRejection to refuse it for good (5xx); any other throw answers
 * 451 and the sender retries later, so the same message (same `messageId`) can arrive again.
 */
export type InboundEmailHandler = (mail: InboundEmail) => Promise<void>;

export interface InboundSmtpOptions {
  /** Interface to listen on. Default '127.0.0.1'. */
  readonly host?: string;
  /** TCP port; 0 picks a free one (read it back from `port`). */
  readonly port: number;
  /**
   * The workgroup mailboxes: lower-case address → workgroup id. Called at every RCPT TO, so a
   * mailbox added or removed in configuration takes effect for the next message.
   */
  readonly mailboxes: () => ReadonlyMap<string, string>;
  /** Largest raw message accepted, in bytes; larger ones get 552. Default 25 MB. */
  readonly maxMessageBytes?: number;
  readonly onMessage: InboundEmailHandler;
  readonly logger: EmailLogger;
  /** Certificate and key for STARTTLS. Without them STARTTLS is not offered and mail arrives in clear. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** Host name in the greeting. Default: the machine's host name. */
  readonly serverName?: string;
  /** Simultaneous connections. Default 100. */
  readonly maxClients?: number;
}

export interface InboundSmtpServer {
  /** The port actually listened on. */
  readonly port: number;
  /** Stops accepting connections and waits (up to 10 s) for open ones to finish. */
  close(): Promise<void>;
}

const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Starts the SMTP server that receives mail for workgroup mailboxes.
 *
 * It is a mail exchanger, not a submission server: it accepts mail only for configured mailboxes
 * (anything else gets 550 at RCPT TO), so it relays nothing and needs no authentication; AUTH is not
 * offered. Exposed beyond loopback it should sit behind an MTA that does spam filtering and TLS,
 * or be given `tls`. Rejects when the port cannot be bound.
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtpServer> {
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const { logger } = options;
  // The workgroup each accepted recipient resolved to at RCPT time: that acceptance is the promise
  // made to the sender, kept even if the mailbox is reconfigured before DATA ends.
  const workgroupOf = new WeakMap<SMTPServerAddress, string>();

  const server = new SMTPServer({
    secure: false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: maxMessageBytes,
    maxClients: options.maxClients ?? 100,
    closeTimeout: CLOSE_TIMEOUT_MS,
    banner: 'Tandem mail',
    ...(options.serverName ? { name: options.serverName } : {}),
    logger: false,
    onRcptTo(address, _session, callback) {
      acceptRecipient(address, options.mailboxes, workgroupOf).then(
        () => callback(),
        (error: unknown) => {
          callback(smtpError(error, logger, { rcptTo: address.address }));
        },
      );
    },
    onData(stream, session, callback) {
      receive(stream, session, { maxMessageBytes, workgroupOf, options }).then(
        () => callback(),
        (error: unknown) => callback(smtpError(error, logger, { mailFrom: mailFromOf(session) })),
      );
    },
  });
  // smtp-server reports socket-level failures as 'error' events; unhandled they would end the process.
  server.on('error', (error) => logger.warn({ err: error }, 'SMTP connection error'));

  await listen(server, options.port, options.host ?? '127.0.0.1');
  const port = (server.server.address() as AddressInfo).port;
  logger.info({ port }, 'Inbound SMTP listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function acceptRecipient(
  address: SMTPServerAddress,
  mailboxes: () => ReadonlyMap<string, string>,
  workgroupOf: WeakMap<SMTPServerAddress, string>,
): Promise<void> {
  const key = normalizeAddress(address.address);
  const workgroupId = mailboxes().get(key);
  if (workgroupId === undefined) {
    throw new InboundEmailRejection(
      550,
      `5.1.1 <${key}>: no such mailbox here; this server accepts mail only for workgroup mailboxes`,
    );
  }
  workgroupOf.set(address, workgroupId);
}

interface ReceiveContext {
  readonly maxMessageBytes: number;
  readonly workgroupOf: WeakMap<SMTPServerAddress, string>;
  readonly options: InboundSmtpOptions;
}

/** Reads, parses and checks one message, then hands it over; resolves when the handler committed it. */
async function receive(stream: SMTPServerDataStream, session: SMTPServerSession, context: ReceiveContext) {
  const raw = await readMessage(stream, context.maxMessageBytes);
  if (raw === null) {
    throw new InboundEmailRejection(552, `5.3.4 Message exceeds the size limit of ${context.maxMessageBytes} bytes`);
  }
  const rcptTo = session.envelope.rcptTo.map((address) => normalizeAddress(address.address));
  const workgroupIds = [
    ...new Set(session.envelope.rcptTo.flatMap((address) => context.workgroupOf.get(address) ?? [])),
  ];
  const mail = await parseOrReject(raw, { mailFrom: mailFromOf(session), rcptTo, workgroupIds });
  checkInboundLimits(mail);
  await context.options.onMessage(mail);
  context.options.logger.info(
    { messageId: mail.messageId, workgroupIds, size: mail.size, attachments: mail.attachments.length },
    'Inbound email accepted',
  );
}

async function parseOrReject(raw: Buffer, envelope: Parameters<typeof parseInboundEmail>[1]) {
  try {
    return await parseInboundEmail(raw, envelope);
  } catch (error) {
    if (error instanceof InboundEmailRejection) throw error;
    throw new InboundEmailRejection(554, `5.6.0 Message could not be parsed: ${String(error)}`);
  }
}

/**
 * Collects the message, keeping at most `limit` bytes; past the limit it keeps draining (the client
 * is still sending) and resolves null. The whole stream is always read, or no answer could be sent.
 */
function readMessage(stream: SMTPServerDataStream, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    stream.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= limit) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(total > limit || stream.sizeExceeded ? null : Buffer.concat(chunks, total)));
  });
}

function mailFromOf(session: SMTPServerSession): string | null {
  const from = session.envelope.mailFrom;
  return from && from.address ? from.address : null;
}

/** Turns a failure into the error smtp-server answers with: 5xx for refusals, 451 for everything else. */
function smtpError(error: unknown, logger: EmailLogger, details: Record<string, unknown>): Error {
  if (error instanceof InboundEmailRejection) {
    // Info, not warn: refusing unknown recipients is routine for a mail server facing the internet.
    logger.info({ ...details, responseCode: error.responseCode, reason: error.message }, 'Inbound email refused');
    return Object.assign(new Error(error.message), { responseCode: error.responseCode });
  }
  logger.error({ ...details, err: error }, 'Inbound email not accepted: temporary failure, the sender will retry');
  return Object.assign(new Error('4.3.0 Temporary failure on our side; try again later'), {
    responseCode: 451,
  });
}

function listen(server: SMTPServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once('error', onError);
    server.listen(port, host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
}
