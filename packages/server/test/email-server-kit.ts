// A Tandem server with the email channel on a real store, real SMTP both ways (inbound port and a
// recording sink as the relay), and the builders the email scenario tests share.
import { FakeClock, type AttachmentStore, type TandemStore } from '@tandem/core';
import { openTestStore } from '@tandem/store/testing';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createServer, type Tandem } from '../src/app.js';
import { registerEmailChannel, type EmailChannel } from '../src/channels/email/email-channel.js';
import { loadConfig } from '../src/config.js';
import { seedIfEmpty } from '../src/seed.js';
import { randomIds } from '../src/util/system-ports.js';
import { recordingLogger, senderTo, startSmtpSink, type SmtpSink } from './email-test-kit.js';
import { DEMO_PASSWORD } from './support/harness.js';

export const SUPPORT = 'support@tandem.example';
export const SALES = 'sales@tandem.example';
export const ANN = { name: 'Ann Customer', address: 'ann@customer.example' };
export const INVOICE = Buffer.from('%PDF-1.4\n% invoice 42\n%%EOF\n');
export const QUOTE = Buffer.from('%PDF-1.4\n% corrected quote for Ann\n%%EOF\n');

export interface EmailServer {
  tandem: Tandem;
  channel: EmailChannel;
  smtpPort: number;
  call(token: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  logon(userId: string): Promise<string>;
  close(): Promise<void>;
}

/** What the tests opened, closed in reverse order by `closeAll` (each test file calls it after each test). */
const cleanups: (() => Promise<void> | void)[] = [];
export function onClose(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}
export async function closeAll(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

/** A Tandem server with the email channel on `store`: inbound SMTP on a free port, replies to `relayPort`. */
export async function anEmailServer(
  store: TandemStore,
  clock: FakeClock,
  relayPort: number,
  attachments: AttachmentStore = store.attachments,
): Promise<EmailServer> {
  const config = { ...loadConfig({}), logLevel: 'silent' as const, port: 0 };
  const tandem = await createServer({ config, store, clock, email: false });
  await seedIfEmpty(tandem.directory, { demo: true, password: DEMO_PASSWORD });
  const channel = await registerEmailChannel(tandem.app, {
    interactions: tandem.interactions,
    directory: tandem.directory,
    attachments,
    closedInteractions: store.interactions,
    clock,
    ids: randomIds,
    logger: recordingLogger(),
    options: { smtp: { port: 0 }, relay: { host: '127.0.0.1', port: relayPort } },
  });
  const smtp = await channel.listen();
  const call: EmailServer['call'] = (token, method, url, body) =>
    tandem.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body !== undefined ? { payload: body as NonNullable<InjectOptions['payload']> } : {}),
    });
  let closed = false;
  const server: EmailServer = {
    tandem,
    channel,
    smtpPort: smtp.port,
    call,
    async logon(userId) {
      const r = await tandem.app.inject({
        method: 'POST',
        url: '/api/v1/connection',
        payload: { userId, password: DEMO_PASSWORD },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ token: string }>().token;
    },
    async close() {
      if (closed) return;
      closed = true;
      await channel.close();
      await tandem.close();
    },
  };
  cleanups.push(() => server.close());
  return server;
}

export interface World {
  store: TandemStore;
  clock: FakeClock;
  sink: SmtpSink;
  server: EmailServer;
}

/** A store, a sink and an email server relaying to the sink (or to `relayPort` when given). */
export async function aWorld(
  options: {
    refuseRecipients?: number;
    attachments?: (store: TandemStore) => AttachmentStore;
    relayPort?: number;
  } = {},
): Promise<World> {
  const store = await openTestStore('pglite');
  cleanups.push(() => store.close());
  const sink = await startSmtpSink(options);
  cleanups.push(() => sink.close());
  const clock = new FakeClock(Date.UTC(2026, 10, 2, 9, 0, 0));
  const attachments = options.attachments?.(store) ?? store.attachments;
  return { store, clock, sink, server: await anEmailServer(store, clock, options.relayPort ?? sink.port, attachments) };
}

export function customerTo(port: number) {
  const sender = senderTo(port);
  cleanups.push(() => sender.close());
  return sender;
}

export async function available(server: EmailServer, userId: string): Promise<string> {
  const token = await server.logon(userId);
  const r = await server.call(token, 'PUT', `/api/v1/status/user-statuses/${userId}`, { statusId: 'available' });
  expect(r.statusCode, r.body).toBe(200);
  return token;
}

/** The email interactions of a workgroup queue, as a supervisor sees them. */
export async function emailsIn(
  server: EmailServer,
  workgroupId: string,
): Promise<{ id: string; [key: string]: unknown }[]> {
  const supervisor = await server.logon('supervisor');
  const r = await server.call(supervisor, 'GET', `/api/v1/queues/workgroups/${workgroupId}`);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as { id: string; type: string }[]).filter((item) => item.type === 'email');
}

export async function upload(
  server: EmailServer,
  token: string,
  id: string,
  file: { name: string; type: string; data: Buffer },
) {
  return server.tandem.app.inject({
    method: 'POST',
    url: `/api/v1/interactions/${id}/email/attachments?filename=${encodeURIComponent(file.name)}&type=${encodeURIComponent(file.type)}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    payload: file.data,
  });
}

/** A mail from Ann to support@, routed to agent3 and picked up; answers the interaction id and agent3's token. */
export async function aPickedUpEmail(world: World, mail: Record<string, unknown> = {}) {
  const { server } = world;
  const agent3 = await available(server, 'agent3');
  const info = await customerTo(server.smtpPort).sendMail({
    from: ANN,
    to: SUPPORT,
    cc: 'bob@customer.example',
    subject: 'Invoice 42 is wrong',
    text: 'See attached.',
    attachments: [{ filename: 'invoice-42.pdf', content: INVOICE, contentType: 'application/pdf' }],
    ...mail,
  });
  await server.tandem.router.settle();
  const [queued] = await emailsIn(server, 'Support');
  const id = queued!.id;
  const picked = await server.call(agent3, 'POST', `/api/v1/interactions/${id}/pickup`, {});
  expect(picked.statusCode, picked.body).toBe(200);
  return { id, agent3, messageId: info.messageId };
}

export async function aReply(world: World, mode: 'reply' | 'reply-all' | 'forward') {
  const picked = await aPickedUpEmail(world);
  const r = await world.server.call(picked.agent3, 'POST', `/api/v1/interactions/${picked.id}/email/reply`, { mode });
  expect(r.statusCode, r.body).toBe(201);
  return { ...picked, childId: r.json().interaction.id as string, draft: r.json().draft };
}

export const issuePath = (r: LightMyRequestResponse) => r.json().error.details.issues[0].path as string;
