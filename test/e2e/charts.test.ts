import os from 'node:os';
import path from 'node:path';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../src/apps/renderer/i18n/index.ts';
import { plainContext } from '../../src/base/node/handlers.ts';
import { failuresReport } from '../../src/features/reports/node/failures.ts';
import { signIn, startApp, type App } from './harness.ts';

/**
 * The failures trend in Korean and Chinese: a line chart beside its table, drawn on a canvas in
 * Depot's bundled faces, with the table's figures the server's. Each run leaves a screenshot.
 */
describe.each(['ko', 'zh'] as const)('the failures trend chart in %s', (language) => {
  let app: App;
  const ui = i18next.createInstance();
  const t = (key: string, params?: Record<string, unknown>) => ui.t(key as never, params as never) as unknown as string;

  beforeAll(async () => {
    await ui.init({ resources: { [language]: { translation: resources[language] } }, lng: language, interpolation: { escapeValue: false } });
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    await signIn(app.page, 'Admin Park');
    await app.page.getByLabel('Language').selectOption(language);
    // Every font the canvases are given, to see which faces their text is drawn in.
    await app.page.evaluate(() => {
      const fonts: string[] = [];
      (window as unknown as { canvasFonts: string[] }).canvasFonts = fonts;
      const property = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, 'font')!;
      Object.defineProperty(CanvasRenderingContext2D.prototype, 'font', {
        ...property,
        set(value: string) {
          fonts.push(value);
          property.set!.call(this, value);
        },
      });
    });
    await app.page.getByRole('link', { name: t('nav.reports') }).click();
    await app.page.getByRole('link', { name: t('reports.tab.failures') }).click();
  });
  afterAll(() => app.close());

  it('draws the trend beside its table, whose figures are the report’s', async () => {
    const { page, core } = app;
    const from = await page.getByLabel(t('reports.from')).inputValue();
    const to = await page.getByLabel(t('reports.to')).inputValue();
    const expected = await failuresReport(plainContext(core), { from, to, productLine: null, period: 'week' });
    expect(expected.trend.some((p) => p.received > 0)).toBe(true);

    const table = page.getByRole('table', { name: t('reports.table.failures-trend') });
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(expected.trend.length);
    expect(await Promise.all((await rows.all()).map((row) => row.locator('td').allTextContents()))).toEqual(
      expected.trend.map((p) => [p.period, String(p.received), String(p.noFaultFound)]),
    );

    // The chart sits in the same panel as the table, and its canvas has something drawn on it.
    const panel = page.locator('section.panel', { has: table });
    const chart = panel.getByRole('img', { name: t('reports.chart.trend') });
    const canvas = chart.locator('canvas');
    await canvas.waitFor();
    await expect
      .poll(() =>
        canvas.evaluate((element: HTMLCanvasElement) => {
          const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
          let inked = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
          return inked;
        }),
      )
      .toBeGreaterThan(500);
    expect(await panel.locator('figcaption').textContent()).toContain(t('reports.chart.received'));

    // Axis labels are drawn in the bundled faces, the reader's own first: Korean or Simplified Chinese shapes.
    const fonts = await page.evaluate(() => (window as unknown as { canvasFonts: string[] }).canvasFonts);
    const drawn = fonts.filter((f) => /px/.test(f));
    expect(drawn.length).toBeGreaterThan(0);
    const first = language === 'ko' ? "'Depot KR', 'Depot SC'" : "'Depot SC', 'Depot KR'";
    for (const font of drawn) expect(font.replace(/"/g, "'")).toContain(first);

    await page.evaluate(() => document.fonts.ready);
    const shot = path.join(os.tmpdir(), `depot-reports-trend-${language}.png`);
    await panel.screenshot({ path: shot });
    console.log(`failures trend (${language}): ${shot}`);
  });
});
