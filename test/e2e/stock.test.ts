import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanIntoFocus, signIn, startApp, type App } from './harness.ts';

/**
 * A clerk scans units into replacement stock with a scanner (the model and grade chosen once, each
 * serial ending in Enter, the scan field keeping focus throughout), a serial already in stock is
 * refused at the field, and the admin's minimum turns on the low-stock warning; the database holds
 * what was scanned.
 */
describe('replacement stock filled by scans', () => {
  let app: App;
  const name = async (role: string) => (await app.core.db.selectFrom('users').select('name').where('role', '=', role).executeTakeFirstOrThrow()).name;

  beforeAll(async () => {
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
  });
  afterAll(() => app.close());

  const focusedOnScan = () => app.page.getByLabel('Scan', { exact: true }).evaluate((el) => el === document.activeElement);
  const scanKeys = (code: string) => scanIntoFocus(app.page, code);
  const openStock = async () => {
    await app.page.getByRole('link', { name: 'Cases', exact: true }).click();
    await app.page.getByRole('link', { name: 'Replacement stock' }).click();
    await app.page.getByRole('heading', { name: 'Replacement stock', level: 1 }).waitFor();
  };

  it('receives a run of serials of one model and grade, refusing a serial already in stock at the field', async () => {
    const { page, core } = app;
    await signIn(page, await name('clerk'));
    await openStock();
    expect(await focusedOnScan()).toBe(true);
    // Nothing chosen yet: the model is asked for at its field, and the scan field keeps focus.
    await scanKeys('TB-STOCK-0001');
    await page.locator('.field-invalid').filter({ hasText: 'Choose the model' }).waitFor();
    expect(await focusedOnScan()).toBe(true);

    await page.getByLabel('Model', { exact: true }).selectOption({ label: 'TB-10 · TB-10 Tablet 10"' });
    await page.getByLabel('Grade', { exact: true }).selectOption('refurbished');
    expect(await focusedOnScan()).toBe(true);
    for (const serial of ['TB-STOCK-0001', 'TB-STOCK-0002', ' TB-STOCK-0003 ']) {
      await scanKeys(serial);
      await page.locator('.notice').filter({ hasText: `${serial.trim()} (TB-10) is in stock.` }).waitFor();
      expect(await focusedOnScan()).toBe(true);
    }
    await scanKeys('tb stock 0002');
    await page.locator('.field-invalid').filter({ hasText: 'Serial TB-STOCK-0002 is already in stock: TB-10, received' }).waitFor();
    expect(await focusedOnScan()).toBe(true);

    const rows = await core.db
      .selectFrom('stock_units')
      .innerJoin('products', 'products.id', 'stock_units.product_id')
      .select(['stock_units.serial', 'stock_units.grade', 'stock_units.status', 'stock_units.source'])
      .where('products.model', '=', 'TB-10')
      .where('stock_units.serial', 'like', '%STOCK%')
      .orderBy('stock_units.id')
      .execute();
    expect(rows).toEqual(
      ['TB-STOCK-0001', 'TB-STOCK-0002', 'TB-STOCK-0003'].map((serial) => ({ serial, grade: 'refurbished', status: 'in_stock', source: 'supplier' })),
    );
    const units = page.getByRole('table', { name: 'Units' });
    await units.getByRole('row').filter({ hasText: 'TB-STOCK-0003' }).filter({ hasText: 'Refurbished' }).waitFor();
  });

  it('warns of low stock once the admin sets a minimum above what is in stock', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signIn(page, await name('admin'));
    await openStock();
    const levels = page.getByRole('table', { name: 'Stock per model' });
    const row = levels.getByRole('row').filter({ hasText: 'TB-10 Tablet' });
    const inStock = Number((await row.getByRole('cell').nth(1).textContent())!.trim());
    await page.getByLabel('Minimum for TB-10', { exact: true }).fill(String(inStock + 1));
    await page.getByRole('button', { name: 'Save the minimum for TB-10' }).click();
    await page.locator('.warning').filter({ hasText: `Low stock: ` }).filter({ hasText: `TB-10 (${inStock}/${inStock + 1})` }).waitFor();
    await row.getByText('Low stock').waitFor();
    await page.getByLabel('Minimum for TB-10', { exact: true }).fill(String(inStock));
    await page.getByRole('button', { name: 'Save the minimum for TB-10' }).click();
    await page.locator('.notice').filter({ hasText: `The minimum for TB-10 is ${inStock}.` }).waitFor();
    await expect.poll(() => row.getByText('Low stock').count()).toBe(0);
  });
});
