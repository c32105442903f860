import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../src/apps/renderer/i18n/index.ts';
import { signIn, startApp, type App } from './harness.ts';

/** The admin's audit, in Korean and Chinese: who did what, filtered by person and kind, found by labels. */
describe.each(['ko', 'zh'] as const)('the audit in %s', (language) => {
  let app: App;
  const ui = i18next.createInstance();
  const t = (key: string, params?: Record<string, unknown>) => ui.t(key as never, params as never) as unknown as string;

  beforeAll(async () => {
    await ui.init({ resources: { [language]: { translation: resources[language] } }, lng: language, interpolation: { escapeValue: false } });
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    await signIn(app.page, 'Admin Park');
    await app.page.getByLabel('Language').selectOption(language);
    await app.page.evaluate(() => (location.hash = '#/reports/audit'));
    await app.page.getByRole('heading', { name: t('reports.table.audit') }).waitFor();
  });
  afterAll(() => app.close());

  it('shows the admin’s own sign-in, and narrows to one kind', async () => {
    const { page } = app;
    const table = page.getByRole('table', { name: t('reports.table.audit') });
    await page.getByLabel(t('reports.audit.user')).selectOption({ label: 'Admin Park' });
    await expect.poll(() => table.getByRole('row').filter({ hasText: t('reports.audit.events.signed_in') }).count()).toBeGreaterThan(0);
    await page.getByLabel(t('reports.audit.kind')).selectOption({ label: t('reports.audit.kinds.sign_in') });
    await expect
      .poll(async () => new Set(await table.locator('tbody td:nth-child(4)').allTextContents()))
      .toEqual(new Set([t('reports.audit.kinds.sign_in')]));
  });
});
