import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainContext } from '../../src/base/node/handlers.ts';
import type { Core } from '../../src/base/node/core.ts';
import { syncStatus } from '../../src/features/portal-sync/node/service.ts';
import { asRole, freshCore, unwrap } from '../helpers.ts';
import { drain, testClient, testWorker } from '../portal/harness.ts';
import { seedFromDepot } from '../portal/seed.ts';
import { startPortal, type ReferencePortal } from '../portal/server.ts';

/**
 * The README's demo with the reference portal: the portal starts in step with the demo database
 * (`npm run portal -- --seed-from`), so every update Depot sends next is accepted, in order, and
 * every customer event applies. Runs on SQLite only: the portal reads the demo's file.
 */

let core: Core;
let portal: ReferencePortal;
beforeAll(async () => {
  core = await freshCore({ demo: true });
  portal = await startPortal({ token: 'demo-portal-token' });
  seedFromDepot(portal, core.database.file!);
});
afterAll(async () => {
  await portal.close();
  await core.database.close();
});

/** Every case is on the portal at Depot's last seq, with each update applied once and in order. */
async function expectPortalInStep() {
  const cases = await core.db.selectFrom('cases').select(['rma', 'portal_seq']).orderBy('id').execute();
  const outbox = await core.db.selectFrom('portal_outbox').select(['rma', 'kind', 'body', 'state']).orderBy('id').execute();
  expect(outbox.filter((o) => o.state !== 'sent').map((o) => `${o.rma} ${o.state}`)).toEqual([]);
  const cancelledThere = new Set(
    (await core.db.selectFrom('portal_applied_events').select('rma').where('type', '=', 'rma.cancelled').execute()).map((e) => e.rma),
  );
  for (const c of cases) {
    const state = portal.rmas.get(c.rma);
    expect(state, c.rma).toBeDefined();
    expect(state!.statusLog.map((s) => s.seq), c.rma).toEqual(Array.from({ length: c.portal_seq }, (_, k) => k + 1));
    const told = outbox.filter((o) => o.rma === c.rma && o.kind === 'status').at(-1);
    const expected = cancelledThere.has(c.rma) ? 'cancelled' : told ? (JSON.parse(told.body) as { status: string }).status : 'requested';
    expect(state!.status, c.rma).toBe(expected);
  }
  for (const version of (await core.db.selectFrom('estimates').innerJoin('cases', 'cases.id', 'estimates.case_id').select(['cases.rma', 'estimates.version', 'estimates.total']).execute())) {
    expect((portal.rmas.get(version.rma)!.estimates.get(version.version) as { total: number }).total, `${version.rma} v${version.version}`).toBe(Number(version.total));
  }
}

async function firstIn(status: string) {
  return core.db.selectFrom('cases').select(['rma', 'version', 'serial']).where('status', '=', status).orderBy('id').executeTakeFirstOrThrow();
}

describe('the demo with the reference portal', () => {
  it('starts in step: the portal holds every demo RMA at Depot’s status, seq and estimate', async () => {
    expect(portal.rmas.size).toBe(60);
    await expectPortalInStep();
  });

  it('accepts what staff do next and applies what customers do, with no dead letter', async () => {
    const clerk = await asRole(core, 'clerk');
    const warehouse = await asRole(core, 'warehouse');
    const tech = await asRole(core, 'technician');

    const authorized = await firstIn('authorized');
    const requested = await firstIn('requested');
    unwrap(await clerk('cases.transition', { rma: requested.rma, version: requested.version, to: 'authorized' }));
    const coming = await firstIn('in_transit');
    unwrap(await warehouse('receiving.receive', { rma: coming.rma, version: coming.version, serial: coming.serial, condition: { packaging: 'intact', physicalDamage: false, liquidDamage: false, accessories: ['cable'] } }));
    const received = await firstIn('received');
    const taken = unwrap(await tech('bench.take', { rma: received.rma, version: received.version }));
    unwrap(await tech('bench.diagnose', { rma: received.rma, version: taken.version, diagnosis: { symptomConfirmed: false, physicalDamage: false, liquidDamage: false, tampering: false, proofOfPurchase: true, testResults: 'Ran 2 h without a fault' } }));
    const inQa = await firstIn('qa');
    unwrap(await tech('bench.advance', { rma: inQa.rma, version: inQa.version, action: 'qaPass' }));
    const ready = await firstIn('ready_to_ship');
    unwrap(await clerk('shipping.ship', { rma: ready.rma, version: ready.version, shipment: { carrier: 'CJ Logistics', weightGrams: 900, tracking: '612345678901' } }));
    const shipped = await firstIn('shipped');
    unwrap(await clerk('shipping.close', { rma: shipped.rma, version: shipped.version }));
    unwrap(await clerk('cases.transition', { rma: authorized.rma, version: authorized.version, to: 'cancelled', note: 'The customer asked by phone' }));
    // Customers on the portal: a new request, a message on a demo case, a shipment of an approved one.
    portal.requestRma();
    portal.addEvent('rma.message', ready.rma, { body: '언제 받을 수 있나요?' });
    portal.addEvent('rma.shipment_submitted', requested.rma, { carrier: 'CJ Logistics', trackingNumber: '612345678902', shippedAt: new Date().toISOString() });

    const worker = testWorker(core, testClient(portal), { pull: {} });
    await drain(worker);
    expect(portal.stats).toMatchObject({ stale: 0, duplicateKeys: 0 });
    const status = await syncStatus(plainContext(core));
    expect(status).toMatchObject({ pending: 0, retrying: 0, dead: 0, parked: 0 });
    expect((await core.db.selectFrom('cases').select('status').where('rma', '=', requested.rma).executeTakeFirstOrThrow()).status).toBe('in_transit');
    expect(portal.rmas.size).toBe(61);
    await expectPortalInStep();
  });
});
