import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill } from '../../src/base/common/messages.ts';
import { resources } from '../../src/apps/renderer/i18n/index.ts';
import { casesTranslations } from '../../src/features/cases/browser/messages.ts';
import { receivingTranslations } from '../../src/features/receiving/browser/messages.ts';
import { scan, signIn, startApp, type App } from './harness.ts';

/**
 * A dock worker whose Depot speaks Korean or Chinese sees what the server says in that language:
 * a conflict with another station, a serial that does not match, and the notes Depot writes in a
 * case's history. The expected texts come from the catalogs; the test also checks they are not the
 * English ones.
 */
describe.each(['ko', 'zh'] as const)('the receiving dock in %s', (language) => {
  let app: App;
  const ui = i18next.createInstance();
  const says = { cases: casesTranslations[language], receiving: receivingTranslations[language] };

  beforeAll(async () => {
    await ui.init({ resources: { [language]: { translation: resources[language] } }, lng: language, interpolation: { escapeValue: false } });
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    await signIn(app.page, 'Minji Kim');
    await app.page.getByLabel('Language').selectOption(language);
    await app.page.getByRole('heading', { name: ui.t('receiving.title'), level: 1 }).waitFor();
  });
  afterAll(() => app.close());

  const t = (key: string, params?: Record<string, unknown>) => ui.t(key as never, params as never) as unknown as string;

  const unit = async (index: number) => {
    const rows = await app.core.db
      .selectFrom('cases')
      .select(['rma', 'serial', 'inbound_tracking', 'version'])
      .where('status', '=', 'in_transit')
      .orderBy('id')
      .execute();
    return rows[language === 'ko' ? index : index + 2]!;
  };

  /** Another station changes the case meanwhile: its version rises under the open form. */
  const changedElsewhere = (rma: string) =>
    app.core.db
      .updateTable('cases')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('rma', '=', rma)
      .execute();

  it('says a serial does not match, and that the case changed meanwhile, in its language', async () => {
    const { page } = app;
    const expected = await unit(0);
    await scan(page, t('receiving.scan'), expected.inbound_tracking!);
    await page.getByText(expected.rma, { exact: true }).waitFor();
    await scan(page, t('field.serial'), 'WRONG-UNIT-7');
    await page.getByText(t('receiving.mismatch', { scanned: 'WRONG-UNIT-7', expected: expected.serial })).waitFor();
    await page.keyboard.press('Enter');
    await page.getByText(says.cases.giveReason, { exact: true }).waitFor();
    expect(says.cases.giveReason).not.toBe('Give a reason');

    await changedElsewhere(expected.rma);
    await page.getByLabel(t('field.reason'), { exact: true }).fill('Bought as a replacement');
    await page.getByLabel(t('field.reason'), { exact: true }).press('Enter');
    await page.getByRole('alert').getByText(t('receiving.conflict', { rma: expected.rma })).waitFor();
    expect((await app.core.db.selectFrom('cases').select('status').where('rma', '=', expected.rma).executeTakeFirstOrThrow()).status).toBe(
      'in_transit',
    );
  });

  it('refuses an undo of a case changed elsewhere, and shows the notes Depot wrote', async () => {
    const { page } = app;
    const expected = await unit(1);
    await scan(page, t('receiving.scan'), expected.rma);
    // The last test's form is still open until this unit's is drawn: the serial goes into this unit's.
    await page.getByText(expected.rma, { exact: true }).first().waitFor();
    await scan(page, t('field.serial'), 'WRONG-UNIT-8');
    await page.getByLabel(t('field.reason'), { exact: true }).fill('Bought as a replacement');
    await page.getByLabel(t('field.reason'), { exact: true }).press('Enter');
    await page.getByText(t('receiving.received', { rma: expected.rma })).first().waitFor();

    // Undo while another station has changed the case: refused, in this language.
    await changedElsewhere(expected.rma);
    await page.getByRole('button', { name: `${t('receiving.undo')} ${expected.rma}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(t('field.reason'), { exact: true }).fill('Opened the wrong box');
    await dialog.getByRole('button', { name: t('transition.submit') }).click();
    await dialog.getByText(t('receiving.conflict', { rma: expected.rma })).waitFor();
    await dialog.getByRole('button', { name: t('common.cancel') }).click();

    // The history Depot wrote for the receipt, in this language; the English stays for the API.
    await page.reload();
    await page.getByRole('heading', { name: t('receiving.title'), exact: true }).waitFor();
    await page.goto(`${new URL(page.url()).origin}/#/cases/${expected.rma}`);
    await page.getByRole('heading', { name: expected.rma }).waitFor();
    const history = page.locator('table.history');
    const shown = () => history.textContent();
    await expect.poll(shown).toContain(fill(says.receiving.mismatchAccepted, { reason: 'Bought as a replacement' }));
    await expect.poll(shown).toContain(fill(says.cases.serialReceived, { serial: 'WRONG-UNIT-8', expected: expected.serial }));
    expect(await history.textContent()).not.toContain('Serial mismatch accepted');
  });

  it('shows the portal’s request note of a demo case in its language', async () => {
    const { page, core } = app;
    const requested = await core.db.selectFrom('cases').select('rma').where('status', '=', 'requested').orderBy('id').executeTakeFirstOrThrow();
    await page.goto(`${new URL(page.url()).origin}/#/cases/${requested.rma}`);
    const history = page.locator('table.history');
    await history.getByText(says.cases.requestedOnPortal, { exact: true }).waitFor();
    expect(await history.textContent()).not.toContain('Requested on the portal');
  });

  it('says a status change lost to another station in its language, at the desk', async () => {
    const { page, core } = app;
    await page.getByRole('button', { name: t('common.signOut') }).click();
    const user = page.getByLabel(t('field.user'));
    const clerk = user.locator('option', { hasText: 'Eleni Papadopoulou' });
    await user.selectOption({ value: (await clerk.getAttribute('value'))! });
    await page.getByLabel(t('field.pin')).fill('1234');
    await page.getByRole('button', { name: t('signIn.submit') }).click();
    await page.getByRole('button', { name: t('common.signOut') }).waitFor();

    const requested = await core.db.selectFrom('cases').select('rma').where('status', '=', 'requested').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await page.goto(`${new URL(page.url()).origin}/#/cases/${requested.rma}`);
    await page.getByRole('button', { name: t('case.moveTo', { status: t('status.authorized') }) }).click();
    await changedElsewhere(requested.rma);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: t('transition.submit') }).click();
    await page.getByRole('alert').getByText(t('transition.conflict', { rma: requested.rma })).waitFor();
    expect(t('transition.conflict', { rma: requested.rma })).not.toMatch(/changed|meanwhile/);
  });
});
