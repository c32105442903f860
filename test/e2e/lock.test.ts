import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import { signIn, startApp, type App } from './harness.ts';

/**
 * A dock worker half-fills a walk-in case and walks away. The desk locks over the form, and their
 * PIN brings them back to it with what they typed still there.
 */
describe('the lock screen', () => {
  let app: App | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  async function halfFilledWalkIn(now?: () => Date) {
    app = await startApp({ now });
    const { page } = app;
    page.setDefaultTimeout(15_000);
    return page;
  }

  it('covers the form once the server says the session expired, and the same PIN continues where it was', async () => {
    let offset = 0;
    const page = await halfFilledWalkIn(() => new Date(Date.now() + offset));
    await signIn(page, 'Minji Kim');
    await page.getByRole('link', { name: 'New walk-in case' }).click();
    const name = page.getByLabel('Customer name');
    await name.fill('Hana Lee');
    const address = page.url();

    // 31 minutes pass on the server: the next call (the header's sync poll) is refused.
    offset = 31 * 60_000;
    const lock = page.getByRole('dialog', { name: 'Locked after 30 minutes idle — enter your PIN' });
    await lock.waitFor();
    await lock.getByText('Minji Kim').waitFor();

    // A wrong PIN is refused at the PIN field, through the normal sign-in.
    await lock.getByLabel('PIN').fill('0000');
    await lock.getByRole('button', { name: 'Unlock' }).click();
    const pin = lock.getByLabel('PIN');
    await expect.poll(() => pin.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent)).toBe('Wrong PIN');
    await lock.getByLabel('PIN').fill('1234');
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await lock.waitFor({ state: 'detached' });

    expect(await name.inputValue()).toBe('Hana Lee');
    expect(page.url()).toBe(address);
    const events = await app!.core.db.selectFrom('sign_in_audit').select('event').orderBy('id', 'desc').limit(2).execute();
    expect(events.map((e) => e.event)).toEqual(['signed_in', 'wrong_pin']);
  });

  it('locks by itself after the idle time with no keyboard or mouse, ending the session, and "Sign in as someone else" goes to sign-in', async () => {
    const page = await halfFilledWalkIn();
    await page.clock.install();
    await page.reload();
    await signIn(page, 'Minji Kim');
    await page.getByRole('link', { name: 'New walk-in case' }).click();
    await page.getByLabel('Customer name').fill('Hana Lee');
    const token = await page.evaluate(() => sessionStorage.getItem('depot.session'));

    await page.clock.fastForward(29 * 60_000);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByLabel('Customer name').press('End');
    await page.clock.fastForward(29 * 60_000);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.clock.fastForward(2 * 60_000);
    const lock = page.getByRole('dialog', { name: 'Locked after 30 minutes idle — enter your PIN' });
    await lock.waitFor();
    // The session ended with the lock: nobody can go on calling in this worker's name.
    await expect.poll(async () => (await dispatch(app!.core, 'session.me', {}, token)).ok).toBe(false);

    await lock.getByLabel('PIN').fill('1234');
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await lock.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Customer name').inputValue()).toBe('Hana Lee');

    await page.clock.fastForward(31 * 60_000);
    await lock.waitFor();
    await lock.getByRole('button', { name: 'Sign in as someone else' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByLabel('Customer name').count()).toBe(0);
  });
});
