// A reply is handed to the relay once: retries after a failure between the relay's acceptance and
// the record of it do not send it again. Real SMTP (a recording sink, or a relay that hangs up after
// DATA), a real store, faults injected into the attachment store.
import type { AttachmentStore, TandemStore } from '@tandem/core';
import { afterEach, describe, expect, it } from 'vitest';
import { aRelayCutOffAfterData } from './cut-off-relay.js';
import { aReply, aWorld, anEmailServer, closeAll, onClose, type World } from './email-server-kit.js';

afterEach(closeAll);

const decoder = new TextDecoder();

/** The store's attachments, except that the first write recording a draft as sent fails. */
function failingToRecordSent(store: TandemStore): AttachmentStore {
  let armed = true;
  return {
    put: async (attachment, data) => {
      if (armed && attachment.filename === 'draft.json' && JSON.parse(decoder.decode(data)).sentAt !== null) {
        armed = false;
        throw new Error('disk full');
      }
      return store.attachments.put(attachment, data);
    },
    get: (id) => store.attachments.get(id),
    listFor: (ownerId) => store.attachments.listFor(ownerId),
    delete: (ids) => store.attachments.delete(ids),
  };
}

const send = (world: World, token: string, childId: string, body: unknown = {}) =>
  world.server.call(token, 'POST', `/api/v1/interactions/${childId}/email/send`, body);
const draftOf = async (world: World, token: string, childId: string) =>
  (await world.server.call(token, 'GET', `/api/v1/interactions/${childId}/email/draft`)).json();

describe('sending a reply once', () => {
  it('records a reply the relay accepted on the retry after recording failed, without sending it again', async () => {
    const world = await aWorld({ attachments: failingToRecordSent });
    const { agent3, childId } = await aReply(world, 'reply');

    const failed = await send(world, agent3, childId);
    expect(failed.statusCode, failed.body).toBe(503);
    expect(failed.json().error.message).toContain('accepted');
    expect(world.sink.received.all).toHaveLength(1);

    const retried = await send(world, agent3, childId);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(world.sink.received.all).toHaveLength(1);
    expect(retried.json().sent.messageId).toBe(world.sink.received.all[0]?.parsed.messageId);
    expect(retried.json().interaction.state).toBe('disconnected');
  });

  it('refuses to send again after the server stopped before recording the acceptance, until the agent asks to resend', async () => {
    const world = await aWorld({ attachments: failingToRecordSent });
    const { agent3, childId } = await aReply(world, 'reply');
    expect((await send(world, agent3, childId)).statusCode).toBe(503);
    // The server stops: what it kept in memory of the acceptance is gone; the store has the attempt.
    await world.server.close();
    const restarted = { ...world, server: await anEmailServer(world.store, world.clock, world.sink.port) };
    const token = await restarted.server.logon('agent3');

    const refused = await send(restarted, token, childId);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'ACTION_NOT_ALLOWED' });
    expect(refused.json().error.message).toContain('resend');
    expect((await draftOf(restarted, token, childId)).sendInterruptedAt).not.toBeNull();
    expect(world.sink.received.all).toHaveLength(1);

    const resent = await send(restarted, token, childId, { resend: true });
    expect(resent.statusCode, resent.body).toBe(200);
    const [first, second] = world.sink.received.all;
    expect(second?.parsed.messageId).toBe(first?.parsed.messageId);
    expect((await draftOf(restarted, token, childId)).sentAt).not.toBeNull();
  });

  it('treats a relay that hung up after taking the message as a send of unknown outcome', async () => {
    const relay = await aRelayCutOffAfterData('hang-up');
    onClose(() => relay.close());
    const world = await aWorld({ relayPort: relay.port });
    const { agent3, childId } = await aReply(world, 'reply');

    const failed = await send(world, agent3, childId);
    expect(failed.statusCode, failed.body).toBe(503);
    expect(failed.json().error.details.relay).toMatchObject({ uncertain: true, responseCode: null });
    expect(relay.messages()).toBe(1);

    const retried = await send(world, agent3, childId);
    expect(retried.statusCode, retried.body).toBe(409);
    expect(relay.messages()).toBe(1);
    expect((await send(world, agent3, childId, { resend: true })).statusCode).toBe(503);
    expect(relay.messages()).toBe(2);
  });

  it('sends again without asking when the relay refused the attempt with an error code', async () => {
    const world = await aWorld({ refuseRecipients: 451 });
    const { agent3, childId } = await aReply(world, 'reply');
    const failed = await send(world, agent3, childId);
    expect(failed.json().error.details.relay).toMatchObject({ responseCode: 451, uncertain: false });
    expect((await draftOf(world, agent3, childId)).sendInterruptedAt).toBeNull();
    expect((await send(world, agent3, childId)).json().error.details.relay).toMatchObject({ responseCode: 451 });
  });

  it('sends again without asking when the relay could not be reached at all', async () => {
    const world = await aWorld();
    const { agent3, childId } = await aReply(world, 'reply');
    await world.sink.close();
    const failed = await send(world, agent3, childId);
    expect(failed.statusCode, failed.body).toBe(503);
    expect(failed.json().error.details.relay).toMatchObject({ uncertain: false, responseCode: null });
    expect((await draftOf(world, agent3, childId)).sendInterruptedAt).toBeNull();
    expect((await send(world, agent3, childId)).statusCode).toBe(503);
  });

  it('refuses resend that is not true or false, naming the field', async () => {
    const world = await aWorld();
    const { agent3, childId } = await aReply(world, 'reply');
    const r = await send(world, agent3, childId, { resend: 'yes' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('resend');
    expect(world.sink.received.all).toHaveLength(0);
  });
});
