import { TandemClient } from '@tandem/client';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTarget, launchBrowser, screenshot } from './support/browser.js';
import { buildClientsIfStale } from './support/build-clients.js';
import { E2E_PASSWORD, startTandemProcess, type TandemProcess } from './support/tandem-process.js';

/*
 * The agent's side of the web client in headless Chromium against a real server process: a chat
 * from a visitor (customer API) is offered to an available agent, picked up, answered both ways with
 * typing shown, transferred to a second agent who disconnects and picks a wrap-up code; an email
 * sent over SMTP is answered from the client with an attachment and reaches the relay; a reload
 * keeps the session, and a forced password change comes before the client.
 */

const target = browserTarget();

/** The little of the page's globals the checks use (this file is typed for Node, without the DOM lib). */
interface PageGlobals {
  document: { documentElement: { scrollWidth: number; clientWidth: number } };
}

describe.skipIf(target.skip)('the agent web client', () => {
  let server: TandemProcess;
  let browser: Browser;
  let admin: TandemClient;
  let relay: InstanceType<typeof SMTPServer>;
  const relayed: string[] = [];

  beforeAll(async () => {
    buildClientsIfStale();
    relay = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          relayed.push(data);
          done();
        });
      },
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
    const relayPort = (relay.server.address() as { port: number }).port;
    server = await startTandemProcess({
      TANDEM_SMTP_RELAY_HOST: '127.0.0.1',
      TANDEM_SMTP_RELAY_PORT: String(relayPort),
    });
    browser = await launchBrowser();
    admin = await TandemClient.connect({ baseUrl: server.url, userId: 'admin', password: E2E_PASSWORD });
    const support = await admin.request<Record<string, unknown>>('GET', '/api/v1/config/workgroups/Support');
    const { id: _i, revision: _r, createdAt: _c, updatedAt: _u, members: _m, ...fields } = support;
    await admin.request('PUT', '/api/v1/config/workgroups/Support', { ...fields, wrapUpRequired: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise<void>((resolve) => (relay ? relay.close(() => resolve()) : resolve()));
  });

  async function logOn(
    userId: string,
    options: { password?: string; viewport?: { width: number; height: number } } = {},
  ): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('logon-user').fill(userId);
    await page.getByTestId('logon-password').fill(options.password ?? E2E_PASSWORD);
    await page.getByTestId('station-none').check();
    await page.getByTestId('logon-submit').click();
    return { page, context };
  }

  async function goAvailable(page: Page): Promise<void> {
    await page.getByTestId('status-select').selectOption('available');
    await expect.poll(() => page.getByTestId('status-select').inputValue()).toBe('available');
  }

  const noSidewaysScroll = (page: Page) =>
    page.evaluate(() => {
      const { documentElement } = (globalThis as unknown as PageGlobals).document;
      return documentElement.scrollWidth <= documentElement.clientWidth;
    });

  async function customer(path: string, method: string, token: string, body?: unknown): Promise<void> {
    const response = await fetch(`${server.url}${path}?token=${token}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  }

  it('offers a chat to an available agent, who answers it, transfers it, and the next agent wraps it up', async () => {
    const first = await logOn('agent3');
    const second = await logOn('agent4', { viewport: { width: 390, height: 844 } });
    await first.page.getByTestId('status-bar').waitFor();
    await second.page.getByTestId('status-bar').waitFor();
    await goAvailable(first.page);

    const started = await fetch(`${server.url}/api/v1/webchat/chats`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workgroup: 'Support', displayName: 'Vera Visitor' }),
    });
    const chat = (await started.json()) as { chatId: string; token: string };
    const pickup = first.page.getByTestId('action-pickup');
    await expect.poll(() => pickup.isEnabled(), { timeout: 15_000 }).toBe(true);
    await screenshot(first.page, 'agent-alerting');
    await first.page.keyboard.press('Alt+KeyP');
    const input = first.page.getByTestId('chat-input');
    await expect.poll(() => input.isEnabled()).toBe(true);

    const messages = `/api/v1/webchat/chats/${chat.chatId}/messages`;
    await customer(messages, 'POST', chat.token, { text: 'My invoice is wrong' });
    await customer(`/api/v1/webchat/chats/${chat.chatId}/typing`, 'PUT', chat.token, { on: true });
    const transcript = first.page.getByTestId('chat-transcript');
    await expect.poll(() => transcript.textContent()).toContain('My invoice is wrong');
    await expect.poll(() => first.page.getByTestId('chat-typing').textContent()).toContain('Vera Visitor is typing');
    await input.fill('Let me pass you to billing.');
    await input.press('Enter');
    await expect.poll(() => transcript.textContent()).toContain('Let me pass you to billing.');
    const seen = await fetch(`${server.url}${messages}?token=${chat.token}`);
    expect(JSON.stringify(await seen.json())).toContain('Let me pass you to billing.');
    await screenshot(first.page, 'agent-chat');

    await goAvailable(second.page);
    await first.page.getByTestId('action-transfer').click();
    await first.page.getByTestId('transfer-search').fill('agent4');
    await first.page.getByRole('option', { name: /Dolores Ruiz/ }).click();

    const secondPickup = second.page.getByTestId('action-pickup');
    await expect.poll(() => secondPickup.isEnabled(), { timeout: 15_000 }).toBe(true);
    await secondPickup.click();
    await expect.poll(() => second.page.getByTestId('chat-transcript').textContent()).toContain('My invoice is wrong');
    await second.page.getByTestId('action-disconnect').click();
    await second.page.getByTestId('wrap-up-dialog').waitFor();
    await screenshot(second.page, 'agent-wrap-up-phone');
    await second.page.getByTestId('wrap-up-code-Resolved').click();
    await expect
      .poll(
        async () => (await admin.request<{ wrapUps: unknown[] }>('GET', `/api/v1/interactions/${chat.chatId}`)).wrapUps,
      )
      .toContainEqual(expect.objectContaining({ userId: 'agent4', state: 'done', code: 'Resolved' }));
    // The first agent's part ended with the transfer: the prompt waits for them too.
    await first.page.getByTestId('wrap-up-dialog').waitFor();
    await first.page.getByTestId('wrap-up-code-Escalated').click();
    expect(await noSidewaysScroll(first.page)).toBe(true);
    expect(await noSidewaysScroll(second.page)).toBe(true);
    await first.context.close();
    await second.context.close();
  });

  it('shows an email that came in over SMTP and sends the reply with an attachment through the relay', async () => {
    const { page, context } = await logOn('agent3');
    await page.getByTestId('status-bar').waitFor();
    await goAvailable(page);
    const mailer = createTransport({
      host: '127.0.0.1',
      port: server.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await mailer.sendMail({
      from: 'Carl Customer <carl@example.org>',
      to: 'support@tandem.example',
      subject: 'Broken router',
      text: 'My router is broken.',
      html: '<p>My <b>router</b> is broken.</p><script>parent.alert(1)</script>',
    });
    const pickup = page.getByTestId('action-pickup');
    await expect.poll(() => pickup.isEnabled(), { timeout: 20_000 }).toBe(true);
    await pickup.click();
    const frame = page.frameLocator('[data-testid=email-frame]');
    await expect.poll(() => frame.locator('body').textContent()).toContain('My router is broken.');
    expect(await frame.locator('script').count()).toBe(0);
    await page.getByTestId('email-reply').click();
    await page.getByTestId('email-body').fill('Dear Carl, a new router is on its way.');
    await page.getByTestId('email-attach').setInputFiles({
      name: 'label.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('shipping label'),
    });
    await expect.poll(() => page.getByTestId('email-composer').textContent()).toContain('label.txt');
    await screenshot(page, 'agent-email-reply');
    await page.getByTestId('email-send').click();
    await expect.poll(() => relayed.length, { timeout: 15_000 }).toBe(1);
    expect(relayed[0]).toContain('a new router is on its way');
    expect(relayed[0]).toContain('label.txt');
    expect(relayed[0]).toMatch(/Subject: Re: Broken router/);
    await context.close();
  });

  it('keeps the session over a reload, and asks for a new password before the client when it was reset', async () => {
    const { page, context } = await logOn('agent1');
    await page.getByTestId('status-bar').waitFor();
    await page.reload();
    await page.getByTestId('status-bar').waitFor();
    expect(await page.getByTestId('logon-form').count()).toBe(0);
    await page.keyboard.press('?');
    await page.getByTestId('help-dialog').waitFor();
    await page.keyboard.press('Escape');
    await context.close();

    await admin.request('POST', '/api/v1/config/users/agent6/password', {
      password: 'a-temporary-one',
      mustChange: true,
    });
    const reset = await logOn('agent6', { password: 'a-temporary-one' });
    await reset.page.getByTestId('password-form').waitFor();
    await reset.page.getByTestId('new-password').fill('my-own-password-6');
    await reset.page.getByTestId('new-password-again').fill('my-own-password-6');
    await reset.page.getByTestId('password-submit').click();
    await reset.page.getByTestId('status-bar').waitFor();
    await reset.context.close();
    const again = await TandemClient.connect({ baseUrl: server.url, userId: 'agent6', password: 'my-own-password-6' });
    await again.disconnect();
  });
});
