import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole, tempDir, unwrap } from '../helpers.ts';
import { scan, signIn, startApp, type App } from './harness.ts';

/**
 * A distributor's carton of twenty units under one return: the clerk enters the list, the dock
 * receives the box with one scan to open it and one per unit (a serial the list does not have
 * among them, a listed unit not in the box), and what the customer holds says so: each unit's
 * status on the portal and its intake receipt naming the return.
 */
describe('a return of twenty units in one box', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
  });
  afterAll(() => app.close());

  const serials = Array.from({ length: 20 }, (_, i) => `HB-${String(i + 1).padStart(3, '0')}`);

  it('is listed by the clerk, refused by its lines first, then created with a case per unit', async () => {
    const { page, core } = app;
    await signIn(page, 'Eleni Papadopoulou');
    await page.goto(`${new URL(page.url()).origin}/#/receiving/returns/new`);
    await page.getByLabel('Customer name').fill('Hanbit Distribution');
    await page.getByLabel('Name on the address').fill('Hanbit Distribution');
    await page.getByLabel('Address line 1').fill('1 Teheran-ro');
    await page.getByLabel('City').fill('Seoul');
    await page.getByLabel('Postal code').fill('06234');
    await page.getByLabel('Country').fill('KR');
    await page.getByLabel('Tracking number').fill('5512 0000 2020');
    const { model } = await core.db.selectFrom('products').select('model').where('active', '=', 1).orderBy('id').executeTakeFirstOrThrow();
    const lines = serials.map((s) => `${model},${s},No sound`);
    await page.getByLabel('Units (CSV)').fill(['model,serial,problem', ...lines.slice(0, 2), 'XX-1,HB-999,No sound', ...lines.slice(2)].join('\n'));
    await page.getByRole('button', { name: 'Create return' }).click();
    await page.getByRole('list', { name: 'Lines to fix' }).getByText('Line 4: no active product XX-1').waitFor();
    expect(await core.db.selectFrom('customer_returns').selectAll().execute()).toEqual([]);

    await page.getByLabel('Units (CSV)').fill(['model,serial,problem', ...lines].join('\n'));
    await page.getByRole('button', { name: 'Create return' }).click();
    await page.getByRole('heading', { name: /^Return RET-2026-\d{6}$/ }).waitFor();
    await expect.poll(() => page.locator('table.box-units tbody tr').count()).toBe(20);
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('is received at the dock with 21 scans: one unknown serial recorded, one missing unit listed', async () => {
    const { page, core } = app;
    await signIn(page, 'Minji Kim');
    await page.getByRole('heading', { name: 'Receiving' }).waitFor();
    // Scan 1: the box's tracking number opens the whole return, and the serial field takes the next scan.
    await scan(page, 'Scan', '551200002020');
    const ret = await core.db.selectFrom('customer_returns').select(['id', 'number']).executeTakeFirstOrThrow();
    await page.getByRole('heading', { name: `Return ${ret.number}` }).waitFor();
    await expect.poll(() => page.getByLabel('Serial', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Packaging').selectOption('damaged');
    await page.getByLabel('Serial', { exact: true }).focus();

    // Scans 2–21, typed as a scanner types, without waiting between them: 19 of the 20 listed, and
    // one serial the list does not have. HB-007 is not in the box.
    const inBox = serials.filter((s) => s !== 'HB-007');
    for (const serial of [...inBox.slice(0, 10), 'ZZ-0404', ...inBox.slice(10)]) {
      await page.keyboard.type(serial, { delay: 3 });
      await page.keyboard.press('Enter');
    }
    await page.locator('.return-box').getByText('19 of 20 received').waitFor();
    await page.getByRole('heading', { name: 'In the box but not in the return' }).waitFor();
    await page.getByRole('button', { name: 'Box done' }).click();
    await page.locator('.return-box').getByText('Box done. Units missing from it: 1.').waitFor();

    const units = await core.db
      .selectFrom('customer_return_units')
      .innerJoin('cases', 'cases.id', 'customer_return_units.case_id')
      .leftJoin('intakes', 'intakes.case_id', 'cases.id')
      .select(['cases.rma', 'cases.serial', 'cases.status', 'customer_return_units.missing', 'intakes.packaging'])
      .where('customer_return_units.return_id', '=', ret.id)
      .orderBy('customer_return_units.line')
      .execute();
    expect(units.filter((u) => u.status === 'received').map((u) => u.serial)).toEqual(inBox);
    expect(units.filter((u) => u.packaging === 'damaged')).toHaveLength(19);
    expect(units.filter((u) => u.missing === 1).map((u) => [u.serial, u.status])).toEqual([['HB-007', 'authorized']]);
    expect(await core.db.selectFrom('customer_return_strays').select('serial').execute()).toEqual([{ serial: 'ZZ-0404' }]);

    // The portal hears each unit's receipt as that unit's status, and nothing of the missing one.
    const received = await core.db.selectFrom('portal_outbox').select(['rma', 'body']).where('kind', '=', 'status').where('rma', 'in', units.map((u) => u.rma)).execute();
    const receivedRmas = new Set(received.filter((e) => JSON.parse(e.body).status === 'received').map((e) => e.rma));
    expect(receivedRmas.size).toBe(19);
    expect(receivedRmas.has(units[6]!.rma)).toBe(false);

    // A unit's case page names its return; the missing one says it was missing from the box.
    await page.goto(`${new URL(page.url()).origin}/#/cases/${units[6]!.rma}`);
    await page.getByRole('link', { name: `Came in return ${ret.number} (20 units)` }).waitFor();
    await page.getByText('Missing from the box').waitFor();

    // What the customer holds for a unit of the box: its intake receipt names the return.
    const clerk = await asRole(core, 'clerk');
    const doc = unwrap(await clerk('shipping.document', { rma: units[0]!.rma, kind: 'intake_receipt' }));
    const file = path.join(tempDir(), 'intake.pdf');
    writeFileSync(file, Buffer.from(doc.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toMatch(new RegExp(`In return\\s+${ret.number}`));
    expect(text).toMatch(/Serial scanned\s+HB-001/);
    expect(text).toMatch(/Packaging\s+Damaged/);
  });
});
