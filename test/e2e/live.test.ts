import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole, unwrap } from '../helpers.ts';
import { scan, signIn, startApp, type App } from './harness.ts';

/** Two stations on one database: the dock and the bench, each in a browser context of its own. */
describe('live screens', () => {
  let app: App;
  let dock: Page;
  let bench: Page;
  beforeAll(async () => {
    app = await startApp();
    dock = app.page;
    dock.setDefaultTimeout(10_000);
    const benchContext = await app.browser.newContext({ viewport: { width: 1280, height: 860 } });
    bench = await benchContext.newPage();
    bench.setDefaultTimeout(10_000);
    bench.on('pageerror', (error) => console.error('page error:', error.message));
    await bench.goto(app.host.openUrl);
    await signIn(dock, 'Minji Kim');
    await dock.getByRole('heading', { name: 'Receiving' }).waitFor();
    await signIn(bench, 'Wei Zhang');
    await bench.getByRole('heading', { name: 'Bench', level: 1 }).waitFor();
  });
  afterAll(() => app.close());

  it("shows a unit received at the dock in the bench's queue within a second, without a reload", async () => {
    const unit = await app.core.db
      .selectFrom('cases')
      .select(['rma', 'serial', 'inbound_tracking'])
      .where('status', '=', 'in_transit')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const take = bench.getByRole('button', { name: `Take ${unit.rma}` });
    expect(await take.count()).toBe(0);

    await scan(dock, 'Scan', unit.inbound_tracking!);
    await dock.getByText(unit.rma, { exact: true }).waitFor();
    await scan(dock, 'Serial', unit.serial);
    await dock.getByLabel('Packaging').waitFor();
    await dock.keyboard.press('Enter');
    await dock.getByText(`${unit.rma} received.`).first().waitFor();

    await take.waitFor({ timeout: 1000 });
  });

  it('keeps what is typed on a case page when another station changes the case, and says who did', async () => {
    const kase = await app.core.db.selectFrom('cases').select(['rma']).where('status', '=', 'received').orderBy('id').executeTakeFirstOrThrow();
    await bench.getByRole('button', { name: `Take ${kase.rma}` }).click();
    await bench.getByRole('heading', { name: kase.rma }).waitFor();
    await bench.getByText('Assigned to Wei Zhang').waitFor();
    await bench.getByLabel('Fault found').fill('Left driver crackles');

    const admin = await app.core.db.selectFrom('users').select('name').where('role', '=', 'admin').executeTakeFirstOrThrow();
    const asAdmin = await asRole(app.core, 'admin');
    const now = await app.core.db.selectFrom('cases').select('version').where('rma', '=', kase.rma).executeTakeFirstOrThrow();
    unwrap(await asAdmin('bench.release', { rma: kase.rma, version: Number(now.version) }));

    // The notice's own latency is the first test's; here it only has to come, on a busy machine too.
    await bench.getByText(`Changed by ${admin.name} — reload`).waitFor({ timeout: 5000 });
    expect(await bench.getByLabel('Fault found').inputValue()).toBe('Left driver crackles');
    expect(await bench.getByText('Assigned to Wei Zhang').count()).toBe(1);

    await bench.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => bench.getByText('Assigned to Wei Zhang').count()).toBe(0);
    expect(await bench.getByText(`Changed by ${admin.name} — reload`).count()).toBe(0);
  });

  it('keeps what is typed while the read of a change made elsewhere is on its way', async () => {
    const kase = await app.core.db.selectFrom('cases').select(['rma']).where('status', '=', 'received').orderBy('id').executeTakeFirstOrThrow();
    const asTechnician = await asRole(app.core, 'technician');
    const before = await app.core.db.selectFrom('cases').select('version').where('rma', '=', kase.rma).executeTakeFirstOrThrow();
    unwrap(await asTechnician('bench.take', { rma: kase.rma, version: Number(before.version) }));
    await bench.evaluate((rma) => (window.location.hash = `#/cases/${rma}`), kase.rma);
    await bench.getByRole('heading', { name: kase.rma }).waitFor();
    await bench.getByLabel('Fault found').waitFor();

    // The page's next read of the case is held back, as on a slow network, until the bench has typed.
    let release!: () => void;
    const typed = new Promise<void>((resolve) => (release = resolve));
    await bench.route('**/api/cases.get', async (route) => {
      await typed;
      await route.continue();
    });
    const held = bench.waitForRequest('**/api/cases.get');
    const now = await app.core.db.selectFrom('cases').select('version').where('rma', '=', kase.rma).executeTakeFirstOrThrow();
    const admin = await app.core.db.selectFrom('users').select('name').where('role', '=', 'admin').executeTakeFirstOrThrow();
    const asAdmin = await asRole(app.core, 'admin');
    unwrap(await asAdmin('bench.release', { rma: kase.rma, version: Number(now.version) }));
    await held;
    await bench.getByLabel('Fault found').fill('No sound from the right side');
    release();

    await bench.getByText(`Changed by ${admin.name} — reload`).waitFor({ timeout: 5000 });
    expect(await bench.getByLabel('Fault found').inputValue()).toBe('No sound from the right side');
    await bench.unroute('**/api/cases.get');
  });

  it('reads an open case page again when it changes elsewhere and nothing was typed', async () => {
    const kase = await app.core.db.selectFrom('cases').select(['rma', 'version']).where('status', '=', 'requested').orderBy('id').executeTakeFirstOrThrow();
    await bench.evaluate((rma) => (window.location.hash = `#/cases/${rma}`), kase.rma);
    await bench.getByRole('heading', { name: kase.rma }).waitFor();
    await bench.locator('.badge', { hasText: 'Requested' }).waitFor();
    const asAdmin = await asRole(app.core, 'admin');
    unwrap(await asAdmin('cases.transition', { rma: kase.rma, version: Number(kase.version), to: 'authorized' }));
    await bench.locator('.badge', { hasText: 'Authorized' }).waitFor({ timeout: 2000 });
  });

  it('shows on an open case page where its unit went when the dock moves it by scans', async () => {
    const asAdmin = await asRole(app.core, 'admin');
    unwrap(await asAdmin('locations.save', { code: 'LOC-QA', name: 'QA table', kind: 'qa' }));
    const kase = await app.core.db.selectFrom('cases').select(['rma']).where('status', '=', 'repairing').orderBy('id').executeTakeFirstOrThrow();
    await bench.evaluate((rma) => (window.location.hash = `#/cases/${rma}`), kase.rma);
    await bench.getByRole('heading', { name: kase.rma }).waitFor();
    const where = bench.getByRole('region', { name: 'Location', exact: true }).getByRole('status');
    await where.filter({ hasText: 'No location recorded yet' }).waitFor();

    await dock.evaluate(() => (window.location.hash = '#/locations/move'));
    await dock.getByRole('heading', { name: 'Move units', level: 1 }).waitFor();
    await scan(dock, 'Scan', kase.rma);
    await scan(dock, 'Scan', 'LOC-QA');
    await dock.getByRole('main').getByRole('status').filter({ hasText: `${kase.rma} moved to LOC-QA (QA table).` }).waitFor();

    await where.filter({ hasText: 'LOC-QA · QA table' }).waitFor({ timeout: 1500 });
    await bench.getByRole('table', { name: 'Moves' }).getByText('Minji Kim').waitFor();
    await dock.evaluate(() => (window.location.hash = '#/receiving'));
  });

  it('shows each station who else is working, and on a case at another bench who has it and where', async () => {
    const kase = await app.core.db.selectFrom('cases').select(['rma', 'version']).where('status', '=', 'received').where('assigned_to', 'is', null).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const asAdmin = await asRole(app.core, 'admin');
    unwrap(await asAdmin('bench.take', { rma: kase.rma, version: Number(kase.version) }));

    // The dock's window asks when it opens (and every half minute): everyone signed in elsewhere is there.
    await dock.reload();
    // One line per person and station; Minji at her own station is the reader.
    const minji = await app.core.db.selectFrom('users').select('id').where('name', '=', 'Minji Kim').executeTakeFirstOrThrow();
    const pairs = await app.core.db.selectFrom('presence').select(['user_id', 'station']).distinct().execute();
    const elsewhere = pairs.filter((p) => !(p.user_id === minji.id && p.station.startsWith('browser '))).length;
    const count = dock.getByRole('button', { name: `${elsewhere} working` });
    await count.click();
    const others = dock.getByRole('region', { name: 'Also working' });
    await others.getByRole('listitem').first().waitFor();
    const people = await others.getByRole('listitem').allInnerTexts();
    expect(people).toHaveLength(elsewhere);
    // The admin worked last (the take), so comes first; the bench's browser is among the rest.
    expect(people[0]).toMatch(/^Admin Park Administrator\s+computer .+ · active now$/);
    expect(people.filter((p) => /^Wei Zhang Technician\s+browser on .+ · active now$/.test(p))).toHaveLength(1);
    expect(people.join('\n')).not.toContain('Minji Kim');
    await dock.keyboard.press('Escape');
    expect(await others.count()).toBe(0);
    await expect.poll(() => dock.evaluate(() => document.activeElement?.textContent)).toBe(`${elsewhere} working`);

    await bench.evaluate((rma) => (window.location.hash = `#/cases/${rma}`), kase.rma);
    await bench.getByRole('heading', { name: kase.rma }).waitFor();
    await bench.getByText(/^Assigned to Admin Park · computer .+ · active now/).waitFor();
  });
});
