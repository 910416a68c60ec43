// Headless Chromium through playwright-core: Debian's chromium, never a downloaded browser.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TANDEM_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a root user on a machine with a closed network (see CONVENTIONS.md). */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BrowserTarget {
  readonly available: boolean;
  readonly reason?: string;
  /** `TANDEM_TEST_REQUIRE_BROWSER=1`: a missing browser is a failure, not a skip. */
  readonly required: boolean;
  readonly skip: boolean;
}

/**
 * Whether browser tests can run here. When Chromium is missing and not required, prints why once,
 * so a skipped suite is never mistaken for a passing one. Use with `describe.skipIf(target.skip)`
 * and call {@link launchBrowser} in `beforeAll`: when required but missing, that throws.
 */
export function browserTarget(env: Readonly<Record<string, string | undefined>> = process.env): BrowserTarget {
  const required = env.TANDEM_TEST_REQUIRE_BROWSER === '1';
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return { available: true, required, skip: false };
  } catch {
    const reason = `no Chromium at ${CHROMIUM_PATH}`;
    if (!required)
      console.warn(
        `Browser tests skipped: ${reason}; install Debian's chromium (apt-get install -y chromium), ` +
          'or set TANDEM_TEST_REQUIRE_BROWSER=1 to make this a failure',
      );
    return { available: false, reason, required, skip: !required };
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
}

/** Where the e2e run saves its screenshots (git-ignored): looked at, not committed. */
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'e2e-artifacts');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}
