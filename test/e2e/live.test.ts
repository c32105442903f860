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

  it('reads an open case page again when it changes elsewhere and nothing was typed', async () => {
    const kase = await app.core.db.selectFrom('cases').select(['rma', 'version']).where('status', '=', 'requested').orderBy('id').executeTakeFirstOrThrow();
    await bench.evaluate((rma) => (window.location.hash = `#/cases/${rma}`), kase.rma);
    await bench.getByRole('heading', { name: kase.rma }).waitFor();
    await bench.locator('.badge', { hasText: 'Requested' }).waitFor();
    const asAdmin = await asRole(app.core, 'admin');
    unwrap(await asAdmin('cases.transition', { rma: kase.rma, version: Number(kase.version), to: 'authorized' }));
    await bench.locator('.badge', { hasText: 'Authorized' }).waitFor({ timeout: 2000 });
  });
});
