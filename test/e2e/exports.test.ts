import fs from 'node:fs';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../src/apps/renderer/i18n/index.ts';
import { signIn, startApp, type App } from './harness.ts';

/**
 * A long export from the Reports screen, in Korean: while its pages come in, the screen says how
 * many rows of how many it has; then the file is saved with the customers in it, as Korean.
 */
describe('the customers export from the Reports screen', () => {
  let app: App;
  const ui = i18next.createInstance();
  const t = (key: string, params?: Record<string, unknown>) => ui.t(key as never, params as never) as unknown as string;

  beforeAll(async () => {
    await ui.init({ resources: { ko: { translation: resources.ko } }, lng: 'ko', interpolation: { escapeValue: false } });
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    await signIn(app.page, 'Admin Park');
    await app.page.getByLabel('Language').selectOption('ko');
    await app.page.getByRole('link', { name: t('nav.reports') }).click();
    await app.page.getByRole('link', { name: t('reports.tab.customers') }).click();
  });
  afterAll(() => app.close());

  it('shows its progress while the pages come in, and saves the file', async () => {
    const { page, core } = app;
    const customers = await core.db.selectFrom('customers').select(['name']).execute();
    // A slow answer holds the first page, so the progress can be seen before it is done.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/reports.exportPage', async (route) => {
      await held;
      await route.continue();
    });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: t('reports.exportCsv') }).click();
    await page.getByRole('status').filter({ hasText: t('reports.exportProgress', { done: '0', total: '0' }) }).waitFor();
    await page.getByRole('progressbar', { name: t('reports.table.customers') }).waitFor();
    release();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await file.path())!, 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${['customerId', 'name', 'email', 'phone', 'language', 'createdAt'].map((k) => t(`reports.column.${k}`)).join(',')}`);
    // The demo's customers were all added in the last 30 days.
    expect(lines.length - 2).toBe(customers.length);
    expect(customers.some((c) => /[가-힣]/.test(c.name) && csv.includes(c.name))).toBe(true);
  });
});
