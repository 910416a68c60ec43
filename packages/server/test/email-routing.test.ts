// The "Must show" SMTP round trip of issue 3: mail sent to the inbound port becomes an email
// interaction the ACD routes to an agent, whose reply (with a file) arrives at a local SMTP sink.
// Real sockets for SMTP both ways, the HTTP API through app.inject, a fake clock.
import { afterEach, describe, expect, it } from 'vitest';
import { LINGER_MS } from '../src/services/interaction-service.js';
import {
  ANN,
  INVOICE,
  QUOTE,
  SALES,
  SUPPORT,
  aPickedUpEmail,
  aReply,
  aWorld,
  anEmailServer,
  available,
  closeAll,
  customerTo,
  emailsIn,
  issuePath,
  upload,
} from './email-server-kit.js';
import { failureOf } from './email-test-kit.js';

afterEach(closeAll);

describe('email through SMTP, the ACD and the agent API', () => {
  it('routes a mail to support@ to an available Support agent, whose reply with a file reaches the relay threaded on it', async () => {
    const { server, sink } = await aWorld();
    const agent3 = await available(server, 'agent3');

    const info = await customerTo(server.smtpPort).sendMail({
      from: ANN,
      to: SUPPORT,
      subject: 'Invoice 42 is wrong',
      text: 'Please look at the attached invoice.',
      html: '<p>Please look at the <b>attached</b> invoice.</p><script>alert(1)</script>',
      attachments: [{ filename: 'invoice-42.pdf', content: INVOICE, contentType: 'application/pdf' }],
    });
    expect(info.accepted).toEqual([SUPPORT]);
    await server.tandem.router.settle();

    const [queued] = await emailsIn(server, 'Support');
    expect(queued).toMatchObject({ type: 'email', direction: 'inbound', workgroupId: 'Support', userId: 'agent3' });
    const id = queued!.id;
    const alerting = (await server.call(agent3, 'GET', `/api/v1/interactions/${id}`)).json();
    expect(alerting).toMatchObject({ state: 'acd-alerting', displayState: 'ACD - Alerting: Chen Wei' });
    expect(alerting.attributes).toMatchObject({
      Email_From: ANN.address,
      Email_Subject: 'Invoice 42 is wrong',
      Email_MessageId: info.messageId,
    });
    const picked = await server.call(agent3, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    expect(picked.json().state, picked.body).toBe('acd-assigned');

    const mail = await server.call(agent3, 'GET', `/api/v1/interactions/${id}/email`);
    expect(mail.statusCode, mail.body).toBe(200);
    expect(mail.json()).toMatchObject({
      messageId: info.messageId,
      from: ANN,
      subject: 'Invoice 42 is wrong',
      html: '<p>Please look at the <b>attached</b> invoice.</p>',
      attachments: [{ filename: 'invoice-42.pdf', contentType: 'application/pdf', size: INVOICE.length }],
    });
    expect(mail.json().text.trim()).toBe('Please look at the attached invoice.');
    const fileId = mail.json().attachments[0].id as string;
    const download = await server.call(agent3, 'GET', `/api/v1/interactions/${id}/email/attachments/${fileId}`);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment; filename="invoice-42.pdf"');
    expect(download.rawPayload.equals(INVOICE)).toBe(true);

    const replied = await server.call(agent3, 'POST', `/api/v1/interactions/${id}/email/reply`, {
      mode: 'reply',
      text: 'Dear Ann, the corrected quote is attached.',
    });
    expect(replied.statusCode, replied.body).toBe(201);
    const child = replied.json().interaction;
    expect(child).toMatchObject({
      type: 'email',
      direction: 'outbound',
      state: 'connected',
      userId: 'agent3',
      parentId: id,
    });
    expect(replied.json().draft).toMatchObject({
      to: [ANN],
      from: { address: SUPPORT },
      subject: 'Re: Invoice 42 is wrong',
    });
    expect((await server.call(agent3, 'GET', `/api/v1/interactions/${id}`)).json().childIds).toEqual([child.id]);

    const attached = await upload(server, agent3, child.id, {
      name: 'quote.pdf',
      type: 'application/pdf',
      data: QUOTE,
    });
    expect(attached.statusCode, attached.body).toBe(201);
    const sent = await server.call(agent3, 'POST', `/api/v1/interactions/${child.id}/email/send`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().interaction).toMatchObject({ state: 'disconnected' });

    const delivered = await sink.received.next();
    expect(delivered.rcptTo).toEqual([ANN.address]);
    expect(delivered.parsed.from?.value[0]?.address).toBe(SUPPORT);
    expect(delivered.parsed.subject).toBe('Re: Invoice 42 is wrong');
    expect(delivered.parsed.inReplyTo).toBe(info.messageId);
    expect(delivered.parsed.references).toBe(info.messageId);
    expect(delivered.parsed.messageId).toBe(sent.json().sent.messageId);
    expect(delivered.parsed.text).toContain('Dear Ann, the corrected quote is attached.');
    expect(delivered.parsed.text).toContain('> Please look at the attached invoice.');
    expect(delivered.parsed.html).toContain('<div>Dear Ann, the corrected quote is attached.</div>');
    expect(delivered.parsed.html).toContain('<blockquote');
    expect(delivered.parsed.html).not.toContain('<script');
    const [file] = delivered.parsed.attachments;
    expect(file).toMatchObject({ filename: 'quote.pdf', contentType: 'application/pdf' });
    expect(file!.content.equals(QUOTE)).toBe(true);

    // The parent is then finished as any interaction is.
    const coded = await server.call(agent3, 'POST', `/api/v1/interactions/${id}/wrap-up`, { code: 'Resolved' });
    expect(coded.statusCode, coded.body).toBe(200);
    const ended = await server.call(agent3, 'POST', `/api/v1/interactions/${id}/disconnect`, {});
    expect(ended.json().state, ended.body).toBe('disconnected');
    expect(ended.json().wrapUps).toContainEqual(
      expect.objectContaining({ userId: 'agent3', state: 'done', code: 'Resolved' }),
    );
  });

  it('creates one interaction when the same mail is delivered twice', async () => {
    const { server, store } = await aWorld();
    const customer = customerTo(server.smtpPort);
    const mail = { from: ANN, to: SUPPORT, subject: 'Twice', text: 'Hello', messageId: '<twice-1@customer.example>' };

    await customer.sendMail(mail);
    const before = await store.interactions.lastId();
    const again = await customer.sendMail(mail);

    expect(again.accepted).toEqual([SUPPORT]);
    expect(await store.interactions.lastId()).toBe(before);
    expect(await emailsIn(server, 'Support')).toHaveLength(1);
  });

  it('creates one interaction per workgroup for a mail to two mailboxes, and drops a retry for both', async () => {
    const { server, store } = await aWorld();
    const customer = customerTo(server.smtpPort);
    const mail = {
      from: ANN,
      to: [SUPPORT, SALES],
      subject: 'Both',
      text: 'Hi',
      messageId: '<both-1@customer.example>',
    };

    await customer.sendMail(mail);
    const before = await store.interactions.lastId();
    await customer.sendMail(mail);

    expect(await store.interactions.lastId()).toBe(before);
    expect(await emailsIn(server, 'Support')).toHaveLength(1);
    expect(await emailsIn(server, 'Sales')).toHaveLength(1);
  });

  it.each([
    ['before the interaction was created', 1, undefined],
    ['after the interaction was committed', 2, '1000000001'],
  ])('creates one interaction when the mail comes again after a 451 %s', async (_when, failingWrite, afterFailure) => {
    let receiptWrites = 0;
    const { server, store } = await aWorld({
      attachments: (s) => ({
        get: (id) => s.attachments.get(id),
        listFor: (owner) => s.attachments.listFor(owner),
        delete: (ids) => s.attachments.delete(ids),
        put: async (attachment, data) => {
          if (attachment.id.startsWith('email-receipt-') && ++receiptWrites === failingWrite)
            throw new Error('disk full');
          return s.attachments.put(attachment, data);
        },
      }),
    });
    const customer = customerTo(server.smtpPort);
    const mail = { from: ANN, to: SUPPORT, subject: 'Lost', text: 'Hello', messageId: '<lost-1@customer.example>' };

    expect((await failureOf(customer.sendMail(mail))).responseCode).toBe(451);
    expect(await store.interactions.lastId()).toBe(afterFailure);
    await customer.sendMail(mail);
    await customer.sendMail(mail);

    expect(await store.interactions.lastId()).toBe('1000000001');
    expect(await emailsIn(server, 'Support')).toHaveLength(1);
  });

  it('refuses mail to an address that is no workgroup mailbox and creates nothing', async () => {
    const { server, store } = await aWorld();

    const failure = await failureOf(
      customerTo(server.smtpPort).sendMail({ from: ANN, to: 'nobody@tandem.example', subject: 'Hi', text: 'Hi' }),
    );

    expect(failure.responseCode).toBe(550);
    expect(await store.interactions.lastId()).toBeUndefined();
  });

  it('has the acknowledged interaction back on a new server built on the same store, and drops the redelivery there', async () => {
    const world = await aWorld();
    const mail = {
      from: ANN,
      to: SUPPORT,
      subject: 'Still there?',
      text: 'Hello',
      messageId: '<restart-1@customer.example>',
    };
    await customerTo(world.server.smtpPort).sendMail(mail);
    await world.server.close();

    const rebuilt = await anEmailServer(world.store, world.clock, world.sink.port);
    const [queued] = await emailsIn(rebuilt, 'Support');
    expect(queued).toMatchObject({ state: 'acd-wait-agent', attributes: { Email_Subject: 'Still there?' } });
    const supervisor = await rebuilt.logon('supervisor');
    const message = await rebuilt.call(supervisor, 'GET', `/api/v1/interactions/${queued!.id}/email`);
    expect(message.json()).toMatchObject({ subject: 'Still there?', from: ANN });

    const before = await world.store.interactions.lastId();
    await customerTo(rebuilt.smtpPort).sendMail(mail);
    expect(await world.store.interactions.lastId()).toBe(before);
  });

  it('drops a redelivery of a mail whose interaction was finished and dropped from memory', async () => {
    const { server, store, clock } = await aWorld();
    const agent3 = await available(server, 'agent3');
    const mail = { from: ANN, to: SUPPORT, subject: 'Done', text: 'Thanks', messageId: '<done-1@customer.example>' };
    const customer = customerTo(server.smtpPort);
    await customer.sendMail(mail);
    await server.tandem.router.settle();
    const [queued] = await emailsIn(server, 'Support');
    await server.call(agent3, 'POST', `/api/v1/interactions/${queued!.id}/pickup`, {});
    await server.call(agent3, 'POST', `/api/v1/interactions/${queued!.id}/disconnect`, {});
    await server.tandem.router.settle();
    clock.advance(LINGER_MS + 1000);
    await server.tandem.router.tick();
    expect(server.tandem.interactions.get(queued!.id)).toBeUndefined();

    const before = await store.interactions.lastId();
    await customer.sendMail(mail);
    expect(await store.interactions.lastId()).toBe(before);
  });
});

describe('the email API', () => {
  it('lets only the agent the email is assigned to answer it and work on the reply; others may read it', async () => {
    const world = await aWorld();
    const { id, agent3 } = await aPickedUpEmail(world);
    const { server } = world;
    const agent4 = await server.logon('agent4');

    const notMine = await server.call(agent4, 'POST', `/api/v1/interactions/${id}/email/reply`, { mode: 'reply' });
    expect(notMine.statusCode).toBe(409);
    expect(notMine.json().error.code).toBe('NOT_ASSIGNED');
    expect((await server.call(agent4, 'GET', `/api/v1/interactions/${id}/email`)).statusCode).toBe(200);

    const childId = (
      await server.call(agent3, 'POST', `/api/v1/interactions/${id}/email/reply`, { mode: 'reply' })
    ).json().interaction.id as string;
    const edit = await server.call(agent4, 'PUT', `/api/v1/interactions/${childId}/email/draft`, {
      subject: 'Mine now',
    });
    expect(edit.json().error.code).toBe('NOT_ASSIGNED');
    const send = await server.call(agent4, 'POST', `/api/v1/interactions/${childId}/email/send`, {});
    expect(send.json().error.code).toBe('NOT_ASSIGNED');
    expect(world.sink.received.all).toHaveLength(0);
  });

  it('answers 404 for an attachment id that is not one of the email', async () => {
    const world = await aWorld();
    const { id, agent3 } = await aPickedUpEmail(world);
    const r = await world.server.call(agent3, 'GET', `/api/v1/interactions/${id}/email/attachments/email-receipt-1`);
    expect(r.statusCode).toBe(404);
  });

  it('replies to all: the sender in To, the other recipients in Cc, the workgroup mailbox in neither', async () => {
    const world = await aWorld();
    const { draft } = await aReply(world, 'reply-all');
    expect(draft.to).toEqual([ANN]);
    expect(draft.cc).toEqual([{ address: 'bob@customer.example', name: '' }]);
    expect(draft.attachments).toEqual([]);
  });

  it('forwards with the original attachment, refuses to send without a recipient, and sends once one is set', async () => {
    const world = await aWorld();
    const { agent3, childId } = await aReply(world, 'forward');
    const { server, sink } = world;

    const nobody = await server.call(agent3, 'POST', `/api/v1/interactions/${childId}/email/send`, {});
    expect(nobody.statusCode).toBe(400);
    expect(issuePath(nobody)).toBe('to');
    const saved = await server.call(agent3, 'PUT', `/api/v1/interactions/${childId}/email/draft`, {
      to: [{ address: 'carol@partner.example', name: 'Carol' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      subject: 'Fw: Invoice 42 is wrong',
      attachments: [{ filename: 'invoice-42.pdf' }],
    });
    expect((await server.call(agent3, 'POST', `/api/v1/interactions/${childId}/email/send`, {})).statusCode).toBe(200);

    const delivered = await sink.received.next();
    expect(delivered.rcptTo).toEqual(['carol@partner.example']);
    expect(delivered.parsed.attachments[0]!.content.equals(INVOICE)).toBe(true);
    const again = await server.call(agent3, 'POST', `/api/v1/interactions/${childId}/email/send`, {});
    expect(again.statusCode).toBe(409);
  });

  it('refuses a subject over 1024 characters, a bad address and an unknown field, naming the field', async () => {
    const world = await aWorld();
    const { agent3, childId } = await aReply(world, 'reply');
    const put = (body: unknown) =>
      world.server.call(agent3, 'PUT', `/api/v1/interactions/${childId}/email/draft`, body);

    const long = await put({ subject: 'x'.repeat(1025) });
    expect(long.statusCode).toBe(400);
    expect(issuePath(long)).toBe('subject');
    expect((await put({ subject: '😀'.repeat(1024) })).statusCode).toBe(200);
    const bad = await put({ cc: ['ann@customer.example', 'not an address'] });
    expect(bad.statusCode).toBe(400);
    expect(issuePath(bad)).toBe('cc.1');
    expect(issuePath(await put({ priority: 3 }))).toBe('priority');
    const unknownFile = await put({ attachmentIds: ['elsewhere.file-1'] });
    expect(unknownFile.statusCode).toBe(400);
    expect(issuePath(unknownFile)).toBe('attachmentIds.0');
  });

  it('refuses an empty (0-byte) file and keeps an uploaded one until the draft drops it', async () => {
    const world = await aWorld();
    const { agent3, childId } = await aReply(world, 'reply');
    const { server } = world;

    const empty = await upload(server, agent3, childId, {
      name: 'empty.txt',
      type: 'text/plain',
      data: Buffer.alloc(0),
    });
    expect(empty.statusCode).toBe(400);
    expect(issuePath(empty)).toBe('body');
    const json = Buffer.from('{"a":1}');
    const added = await upload(server, agent3, childId, { name: 'data.json', type: 'application/json', data: json });
    expect(added.statusCode, added.body).toBe(201);
    const fileId = added.json().id as string;
    const download = await server.call(agent3, 'GET', `/api/v1/interactions/${childId}/email/attachments/${fileId}`);
    expect(download.rawPayload.equals(json)).toBe(true);
    expect(download.headers['content-type']).toBe('application/json');
    const noName = await upload(server, agent3, childId, { name: '../x', type: 'text/plain', data: json });
    expect(noName.statusCode).toBe(400);
    expect(issuePath(noName)).toBe('query.filename');

    const asJson = await server.tandem.app.inject({
      method: 'POST',
      url: `/api/v1/interactions/${childId}/email/attachments?filename=data.json`,
      headers: { authorization: `Bearer ${agent3}`, 'content-type': 'application/json' },
      payload: json,
    });
    expect(asJson.statusCode).toBe(415);

    const dropped = await server.call(agent3, 'PUT', `/api/v1/interactions/${childId}/email/draft`, {
      attachmentIds: [],
    });
    expect(dropped.json().attachments).toEqual([]);
  });

  it('answers SERVICE_UNAVAILABLE when the relay refuses, and keeps the draft and the reply', async () => {
    const world = await aWorld({ refuseRecipients: 451 });
    const { agent3, childId } = await aReply(world, 'reply');
    const { server } = world;

    const failed = await server.call(agent3, 'POST', `/api/v1/interactions/${childId}/email/send`, {});
    expect(failed.statusCode).toBe(503);
    expect(failed.json().error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      details: { relay: { responseCode: 451 } },
    });
    const draft = await server.call(agent3, 'GET', `/api/v1/interactions/${childId}/email/draft`);
    expect(draft.json()).toMatchObject({ sentAt: null, subject: 'Re: Invoice 42 is wrong' });
    expect((await server.call(agent3, 'GET', `/api/v1/interactions/${childId}`)).json().state).toBe('connected');
  });

  it('refuses to reply to an email not yet picked up', async () => {
    const world = await aWorld();
    const { server } = world;
    await customerTo(server.smtpPort).sendMail({ from: ANN, to: SUPPORT, subject: 'Hi', text: 'Hi' });
    const [queued] = await emailsIn(server, 'Support');
    const admin = await server.logon('admin');
    const r = await server.call(admin, 'POST', `/api/v1/interactions/${queued!.id}/email/reply`, { mode: 'reply' });
    expect(r.statusCode).toBe(409);
    const bad = await server.call(admin, 'POST', `/api/v1/interactions/${queued!.id}/email/reply`, { mode: 'answer' });
    expect(bad.statusCode).toBe(400);
    expect(issuePath(bad)).toBe('mode');
  });
});
