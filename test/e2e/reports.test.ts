import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../src/apps/renderer/i18n/index.ts';
import { plainContext } from '../../src/base/node/handlers.ts';
import { overdueReport } from '../../src/features/reports/node/turnaround.ts';
import { signIn, startApp, type App } from './harness.ts';

/**
 * The depot manager's morning in Korean and Chinese: the overdue view lists the cases the server
 * says are late or nearly so, says why in the reader's language, sorts, and opens a case with one
 * click. Each run leaves a screenshot of the view to look at (its path is printed).
 */
describe.each(['ko', 'zh'] as const)('the overdue view in %s', (language) => {
  let app: App;
  const ui = i18next.createInstance();
  const t = (key: string, params?: Record<string, unknown>) => ui.t(key as never, params as never) as unknown as string;

  beforeAll(async () => {
    await ui.init({ resources: { [language]: { translation: resources[language] } }, lng: language, interpolation: { escapeValue: false } });
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    await signIn(app.page, 'Admin Park');
    await app.page.getByLabel('Language').selectOption(language);
    await app.page.getByRole('link', { name: t('nav.reports') }).click();
    await app.page.getByRole('heading', { name: t('reports.title') }).waitFor();
  });
  afterAll(() => app.close());

  it('lists the late and nearly late cases with the status that used the clock, and opens one with a click', async () => {
    const { page, core } = app;
    const expected = await overdueReport(plainContext(core), { productLine: null, dueWithin: 2 });
    expect(expected.cases.length).toBeGreaterThan(2);
    const table = page.getByRole('table', { name: t('reports.table.overdue') });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(expected.cases.length);
    for (const key of ['rma', 'status', 'leftDays', 'dueDate', 'mostTimeStatus']) {
      await table.getByRole('columnheader', { name: t(`reports.column.${key}`), exact: true }).waitFor();
    }
    const first = expected.cases[0]!;
    const firstRow = rows.first();
    expect(await firstRow.getByRole('link').textContent()).toBe(first.rma);
    const cells = await firstRow.locator('td').allTextContents();
    // Status and reason in the reader's language, never the English.
    expect(cells[1]).toBe(t(`status.${first.status}`));
    expect(cells[5]).toBe(t(`status.${first.mostTime!.status}`));
    expect(cells[1]).not.toBe(resources.en.status[first.status]);
    const shot = path.join(os.tmpdir(), `depot-reports-overdue-${language}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`overdue view (${language}): ${shot}`);

    // Its CSV, in the reader's language, with the byte-order mark Excel needs.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: t('reports.exportTable', { table: t('reports.table.overdue') }) }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`overdue-${expected.today}.csv`);
    const csv = fs.readFileSync((await file.path())!, 'utf8');
    expect(csv.startsWith(`\uFEFF${t('reports.column.rma')},${t('reports.column.status')},${t('reports.column.leftDays')},`)).toBe(true);
    expect(csv.split('\r\n')[1]!.startsWith(`${first.rma},${t(`status.${first.status}`)},`)).toBe(true);

    // Sorted by days left, most left first: the first row is one of those with the most days left.
    const leftHeader = table.getByRole('button', { name: t('reports.column.leftDays'), exact: true });
    await leftHeader.click();
    await leftHeader.click();
    await expect.poll(() => table.getByRole('columnheader', { name: t('reports.column.leftDays'), exact: true }).getAttribute('aria-sort')).toBe('descending');
    const most = Math.max(...expected.cases.map((c) => c.leftDays));
    const mostLeft = expected.cases.filter((c) => c.leftDays === most).map((c) => c.rma);
    expect(mostLeft).toContain(await rows.first().getByRole('link').textContent());

    // One click to the case, and Back returns to the report.
    await table.getByRole('link', { name: first.rma }).click();
    await page.getByRole('heading', { name: first.rma }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/cases/${first.rma}`);
    await page.goBack();
    await table.waitFor();
  });

  it('filters by product line and shows every open case on request', async () => {
    const { page, core } = app;
    const line = 'Headphones';
    await page.getByLabel(t('reports.show')).selectOption('all');
    await page.getByLabel(t('reports.productLine')).selectOption(line);
    const expected = await overdueReport(plainContext(core), { productLine: line, dueWithin: null });
    const rows = page.getByRole('table', { name: t('reports.table.overdue') }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(expected.cases.length);
    // The demo's product line, which Depot ships in English, in the reader's language.
    expect(await rows.locator('td:nth-child(9)').allTextContents()).toEqual(expected.cases.map(() => (language === 'ko' ? '헤드폰' : '耳机')));
  });
});
