// The journeys of issue 4 in headless Chromium against a real server process: a visitor chats from
// the demo page, two agents handle the chat in the web client, a supervisor watches, and an email
// sent over SMTP is answered from the client.
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logOn, type AgentPage } from './support/agent-page.js';
import { browserTarget, launchBrowser, screenshot } from './support/browser.js';
import { buildClientsIfStale } from './support/build-clients.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { E2E_PASSWORD, startTandemProcess, type TandemProcess } from './support/tandem-process.js';

const target = browserTarget();
const LIVE = { timeout: 15_000 };

describe.skipIf(target.skip)('a day at the contact center, in a real browser', () => {
  let tandem: TandemProcess;
  let sink: SmtpSink;
  let browser: Browser;

  beforeAll(async () => {
    buildClientsIfStale();
    sink = await startSmtpSink();
    tandem = await startTandemProcess({
      TANDEM_SMTP_RELAY_HOST: '127.0.0.1',
      TANDEM_SMTP_RELAY_PORT: String(sink.port),
    });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await tandem?.stop();
    await sink?.close();
  });

  /** An administrator's change over the API: Support asks agents for a wrap-up code after their part. */
  async function requireWrapUpInSupport(): Promise<void> {
    const json = { 'content-type': 'application/json' };
    const logon = await fetch(`${tandem.url}/api/v1/connection`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ userId: 'admin', password: E2E_PASSWORD }),
    });
    const { token } = (await logon.json()) as { token: string };
    const auth = { ...json, authorization: `Bearer ${token}` };
    const url = `${tandem.url}/api/v1/config/workgroups/Support`;
    const current = await fetch(url, { headers: auth });
    const {
      id: _id,
      revision,
      createdAt: _c,
      updatedAt: _u,
      members: _m,
      ...fields
    } = (await current.json()) as Record<string, unknown>;
    const put = await fetch(url, {
      method: 'PUT',
      headers: { ...auth, 'if-match': `"${String(revision)}"` },
      body: JSON.stringify({ ...fields, wrapUpRequired: true }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
  }

  async function visitorStartsChat(text: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${tandem.url}/demo`);
    await page.getByTestId('tw-launcher').click();
    const name = page.getByTestId('tw-name');
    if (await name.isVisible().catch(() => false)) await name.fill('Vera Visitor');
    const start = page.getByTestId('tw-start');
    if (await start.isVisible().catch(() => false)) await start.click();
    await page.getByTestId('tw-input').fill(text);
    await page.getByTestId('tw-send').click();
    await expect.poll(() => page.getByTestId('tw-message').filter({ hasText: text }).count(), LIVE).toBe(1);
    return page;
  }

  async function supervisorWatchesSupport(): Promise<AgentPage> {
    const supervisor = await logOn(browser, tandem.url, 'supervisor');
    await supervisor.openView('workgroup-statistics');
    await supervisor.page.getByTestId('stat-overview').waitFor(LIVE);
    return supervisor;
  }

  /** The "Received" figure of a workgroup's row in the statistics overview, once the row is shown. */
  async function receivedFor(page: Page, workgroup: string): Promise<number> {
    const cell = page.getByTestId(`stat-row-${workgroup}`).getByTestId('stat-received');
    await cell.waitFor(LIVE);
    return Number((await cell.innerText()).replace(/\D/g, ''));
  }

  it('a visitor chats to Support; an agent picks up, transfers to a colleague who disconnects and wraps up, while a supervisor watches', async () => {
    await requireWrapUpInSupport();
    const supervisor = await supervisorWatchesSupport();
    const receivedBefore = await receivedFor(supervisor.page, 'Support');

    const first = await logOn(browser, tandem.url, 'agent3');
    const second = await logOn(browser, tandem.url, 'agent4');
    await first.setStatus(/^Available$/);
    await screenshot(first.page, 'agent-available');

    const visitor = await visitorStartsChat('Hello, my invoice is wrong');
    await screenshot(visitor, 'demo-page-chat');

    const row = first.interactionRow(/Vera Visitor/);
    await row.waitFor(LIVE);
    await expect.poll(() => row.innerText(), LIVE).toMatch(/Alerting/i);
    await screenshot(first.page, 'agent-alerted');

    await expect.poll(() => receivedFor(supervisor.page, 'Support'), LIVE).toBeGreaterThan(receivedBefore);
    await supervisor.openView('queues');
    const toggle = supervisor.page.getByTestId('queue-toggle-Support');
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    const queue = supervisor.page.getByTestId('queue-Support');
    await expect.poll(() => queue.innerText().catch(() => ''), LIVE).toMatch(/Vera Visitor/);
    await screenshot(supervisor.page, 'supervisor-queue');

    await row.click();
    await first.action('pickup').click();
    await expect.poll(() => row.innerText(), LIVE).toMatch(/Connected|ACD - Assigned/i);
    await first.page.getByTestId('chat-transcript').getByText('Hello, my invoice is wrong').waitFor(LIVE);

    await first.page.getByTestId('chat-input').fill('Hello Vera, let me look at it.');
    await first.page.getByTestId('chat-send').click();
    await visitor.getByTestId('tw-message').filter({ hasText: 'let me look at it' }).waitFor(LIVE);
    await visitor.getByTestId('tw-input').fill('Thank you!');
    await visitor.getByTestId('tw-send').click();
    await first.page.getByTestId('chat-transcript').getByText('Thank you!').waitFor(LIVE);
    await screenshot(first.page, 'agent-chat');

    await first.action('transfer').click();
    const dialog = first.page.getByTestId('transfer-dialog');
    await dialog.getByRole('combobox').or(dialog.locator('input')).first().fill('Dolores');
    await dialog
      .getByRole('option', { name: /Dolores Ruiz/ })
      .first()
      .click();
    // Agent3's part ended with the transfer: Support asks agent3 for a wrap-up code too, and the
    // chat stays in agent3's list until one is chosen.
    const firstCode = first.page.getByTestId('wrap-up-dialog').getByTestId('wrap-up-code-Escalated');
    await firstCode.waitFor(LIVE);
    await firstCode.click();
    await expect.poll(() => row.count(), LIVE).toBe(0);

    const theirs = second.interactionRow(/Vera Visitor/);
    await theirs.waitFor(LIVE);
    await theirs.click();
    await second.action('pickup').click();
    await expect.poll(() => theirs.innerText(), LIVE).toMatch(/Connected|ACD - Assigned/i);
    await second.page.getByTestId('chat-transcript').getByText('Thank you!').waitFor(LIVE);
    await second.action('disconnect').click();
    const code = second.page.getByTestId('wrap-up-code-Resolved');
    await code.waitFor(LIVE);
    await screenshot(second.page, 'agent-wrap-up');
    await code.click();
    await expect.poll(() => code.count(), LIVE).toBe(0);
    await visitor.getByTestId('tw-ended').or(visitor.getByTestId('tw-new-chat')).first().waitFor(LIVE);

    await supervisor.openView('workgroup-statistics');
    expect(await receivedFor(supervisor.page, 'Support')).toBeGreaterThan(receivedBefore);
    await screenshot(supervisor.page, 'supervisor-statistics');
    await second.page.context().close();
    await visitor.context().close();
  }, 240_000);

  it('an email sent over SMTP to a workgroup mailbox is routed to an available agent and answered from the client', async () => {
    // Loans: the only workgroup of agent5, and nobody else of it is logged on, so the alert is theirs.
    const agent = await logOn(browser, tandem.url, 'agent5');
    await agent.setStatus(/^Available$/);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: tandem.smtpPort, secure: false });
    await transport.sendMail({
      from: 'Walter Writer <walter@customer.example>',
      to: 'loans@tandem.example',
      subject: 'Parcel never arrived',
      text: 'Order 4711 has not arrived yet.',
    });

    const row = agent.interactionRow(/Parcel never arrived|Walter/);
    await row.waitFor(LIVE);
    await row.click();
    await agent.action('pickup').click();
    await expect.poll(() => row.innerText(), LIVE).toMatch(/Connected|ACD - Assigned/i);
    await agent.page.getByTestId('email-subject-view').getByText('Parcel never arrived').waitFor(LIVE);
    await agent.page.getByTestId('email-reply').click();
    await agent.page.getByTestId('email-body').fill('We are sending a new parcel today.');
    await screenshot(agent.page, 'agent-email-reply');
    await agent.page.getByTestId('email-send').click();

    await expect.poll(() => sink.messages.length, LIVE).toBe(1);
    const reply = sink.messages[0]!;
    expect(reply.to && 'text' in reply.to ? reply.to.text : '').toContain('walter@customer.example');
    expect(reply.subject).toMatch(/Parcel never arrived/);
    expect(reply.text).toContain('We are sending a new parcel today.');
    expect(reply.inReplyTo).toBeTruthy();
  }, 180_000);
});
