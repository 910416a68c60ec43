import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSocket, type Json } from './messaging-test-kit.js';
import { aChatServer, asVisitor, startChat, wsUrl, type ChatTestServer, type Visitor } from './webchat-test-kit.js';

let s: ChatTestServer;
let agent: string;
let visitor: Visitor;
beforeEach(async () => {
  s = await aChatServer();
  agent = await s.available('agent3');
  visitor = await startChat(s);
  await s.settle();
  expect((await s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/pickup`, {})).statusCode).toBe(200);
});
afterEach(async () => {
  await s.close();
});

const MB = 1024 * 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

const invite = (body: Record<string, unknown> = {}) =>
  s.call(agent, 'POST', `/api/v1/interactions/${visitor.chatId}/chat/file-invites`, body);

function upload(inviteId: string, file: { name?: string; type?: string; data: Buffer }) {
  const headers: Record<string, string> = { authorization: `Bearer ${visitor.token}` };
  if (file.name !== undefined) headers['x-filename'] = file.name;
  if (file.type !== undefined) headers['content-type'] = file.type;
  return s.tandem.app.inject({
    method: 'POST',
    url: `/api/v1/webchat/chats/${visitor.chatId}/files?invite=${encodeURIComponent(inviteId)}`,
    headers,
    payload: file.data,
  });
}

async function enable(settings: Record<string, string | number | boolean> = {}): Promise<void> {
  await s.parameter('InboundFileTransferEnabled', true);
  for (const [name, value] of Object.entries(settings)) await s.parameter(name, value);
}

describe('inbound file transfer in a web chat', () => {
  it('is off until the administrator turns it on, as the manual says', async () => {
    const refused = await invite();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/InboundFileTransferEnabled/);
  });

  it("invites with the manual's defaults: 15 minutes, 25 files, 5 MB, every type", async () => {
    await enable();
    await s.listen();
    const customer = await openSocket(
      wsUrl(s.baseUrl, `/api/v1/webchat/chats/${visitor.chatId}/events?token=${visitor.token}`),
    );
    await customer.inbox.next((m: Json) => m.type === 'ready', 'ready');
    const r = await invite();
    expect(r.statusCode, r.body).toBe(201);
    const expected = {
      expiresAt: s.clock.now() + 15 * 60_000,
      maxFiles: 25,
      maxBytes: 5 * MB,
      extensions: [],
      filesReceived: 0,
    };
    expect(r.json()).toMatchObject(expected);
    expect((await customer.inbox.next((m: Json) => m.type === 'file-invite', 'the invitation')).data).toMatchObject({
      inviteId: r.json().inviteId,
      ...expected,
    });
    const state = (await asVisitor(s, visitor)('GET', '')).json();
    expect(state.fileInvite).toMatchObject({ inviteId: r.json().inviteId });
    customer.ws.close();
  });

  it('stores a file the visitor sends, shows it in the transcript and lets the agent download it', async () => {
    await enable({ InboundFileTransferAllowedExtensions: 'pdf|PNG|json' });
    const { inviteId } = (await invite({ maxFiles: 3 })).json();
    const sent = await upload(inviteId, { name: 'receipt%20%E2%82%AC.png', type: 'image/png', data: PNG });
    expect(sent.statusCode, sent.body).toBe(201);
    const transcript = (await s.call(agent, 'GET', `/api/v1/interactions/${visitor.chatId}/chat/messages`)).json()
      .messages;
    expect(transcript.at(-1)).toMatchObject({
      seq: sent.json().seq,
      kind: 'file',
      text: 'receipt €.png',
      attachmentId: sent.json().attachmentId,
      participantType: 'customer',
    });
    const file = await s.call(
      agent,
      'GET',
      `/api/v1/interactions/${visitor.chatId}/chat/files/${sent.json().attachmentId}`,
    );
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);

    // JSON is a file like any other here, kept byte for byte.
    const json = Buffer.from('{"half":');
    const asJson = await upload(inviteId, { name: 'data.json', type: 'application/json', data: json });
    expect(asJson.statusCode, asJson.body).toBe(201);
    const back = await s.call(
      agent,
      'GET',
      `/api/v1/interactions/${visitor.chatId}/chat/files/${asJson.json().attachmentId}`,
    );
    expect(back.headers['content-type']).toBe('application/octet-stream');
    expect(back.headers['content-disposition']).toMatch(/^attachment/);
    expect(back.rawPayload.equals(json)).toBe(true);
    const state = (await s.call(agent, 'GET', `/api/v1/interactions/${visitor.chatId}`)).json();
    expect(JSON.parse(state.attributes.Tandem_FileInvite)).toMatchObject({ received: 2 });
  });

  it('refuses, naming why: a type not allowed, a blocked type, too large, no name, past the count, expired, unknown', async () => {
    await enable({ InboundFileTransferAllowedExtensions: 'pdf|png', InboundFileTransferMaxSizeMB: 1 });
    const { inviteId } = (await invite({ maxFiles: 2 })).json();
    const answer = async (r: Awaited<ReturnType<typeof upload>>) => [r.statusCode, r.json().error.message] as const;

    expect(
      await answer(await upload(inviteId, { name: 'notes.txt', type: 'text/plain', data: Buffer.from('x') })),
    ).toEqual([415, expect.stringMatching(/^x-filename: \.txt is not accepted/)]);
    expect(
      await answer(await upload(inviteId, { name: 'setup.exe', type: 'application/octet-stream', data: PNG })),
    ).toEqual([415, expect.stringMatching(/never accepted/)]);
    expect(
      await answer(await upload(inviteId, { name: 'big.pdf', type: 'application/pdf', data: Buffer.alloc(MB + 1) })),
    ).toEqual([413, expect.stringMatching(/^body: the file is larger than 1 MB/)]);
    expect(await answer(await upload(inviteId, { type: 'image/png', data: PNG }))).toEqual([
      400,
      expect.stringMatching(/^x-filename/),
    ]);
    expect(await answer(await upload(inviteId, { name: '../etc/passwd.png', type: 'image/png', data: PNG }))).toEqual([
      400,
      expect.stringMatching(/^x-filename/),
    ]);
    expect(
      await answer(await upload(inviteId, { name: 'empty.png', type: 'image/png', data: Buffer.alloc(0) })),
    ).toEqual([400, expect.stringMatching(/^body: the file is empty/)]);
    expect(await answer(await upload('invite-nope', { name: 'a.png', type: 'image/png', data: PNG }))).toEqual([
      404,
      expect.stringMatching(/^invite:/),
    ]);

    for (const name of ['one.png', 'two.pdf'])
      expect((await upload(inviteId, { name, type: 'image/png', data: PNG })).statusCode).toBe(201);
    expect(await answer(await upload(inviteId, { name: 'three.png', type: 'image/png', data: PNG }))).toEqual([
      409,
      'invite: all 2 files of this invitation were sent',
    ]);

    const fresh = (await invite({ minutes: 5 })).json().inviteId as string;
    s.clock.advance(5 * 60_000);
    expect(await answer(await upload(fresh, { name: 'late.png', type: 'image/png', data: PNG }))).toEqual([
      409,
      expect.stringMatching(/^invite: the invitation expired/),
    ]);
    expect(await answer(await upload(inviteId, { name: 'old.png', type: 'image/png', data: PNG }))).toEqual([
      404,
      expect.stringMatching(/^invite:/),
    ]);
  });

  it('keeps invitations within the settings: at most the invitation time and file count configured', async () => {
    await enable({ InboundFileTransferInviteMinutes: 5, InboundFileTransferMaxFilesPerInvite: 3 });
    const long = await invite({ minutes: 10 });
    expect(long.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'minutes' }] } });
    expect((await invite({ maxFiles: 4 })).json().error.details.issues[0].path).toBe('maxFiles');
    expect((await invite({ minutes: 301 })).json().error.details.issues[0].path).toBe('minutes');
    expect((await invite({ maxFiles: 26 })).statusCode).toBe(400);
    const colleague = await s.logon('agent2');
    const r = await s.call(colleague, 'POST', `/api/v1/interactions/${visitor.chatId}/chat/file-invites`, {});
    expect(r.json().error.code).toBe('NOT_ASSIGNED');
  });

  it('refuses files from someone without the chat token', async () => {
    await enable();
    const { inviteId } = (await invite()).json();
    const r = await s.tandem.app.inject({
      method: 'POST',
      url: `/api/v1/webchat/chats/${visitor.chatId}/files?invite=${inviteId}`,
      headers: { 'content-type': 'image/png', 'x-filename': 'a.png', authorization: 'Bearer wrong' },
      payload: PNG,
    });
    expect(r.statusCode).toBe(401);
  });
});
