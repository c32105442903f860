import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import type { Core } from '../../src/base/node/core.ts';
import type { BenchCase, DiagnosisInput } from '../../src/features/bench/common/bench.ts';
import type { EstimateLineInput } from '../../src/features/estimates/common/estimate.ts';
import type { Result } from '../../src/base/common/result.ts';
import { asRole, freshCore, stockUnitFor, tableCounts, unwrap } from '../helpers.ts';

/** A fixed clock: 2026-03-10 12:00 in Seoul. Tests that need time to pass move it. */
let clock = new Date('2026-03-10T03:00:00Z');
const now = () => clock;
const cores: Core[] = [];

async function start() {
  clock = new Date('2026-03-10T03:00:00Z');
  const core = await freshCore({ demo: true, now });
  cores.push(core);
  return { core, tech: await asRole(core, 'technician'), clerk: await asRole(core, 'clerk'), admin: await asRole(core, 'admin') };
}

afterEach(async () => {
  for (const core of cores.splice(0)) {
    await assertConsistent(core);
    await core.database.close();
  }
});

/** Stock on hand is the sum of its moves; estimate versions run 1..n with one open at most, each queued for the portal. */
async function assertConsistent(core: Core) {
  const parts = await core.db.selectFrom('parts').select(['id', 'sku', 'stock']).execute();
  for (const part of parts) {
    const moves = await core.db.selectFrom('stock_moves').select('delta').where('part_id', '=', part.id).execute();
    expect(moves.reduce((sum, m) => sum + m.delta, 0), part.sku).toBe(part.stock);
  }
  const estimates = await core.db.selectFrom('estimates').selectAll().orderBy('case_id').orderBy('version').execute();
  for (const caseId of new Set(estimates.map((e) => e.case_id))) {
    const list = estimates.filter((e) => e.case_id === caseId);
    expect(list.map((e) => e.version)).toEqual(list.map((_, i) => i + 1));
    expect(list.filter((e) => e.state === 'issued' || e.state === 'accepted').length).toBeLessThanOrEqual(1);
    for (const e of list) {
      expect(Number(e.subtotal) - Number(e.discount) + Number(e.tax)).toBe(Number(e.total));
      const pushed = await core.db
        .selectFrom('portal_outbox')
        .select('body')
        .where('case_id', '=', caseId)
        .where('path', 'like', `%/estimates/${e.version}`)
        .execute();
      expect(pushed).toHaveLength(1);
      expect(JSON.parse(pushed[0]!.body).total).toBe(Number(e.total));
    }
  }
}

async function caseOf(core: Core, status: string, index = 0) {
  const rows = await core.db.selectFrom('cases').select(['id', 'rma', 'version', 'purchase_date']).where('status', '=', status).orderBy('id').execute();
  return rows[index]!;
}

const inWarranty: DiagnosisInput = {
  symptomConfirmed: true,
  faultCategory: 'Battery',
  fault: 'Cell swollen, does not hold charge',
  damageLevel: 1,
  physicalDamage: false,
  liquidDamage: false,
  tampering: false,
  testResults: 'Discharge test: 12 min',
  internalNotes: 'Supplier batch 7',
  customerNotes: 'The battery was replaced.',
  proofOfPurchase: true,
  extendedUntil: null,
};

function refused<T>(result: Result<T>, field?: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) return '';
  if (field) expect(Object.keys(result.error.fields ?? {})).toContain(field);
  return field ? result.error.fields![field]! : result.error.message;
}

async function allCounts(core: Core) {
  const counts = await tableCounts(core);
  for (const table of ['parts', 'stock_moves', 'diagnoses', 'estimates', 'estimate_payments', 'bench_work'] as const) {
    const row = await core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  const stock = await core.db.selectFrom('parts').select(['sku', 'stock']).orderBy('sku').execute();
  return { counts, stock, cases: await core.db.selectFrom('cases').select(['rma', 'version', 'status', 'assigned_to']).orderBy('id').execute() };
}

/** Sets a case's purchase date so its warranty decision is what the test needs. */
const purchased = (core: Core, rma: string, date: string) =>
  core.db.updateTable('cases').set({ purchase_date: date }).where('rma', '=', rma).execute();

async function stockOf(core: Core, sku: string) {
  return (await core.db.selectFrom('parts').select('stock').where('sku', '=', sku).executeTakeFirstOrThrow()).stock;
}

describe('the bench queue', () => {
  it('lists received cases oldest first, filters by product line and "mine", and take/release is seen by others', async () => {
    const { core, tech, admin } = await start();
    const queue = unwrap(await tech('bench.queue', { show: 'diagnosis' }));
    expect(queue.rows.length).toBeGreaterThan(0);
    expect(queue.rows.every((r) => r.status === 'received')).toBe(true);
    const received = queue.rows.map((r) => r.receivedAt!);
    expect(received).toEqual([...received].sort());
    expect(queue.productLines).toContain('Chargers');

    const line = queue.rows[0]!.productLine!;
    const filtered = unwrap(await tech('bench.queue', { show: 'all', productLine: line }));
    expect(filtered.rows.every((r) => r.productLine === line)).toBe(true);

    const first = queue.rows[0]!;
    const taken = unwrap(await tech('bench.take', { rma: first.rma, version: first.version }));
    expect(taken.status).toBe('diagnosing');
    expect(taken.assignedTo?.name).toBe('Wei Zhang');
    const row = await core.db.selectFrom('cases').select(['assigned_to', 'status']).where('rma', '=', first.rma).executeTakeFirstOrThrow();
    expect(row.status).toBe('diagnosing');
    const history = await core.db.selectFrom('case_history').innerJoin('cases', 'cases.id', 'case_history.case_id').select('to_status').where('cases.rma', '=', first.rma).orderBy('case_history.id', 'desc').executeTakeFirstOrThrow();
    expect(history.to_status).toBe('diagnosing');

    const mine = unwrap(await tech('bench.queue', { show: 'all', mine: true }));
    expect(mine.rows.map((r) => r.rma)).toContain(first.rma);
    expect(mine.rows.every((r) => r.assignedTo?.name === 'Wei Zhang')).toBe(true);
    const seenByAdmin = unwrap(await admin('bench.queue', { show: 'bench' })).rows.find((r) => r.rma === first.rma);
    expect(seenByAdmin?.assignedTo?.name).toBe('Wei Zhang');

    // A second technician cannot take it over; a stale version is refused.
    unwrap(await admin('users.create', { name: 'Ana Lee', role: 'technician', pin: '1234' }));
    const anaId = (await core.db.selectFrom('users').select('id').where('name', '=', 'Ana Lee').executeTakeFirstOrThrow()).id;
    const token = (unwrap(await dispatch(core, 'session.signIn', { userId: anaId, pin: '1234' }, null)) as { token: string }).token;
    const ana = (method: string, input: unknown) => dispatch(core, method, input, token);
    expect(refused(await ana('bench.take', { rma: first.rma, version: taken.version }))).toMatch(/taken by Wei Zhang/);
    expect((await tech('bench.release', { rma: first.rma, version: taken.version - 1 })).ok).toBe(false);
    const released = unwrap(await tech('bench.release', { rma: first.rma, version: taken.version }));
    expect(released.assignedTo).toBeNull();
    expect((await ana('bench.take', { rma: first.rma, version: released.version })).ok).toBe(true);
  });
});

describe('diagnosis, warranty and repair in warranty', () => {
  it('prefills from receiving, decides warranty with its reason, repairs with parts and passes QA after a failure', async () => {
    const { core, tech } = await start();
    const c = await caseOf(core, 'received');
    await purchased(core, c.rma, '2025-06-01');
    await core.db
      .insertInto('intakes')
      .values({
        case_id: c.id, received_by: null, received_at: clock.toISOString(), serial_scanned: 'X', serial_matches: 1, mismatch_reason: null,
        packaging: 'damaged', physical_damage: 0, liquid_damage: 1, accessories: '{"received":[],"other":null}', note: null, undone_at: null, undo_reason: null,
      })
      .execute();
    let bench = unwrap(await tech('bench.take', { rma: c.rma, version: c.version }));
    expect(bench.diagnosis).toMatchObject({ liquidDamage: true, physicalDamage: false, proofOfPurchase: true });
    expect(bench.repairGate).toEqual({ allowed: false, reason: 'Save the diagnosis first' });

    // The technician finds the liquid mark was only condensation on the box.
    bench = unwrap(await tech('bench.diagnose', { rma: c.rma, version: bench.version, diagnosis: inWarranty }));
    expect(bench.warranty).toMatchObject({ covered: true, rule: 'standard', decidedOn: '2026-03-10' });
    expect(bench.warranty!.reason).toMatch(/^purchased 2025-06-01, within the \d+-month warranty until 20\d\d-\d\d-01$/);
    const saved = await core.db.selectFrom('diagnoses').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ warranty_covered: 1, fault_category: 'Battery', internal_notes: 'Supplier batch 7', customer_notes: 'The battery was replaced.' });

    bench = unwrap(await tech('bench.advance', { rma: c.rma, version: bench.version, action: 'startRepair' }));
    expect(bench.status).toBe('repairing');

    // Two ports in stock: taking three is refused, nothing moves; with a reason, stock goes below zero and the reason is kept.
    const before = await allCounts(core);
    const short = await tech('bench.logWork', { rma: c.rma, version: bench.version, workDone: 'Port', minutes: 20, parts: [{ sku: 'USBC-PORT', quantity: 3 }] });
    expect(refused(short, 'parts.0.quantity')).toBe('Only 2 of USBC-PORT in stock; give a stock reason to take 3 anyway');
    expect(refused(await tech('bench.logWork', { rma: c.rma, version: bench.version, workDone: 'Port', minutes: 20, parts: [{ sku: 'NOPE-1', quantity: 1 }] }), 'parts.0.sku')).toBe('Unknown SKU NOPE-1');
    expect(await allCounts(core)).toEqual(before);

    bench = unwrap(
      await tech('bench.logWork', {
        rma: c.rma,
        version: bench.version,
        workDone: 'Replaced battery and charging port',
        minutes: 45,
        parts: [{ sku: 'BAT-AX', quantity: 1 }, { sku: 'USBC-PORT', quantity: 3 }],
        stockReason: 'One port from the uncounted returns shelf',
      }),
    );
    expect(await stockOf(core, 'BAT-AX')).toBe(11);
    expect(await stockOf(core, 'USBC-PORT')).toBe(-1);
    expect(bench.work[0]!.parts).toEqual([
      { sku: 'BAT-AX', name: 'Battery pack AX series', quantity: 1, stockReason: null },
      { sku: 'USBC-PORT', name: 'USB-C charging port', quantity: 3, stockReason: 'One port from the uncounted returns shelf' },
    ]);

    bench = unwrap(await tech('bench.advance', { rma: c.rma, version: bench.version, action: 'waitParts', note: 'Ear pads on order' }));
    expect(bench.status).toBe('waiting_parts');
    bench = unwrap(await tech('bench.advance', { rma: c.rma, version: bench.version, action: 'resumeRepair' }));
    bench = unwrap(await tech('bench.advance', { rma: c.rma, version: bench.version, action: 'toQa' }));
    expect(refused(await tech('bench.advance', { rma: c.rma, version: bench.version, action: 'qaFail' }), 'note')).toBe('Say what failed in the quality check');
    bench = unwrap(await tech('bench.advance', { rma: c.rma, version: bench.version, action: 'qaFail', note: 'Charges at 5 W only' }));
    expect(bench.status).toBe('repairing');
    bench = unwrap(await tech('bench.logWork', { rma: c.rma, version: bench.version, workDone: 'Reseated the port flex', minutes: 15, parts: [] }));
    expect(bench.minutesSpent).toBe(60);
    bench = unwrap(await tech('bench.advance', { rma: c.rma, version: bench.version, action: 'toQa' }));
    expect(refused(await tech('bench.advance', { rma: c.rma, version: bench.version, action: 'qaPass', resolution: 'replaced' }), 'resolution')).toMatch(/replacement/);
    bench = unwrap(await tech('bench.advance', { rma: c.rma, version: bench.version, action: 'qaPass' }));
    expect(bench).toMatchObject({ status: 'ready_to_ship', resolution: 'repaired' });

    const history = await core.db.selectFrom('case_history').select(['from_status', 'to_status', 'note']).where('case_id', '=', c.id).orderBy('id').execute();
    expect(history.slice(-8).map((h) => h.to_status)).toEqual(['diagnosing', 'repairing', 'waiting_parts', 'repairing', 'qa', 'repairing', 'qa', 'ready_to_ship']);
    expect(history.find((h) => h.note === 'QA failed: Charges at 5 W only')).toMatchObject({ from_status: 'qa', to_status: 'repairing' });
  });

  it('takes the replacement from stock by its serial and resolves as replaced; no fault found returns the unit', async () => {
    const { core, tech } = await start();
    const a = await caseOf(core, 'received', 0);
    const b = await caseOf(core, 'received', 1);
    await purchased(core, a.rma, '2025-12-01');
    let bench = unwrap(await tech('bench.take', { rma: a.rma, version: a.version }));
    bench = unwrap(await tech('bench.diagnose', { rma: a.rma, version: bench.version, diagnosis: inWarranty }));
    bench = unwrap(await tech('bench.advance', { rma: a.rma, version: bench.version, action: 'startRepair' }));
    await stockUnitFor(core, a.rma, 'SN-NEW-001');
    bench = unwrap(await tech('bench.logWork', { rma: a.rma, version: bench.version, workDone: 'Unit replaced', minutes: 10, parts: [], replacementSerial: 'sn new 001' }));
    bench = unwrap(await tech('bench.advance', { rma: a.rma, version: bench.version, action: 'toQa' }));
    bench = unwrap(await tech('bench.advance', { rma: a.rma, version: bench.version, action: 'qaPass' }));
    expect(bench.resolution).toBe('replaced');
    expect(await core.db.selectFrom('bench_work').select(['new_serial', 'new_serial_norm']).where('case_id', '=', a.id).executeTakeFirstOrThrow()).toEqual({ new_serial: 'SN-NEW-001', new_serial_norm: 'SNNEW001' });

    let other = unwrap(await tech('bench.take', { rma: b.rma, version: b.version }));
    expect(refused(await tech('bench.advance', { rma: b.rma, version: other.version, action: 'noFault' }))).toBe('Save a diagnosis with the symptom not confirmed first');
    other = unwrap(await tech('bench.diagnose', { rma: b.rma, version: other.version, diagnosis: { ...inWarranty, symptomConfirmed: false, fault: null, faultCategory: null } }));
    expect(other.repairGate.reason).toMatch(/no fault found/);
    other = unwrap(await tech('bench.advance', { rma: b.rma, version: other.version, action: 'noFault', note: 'Played 2 h without dropouts' }));
    expect(other).toMatchObject({ status: 'ready_to_ship', resolution: 'no_fault_found' });
  });
});

const kitLines = (): EstimateLineInput[] => [
  { kind: 'part', sku: 'MB-AX200', description: 'Main board AX-200', quantity: 1, unitPrice: 45_000 },
  { kind: 'labor', damageLevel: 2 },
  { kind: 'shipping', amount: 4000 },
];

async function outOfWarranty(core: Core, tech: Awaited<ReturnType<typeof asRole>>, index = 0): Promise<BenchCase> {
  const c = await caseOf(core, 'received', index);
  await purchased(core, c.rma, '2022-01-10');
  const bench = unwrap(await tech('bench.take', { rma: c.rma, version: c.version }));
  return unwrap(await tech('bench.diagnose', { rma: c.rma, version: bench.version, diagnosis: { ...inWarranty, damageLevel: 2 } }));
}

describe('estimates', () => {
  it('issues an estimate in KRW, queued before the status; a new version supersedes; acceptance and payment gate the repair', async () => {
    const { core, tech, clerk } = await start();
    let bench = await outOfWarranty(core, tech);
    const { rma } = bench;
    expect(bench.warranty).toMatchObject({ covered: false, rule: 'expired' });
    expect(bench.warranty!.reason).toMatch(/^purchased 2022-01-10, \d+-month warranty ended 20\d\d-01-10$/);
    expect(refused(await tech('bench.advance', { rma, version: bench.version, action: 'startRepair' }))).toBe(
      'Out of warranty: issue an estimate; repair starts once the customer accepts and pays',
    );

    bench = unwrap(await tech('bench.issueEstimate', { rma, version: bench.version, lines: kitLines() }));
    expect(bench.status).toBe('awaiting_customer');
    const v1 = bench.estimates[0]!;
    expect(v1).toMatchObject({ version: 1, state: 'issued', currency: 'KRW', validUntil: '2026-03-24', expired: false });
    expect(v1.totals).toMatchObject({ subtotal: 79_000, discount: 0, tax: 7900, total: 86_900 });
    const caseId = (await core.db.selectFrom('cases').select('id').where('rma', '=', rma).executeTakeFirstOrThrow()).id;
    const outbox = await core.db.selectFrom('portal_outbox').select(['kind', 'path', 'body']).where('case_id', '=', caseId).orderBy('id', 'desc').limit(2).execute();
    expect(outbox.map((o) => o.kind)).toEqual(['status', 'estimate']);
    expect(outbox[1]!.path).toBe(`/rmas/${rma}/estimates/1`);
    expect(JSON.parse(outbox[1]!.body)).toMatchObject({ currency: 'KRW', validUntil: '2026-03-24', subtotal: 79_000, tax: 7900, total: 86_900, warranty: { covered: false } });
    expect(JSON.parse(outbox[0]!.body)).toMatchObject({ status: 'awaiting_customer', details: { estimateVersion: 1 } });
    expect(unwrap(await tech('bench.queue', { show: 'awaiting' })).rows.find((r) => r.rma === rma)?.estimate).toEqual({ version: 1, validUntil: '2026-03-24', expired: false });

    // Version 2 with a discount supersedes version 1, which can no longer be accepted.
    bench = unwrap(await tech('bench.issueEstimate', { rma, version: bench.version, lines: [...kitLines(), { kind: 'discount', amount: 9000, description: 'Loyal customer' }] }));
    expect(bench.estimates.map((e) => [e.version, e.state])).toEqual([[2, 'issued'], [1, 'superseded']]);
    expect(bench.estimates[0]!.totals).toMatchObject({ taxable: 70_000, tax: 7000, total: 77_000 });
    expect(refused(await clerk('bench.recordDecision', { rma, estimateVersion: 1, decision: 'accepted' }), 'estimateVersion')).toBe('Estimate version 1 was superseded by version 2');
    expect(refused(await clerk('bench.recordPayment', { rma, estimateVersion: 2, amount: 77_000, reference: 'card' }), 'estimateVersion')).toMatch(/not accepted/);

    bench = unwrap(await clerk('bench.recordDecision', { rma, estimateVersion: 2, decision: 'accepted', note: 'Customer accepted by phone' }));
    expect(bench.estimates[0]).toMatchObject({ state: 'accepted', decision: { decision: 'accepted', source: 'desk', note: 'Customer accepted by phone' } });
    expect(refused(await tech('bench.advance', { rma, version: bench.version, action: 'startRepair' }))).toBe(
      'Estimate version 2 is accepted but not paid: ₩0 of ₩77,000 received',
    );
    expect(refused(await clerk('bench.recordPayment', { rma, estimateVersion: 2, amount: 80_000, reference: 'card' }), 'amount')).toBe('Only ₩77,000 is outstanding on estimate version 2');
    bench = unwrap(await clerk('bench.recordPayment', { rma, estimateVersion: 2, amount: 77_000, reference: 'Card 1234' }));
    expect(bench.repairGate).toEqual({ allowed: true, reason: null });
    bench = unwrap(await tech('bench.advance', { rma, version: bench.version, action: 'startRepair' }));
    expect(bench.status).toBe('repairing');
    const stored = await core.db.selectFrom('estimates').select(['version', 'state', 'decision_source']).where('case_id', '=', caseId).orderBy('version').execute();
    expect(stored).toEqual([{ version: 1, state: 'superseded', decision_source: null }, { version: 2, state: 'accepted', decision_source: 'desk' }]);
    const payments = await core.db.selectFrom('estimate_payments').select(['estimate_version', 'amount', 'currency']).where('case_id', '=', caseId).execute();
    expect(payments.map((p) => ({ ...p, amount: Number(p.amount) }))).toEqual([
      { estimate_version: 2, amount: 77_000, currency: 'KRW' },
    ]);
  });

  it('honours decisions and payments that came from the portal', async () => {
    const { core, tech } = await start();
    let bench = await outOfWarranty(core, tech);
    bench = unwrap(await tech('bench.issueEstimate', { rma: bench.rma, version: bench.version, lines: kitLines() }));
    const caseId = (await core.db.selectFrom('cases').select('id').where('rma', '=', bench.rma).executeTakeFirstOrThrow()).id;
    const at = clock.toISOString();
    await core.db.insertInto('portal_estimate_decisions').values({ case_id: caseId, estimate_version: 1, decision: 'accepted', decided_at: at, note: null, event_id: 'e1', created_at: at }).execute();
    bench = unwrap(await tech('bench.get', { rma: bench.rma }));
    expect(bench.repairGate.reason).toBe('Estimate version 1 is accepted but not paid: ₩0 of ₩86,900 received');
    await core.db.insertInto('portal_payments').values({ case_id: caseId, estimate_version: 1, amount: 86_900, currency: 'KRW', reference: 'PG-77', paid_at: at, event_id: 'e2', created_at: at }).execute();
    bench = unwrap(await tech('bench.advance', { rma: bench.rma, version: (unwrap(await tech('bench.get', { rma: bench.rma }))).version, action: 'startRepair' }));
    expect(bench.status).toBe('repairing');
    expect(await core.db.selectFrom('estimates').select(['state', 'decision_source']).where('case_id', '=', caseId).executeTakeFirstOrThrow()).toEqual({ state: 'accepted', decision_source: 'portal' });
  });

  it('a declined estimate returns the unit unrepaired; an expired one may be returned once it has expired', async () => {
    const { core, tech, clerk } = await start();
    let a = await outOfWarranty(core, tech, 0);
    a = unwrap(await tech('bench.issueEstimate', { rma: a.rma, version: a.version, lines: kitLines() }));
    a = unwrap(await clerk('bench.recordDecision', { rma: a.rma, estimateVersion: 1, decision: 'declined', note: 'Too expensive' }));
    expect(a).toMatchObject({ status: 'return_unrepaired', resolution: 'returned_unrepaired' });

    let b = await outOfWarranty(core, tech, 0);
    b = unwrap(await tech('bench.issueEstimate', { rma: b.rma, version: b.version, lines: kitLines() }));
    expect(refused(await clerk('bench.advance', { rma: b.rma, version: b.version, action: 'returnUnrepaired', note: 'No answer' }))).toMatch(/valid until 2026-03-24/);
    clock = new Date('2026-03-24T14:59:00Z'); // 23:59 in Seoul: still valid
    expect(unwrap(await tech('bench.get', { rma: b.rma })).estimates[0]!.expired).toBe(false);
    clock = new Date('2026-03-24T15:00:00Z'); // midnight in Seoul: expired
    expect(unwrap(await tech('bench.queue', { show: 'awaiting' })).rows.find((r) => r.rma === b.rma)?.estimate?.expired).toBe(true);
    expect(refused(await clerk('bench.recordDecision', { rma: b.rma, estimateVersion: 1, decision: 'accepted' }), 'estimateVersion')).toBe('Estimate version 1 expired on 2026-03-24; issue a new version');
    b = unwrap(await clerk('bench.advance', { rma: b.rma, version: b.version, action: 'returnUnrepaired', note: 'No answer in 14 days' }));
    expect(b.status).toBe('return_unrepaired');
    expect(b.estimates[0]!.state).toBe('expired');
  });

  it('refuses bad input at its field and writes nothing', async () => {
    const { core, tech, admin } = await start();
    const bench = await outOfWarranty(core, tech);
    const received = await caseOf(core, 'received', 0);
    const before = await allCounts(core);
    const issue = (lines: unknown[], rma = bench.rma, version = bench.version) => tech('bench.issueEstimate', { rma, version, lines: lines as EstimateLineInput[] });
    expect(refused(await issue([{ kind: 'part', description: 'Board', quantity: -1, unitPrice: 100 }]), 'lines.0.quantity')).toBe('Quantity must be at least 1');
    expect(refused(await issue([{ kind: 'part', description: 'Board', quantity: 100_000, unitPrice: 100 }]), 'lines.0.quantity')).toBe('Quantity must be at most 999');
    expect(refused(await issue([{ kind: 'shipping', amount: -4000 }]), 'lines.0.amount')).toBe('Shipping cannot be negative');
    expect(refused(await issue([{ kind: 'shipping', amount: 4000 }, { kind: 'discount', amount: 5000 }]), 'lines.1.amount')).toBe('Discounts cannot exceed the chargeable subtotal of ₩4,000');
    expect(refused(await issue([{ kind: 'part', sku: 'GHOST-9', description: 'Ghost', quantity: 1, unitPrice: 100 }]), 'lines.0.sku')).toBe('Unknown SKU GHOST-9');
    expect(refused(await issue(kitLines(), received.rma, received.version))).toMatch(/is received: an estimate is not possible now/);
    expect(refused(await tech('bench.diagnose', { rma: bench.rma, version: bench.version, diagnosis: { ...inWarranty, extendedUntil: '2021-05-01' } }), 'diagnosis.extendedUntil')).toBe(
      'Extended warranty end 2021-05-01 is before the purchase date 2022-01-10',
    );
    expect(refused(await tech('bench.diagnose', { rma: bench.rma, version: bench.version, diagnosis: { ...inWarranty, fault: null, faultCategory: null } }), 'diagnosis.fault')).toBe('Describe the fault found');
    expect(refused(await admin('parts.save', { sku: 'BAT-AX', name: 'Dup', price: 1, stock: 0 }), 'sku')).toBe('SKU BAT-AX is already in the catalog');
    expect((await tech('bench.issueEstimate', { rma: bench.rma, version: bench.version - 1, lines: kitLines() as never })).ok).toBe(false);
    expect(await allCounts(core)).toEqual(before);
  });
});

describe('the parts catalog', () => {
  it('imports CSV all or nothing with row numbers, records stock changes, and exports what it imports', async () => {
    const { core, admin, tech } = await start();
    const before = await allCounts(core);
    const bad = ['sku,name,price,stock', 'NEW-1,Hinge,1500,4', 'BAT-AX,Battery,-5,3', 'NEW-2,"Cable, braided",12.5,2', 'NEW-1,Hinge again,100,1', 'NEW-3,Knob,100,-2'].join('\n');
    const result = await admin('parts.import', { csv: bad });
    expect(refused(result, 'csv').split('\n')).toEqual([
      'Row 3: Price cannot be negative',
      'Row 4: price "12.5" is not an amount in KRW (for example ₩45,000 is written 45000)',
      'Row 5: SKU NEW-1 is also on row 2',
      'Row 6: Stock cannot be negative',
    ]);
    expect(await allCounts(core)).toEqual(before);
    expect(refused(await admin('parts.import', { csv: 'code,title\nA,B' }), 'csv')).toBe('The first row must be the header sku,name,price,stock');
    expect(refused(await tech('parts.import', { csv: 'sku,name,price,stock\nA,B,1,1' }))).toBe('The technician role cannot do this');

    const good = 'sku,name,price,stock\r\nNEW-1,Hinge,1500,4\r\nBAT-AX,"Battery pack, AX series",26000,20\r\n';
    const movesOfBattery = () => core.db.selectFrom('stock_moves').innerJoin('parts', 'parts.id', 'stock_moves.part_id').select(['delta', 'kind']).where('parts.sku', '=', 'BAT-AX').orderBy('stock_moves.id').execute();
    const movesBefore = await movesOfBattery();
    expect(unwrap(await admin('parts.import', { csv: good }))).toEqual({ created: 1, updated: 1 });
    expect(await stockOf(core, 'BAT-AX')).toBe(20);
    expect(await movesOfBattery()).toEqual([...movesBefore, { delta: 8, kind: 'import' }]);

    const { csv } = unwrap(await tech('parts.export', {}));
    expect(csv.split('\r\n')).toContain('BAT-AX,"Battery pack, AX series",26000,20');
    expect(unwrap(await admin('parts.import', { csv }))).toEqual({ created: 0, updated: 11 });

    expect(refused(await admin('parts.save', { id: 1, sku: 'BAT-AX', name: 'Battery', price: 26000, stock: 3 }), 'reason')).toMatch(/Say why/);
    const saved = unwrap(await admin('parts.save', { id: 1, sku: 'BAT-AX', name: 'Battery', price: 26000, stock: 3, reason: 'Counted' }));
    expect(saved.stock).toBe(3);
    expect(unwrap(await tech('parts.list', { query: 'batt' })).map((p) => p.sku)).toEqual(['BAT-AX', 'BAT-TB10']);
  });

  it('keeps the warranty policy in settings, editable by the admin only', async () => {
    const { tech, admin } = await start();
    const settings = unwrap(await tech('bench.settings', {}));
    expect(settings).toMatchObject({ currency: 'KRW', validityDays: 14, policy: { standardMonths: 24, noReasonReturnDays: 30, repairWarrantyDays: 180 } });
    const { currency: _currency, ...editable } = settings;
    expect(refused(await tech('bench.updateSettings', editable))).toBe('The technician role cannot do this');
    const changed = unwrap(await admin('bench.updateSettings', { ...editable, policy: { ...editable.policy, standardMonths: 12 }, validityDays: 7 }));
    expect(changed).toMatchObject({ validityDays: 7, policy: { standardMonths: 12 } });
    expect(refused(await admin('bench.updateSettings', { ...editable, policy: { ...editable.policy, productLines: [{ productLine: 'Tablets', months: 24 }, { productLine: 'tablets', months: 12 }] } }), 'policy.productLines.1.productLine')).toBe('tablets is listed twice');
  });
});
