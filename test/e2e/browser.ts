import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's chromium, quiet and sandbox-free as containers need it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const launchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export const SHOTS_DIR = process.env.OW_SHOTS_DIR ?? '/tmp/ow-shots';
export const DEMO_PASSWORD = 'onewindow-demo';

export const launchBrowser = (): Promise<Browser> => chromium.launch(launchOptions);

/** A fresh context (own cookies and localStorage) in Chinese, desktop-sized unless told otherwise. */
export async function newContext(browser: Browser, opts: { width?: number; height?: number; mobile?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 900 },
    locale: 'zh-CN',
    isMobile: opts.mobile ?? false,
    hasTouch: opts.mobile ?? false,
    deviceScaleFactor: 1,
    acceptDownloads: true,
  });
}

/**
 * Collects what the page complains about: console errors (CSP refusals show up here), uncaught
 * exceptions, server errors (5xx) and failed requests. Expected refusals (4xx, e.g. 401 from
 * /api/v1/me when nobody is logged in) are not problems. Tests assert the list stays empty.
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
    problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`http ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? 'failed';
    // a download navigates away from the request; an aborted fetch is the app cancelling a stale search
    if (why.includes('ERR_ABORTED')) return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${why}`);
  });
  return problems;
}

/** Logs in through the login form and waits until the app has left /login. */
export async function login(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('form[id="login"] button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 });
}

export interface AxeIssue {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.1 A/AA and best practices) and returns the violations, readable. */
export async function axeViolations(page: Page): Promise<AxeIssue[]> {
  // judge the page at rest: an element half-way through a fade (a toast leaving, a dialog
  // entering) blends its colours with the background and is not what anyone reads
  await page
    .waitForFunction(() => !document.querySelector('[class*="-leave"], [class*="-enter"], [class*="-appear"]'), null, { timeout: 5_000 })
    .catch(() => undefined);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`.slice(0, 400)),
  }));
}

/** Saves a screenshot (the whole page unless `fullPage: false`) to SHOTS_DIR/<name>.png. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? true, animations: 'disabled' });
  return path;
}

/**
 * Checks a radio button or checkbox, clicking again while a dialog is still animating in (on a
 * loaded machine the first click can land before antd has wired the control).
 */
export async function tick(control: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        if (!(await control.isChecked())) await control.click();
        return control.isChecked();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

/**
 * A dialog once it has finished zooming in. On a loaded machine a click while it still moves can
 * land on whatever was under the pointer a frame earlier, and nothing happens.
 */
export async function settledDialog(page: Page, name?: string): Promise<Locator> {
  const dialog = name ? page.getByRole('dialog', { name }) : page.getByRole('dialog');
  await dialog.waitFor();
  await expect.poll(async () => (await dialog.getAttribute('class')) ?? '', { timeout: 15_000 }).not.toMatch(/-(appear|enter)/);
  return dialog;
}

