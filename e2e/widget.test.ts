import { TandemClient } from '@tandem/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTarget, launchBrowser, screenshot } from './support/browser.js';
import { buildClientsIfStale } from './support/build-clients.js';
import { E2E_PASSWORD, startTandemProcess, type TandemProcess } from './support/tandem-process.js';

/*
 * The website widget on the demo page, in headless Chromium against a real server: style
 * isolation both ways, a chat with an agent (driven over the API), typing, a page reload in the
 * middle of the chat, Escape, ending, and a callback request. Playwright's CSS and test-id
 * locators pierce the widget's open shadow root.
 */

const target = browserTarget();
/** The host page's worst: rules that would restyle or hide anything they reach. */
const HOSTILE_CSS = '* { color: rgb(255, 0, 0) !important; font-family: serif !important } div { display: none }';

describe.skipIf(target.skip)('the website widget', () => {
  let server: TandemProcess;
  let browser: Browser;
  let page: Page;
  let agent: TandemClient;

  beforeAll(async () => {
    buildClientsIfStale();
    server = await startTandemProcess();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    agent = await TandemClient.connect({ baseUrl: server.url, userId: 'agent3', password: E2E_PASSWORD });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The chat alerting on agent3's queue, once the ACD has routed it. */
  async function alertingChat(): Promise<string> {
    await expect
      .poll(async () => {
        const q = await agent.request<{ items: { id: string; state: string }[] }>('GET', '/api/v1/queues/users/agent3');
        return q.items.find((i) => i.state.endsWith('alerting'))?.id;
      })
      .toBeDefined();
    const q = await agent.request<{ items: { id: string; state: string }[] }>('GET', '/api/v1/queues/users/agent3');
    return q.items.find((i) => i.state.endsWith('alerting'))?.id as string;
  }

  it('keeps its looks under hostile page styles, and leaves the page’s styles alone', async () => {
    await page.goto(`${server.url}/demo`);
    await page.getByTestId('tw-launcher').click();
    // Browser-side code as strings: the Node typecheck of e2e/ has no DOM library.
    const look = () =>
      page.evaluate(`(() => {
        const b = document.querySelector('tandem-widget').shadowRoot.querySelector('[data-testid="tw-start"]');
        return [getComputedStyle(b).color, getComputedStyle(b).fontFamily];
      })()`);
    const clean = (await look()) as string[];
    const pageRulesNamingTheWidget = await page.evaluate(
      `[...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r.cssText.includes('.launcher')).length`,
    );
    expect(pageRulesNamingTheWidget, 'the widget adds no style to the page').toBe(0);
    expect(await page.evaluate(`getComputedStyle(document.querySelector('.cta')).borderRadius`)).toBe('999px');
    await page.addStyleTag({ content: HOSTILE_CSS });
    expect(await look()).toEqual(clean);
    await expect.poll(() => page.getByTestId('tw-panel').isVisible()).toBe(true);
    expect(clean[0]).toBe('rgb(255, 255, 255)');
  });

  it('chats with an agent, shows the agent typing, and survives a page reload', async () => {
    await agent.request('PUT', '/api/v1/status/user-statuses/agent3', { statusId: 'available' });
    await page.getByTestId('tw-name').fill('Vera Visitor');
    await page.getByTestId('tw-start').click();
    await page.getByTestId('tw-waiting').waitFor();
    const chatId = await alertingChat();
    await agent.request('POST', `/api/v1/interactions/${chatId}/pickup`, {});
    await page.getByTestId('tw-input').fill('My router blinks red');
    await page.getByTestId('tw-send').click();
    await page.locator('[data-testid="tw-message"][data-who="mine"]').filter({ hasText: 'blinks red' }).waitFor();
    await agent.request('PUT', `/api/v1/interactions/${chatId}/chat/typing`, { on: true });
    await page.getByTestId('tw-typing').filter({ hasText: 'Chen Wei is typing' }).waitFor();
    await agent.request('POST', `/api/v1/interactions/${chatId}/chat/messages`, { text: 'Let us look at it, Vera.' });
    await page.locator('[data-testid="tw-message"][data-who="agent"]').filter({ hasText: 'look at it' }).waitFor();
    await screenshot(page, 'widget-chat');

    await page.reload();
    await page.locator('[data-testid="tw-message"]').filter({ hasText: 'look at it' }).waitFor();
    await agent.request('POST', `/api/v1/interactions/${chatId}/chat/messages`, { text: 'Still with me?' });
    await page.locator('[data-testid="tw-message"]').filter({ hasText: 'Still with me' }).waitFor();
    const seqs = await page
      .getByTestId('tw-message')
      .evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-seq'))));
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(seqs.length).toBeGreaterThanOrEqual(4);
  });

  it('closes on Escape and gives focus back to the launcher', async () => {
    await page.getByTestId('tw-input').focus();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('tw-panel').isHidden()).toBe(true);
    const focused = () =>
      page.evaluate(`document.querySelector('tandem-widget').shadowRoot.activeElement?.dataset.testid`);
    expect(await focused()).toBe('tw-launcher');
    await page.getByTestId('tw-launcher').click();
    expect(await focused()).toBe('tw-input');
  });

  it('tells the page when the visitor ends the chat, and forgets it', async () => {
    const ended = page.evaluate(
      `new Promise((resolve) => window.addEventListener('tandem:ended', (e) => resolve(e.detail), { once: true }))`,
    );
    await page.getByTestId('tw-end').click();
    expect(await ended).toMatchObject({ reason: 'customer-left' });
    await page.getByTestId('tw-ended').waitFor();
    await page.reload();
    await page.getByTestId('tw-launcher').click();
    await page.getByTestId('tw-name').waitFor();
  });

  it('sends a callback request to the workgroup', async () => {
    await page.getByTestId('tw-callback-open').click();
    await page.getByTestId('tw-callback-name').fill('Vera Visitor');
    await page.getByTestId('tw-callback-phone').fill('+1 555 0100');
    await page.getByTestId('tw-callback-submit').click();
    await page.getByTestId('tw-callback-done').waitFor();
    // Waiting in the Support queue, or already routed to its available agent.
    const queues = await Promise.all(
      ['/api/v1/queues/workgroups/Support', '/api/v1/queues/users/agent3'].map((path) =>
        agent.request<{ items: { type: string; attributes?: Record<string, string> }[] }>('GET', path),
      ),
    );
    expect(queues.flatMap((q) => q.items).some((i) => i.type === 'callback')).toBe(true);
  });
});
