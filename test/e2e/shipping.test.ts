import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole, unwrap } from '../helpers.ts';
import { scan, signIn, startApp, type App } from './harness.ts';

describe('the shipping desk in browser mode', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp();
    app.page.setDefaultTimeout(15_000);
    await signIn(app.page, 'Eleni Papadopoulou');
    await app.page.getByRole('heading', { name: 'Shipping desk' }).waitFor();
  });
  afterAll(() => app.close());

  it('ships a ready case: label PDF produced, tracking recorded, status shipped, history written', async () => {
    const { page, core } = app;
    const kase = await core.db
      .selectFrom('cases')
      .select(['id', 'rma'])
      .where('status', '=', 'ready_to_ship')
      .orderBy('status_changed_at')
      .executeTakeFirstOrThrow();
    await page.getByRole('button', { name: `Ship ${kase.rma}` }).click();
    await page.getByLabel('Carrier').fill('UPS');

    // A number that fails the UPS check digit is refused at the field, and nothing changes.
    await scan(page, 'Tracking number', '1Z999AA10123456785');
    await page.getByText('This UPS tracking number fails its check digit').waitFor();

    // The scanner's Enter prints the label, packing slip and repair report in one go; without a
    // printer the label opens in the browser's viewer and every PDF is one click away.
    await page.getByLabel('Tracking number').fill('');
    const viewer = page.waitForEvent('popup');
    await scan(page, 'Tracking number', '1Z999AA10123456784');
    expect((await viewer).url()).toMatch(/^blob:/);
    await page.getByRole('link', { name: `Open ${kase.rma}-packing-slip.pdf` }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: `Open ${kase.rma}-label.pdf` }).click();
    const label = await download;
    expect(label.suggestedFilename()).toBe(`${kase.rma}-label.pdf`);
    const pdf = readFileSync((await label.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('button', { name: 'Mark shipped' }).click();
    await page.getByText(`${kase.rma} shipped with UPS 1Z999AA10123456784.`).waitFor();
    await expect.poll(async () => (await page.getByRole('button', { name: `Ship ${kase.rma}` }).count())).toBe(0);

    const row = await core.db.selectFrom('cases').select(['status', 'outbound_carrier', 'outbound_tracking']).where('id', '=', kase.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'shipped', outbound_carrier: 'UPS', outbound_tracking: '1Z999AA10123456784' });
    const history = await core.db
      .selectFrom('case_history')
      .leftJoin('users', 'users.id', 'case_history.user_id')
      .select(['from_status', 'to_status', 'users.name'])
      .where('case_id', '=', kase.id)
      .orderBy('case_history.id', 'desc')
      .executeTakeFirstOrThrow();
    expect(history).toEqual({ from_status: 'ready_to_ship', to_status: 'shipped', name: 'Eleni Papadopoulou' });
    const jobs = await core.db.selectFrom('print_jobs').select(['kind', 'state']).where('case_id', '=', kase.id).orderBy('id').execute();
    expect(jobs.map((j) => j.kind)).toEqual(['label', 'packing_slip', 'repair_report']);
    expect(await core.db.selectFrom('shipments').select(['tracking']).where('case_id', '=', kase.id).execute()).toEqual([{ tracking: '1Z999AA10123456784' }]);
  });

  it("leaves a shipped unit at the station's outbound shelf, and says at that field when the shelf was retired", async () => {
    const { page, core } = app;
    const admin = await asRole(core, 'admin');
    unwrap(await admin('locations.save', { code: 'LOC-OUT', name: 'Outbound shelf', kind: 'outbound' }));
    const old = unwrap(await admin('locations.save', { code: 'LOC-OUT-OLD', name: 'Old outbound', kind: 'outbound' }));
    const kase = await core.db.selectFrom('cases').select(['id', 'rma']).where('status', '=', 'ready_to_ship').orderBy('id').executeTakeFirstOrThrow();
    await page.getByRole('button', { name: `Ship ${kase.rma}` }).click();
    const place = page.getByLabel('Shipped units wait at');
    await place.selectOption('LOC-OUT-OLD');
    unwrap(await admin('locations.setActive', { id: old.id, version: old.version, active: false }));

    await page.getByLabel('Tracking number').fill('601234567890');
    await page.getByRole('button', { name: 'Mark shipped' }).click();
    await page.getByText('Location LOC-OUT-OLD is retired: choose another place for this station to put units').waitFor();
    expect(await place.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await core.db.selectFrom('cases').select('status').where('id', '=', kase.id).executeTakeFirstOrThrow()).status).toBe('ready_to_ship');

    await place.selectOption('LOC-OUT');
    await page.getByRole('button', { name: 'Mark shipped' }).click();
    await page.getByText(`${kase.rma} shipped with CJ Logistics 601234567890.`).waitFor();
    const at = await core.db
      .selectFrom('case_locations as cl')
      .innerJoin('locations as l', 'l.id', 'cl.location_id')
      .innerJoin('users as u', 'u.id', 'cl.moved_by')
      .select(['l.code', 'u.name'])
      .where('cl.case_id', '=', kase.id)
      .execute();
    expect(at).toEqual([{ code: 'LOC-OUT', name: 'Eleni Papadopoulou' }]);
    // The station keeps its choice for the next case.
    const next = await core.db.selectFrom('cases').select('rma').where('status', '=', 'ready_to_ship').orderBy('id').executeTakeFirstOrThrow();
    await page.getByRole('button', { name: `Ship ${next.rma}` }).click();
    expect(await page.getByLabel('Shipped units wait at').inputValue()).toBe('LOC-OUT');
  });

  it('opens a document from the case page in the browser’s viewer, keeping the focus on its button', async () => {
    const { page, core } = app;
    const kase = await core.db.selectFrom('cases').select('rma').where('status', '=', 'ready_to_ship').orderBy('id').executeTakeFirstOrThrow();
    await page.evaluate((rma) => (location.hash = `#/cases/${rma}`), kase.rma);
    const documents = page.getByRole('region', { name: 'Documents' });
    const report = documents.getByRole('button', { name: 'Repair report (PDF)' });
    const viewer = page.waitForEvent('popup');
    await report.click();
    expect((await viewer).url()).toMatch(/^blob:/);
    await documents.getByRole('link', { name: `Open ${kase.rma}-repair-report.pdf` }).waitFor();
    expect(await report.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.evaluate(() => (location.hash = '#/shipping'));
  });

  it('prints the labels of every ready case as one batch with progress, and names the ones it left out', async () => {
    const { page, core } = app;
    // One ready case has lost its city: its label cannot be printed, and the clerk is told which.
    const ready = await core.db.selectFrom('cases').select(['rma', 'return_address_id']).where('status', '=', 'ready_to_ship').orderBy('id').execute();
    const blank = ready.at(-1)!;
    await core.db.updateTable('addresses').set({ city: '' }).where('id', '=', blank.return_address_id!).execute();
    const viewer = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Print labels of all ready cases' }).click();
    expect((await viewer).url()).toMatch(/^blob:/);
    await page.getByRole('link', { name: 'Open labels-ready_to_ship.pdf' }).waitFor();
    await page.getByText(`${ready.length - 1} of ${ready.length - 1} labels`).first().waitFor();
    await page.getByText(`Left out for an incomplete address (1): ${blank.rma}.`).waitFor();
  });
});
