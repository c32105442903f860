import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../src/apps/renderer/i18n/index.ts';
import type { Said } from '../../src/base/common/messages.ts';
import { wordReason } from '../../src/base/browser/messages.ts';
import { productsMessages } from '../../src/features/products/common/index.ts';
import '../../src/features/products/browser/messages.ts';
import type { Locator } from 'playwright-core';
import { signIn, startApp, type App } from './harness.ts';

/**
 * An admin adds a model on the Products screen, watches the date-code test answer as a serial is
 * typed, and retires a model, which the walk-in desk then no longer offers; every field and button
 * is found by its label in the language Depot speaks.
 */
describe.each(['en', 'zh'] as const)('the products screen in %s', (language) => {
  let app: App;
  const ui = i18next.createInstance();
  const t = (key: string, params?: Record<string, unknown>) => ui.t(key as never, params as never) as unknown as string;
  const said = (message: Said) => (language === 'en' ? message.text : wordReason(message, message.text, language));
  const describedAs = (field: Locator) =>
    field.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));

  beforeAll(async () => {
    await ui.init({ resources: { [language]: { translation: resources[language] } }, lng: language, interpolation: { escapeValue: false } });
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    await signIn(app.page, 'Admin Park');
    if (language !== 'en') await app.page.getByLabel('Language').selectOption(language);
    await app.page.getByRole('link', { name: t('nav.settings'), exact: true }).click();
    await app.page.getByRole('link', { name: t('products.manageIntro') }).click();
    await app.page.getByRole('heading', { name: t('products.title'), level: 1 }).waitFor();
  });
  afterAll(() => app.close());

  const addForm = () => app.page.getByRole('region', { name: t('products.add') });

  it('adds a model, answering the date-code test as the serial is typed, and refuses a model listed already at its field', async () => {
    const { page, core } = app;
    const form = addForm();
    await form.getByLabel(t('products.model'), { exact: true }).fill('ZX-9');
    await form.getByLabel(t('products.name'), { exact: true }).fill('ZX-9 speaker');
    await form.getByLabel(t('products.productLine'), { exact: true }).fill('Speakers');
    await form.getByLabel(t('products.warrantyMonths'), { exact: true }).fill('18');
    await form.getByLabel(t('receiving.accessory.cable'), { exact: true }).check();
    await form.getByLabel(t('products.dateCodePattern')).fill('^ZX(?<year>\\d{2})(?<week>\\d{2})');
    const test = form.getByLabel(t('products.testSerial'));
    const answer = form.getByRole('status', { name: t('products.testResult') });
    await test.pressSequentially('ZX2540-1', { delay: 20 });
    await expect.poll(() => answer.textContent()).toBe(t('products.made', { date: '2025-09-29' }));
    await test.fill('ZX2599');
    await expect.poll(() => answer.textContent()).toBe(t('products.miss.badWeek'));
    await test.fill('AB2540');
    await expect.poll(() => answer.textContent()).toBe(t('products.miss.noMatch'));
    await form.getByRole('button', { name: t('products.add') }).click();
    await page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'ZX-9', exact: true }) }).waitFor();
    expect(await core.db.selectFrom('products').select(['warranty_months', 'accessories', 'date_code_pattern', 'active']).where('model', '=', 'ZX-9').executeTakeFirst()).toEqual({
      warranty_months: 18,
      accessories: '["cable"]',
      date_code_pattern: '^ZX(?<year>\\d{2})(?<week>\\d{2})',
      active: 1,
    });

    await form.getByLabel(t('products.model'), { exact: true }).fill(' zx-9');
    await form.getByLabel(t('products.name'), { exact: true }).fill('Again');
    await form.getByLabel(t('products.productLine'), { exact: true }).fill('Speakers');
    await form.getByRole('button', { name: t('products.add') }).click();
    await expect.poll(() => describedAs(form.getByLabel(t('products.model'), { exact: true }))).toContain(said(productsMessages.modelExists({ model: 'zx-9' })));
  });

  it('edits a model in a dialog: months out of range are refused at their field, then the change is saved and focus returns', async () => {
    const { page, core } = app;
    await page.getByRole('button', { name: t('products.editProduct', { model: 'ZX-9' }) }).click();
    const dialog = page.getByRole('dialog', { name: t('products.editProduct', { model: 'ZX-9' }) });
    const months = dialog.getByLabel(t('products.warrantyMonths'), { exact: true });
    await months.fill('121');
    await dialog.getByRole('button', { name: t('common.save') }).click();
    await expect.poll(() => describedAs(months)).toContain(said(productsMessages.warrantyMonths()));
    await months.fill('36');
    await dialog.getByRole('button', { name: t('common.save') }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(t('products.editProduct', { model: 'ZX-9' }));
    expect(await core.db.selectFrom('products').select(['warranty_months', 'version']).where('model', '=', 'ZX-9').executeTakeFirst()).toEqual({ warranty_months: 36, version: 2 });
  });

  it('retires a model: shown as retired, and no longer offered at the walk-in desk', async () => {
    const { page } = app;
    await page.getByRole('button', { name: t('products.retireProduct', { model: 'AX-200' }) }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'AX-200', exact: true }) });
    await row.getByText(t('products.retired'), { exact: true }).waitFor();
    await page.getByRole('button', { name: t('products.reactivateProduct', { model: 'AX-200' }) }).waitFor();

    await page.evaluate(() => {
      window.location.hash = '#/receiving/walk-in';
    });
    const model = page.getByLabel(t('field.model'), { exact: true });
    await model.waitFor();
    const offered = () => model.evaluate((el) => [...((el as HTMLInputElement).list?.options ?? [])].map((o) => o.value));
    await expect.poll(offered).toContain('ZX-9');
    expect(await offered()).toContain('AX-100');
    expect(await offered()).not.toContain('AX-200');
  });
});
