// Retention of email bodies: real SMTP in and out, a real store, the fake clock moved by days.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LINGER_MS } from '../src/services/interaction-service.js';
import { QUOTE, aReply, aWorld, closeAll, upload, type World } from './email-server-kit.js';
import { aServer } from './support/harness.js';

afterEach(closeAll);

const DAY = 86_400_000;

/**
 * A mail with an invoice, answered by agent3 with a reply carrying an uploaded quote and sent; both
 * interactions closed and out of memory. Answers their ids and the invoice's attachment id.
 */
async function anAnsweredEmail(world: World) {
  const { server, clock } = world;
  const { id, agent3, childId } = await aReply(world, 'reply');
  const quote = await upload(server, agent3, childId, { name: 'quote.pdf', type: 'application/pdf', data: QUOTE });
  expect(quote.statusCode, quote.body).toBe(201);
  const message = (await server.call(agent3, 'GET', `/api/v1/interactions/${id}/email`)).json();
  expect((await server.call(agent3, 'POST', `/api/v1/interactions/${childId}/email/send`, {})).statusCode).toBe(200);
  expect((await server.call(agent3, 'POST', `/api/v1/interactions/${id}/disconnect`, {})).statusCode).toBe(200);
  // The closing commits land before the clock moves past the linger time (a busy machine delays them).
  await server.tandem.router.settle();
  clock.advance(LINGER_MS + 1000);
  await server.tandem.router.tick();
  await server.tandem.router.settle();
  expect(server.tandem.interactions.get(id)).toBeUndefined();
  return { id, childId, invoiceId: message.attachments[0].id as string, quoteId: quote.json().id as string };
}

/** Reads as the administrator (sessions end after 30 idle minutes, and the clock moves by days here). */
async function asAdmin(world: World, url: string) {
  const admin = await world.server.logon('admin');
  return world.server.call(admin, 'GET', url);
}

describe('email body retention', () => {
  it('keeps the bodies and files of a finished email for the 90 days of EmailBodyRetentionDays', async () => {
    const world = await aWorld();
    const { id, invoiceId } = await anAnsweredEmail(world);
    world.clock.advance(89 * DAY);
    expect(await world.server.channel.retention.sweep()).toEqual({ interactions: 0, deleted: 0 });
    const message = (await asAdmin(world, `/api/v1/interactions/${id}/email`)).json();
    expect(message).toMatchObject({ text: expect.stringContaining('See attached.'), bodiesRemovedAt: null });
    expect((await asAdmin(world, `/api/v1/interactions/${id}/email/attachments/${invoiceId}`)).statusCode).toBe(200);
  });

  it('removes them past 90 days, received and sent alike, keeping the headers and file names', async () => {
    const world = await aWorld();
    const { id, childId, invoiceId, quoteId } = await anAnsweredEmail(world);
    world.clock.advance(91 * DAY);
    // The received text and the invoice; the reply's uploaded quote.
    expect(await world.server.channel.retention.sweep()).toEqual({ interactions: 2, deleted: 3 });

    const message = (await asAdmin(world, `/api/v1/interactions/${id}/email`)).json();
    expect(message).toMatchObject({
      subject: 'Invoice 42 is wrong',
      from: { address: 'ann@customer.example' },
      text: '',
      html: null,
      attachments: [{ id: invoiceId, filename: 'invoice-42.pdf' }],
      bodiesRemovedAt: new Date(world.clock.now()).toISOString(),
    });
    expect((await asAdmin(world, `/api/v1/interactions/${id}/email/attachments/${invoiceId}`)).statusCode).toBe(404);
    const draft = (await asAdmin(world, `/api/v1/interactions/${childId}/email/draft`)).json();
    expect(draft).toMatchObject({ subject: 'Re: Invoice 42 is wrong', text: '', html: null });
    expect(draft.bodiesRemovedAt).not.toBeNull();
    expect(draft.sentAt).not.toBeNull();
    expect((await asAdmin(world, `/api/v1/interactions/${childId}/email/attachments/${quoteId}`)).statusCode).toBe(404);
  });

  it('does nothing more on a later sweep, and removes what closed since on the next one past its time', async () => {
    const world = await aWorld();
    await anAnsweredEmail(world);
    world.clock.advance(91 * DAY);
    expect((await world.server.channel.retention.sweep()).interactions).toBe(2);
    expect(await world.server.channel.retention.sweep()).toEqual({ interactions: 0, deleted: 0 });
    await anAnsweredEmail(world);
    world.clock.advance(91 * DAY);
    expect((await world.server.channel.retention.sweep()).interactions).toBe(2);
  });

  it('follows a changed EmailBodyRetentionDays, and keeps bodies for ever at 0', async () => {
    const world = await aWorld();
    const { id } = await anAnsweredEmail(world);
    const set = async (value: number) => {
      const admin = await world.server.logon('admin');
      const url = '/api/v1/config/server-parameters/EmailBodyRetentionDays';
      expect((await world.server.call(admin, 'PUT', url, { value })).statusCode).toBe(200);
    };
    await set(0);
    world.clock.advance(1000 * DAY);
    expect((await world.server.channel.retention.sweep()).interactions).toBe(0);
    expect((await asAdmin(world, `/api/v1/interactions/${id}/email`)).json().bodiesRemovedAt).toBeNull();
    await set(7);
    expect((await world.server.channel.retention.sweep()).interactions).toBe(2);
  });

  it('refuses a retention that is negative or not a whole number of days, naming the value', async () => {
    const world = await aWorld();
    const admin = await world.server.logon('admin');
    for (const value of [-1, 1.5, 'ninety']) {
      const r = await world.server.call(admin, 'PUT', '/api/v1/config/server-parameters/EmailBodyRetentionDays', {
        value,
      });
      expect(r.statusCode, String(value)).toBe(400);
      expect(r.json().error.details.issues[0].path).toBe('value');
    }
  });

  it('is swept by a timer the server starts with its timers and stops at close', async () => {
    const s = await aServer();
    const retention = s.tandem.email!.retention;
    const started = vi.spyOn(retention, 'startTimers');
    const stopped = vi.spyOn(retention, 'stopTimers');
    s.tandem.startTimers();
    expect(started).toHaveBeenCalledOnce();
    await s.close();
    expect(stopped).toHaveBeenCalled();
  });
});
