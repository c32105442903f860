import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../src/apps/renderer/i18n/index.ts';
import { commonMessages, type Said } from '../../src/base/common/messages.ts';
import { wordReason } from '../../src/base/browser/messages.ts';
import { usersMessages } from '../../src/features/users/common/index.ts';
import '../../src/features/users/browser/messages.ts';
import type { Locator } from 'playwright-core';
import { signIn, startApp, type App } from './harness.ts';

/**
 * An admin edits a user, resets a PIN and disables a user on the Settings users list, finding
 * every field and button by its label in the language Depot speaks; the server's refusals
 * (a name in use, a PIN of the wrong length) show at their fields in that language.
 */
describe.each(['en', 'ko'] as const)('the users list in %s', (language) => {
  let app: App;
  const ui = i18next.createInstance();
  const t = (key: string, params?: Record<string, unknown>) => ui.t(key as never, params as never) as unknown as string;
  /** What the server's message says in this language. */
  const said = (message: Said) =>
    language === 'en' ? message.text : wordReason(message, message.text, language);

  beforeAll(async () => {
    await ui.init({ resources: { [language]: { translation: resources[language] } }, lng: language, interpolation: { escapeValue: false } });
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    await signIn(app.page, 'Admin Park');
    if (language !== 'en') await app.page.getByLabel('Language').selectOption(language);
    await app.page.getByRole('link', { name: t('nav.settings'), exact: true }).click();
    await app.page.getByRole('heading', { name: t('settings.users'), level: 2 }).waitFor();
  });
  afterAll(() => app.close());

  /** What a field's description says (its hint and its error), as a screen reader reads it with the field. */
  const describedAs = (field: Locator) =>
    field.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));

  const userRow = (name: string) => app.page.getByRole('row').filter({ has: app.page.getByRole('cell', { name, exact: true }) });

  it('edits a user in a dialog: a name in use is refused at the name field, then the new name and role are saved', async () => {
    const { page, core } = app;
    await page.getByRole('button', { name: t('settings.editUser', { name: 'Eleni Papadopoulou' }) }).click();
    const dialog = page.getByRole('dialog', { name: t('settings.editUser', { name: 'Eleni Papadopoulou' }) });
    await dialog.getByLabel(t('field.name')).fill('Minji Kim');
    await dialog.getByRole('button', { name: t('common.save') }).click();
    await expect.poll(() => describedAs(dialog.getByLabel(t('field.name')))).toContain(said(usersMessages.userExists()));

    await dialog.getByLabel(t('field.name')).fill('Eleni Kim');
    await dialog.getByLabel(t('field.role')).selectOption({ label: t('role.technician') });
    await dialog.getByRole('button', { name: t('common.save') }).click();
    await dialog.waitFor({ state: 'detached' });
    await userRow('Eleni Kim').getByRole('cell', { name: t('role.technician'), exact: true }).waitFor();
    // Focus goes back to where the dialog was opened from.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(t('settings.editUser', { name: 'Eleni Kim' }));
    expect(await core.db.selectFrom('users').select(['role']).where('name', '=', 'Eleni Kim').executeTakeFirstOrThrow()).toEqual({ role: 'technician' });
  });

  it("resets a PIN in a dialog: a PIN without the site's length is refused at the New PIN field, then the new PIN signs in", async () => {
    const { page } = app;
    await page.getByRole('button', { name: t('settings.resetPinOf', { name: 'Wei Zhang' }) }).click();
    const dialog = page.getByRole('dialog', { name: t('settings.resetPinOf', { name: 'Wei Zhang' }) });
    await dialog.getByLabel(t('field.newPin')).fill('86420');
    await dialog.getByRole('button', { name: t('settings.resetPin') }).click();
    await expect.poll(() => describedAs(dialog.getByLabel(t('field.newPin')))).toContain(said(commonMessages.pinDigits({ digits: 4 })));
    await dialog.getByLabel(t('field.newPin')).fill('8642');
    await dialog.getByRole('button', { name: t('settings.resetPin') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(t('settings.pinReset', { name: 'Wei Zhang' })).first().waitFor({ state: 'attached' });
  });

  it('disables a user: shown as disabled with Enable offered, and left off the sign-in list', async () => {
    const { page } = app;
    await page.getByRole('button', { name: t('settings.disableUser', { name: 'Minji Kim' }) }).click();
    await userRow('Minji Kim').getByText(t('settings.disabled'), { exact: true }).waitFor();
    await page.getByRole('button', { name: t('settings.enableUser', { name: 'Minji Kim' }) }).waitFor();

    await page.getByRole('button', { name: t('common.signOut') }).click();
    const users = page.getByLabel(t('field.user'));
    await users.waitFor();
    expect(await users.locator('option').allTextContents()).not.toContainEqual(expect.stringContaining('Minji Kim'));
    // The technician's old PIN no longer works; the one the admin set does.
    await users.selectOption({ label: `Wei Zhang · ${t('role.technician')}` });
    await page.getByLabel(t('field.pin'), { exact: true }).fill('1234');
    await page.getByRole('button', { name: t('signIn.submit') }).click();
    await page.getByText(said(usersMessages.wrongPin())).first().waitFor();
    await page.getByLabel(t('field.pin'), { exact: true }).fill('8642');
    await page.getByRole('button', { name: t('signIn.submit') }).click();
    await page.getByRole('button', { name: t('common.signOut') }).waitFor();
  });
});
