// What a person does in the agent web client, in the words of the screen.
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { E2E_PASSWORD } from './tandem-process.js';

export interface AgentPage {
  page: Page;
  userId: string;
  setStatus(statusText: RegExp): Promise<void>;
  openView(viewId: string): Promise<void>;
  interactionRow(text: string | RegExp): ReturnType<Page['locator']>;
  action(command: string): ReturnType<Page['locator']>;
}

/** Opens the client in a fresh browser context (its own cookies) and logs `userId` on without a station. */
export async function logOn(browser: Browser, url: string, userId: string): Promise<AgentPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.grantPermissions(['notifications']).catch(() => undefined);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${userId} page error]`, error.message));
  await page.goto(url);
  await page.getByTestId('logon-user').fill(userId);
  await page.getByTestId('logon-password').fill(E2E_PASSWORD);
  const none = page.getByTestId('station-none');
  if (await none.count()) await none.check().catch(() => none.click());
  await page.getByTestId('logon-submit').click();
  await page.getByTestId('status-bar').waitFor();
  return {
    page,
    userId,
    async setStatus(statusText) {
      const select = page.getByTestId('status-select');
      const option = select.locator('option').filter({ hasText: statusText }).first();
      const value = await option.getAttribute('value');
      expect(value, `status ${String(statusText)} offered to ${userId}`).toBeTruthy();
      await select.selectOption(value ?? '');
      const save = page.getByTestId('status-save');
      if (await save.isVisible().catch(() => false)) await save.click();
      await expect.poll(() => select.inputValue(), { timeout: 10_000 }).toBe(value);
    },
    async openView(viewId) {
      await page.getByTestId(`nav-${viewId}`).first().click();
    },
    interactionRow(text) {
      return page.getByTestId('my-interactions').locator('[data-testid^="interaction-"]').filter({ hasText: text });
    },
    action(command) {
      return page.getByTestId(`action-${command}`).first();
    },
  };
}
