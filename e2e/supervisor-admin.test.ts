import { TandemClient } from '@tandem/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTarget, launchBrowser, screenshot } from './support/browser.js';
import { buildClientsIfStale } from './support/build-clients.js';
import { E2E_PASSWORD, startTandemProcess, type TandemProcess } from './support/tandem-process.js';

/*
 * The supervisor and admin views of the web client in headless Chromium against a real server: a
 * workgroup queue and the workgroup statistics follow interactions created over the API, a pickup
 * from the queue, the schema-driven editor's conflict (412) and referrers (409) answers, the
 * widget's Copy script, and no horizontal overflow at 1280x720 and 390x844.
 */

const target = browserTarget();

/** The little of the page's globals the checks use (this file is typed for Node, without the DOM lib). */
interface BrowserGlobals {
  innerWidth: number;
  navigator: { clipboard: { readText(): Promise<string> } };
  document: {
    documentElement: { scrollWidth: number; clientWidth: number };
    getElementById(id: string): { scrollWidth: number; clientWidth: number } | null;
  };
}

/** How far the page or the main area would scroll sideways (0 or less: not at all). */
function overflowOf(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as BrowserGlobals;
    const main = document.getElementById('main') ?? document.documentElement;
    return Math.max(document.documentElement.scrollWidth - innerWidth, main.scrollWidth - main.clientWidth);
  });
}

describe.skipIf(target.skip)('the supervisor and admin views', () => {
  let server: TandemProcess;
  let browser: Browser;
  /** A second administrator: one session per user, so the browser's admin is not logged off by it. */
  let other: TandemClient;

  beforeAll(async () => {
    buildClientsIfStale();
    server = await startTandemProcess();
    browser = await launchBrowser();
    const admin = await TandemClient.connect({ baseUrl: server.url, userId: 'admin', password: E2E_PASSWORD });
    await admin.request('POST', '/api/v1/config/users', {
      id: 'admin2',
      displayName: 'Other Admin',
      password: E2E_PASSWORD,
      roles: ['Administrator'],
    });
    await admin.disconnect();
    other = await TandemClient.connect({ baseUrl: server.url, userId: 'admin2', password: E2E_PASSWORD });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function logOn(
    userId: string,
    viewport = { width: 1280, height: 720 },
  ): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    // Other runs may be rebuilding packages/web/dist at this moment: load the page until the client is there.
    await expect
      .poll(
        async () => {
          await page.goto(server.url);
          return page
            .getByTestId('logon-user')
            .waitFor({ timeout: 5000 })
            .then(
              () => 1,
              () => 0,
            );
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(1);
    await page.getByTestId('logon-user').fill(userId);
    await page.getByTestId('logon-password').fill(E2E_PASSWORD);
    await page.getByText('No station').click();
    await page.getByTestId('logon-submit').click();
    await page.getByTestId('logoff').waitFor();
    return { page, context };
  }

  const newSalesItem = (Case: string) =>
    other.request<{ id: string }>('POST', '/api/v1/interactions', {
      type: 'generic',
      workgroupId: 'Sales',
      attributes: { Case },
    });

  it("shows a workgroup's queue live and lets a supervisor pick up from it", async () => {
    const { page, context } = await logOn('supervisor');
    await page.goto(`${server.url}/#/queues`);
    await page.getByTestId('queue-toggle-Sales').waitFor();
    if ((await page.getByTestId('queue-Sales').count()) === 0) await page.getByTestId('queue-toggle-Sales').click();
    const queue = page.getByTestId('queue-Sales');
    await queue.waitFor();
    const first = await newSalesItem('1');
    const second = await newSalesItem('2');
    await expect.poll(() => queue.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => page.getByTestId('queue-count-Sales').textContent()).toBe('2 in queue');
    await screenshot(page, 'supervisor-queue');
    await page.getByTestId(`queue-item-${first.id}`).getByTestId('action-pickup').click();
    await expect.poll(() => page.getByTestId(`queue-item-${first.id}`).count()).toBe(0);
    expect(await page.getByTestId(`queue-item-${second.id}`).count()).toBe(1);
    const picked = await other.request<{ state: string; userId?: string }>('GET', `/api/v1/interactions/${first.id}`);
    expect(picked).toMatchObject({ state: 'connected', userId: 'supervisor' });
    await context.close();
  });

  it('updates the workgroup statistics overview while interactions arrive', async () => {
    const { page, context } = await logOn('supervisor');
    await page.goto(`${server.url}/#/statistics`);
    const waiting = page.getByTestId('stat-row-Sales').getByTestId('stat-waiting');
    await waiting.waitFor();
    const before = Number(await waiting.textContent());
    await newSalesItem('3');
    await expect.poll(async () => Number(await waiting.textContent()), { timeout: 10_000 }).toBe(before + 1);
    await page.getByRole('button', { name: 'Details of Sales' }).click();
    await page.getByTestId('stat-detail-Sales').waitFor();
    await screenshot(page, 'supervisor-statistics');
    await context.close();
  });

  it('shows a status change in the company directory as it happens, and finds people by what is typed', async () => {
    const { page, context } = await logOn('supervisor');
    await page.goto(`${server.url}/#/directory`);
    const row = page.getByTestId('directory-user-agent5');
    await expect.poll(() => row.textContent()).toContain('logged off');
    const agent = await TandemClient.connect({ baseUrl: server.url, userId: 'agent5', password: E2E_PASSWORD });
    await agent.request('PUT', '/api/v1/status/user-statuses/agent5', { statusId: 'available' });
    await expect.poll(() => row.textContent()).toContain('Available');
    await page.getByTestId('directory-search').fill('emeka loans');
    await expect.poll(() => page.getByTestId('directory').locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'directory-live');
    await agent.disconnect();
    await context.close();
  });

  it('refuses to overwrite a record someone else changed, and names who refers to a record it cannot delete', async () => {
    const { page, context } = await logOn('admin');
    await page.goto(`${server.url}/#/admin`);
    await page.getByTestId('admin-kind-workgroups').click();
    await page.getByTestId('record-Support').click();
    await page.getByTestId('field-alertTimeoutSeconds').fill('25');
    const stored = await other.request<Record<string, unknown>>('GET', '/api/v1/config/workgroups/Support');
    const { id: _id, revision: _r, createdAt: _c, updatedAt: _u, ...fields } = stored;
    await other.request('PUT', '/api/v1/config/workgroups/Support', { ...fields, description: 'changed elsewhere' });
    await page.getByTestId('action-save').click();
    await expect.poll(() => page.getByTestId('admin-error').textContent()).toContain('Someone else saved this record');
    await page.getByTestId('action-reload').click();
    await expect.poll(() => page.getByTestId('field-description').inputValue()).toBe('changed elsewhere');

    await page.getByTestId('admin-kind-skills').click();
    await page.getByTestId('record-Billing').click();
    await page.getByTestId('action-delete').click();
    await page.getByTestId('action-confirm-delete').click();
    await expect.poll(() => page.getByTestId('admin-error').textContent()).toContain('Users: agent2');
    await screenshot(page, 'admin-referrers');
    await context.close();
  });

  it("copies a widget's script tags", async () => {
    const { page, context } = await logOn('admin');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/#/admin`);
    await page.getByTestId('admin-kind-widgets').click();
    await page.getByTestId('record-support').click();
    await page.getByTestId('action-copy-script').click();
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.clipboard.readText()))
      .toBe(
        `<script>window.tandemWidget = { server: '${server.url}', widgetId: 'support' };</script>\n` +
          `<script src="${server.url}/widget/tandem-widget.js" async></script>`,
      );
    await screenshot(page, 'admin-widget');
    await context.close();
  });

  it.each([
    [1280, 720],
    [390, 844],
  ])('lays the views out without sideways scrolling at %dx%d', async (width, height) => {
    const { page, context } = await logOn('admin', { width, height });
    for (const view of ['queues', 'directory', 'activation', 'my-statistics', 'statistics', 'admin']) {
      await page.goto(`${server.url}/#/${view}`);
      await page.locator('.page').first().waitFor();
      expect(await overflowOf(page), view).toBeLessThanOrEqual(0);
      await screenshot(page, `${view}-${width}`);
    }
    await page.getByTestId('admin-kind-workgroups').click();
    await page.getByTestId('record-Support').click();
    await page.getByRole('button', { name: 'Add skill' }).click();
    expect(await overflowOf(page), 'the workgroup editor').toBeLessThanOrEqual(0);
    await screenshot(page, `admin-workgroup-${width}`);
    await context.close();
  });
});
