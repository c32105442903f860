import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainContext, runService } from '../../src/base/node/handlers.ts';
import { attachPortalSync, PortalSync } from '../../src/features/portal-sync/node/service.ts';
import { envTokenStore } from '../../src/features/portal-sync/node/settings.ts';
import { applyTransition, getCase } from '../../src/features/cases/node/cases.ts';
import { ship } from '../../src/features/shipping/node/shipping.ts';
import { startPortal, type ReferencePortal } from '../portal/server.ts';
import { scan, signIn, startApp, type App } from './harness.ts';

/**
 * The portal story in browser mode: the admin connects Depot to the portal, a customer's request
 * becomes a case, is approved in the UI, the customer's tracking number arrives and receiving
 * matches it by scan, the case ships, and the portal shows it shipped with the tracking number.
 */
describe('portal sync in browser mode', () => {
  let app: App;
  let portal: ReferencePortal;
  let sync: PortalSync;

  beforeAll(async () => {
    portal = await startPortal({ token: 'e2e-portal-token' });
    app = await startApp();
    // Demo cases were never on this portal; the story starts from an empty queue.
    await app.core.db.deleteFrom('portal_outbox').execute();
    // As `depot serve` runs it: the token from the environment, the address from the settings page.
    sync = new PortalSync(app.core, { tokens: envTokenStore({ env: { DEPOT_PORTAL_TOKEN: portal.token } }), worker: { idleMs: 100 } });
    attachPortalSync(sync);
    sync.start();
    app.page.setDefaultTimeout(20_000);
    await signIn(app.page, 'Admin Park');
  });
  afterAll(async () => {
    await sync.stop();
    await app.close();
    await portal.close();
  });

  const status = async (rma: string) => (await app.core.db.selectFrom('cases').select('status').where('rma', '=', rma).executeTakeFirst())?.status;

  it('connects, pulls a request, approves it, receives the parcel and ships it; the portal ends shipped', { timeout: 120_000 }, async () => {
    const { page } = app;
    await page.getByRole('link', { name: /Portal: not set up/ }).click();
    await page.getByRole('heading', { name: 'Portal sync' }).waitFor();
    await page.getByText('The token comes from the DEPOT_PORTAL_TOKEN environment variable').waitFor();
    await page.getByLabel('Portal API address').fill('ftp://portal');
    await page.getByRole('button', { name: 'Save connection' }).click();
    await page.getByText('Give the portal API address').waitFor();
    await page.getByLabel('Portal API address').fill(portal.url);
    await page.getByRole('button', { name: 'Save connection' }).click();
    await page.getByText('Connection saved.').first().waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/^Connected/).first().waitFor();

    // The token goes only to the portal it was entered for: another address asks for it again.
    await page.getByLabel('Portal API address').fill('http://127.0.0.1:9/api/v1');
    await page.getByRole('button', { name: 'Save connection' }).click();
    await page.getByText(/The token was entered for http:\/\/127\.0\.0\.1:\d+: enter it again/).waitFor();
    await page.getByLabel('API token').fill('not-the-token');
    await page.getByRole('button', { name: 'Save connection' }).click();
    await page.getByText('This is not the token this Depot was started with').first().waitFor();
    await page.getByLabel('Portal API address').fill(portal.url);
    await page.getByLabel('API token').waitFor({ state: 'detached' });
    expect(JSON.stringify(await app.core.db.selectFrom('site_settings').selectAll().execute())).not.toContain(portal.token);

    // A customer files an RMA on the portal; the worker pulls it in.
    const { rma } = portal.requestRma();
    await expect.poll(() => status(rma), { timeout: 20_000 }).toBe('requested');

    // Approved in the UI: the portal hears `authorized` with the depot's address.
    await page.goto(`${app.host.url}/#/cases/${rma}`);
    await page.getByRole('heading', { name: rma }).waitFor();
    await page.getByRole('button', { name: 'Move to Authorized' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => portal.rmas.get(rma)?.status, { timeout: 20_000 }).toBe('authorized');
    expect(portal.rmas.get(rma)!.statusLog[0]!.details).toMatchObject({ shipTo: { city: 'Seoul', country: 'KR' }, shippingPaidBy: expect.any(String) });
    await page.getByRole('note', { name: /Portal sync of this case: .*sent/ }).waitFor();

    // The customer types in the tracking number on the portal.
    portal.addEvent('rma.shipment_submitted', rma, { carrier: 'CJ Logistics', trackingNumber: '6100-2233-4455', shippedAt: new Date().toISOString() });
    await expect.poll(() => status(rma), { timeout: 20_000 }).toBe('in_transit');

    // The parcel arrives: its tracking number opens the case, the unit's serial matches.
    await page.goto(`${app.host.url}/#/receiving`);
    await page.getByRole('heading', { name: 'Receiving' }).waitFor();
    await scan(page, 'Scan', '610022334455');
    await page.getByText(rma, { exact: true }).first().waitFor();
    await scan(page, 'Serial', `SN${Number(rma.slice(-6))}`);
    await page.getByLabel('Packaging').focus();
    await page.keyboard.press('Enter');
    await page.getByText(`${rma} received.`).first().waitFor();
    expect(await status(rma)).toBe('received');

    // Bench work (its own screen) is not this story: the same core status change moves it along.
    const adminRow = await app.core.db.selectFrom('users').select('id').where('name', '=', 'Admin Park').executeTakeFirstOrThrow();
    const admin = { kind: 'user' as const, user: { id: Number(adminRow.id), name: 'Admin Park', role: 'admin' as const } };
    for (const to of ['diagnosing', 'repairing', 'qa', 'ready_to_ship'] as const) {
      const c = await getCase(plainContext(app.core, admin), rma);
      await app.core.db.transaction().execute((trx) =>
        applyTransition(trx, app.core.now(), admin, { rma, version: c.version, to, note: null, carrier: null, resolution: to === 'ready_to_ship' ? 'repaired' : undefined }),
      );
    }
    // Shipped as the shipping desk's API does it (shipping.ship).
    const ready = await getCase(plainContext(app.core, admin), rma);
    await runService(app.core, true, { caller: admin }, (ctx) => ship(ctx, { rma, version: ready.version, note: null, shipment: { carrier: 'CJ Logistics', service: 'Standard', weightGrams: 800, tracking: '5566-7788-9900' } }));
    expect(await status(rma)).toBe('shipped');

    await expect.poll(() => portal.rmas.get(rma)?.status, { timeout: 20_000 }).toBe('shipped');
    const shipped = portal.rmas.get(rma)!.statusLog.at(-1)!;
    expect(shipped.details).toEqual({ carrier: 'CJ Logistics', trackingNumber: '5566-7788-9900' });
    expect(portal.rmas.get(rma)!.statusLog.map((s) => s.status)).toEqual(['authorized', 'received', 'in_diagnosis', 'in_repair', 'shipped']);
    expect(portal.stats.duplicateKeys).toBe(0);

    await page.goto(`${app.host.url}/#/sync`);
    await page.getByRole('link', { name: /Portal: in sync/ }).waitFor();
    await page.getByText('No refused updates.').waitFor();
  });

  it("tells staff in their language why a case was flagged and why an event was parked", async () => {
    const { page, core } = app;
    // A customer cancels on the portal a case already at the depot; another event names a case Depot never had.
    const atDepot = await core.db.selectFrom('cases').select('rma').where('status', '=', 'received').orderBy('id').executeTakeFirstOrThrow();
    portal.cancelByCustomer(atDepot.rma, '너무 오래 걸려요');
    portal.addEvent('rma.message', 'RMA-2026-999999', { body: '안녕하세요' });
    await expect.poll(async () => (await core.db.selectFrom('portal_parked_events').select('id').execute()).length, { timeout: 20_000 }).toBe(1);

    await page.getByLabel('Language').selectOption('ko');
    await page.goto(`${app.host.url}/#/sync`);
    const flags = page.getByRole('table', { name: '케이스 플래그' });
    await flags
      .getByRole('row', { name: new RegExp(atDepot.rma) })
      .getByText('고객이 포털에서 취소했습니다(너무 오래 걸려요). 케이스는 "입고됨" 상태입니다. 제품을 어떻게 돌려보낼지 정하세요.')
      .waitFor();
    await page.getByRole('table', { name: '보류된 이벤트' }).getByText('Depot에 RMA-2026-999999 케이스가 없습니다').waitFor();
    // What the portal answered is said in the reader's language too.
    await page.getByRole('button', { name: '연결 테스트' }).click();
    await page.getByRole('status').filter({ hasText: '연결됨: 포털이 이벤트 피드로 응답했습니다.' }).first().waitFor();
    await page.getByLabel('언어').selectOption('en');
  });
});
