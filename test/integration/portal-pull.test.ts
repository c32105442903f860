import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainContext } from '../../src/base/node/handlers.ts';
import type { Core } from '../../src/base/node/core.ts';
import type { PortalClient } from '../../src/features/portal-sync/node/client.ts';
import { listFlags } from '../../src/features/portal-sync/node/flags.ts';
import { pullEvents } from '../../src/features/portal-sync/node/pull.ts';
import { listParked } from '../../src/features/portal-sync/node/service.ts';
import { getSyncState } from '../../src/features/portal-sync/node/state.ts';
import { getCase } from '../../src/features/cases/node/cases.ts';
import { advance, drain, expectInSync, setupDepot, testClient, testWorker } from '../portal/harness.ts';
import { startPortal, type ReferencePortal } from '../portal/server.ts';
import type { Caller } from '../../src/base/common/identity.ts';

describe('portal event pull', () => {
  let portal: ReferencePortal;
  let core: Core;
  let users: Record<string, Caller>;
  let client: PortalClient;

  beforeEach(async () => {
    portal = await startPortal();
    ({ core, users } = await setupDepot());
    client = testClient(portal);
  });
  afterEach(async () => {
    client.close();
    await portal.close();
    await core.database.close();
  });

  const caseOf = (rma: string) => getCase(plainContext(core, users.admin!), rma);

  it('creates a requested case with customer, product, problem, address and attachment links', async () => {
    const { rma } = portal.requestRma();
    const result = await pullEvents(core, client);
    expect(result).toMatchObject({ applied: 1, duplicates: 0, parked: 0, hasMore: false });
    const c = await caseOf(rma);
    expect(c).toMatchObject({
      status: 'requested',
      source: 'portal',
      serial: `SN${Number(rma.slice(-6))}`,
      problemDescription: 'Left ear has no sound',
      customer: { name: '김민수', locale: 'ko' },
      product: { model: 'AX-100' },
      returnAddress: { city: 'Seoul', country: 'KR', postalCode: '03925' },
    });
    expect(c.history.map((h) => [h.to, h.actor])).toEqual([['requested', 'system']]);
    const links = await core.db.selectFrom('portal_attachment_links').select(['name', 'url']).orderBy('id').execute();
    expect(links.map((l) => l.name)).toEqual(['photo.jpg', 'Proof of purchase']);
    expect((await getSyncState(core)).cursor).toBe(String(portal.events.at(-1)!.seq));
    // Depot's own numbering continues past the portal's.
    const counter = await core.db.selectFrom('rma_counters').select('last').executeTakeFirstOrThrow();
    expect(counter.last).toBe(Number(rma.slice(-6)));
  });

  it('creates the case of an unknown model without a product, and flags it', async () => {
    const { rma } = portal.requestRma({ product: { model: 'ZZ-9', serial: 'Q1', purchaseDate: null } });
    await pullEvents(core, client);
    const c = await caseOf(rma);
    expect(c.product).toBeNull();
    expect(c.history[0]!.note).toMatch(/ZZ-9.*not in the product catalog/);
    expect((await listFlags(plainContext(core))).map((f) => f.kind)).toEqual(['unknown_model']);
  });

  it('applies each event once however often the portal delivers it', async () => {
    portal.duplicateEvents = true;
    const rmas = Array.from({ length: 7 }, () => portal.requestRma().rma);
    portal.addEvent('rma.message', rmas[0]!, { body: 'Hello' });
    let total = { applied: 0, duplicates: 0 };
    for (let i = 0; i < 10; i++) {
      const r = await pullEvents(core, client, { limit: 3, maxPages: 1 });
      total = { applied: total.applied + r.applied, duplicates: total.duplicates + r.duplicates };
    }
    expect(total.applied).toBe(8);
    expect(total.duplicates).toBeGreaterThan(8);
    expect(await core.db.selectFrom('cases').select('rma').execute()).toHaveLength(7);
    expect(await core.db.selectFrom('case_messages').select('body').execute()).toEqual([{ body: 'Hello' }]);
  });

  it('moves an authorized case in transit with the customer carrier and tracking; the depot pushes nothing for it', async () => {
    const { rma } = portal.requestRma();
    await pullEvents(core, client);
    await advance(core, users, rma, ['authorized']);
    portal.addEvent('rma.shipment_submitted', rma, { carrier: 'CJ Logistics', trackingNumber: '6012-3456-7890', shippedAt: '2026-11-20T16:30:00Z' });
    await pullEvents(core, client);
    const c = await caseOf(rma);
    // 16:30 UTC is past midnight in Seoul: the note says the site's day.
    expect(c.history.at(-1)?.note).toBe('Shipped by the customer on 2026-11-21');
    expect(c.status).toBe('in_transit');
    expect(c.inbound).toEqual({ carrier: 'CJ Logistics', tracking: '6012-3456-7890' });
    expect(c.history.at(-1)).toMatchObject({ from: 'authorized', to: 'in_transit', actor: 'system' });
    await drain(testWorker(core, client));
    await expectInSync(core, portal);
    expect(portal.rmas.get(rma)!.status).toBe('authorized');
  });

  it('records estimate decisions, payments and messages on the case', async () => {
    const { rma } = portal.requestRma();
    portal.addEvent('rma.estimate_decided', rma, { estimateVersion: 2, decision: 'accepted', decidedAt: '2026-11-21T10:00:00Z' });
    portal.addEvent('rma.payment_received', rma, { estimateVersion: 2, amount: 86900, currency: 'KRW', reference: 'PAY-1', paidAt: '2026-11-21T10:05:00Z' });
    portal.addEvent('rma.message', rma, { body: '언제 받을 수 있나요?' });
    expect((await pullEvents(core, client)).applied).toBe(4);
    const db = core.db;
    expect(await db.selectFrom('portal_estimate_decisions').select(['estimate_version', 'decision']).execute()).toEqual([{ estimate_version: 2, decision: 'accepted' }]);
    expect(await db.selectFrom('portal_payments').select(['amount', 'currency', 'reference']).execute()).toEqual([{ amount: 86900, currency: 'KRW', reference: 'PAY-1' }]);
    expect(await db.selectFrom('case_messages').select(['direction', 'body']).execute()).toEqual([{ direction: 'customer', body: '언제 받을 수 있나요?' }]);
  });

  it('changes the return address before shipping, and only flags it after', async () => {
    const { rma } = portal.requestRma();
    const other = portal.requestRma().rma;
    await pullEvents(core, client);
    const address = { name: 'Γιώργος', line1: 'Οδός Ερμού 25', city: 'Αθήνα', postalCode: '10563', country: 'GR', phone: '+30 210 123 4567' };
    portal.addEvent('rma.address_changed', rma, { returnAddress: address });
    await pullEvents(core, client);
    expect((await caseOf(rma)).returnAddress).toMatchObject({ line1: 'Οδός Ερμού 25', country: 'GR' });
    await advance(core, users, other, ['authorized', 'received', 'diagnosing', 'repairing', 'qa', 'ready_to_ship', 'shipped']);
    portal.addEvent('rma.address_changed', other, { returnAddress: address });
    await pullEvents(core, client);
    expect((await caseOf(other)).returnAddress).toMatchObject({ country: 'KR' });
    expect((await listFlags(plainContext(core))).map((f) => [f.rma, f.kind])).toEqual([[other, 'address_after_shipment']]);
  });

  it('cancels a case the customer cancelled before the unit arrived, and flags one already at the depot', async () => {
    const { rma } = portal.requestRma();
    const atDepot = portal.requestRma().rma;
    await pullEvents(core, client);
    await advance(core, users, atDepot, ['authorized', 'received']);
    portal.cancelByCustomer(rma, 'Fixed it myself');
    portal.cancelByCustomer(atDepot, 'Too slow');
    await pullEvents(core, client);
    const cancelled = await caseOf(rma);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.history.at(-1)!.note).toMatch(/Fixed it myself/);
    expect((await caseOf(atDepot)).status).toBe('received');
    expect((await listFlags(plainContext(core))).map((f) => [f.rma, f.kind, f.message])).toEqual([
      [
        atDepot,
        'customer_cancelled',
        {
          code: 'portal-sync.flagCustomerCancelledBecause',
          params: { reason: 'Too slow', status: 'received' },
          text: 'Cancelled by the customer on the portal (Too slow). The case is received; decide how to return the unit.',
        },
      ],
    ]);
  });

  it('parks events for unknown RMAs or with invalid data, and goes on with later ones', async () => {
    portal.addEvent('rma.message', 'RMA-2026-555555', { body: 'Anyone?' });
    portal.addEvent('rma.requested', 'RMA-2026-555556', { customer: { name: '' } });
    portal.addEvent('rma.teleported', 'RMA-2026-555557', {});
    portal.addEvent('rma.message', 'not-an-rma', { body: 'x' });
    const { rma } = portal.requestRma();
    portal.addEvent('rma.requested', rma, portal.events.at(-1)!.data);
    const result = await pullEvents(core, client);
    expect(result).toMatchObject({ applied: 1, parked: 5 });
    // Each reason in English for the API, and as a message staff read in their own language.
    const parked = await listParked(plainContext(core));
    expect(parked.map((p) => [p.reason.text, p.reason.code])).toEqual([
      ['No case RMA-2026-555555 in Depot', 'portal-sync.parkedNoCase'],
      [expect.stringMatching(/^Invalid rma.requested data \(customer.name: /), 'portal-sync.parkedInvalid'],
      ['Unknown event type "rma.teleported"', 'portal-sync.parkedUnknownType'],
      ['"not-an-rma" is not an RMA number', 'portal-sync.parkedNotRma'],
      [`${rma} already exists in Depot`, 'portal-sync.parkedExists'],
    ]);
    expect((await caseOf(rma)).status).toBe('requested');
    // Parked events are not parked again when delivered again.
    await core.db.updateTable('portal_sync_state').set({ cursor: null }).execute();
    expect(await pullEvents(core, client)).toMatchObject({ applied: 0, parked: 0, duplicates: 6 });
  });

  it('refuses a malformed page without moving the cursor, then carries on', async () => {
    portal.requestRma();
    portal.addFault({ kind: 'malformed', body: '{"events":"nope"}', count: 1, on: 'pull' });
    await expect(pullEvents(core, client)).rejects.toThrow(/unexpected response/);
    expect((await getSyncState(core)).cursor).toBeNull();
    expect((await pullEvents(core, client)).applied).toBe(1);
  });

  it('reads a long feed page by page, bounded per call', async () => {
    for (let i = 0; i < 25; i++) portal.requestRma();
    const first = await pullEvents(core, client, { limit: 10, maxPages: 2 });
    expect(first).toMatchObject({ pages: 2, applied: 20, hasMore: true });
    const second = await pullEvents(core, client, { limit: 10, maxPages: 2 });
    expect(second).toMatchObject({ pages: 1, applied: 5, hasMore: false });
  });

  it('pulls in the worker loop too; 401 on pull pauses sync', async () => {
    portal.requestRma();
    const worker = testWorker(core, client, { pull: { limit: 100 } });
    expect((await worker.runOnce()).pulled).toMatchObject({ applied: 1 });
    await worker.stop();
    const wrong = testClient(portal, { token: () => 'wrong' });
    const refused = testWorker(core, wrong, { pull: {} });
    expect((await refused.runOnce()).pulled).toBeNull();
    expect((await getSyncState(core)).paused).toBe(true);
    expect((await refused.runOnce()).skipped).toBe('paused');
    wrong.close();
  });
});
