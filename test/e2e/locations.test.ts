import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole, unwrap } from '../helpers.ts';
import { scan, signIn, startApp, type App } from './harness.ts';

/**
 * A technician moves a unit bench → QA → outbound with a scanner on the Move screen (each move two
 * scans ending in Enter, the scan field keeping focus throughout), a mistyped location is refused at
 * the field, and the Find view then says where the unit is; the database holds every move.
 */
describe('moving a unit by scans and finding it', () => {
  let app: App;
  let rma: string;
  let serial: string;
  let techName: string;

  beforeAll(async () => {
    app = await startApp();
    app.page.setDefaultTimeout(10_000);
    const admin = await asRole(app.core, 'admin');
    for (const [code, name, kind] of [
      ['LOC-BENCH1', 'Bench 1', 'bench'],
      ['LOC-QA', 'QA table', 'qa'],
      ['LOC-OUT', 'Outbound shelf', 'outbound'],
    ] as const) {
      unwrap(await admin('locations.save', { code, name, kind }));
    }
    ({ rma, serial } = await app.core.db.selectFrom('cases').select(['rma', 'serial']).where('status', '=', 'repairing').orderBy('id').executeTakeFirstOrThrow());
    techName = (await app.core.db.selectFrom('users').select('name').where('role', '=', 'technician').executeTakeFirstOrThrow()).name;
    await signIn(app.page, techName);
    await app.page.getByRole('link', { name: 'Cases', exact: true }).click();
    await app.page.getByRole('link', { name: 'Move units' }).click();
    await app.page.getByRole('heading', { name: 'Move units', level: 1 }).waitFor();
  });
  afterAll(() => app.close());

  const scanField = () => app.page.getByLabel('Scan', { exact: true });
  const focusedOnScan = () => scanField().evaluate((el) => el === document.activeElement);

  it('moves the unit by two scans at a time and keeps the scan field focused', async () => {
    const { page, core } = app;
    expect(await focusedOnScan()).toBe(true);
    for (const [code, name] of [
      ['LOC-BENCH1', 'Bench 1'],
      ['LOC-QA', 'QA table'],
      ['loc-out', 'Outbound shelf'],
    ] as const) {
      await scan(page, 'Scan', rma);
      await page.getByText(`Scan the location ${rma} goes to, or another unit`).waitFor();
      expect(await focusedOnScan()).toBe(true);
      await scan(page, 'Scan', code);
      await page.getByRole('main').getByRole('status').filter({ hasText: `${rma} moved to ${code.toUpperCase()} (${name}).` }).waitFor();
      expect(await focusedOnScan()).toBe(true);
    }

    const moves = await core.db
      .selectFrom('location_moves as mv')
      .innerJoin('locations as l', 'l.id', 'mv.location_id')
      .innerJoin('cases as c', 'c.id', 'mv.case_id')
      .innerJoin('users as u', 'u.id', 'mv.user_id')
      .select(['c.rma', 'l.code', 'u.name'])
      .orderBy('mv.id')
      .execute();
    expect(moves).toEqual(['LOC-BENCH1', 'LOC-QA', 'LOC-OUT'].map((code) => ({ rma, code, name: techName })));
    const now = await core.db.selectFrom('case_locations as cl').innerJoin('locations as l', 'l.id', 'cl.location_id').select(['l.code', 'cl.version']).execute();
    expect(now).toEqual([{ code: 'LOC-OUT', version: 3 }]);
  });

  it("puts a unit taken at the bench at the station's bench", async () => {
    const { page, core } = app;
    const kase = await core.db.selectFrom('cases').select(['id', 'rma']).where('status', '=', 'received').where('assigned_to', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    await page.getByRole('link', { name: 'Bench', exact: true }).click();
    await page.getByLabel('Units taken here go to').selectOption('LOC-BENCH1');
    await page.getByRole('button', { name: `Take ${kase.rma}` }).click();
    await page.getByRole('heading', { name: kase.rma }).waitFor();
    await page.getByRole('region', { name: 'Location', exact: true }).getByRole('status').getByText('LOC-BENCH1 · Bench 1').waitFor();
    const at = await core.db.selectFrom('case_locations').select('location_id').where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    const bench1 = await core.db.selectFrom('locations').select('id').where('code', '=', 'LOC-BENCH1').executeTakeFirstOrThrow();
    expect(at.location_id).toBe(bench1.id);
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('link', { name: 'Move units' }).click();
  });

  it('refuses a location nobody defined at the scan field, writing nothing, and keeps focus', async () => {
    const { page, core } = app;
    const moves = (await core.db.selectFrom('location_moves').select('id').execute()).length;
    await scan(page, 'Scan', rma);
    await scan(page, 'Scan', 'LOC-NOWHERE');
    await page.getByText('No location has the code LOC-NOWHERE').waitFor();
    expect(await scanField().getAttribute('aria-invalid')).toBe('true');
    expect(await focusedOnScan()).toBe(true);
    expect(await core.db.selectFrom('location_moves').select('id').execute()).toHaveLength(moves);
  });

  it('finds the unit by its serial: where it is, since when and who moved it', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Find a unit' }).click();
    await scan(page, 'RMA or serial', serial);
    const row = page.getByRole('row').filter({ hasText: rma });
    await row.waitFor();
    expect(await row.textContent()).toContain('LOC-OUT · Outbound shelf');
    expect(await row.textContent()).toContain(techName);
    await row.getByRole('link', { name: rma }).click();
    const section = page.getByRole('region', { name: 'Location' });
    await section.getByRole('status').filter({ hasText: `LOC-OUT · Outbound shelf since` }).waitFor();
    expect(await section.getByRole('status').textContent()).toContain(techName);
    const trail = section.getByRole('table', { name: 'Moves' }).getByRole('row');
    // The header, then the moves newest first.
    expect(await trail.count()).toBe(4);
    expect(await trail.nth(1).textContent()).toContain('LOC-OUT');
    expect(await trail.nth(3).textContent()).toContain('LOC-BENCH1');
  });
});
