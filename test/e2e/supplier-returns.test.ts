import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole, tempDir, unwrap } from '../helpers.ts';
import { signIn, startApp, type App } from './harness.ts';

/**
 * A clerk fills Acme's supplier return with a scanner (units by their RMA barcode, a part by its
 * SKU then its RMA, each scan ending in Enter, the scan field keeping focus throughout), a unit of
 * another vendor is refused at the field, and the return is printed, shipped, credited and closed;
 * the database and the master list's PDF hold what was scanned.
 */
describe('a supplier return filled by scans', () => {
  let app: App;
  let units: { rma: string; serial: string }[];
  let other: { rma: string };
  let part: { sku: string; rma: string };

  beforeAll(async () => {
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    const admin = await asRole(app.core, 'admin');
    const eligible = await app.core.db
      .selectFrom('cases')
      .select(['rma', 'serial', 'product_id'])
      .where('resolution', 'in', ['replaced', 'returned_unrepaired'])
      .orderBy('id')
      .execute();
    // The last eligible unit's model goes back to Brio, every other model to Acme.
    const brioProduct = eligible.at(-1)!.product_id;
    for (const p of unwrap(await admin('products.list', {}))) unwrap(await admin('products.save', { ...p, vendor: p.id === brioProduct ? 'Brio' : 'Acme' }));
    units = eligible.filter((u) => u.product_id !== brioProduct).slice(0, 2);
    other = eligible.at(-1)!;
    part = await app.core.db
      .selectFrom('stock_moves')
      .innerJoin('parts', 'parts.id', 'stock_moves.part_id')
      .innerJoin('cases', 'cases.id', 'stock_moves.case_id')
      .select(['parts.sku', 'cases.rma'])
      .where('stock_moves.kind', '=', 'repair')
      .orderBy('stock_moves.id')
      .executeTakeFirstOrThrow();
    const catalog = unwrap(await admin('parts.list', {})).find((p) => p.sku === part.sku)!;
    unwrap(await admin('parts.save', { ...catalog, vendor: 'Acme' }));
    const clerk = (await app.core.db.selectFrom('users').select('name').where('role', '=', 'clerk').executeTakeFirstOrThrow()).name;
    await signIn(app.page, clerk);
    await app.page.getByRole('link', { name: 'Cases', exact: true }).click();
    await app.page.getByRole('link', { name: 'Supplier returns' }).click();
    await app.page.getByRole('heading', { name: 'Supplier returns', level: 1 }).waitFor();
  });
  afterAll(() => app.close());

  const scanField = () => app.page.getByLabel('Scan', { exact: true });
  const focusedOnScan = () => scanField().evaluate((el) => el === document.activeElement);
  /** What a scanner does: keystrokes into whatever has focus, then Enter. */
  const scanKeys = async (code: string) => {
    await app.page.keyboard.type(code, { delay: 5 });
    await app.page.keyboard.press('Enter');
  };

  it('opens Acme’s return and fills it by scans, refusing a unit of another vendor at the field', async () => {
    const { page, core } = app;
    expect(units).toHaveLength(2);
    await page.getByLabel('Vendor').fill('Acme');
    await page.getByRole('button', { name: 'Open the vendor’s return' }).click();
    await page.getByRole('heading', { name: /SR-\d{6} to Acme/ }).waitFor();
    expect(await focusedOnScan()).toBe(true);
    for (const unit of units) {
      await scanKeys(unit.rma);
      await page.getByRole('main').getByRole('status').filter({ hasText: `${unit.rma} is on SR-` }).waitFor();
      expect(await focusedOnScan()).toBe(true);
    }
    await scanKeys(part.sku);
    await page.getByText(`Part ${part.sku}: scan the RMA it came out of`).waitFor();
    expect(await focusedOnScan()).toBe(true);
    await scanKeys(part.rma);
    await page.getByRole('main').getByRole('status').filter({ hasText: `${part.sku} · ${part.rma} is on SR-` }).waitFor();
    expect(await focusedOnScan()).toBe(true);

    await scanKeys(other.rma);
    await page.getByText(`${other.rma} goes back to Brio, not to Acme`).waitFor();
    expect(await scanField().getAttribute('aria-invalid')).toBe('true');
    expect(await focusedOnScan()).toBe(true);
    await scanKeys(units[0]!.rma);
    await page.getByText(`${units[0]!.rma} is already on supplier return SR-`).waitFor();
    expect(await focusedOnScan()).toBe(true);

    const items = await core.db
      .selectFrom('supplier_return_items as i')
      .innerJoin('cases as c', 'c.id', 'i.case_id')
      .leftJoin('parts as p', 'p.id', 'i.part_id')
      .select(['i.kind', 'c.rma', 'p.sku', 'i.quantity'])
      .orderBy('i.id')
      .execute();
    expect(items).toEqual([
      { kind: 'unit', rma: units[0]!.rma, sku: null, quantity: 1 },
      { kind: 'unit', rma: units[1]!.rma, sku: null, quantity: 1 },
      { kind: 'part', rma: part.rma, sku: part.sku, quantity: 1 },
    ]);
  });

  it('prints the master list with the serials and RMA numbers scanned', async () => {
    const { page } = app;
    const response = page.waitForResponse((r) => r.url().endsWith('/api/supplierReturns.masterList'));
    await page.getByRole('button', { name: 'Master list (PDF)' }).click();
    const body = (await (await response).json()) as { ok: true; value: { pdfBase64: string } };
    const file = path.join(tempDir(), 'list.pdf');
    writeFileSync(file, Buffer.from(body.value.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('To: Acme');
    for (const unit of units) expect(text).toMatch(new RegExp(`${unit.rma}\\s+${unit.serial}`));
    expect(text).toContain(part.sku);
    expect(text).toContain('Units: 2 · Parts: 1');
  });

  it('ships, credits each item and closes the return', async () => {
    const { page, core } = app;
    await page.getByLabel('Carrier').fill('UPS');
    await page.getByLabel('Tracking number').fill('1Z999AA10123456784');
    await page.getByRole('button', { name: 'Ship', exact: true }).click();
    await page.getByRole('main').getByRole('status').filter({ hasText: 'shipped with UPS 1Z999AA10123456784' }).waitFor();

    await page.getByLabel(`Amount credited for ${units[0]!.rma}`).fill('45000');
    await page.getByRole('button', { name: `Record for ${units[0]!.rma}` }).click();
    await page.getByRole('main').getByRole('status').filter({ hasText: `${units[0]!.rma}: recorded.` }).waitFor();
    await page.getByLabel(`Credit or replacement for ${units[1]!.rma}`).selectOption('replacement');
    await page.getByRole('button', { name: `Record for ${units[1]!.rma}` }).click();
    await page.getByRole('main').getByRole('status').filter({ hasText: `${units[1]!.rma}: recorded.` }).waitFor();
    const partItem = `${part.sku} · ${part.rma}`;
    await page.getByLabel(`Amount credited for ${partItem}`).fill('1200');
    await page.getByRole('button', { name: `Record for ${partItem}` }).click();
    await page.getByRole('main').getByRole('status').filter({ hasText: `${partItem}: recorded.` }).waitFor();
    await page.getByRole('button', { name: 'Close the return' }).click();
    await page.getByRole('main').getByRole('status').filter({ hasText: /SR-\d{6} closed\./ }).waitFor();

    const stored = await core.db.selectFrom('supplier_returns').select(['status', 'carrier', 'tracking', 'vendor']).execute();
    expect(stored).toEqual([{ status: 'closed', carrier: 'UPS', tracking: '1Z999AA10123456784', vendor: 'Acme' }]);
    const answers = await core.db.selectFrom('supplier_return_items').select(['outcome', 'credit_minor']).orderBy('id').execute();
    const site = await core.db.selectFrom('site_settings').select('value').where('key', '=', 'site').executeTakeFirstOrThrow();
    // The demo site's currency has no minor unit (KRW), so what was typed is the stored amount.
    expect(JSON.parse(String(site.value)).currency).toBe('KRW');
    expect(answers.map((a) => [a.outcome, a.credit_minor === null ? null : Number(a.credit_minor)])).toEqual([
      ['credit', 45000],
      ['replacement', null],
      ['credit', 1200],
    ]);

    // The case page says where the unit went.
    await page.goto(`${page.url().split('#')[0]}#/cases/${units[0]!.rma}`);
    await page.getByRole('region', { name: 'Sent to the supplier' }).getByText(/The unit: sent to Acme on supplier return SR-\d{6}/).waitFor();
  });
});
