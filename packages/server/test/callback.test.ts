import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { aChatServer, channelsOf, type ChatTestServer } from './webchat-test-kit.js';

let s: ChatTestServer;
beforeEach(async () => {
  s = await aChatServer();
});
afterEach(async () => {
  await s.close();
});

async function requestCallback(body: Record<string, unknown> = {}): Promise<string> {
  const r = await s.call(undefined, 'POST', '/api/v1/webchat/callbacks', {
    workgroup: 'Support',
    name: 'Rita Requester',
    telephone: '+44 20 7946 0958',
    subject: 'My invoice',
    attributes: { Account: '778' },
    ...body,
  });
  expect(r.statusCode, r.body).toBe(201);
  await s.settle();
  return r.json().callbackId as string;
}

const outcome = (token: string, id: string, body: Record<string, unknown>) =>
  s.call(token, 'POST', `/api/v1/interactions/${id}/callback-outcome`, body);
const get = async (token: string, id: string) => (await s.call(token, 'GET', `/api/v1/interactions/${id}`)).json();

/** Moves the clock and runs the callback timer and the router. */
async function after(seconds: number): Promise<void> {
  s.clock.advance(seconds * 1000);
  await s.callbacks.tick();
  await s.settle();
}

describe('a callback request', () => {
  it('is routed, put back with Retry Later, requeued after the delay, and completed', async () => {
    const agent = await s.available('agent3');
    const id = await requestCallback();
    const alerting = await get(agent, id);
    expect(alerting).toMatchObject({ type: 'callback', state: 'acd-alerting', userId: 'agent3' });
    expect(alerting.attributes).toMatchObject({
      Eic_RemoteName: 'Rita Requester',
      Tandem_CallbackTelephone: '+44 20 7946 0958',
      Tandem_CallbackSubject: 'My invoice',
      Tandem_CallbackAttempts: '0',
      WebTools_Account: '778',
    });
    expect((await s.call(agent, 'POST', `/api/v1/interactions/${id}/pickup`, {})).statusCode).toBe(200);

    const later = await outcome(agent, id, { outcome: 'retry-later', retryAfterSeconds: 120 });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({
      state: 'snoozed',
      displayState: 'Snoozed',
      queue: { type: 'workgroup', id: 'Support' },
    });
    expect(later.json().userId).toBeUndefined();
    expect(later.json().attributes).toMatchObject({ Tandem_CallbackAttempts: '1', Tandem_CallbackRetries: '1' });

    await after(119);
    expect((await get(agent, id)).state, 'still asleep a second before').toBe('snoozed');
    await after(1);
    const again = await get(agent, id);
    expect(again).toMatchObject({ state: 'acd-alerting', userId: 'agent3' });
    expect(
      again.log.map((l: { text: string }) => l.text).filter((t: string) => t.startsWith('Entered Workgroup')),
    ).toHaveLength(2);

    await s.call(agent, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    const done = await outcome(agent, id, { outcome: 'complete' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'disconnected', disconnectReason: 'local' });
    expect(done.json().attributes).toMatchObject({ Tandem_CallbackAttempts: '2', Tandem_CallbackOutcome: 'complete' });
  });

  it('snoozes for CallbackSnoozeTimeSeconds when the agent gives no delay', async () => {
    await s.parameter('CallbackSnoozeTimeSeconds', 300);
    const agent = await s.available('agent3');
    const id = await requestCallback();
    await s.call(agent, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    expect((await outcome(agent, id, { outcome: 'retry-later' })).json().state).toBe('snoozed');
    await after(299);
    expect((await get(agent, id)).state).toBe('snoozed');
    await after(1);
    expect((await get(agent, id)).state).toBe('acd-alerting');
  });

  it('ends as failed when Retry Later is asked once more than CallbackMaxRetryAttempts allows', async () => {
    await s.parameter('CallbackMaxRetryAttempts', 1);
    const agent = await s.available('agent3');
    const id = await requestCallback();
    await s.call(agent, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    expect((await outcome(agent, id, { outcome: 'retry-later', retryAfterSeconds: 10 })).json().state).toBe('snoozed');
    await after(10);
    await s.call(agent, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    const last = await outcome(agent, id, { outcome: 'retry-later', retryAfterSeconds: 10 });
    expect(last.json()).toMatchObject({ state: 'disconnected' });
    expect(last.json().attributes).toMatchObject({
      Tandem_CallbackAttempts: '2',
      Tandem_CallbackRetries: '1',
      Tandem_CallbackOutcome: 'retries-exhausted',
    });
  });

  it('ends recorded as failed on Attempt Failed', async () => {
    const agent = await s.available('agent3');
    const id = await requestCallback();
    await s.call(agent, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    const failed = await outcome(agent, id, { outcome: 'attempt-failed' });
    expect(failed.json()).toMatchObject({
      state: 'disconnected',
      displayState: expect.stringMatching(/Local Disconnect/),
    });
    expect(failed.json().attributes).toMatchObject({
      Tandem_CallbackAttempts: '1',
      Tandem_CallbackOutcome: 'attempt-failed',
    });
  });

  it('wakes up on a rebuilt server when its snooze ends after a restart', async () => {
    const agent = await s.available('agent3');
    const id = await requestCallback();
    await s.call(agent, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    await outcome(agent, id, { outcome: 'retry-later', retryAfterSeconds: 60 });
    const config = { ...loadConfig({}), logLevel: 'silent' as const };
    const rebuilt = await createServer({ config, store: s.store, clock: s.clock });
    const channels = await channelsOf(rebuilt, s.store, s.clock);
    try {
      expect(rebuilt.interactions.get(id)?.state).toBe('snoozed');
      s.clock.advance(59_000);
      expect(await channels.callbacks.tick()).toBe(0);
      s.clock.advance(1_000);
      expect(await channels.callbacks.tick()).toBe(1);
      // Back in the ACD: waiting, or already alerting agent3, who is available (the router decides on
      // a change as soon as it is made in memory, so the alert may come before the wake-up is committed).
      const woken = rebuilt.interactions.get(id);
      expect(['acd-wait-agent', 'acd-alerting']).toContain(woken?.state);
      if (woken?.state === 'acd-alerting') expect(woken.userId).toBe('agent3');
    } finally {
      await rebuilt.close();
    }
  });
});

describe('who may record a callback outcome, and how', () => {
  it('refuses bad requests naming the field', async () => {
    const bad = await s.call(undefined, 'POST', '/api/v1/webchat/callbacks', {
      workgroup: 'Support',
      name: 'R',
      telephone: 'call me',
    });
    expect(bad.json().error.details.issues[0].path).toBe('telephone');
    const few = await s.call(undefined, 'POST', '/api/v1/webchat/callbacks', {
      workgroup: 'Support',
      name: 'R',
      telephone: '12',
    });
    expect(few.json().error.details.issues[0].path).toBe('telephone');
    const nowhere = await s.call(undefined, 'POST', '/api/v1/webchat/callbacks', {
      workgroup: 'Mars',
      name: 'R',
      telephone: '555 0100',
    });
    expect(nowhere.json().error.details.issues[0].path).toBe('workgroup');

    const agent = await s.available('agent3');
    const id = await requestCallback();
    await s.call(agent, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    const unknown = await outcome(agent, id, { outcome: 'maybe' });
    expect(unknown.json().error.details.issues[0].path).toBe('outcome');
    const mixed = await outcome(agent, id, { outcome: 'complete', retryAfterSeconds: 5 });
    expect(mixed.json().error.details.issues[0].path).toBe('retryAfterSeconds');
  });

  it('lets only the agent the callback is assigned to record it, after pickup', async () => {
    const agent = await s.available('agent3');
    const id = await requestCallback();
    const early = await outcome(agent, id, { outcome: 'complete' });
    expect(early.json().error).toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
      message: expect.stringMatching(/pick the callback up/),
    });
    await s.call(agent, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    const colleague = await s.logon('agent2');
    expect((await outcome(colleague, id, { outcome: 'complete' })).json().error.code).toBe('NOT_ASSIGNED');
  });

  it('refuses Retry Later when CallbackRetryLaterEnabled is off', async () => {
    await s.parameter('CallbackRetryLaterEnabled', false);
    const agent = await s.available('agent3');
    const id = await requestCallback();
    await s.call(agent, 'POST', `/api/v1/interactions/${id}/pickup`, {});
    const r = await outcome(agent, id, { outcome: 'retry-later' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toMatch(/CallbackRetryLaterEnabled/);
  });

  it('answers outcomes only for callbacks', async () => {
    const agent = await s.available('agent3');
    const chat = await s.call(undefined, 'POST', '/api/v1/webchat/chats', { workgroup: 'Support', displayName: 'V' });
    await s.settle();
    await s.call(agent, 'POST', `/api/v1/interactions/${chat.json().chatId}/pickup`, {});
    const r = await outcome(agent, chat.json().chatId as string, { outcome: 'complete' });
    expect(r.json().error).toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
      message: expect.stringMatching(/not a callback/),
    });
  });
});
