import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Core } from '../../src/base/node/core.ts';
import { startHost, type RunningHost } from '../../src/apps/host/server.ts';
import { freshCore } from '../helpers.ts';

const rendererDir = path.resolve('out/renderer');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface App {
  core: Core;
  host: RunningHost;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, as the browser tests and benchmarks drive it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Depot in browser mode on loopback, driven by Debian's Chromium, as a person would use it. */
export async function startApp(options: { demo?: boolean; now?: () => Date } = {}): Promise<App> {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` before the browser tests (npm test does).');
  }
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: install Debian's chromium package (or set CHROMIUM_PATH).`);
  }
  const core = await freshCore({ demo: options.demo ?? true, now: options.now });
  const host = await startHost({ core, rendererDir });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(host.openUrl);
  return {
    core,
    host,
    browser,
    page,
    close: async () => {
      await browser.close();
      await host.close();
      await core.database.close();
    },
  };
}

/** Signs in a demo user (PIN 1234) by the labels a screen reader would announce. */
export async function signIn(page: Page, userName: string, pin = '1234'): Promise<void> {
  const user = page.getByLabel('User');
  const option = user.locator('option', { hasText: userName });
  await user.selectOption({ value: (await option.getAttribute('value'))! });
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * Types like a barcode scanner: fast keystrokes, then Enter. The field is focused first, so wait for
 * the form it belongs to: a field of the form being replaced would take the first keystrokes.
 */
/** What a scanner does without a field chosen: keystrokes into whatever has focus, then Enter. */
export async function scanIntoFocus(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

export async function scan(page: Page, label: string, code: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}
