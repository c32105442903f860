import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../src/apps/api/contract.ts';
import type { Core } from '../../src/base/node/core.ts';
import { runService, trxOf } from '../../src/base/node/handlers.ts';
import type { Result } from '../../src/base/common/result.ts';
import { addProduct } from '../../src/features/products/node/index.ts';
import type { DiagnosisInput } from '../../src/features/bench/common/bench.ts';
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { plainContext } from '../../src/base/node/handlers.ts';
import { databaseFile } from '../../src/base/node/paths.ts';
import { exportCsv } from '../../src/features/reports/node/index.ts';
import { asUser, diagnosisWith, freshCore, seoulSite, tableCounts, tempDir, testDialect, unwrap } from '../helpers.ts';

/**
 * A depot built by hand through its own services, on a clock the test moves, so every figure of
 * every report is known. Times are Seoul wall-clock times. The site's target is 7 business days;
 * Saturday and Sunday are the weekend, and Monday 2026-03-02 is a holiday (the substitute for
 * Independence Movement Day), imported from a file.
 *
 * A  AX-100  received Fri 02-27 09:00, taken 12:00; estimate Tue 03-03 09:00 (the Monday is the
 *            holiday); accepted and paid Thu 03-05 09:00; repaired, fails QA once, passes
 *            Wed 03-11 15:00; shipped Thu 03-12 09:00. Clock: 6 business days.
 * B  AX-100  received Mon 03-09 09:00, taken 10:00, still diagnosing: 9 days used, due Wed 03-18.
 * C  SP-500  received Mon 03-16 09:00, taken 10:00, estimate 12:00, accepted but unpaid: paused.
 * D  SP-500  received Tue 03-17 09:00 with a serial mismatch, no fault found 15:00, shipped Wed 09:00.
 * E  AX-100  the unit of A back (repeat within 90 days), received Mon 03-16 13:00, estimate
 *            declined Tue 10:00, shipped unrepaired Thu 03-19 09:00.
 * F  AX-100  authorized, never received: no clock.
 * G  SP-500  received Thu 02-26 09:00, estimate 12:00 never answered (valid to 03-12); returned
 *            unrepaired Mon 03-16 09:00 with the estimate expired, shipped 12:00.
 * Now is Fri 2026-03-20 09:00.
 */

let clock = new Date();
const at = (wall: string) => (clock = new Date(`${wall}+09:00`));
type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;

const site = seoulSite;
const condition = { packaging: 'intact' as const, physicalDamage: false, liquidDamage: false, accessories: [] };

const diagnosis = diagnosisWith;

async function buildDepot() {
  const core = await freshCore({ now: () => clock });
  at('2026-02-20T09:00:00');
  const session = unwrap(await dispatch(core, 'setup.createSite', { ...site, adminName: 'Admin Park', adminPin: '1234' }, null)) as { user: { id: number } };
  const admin: Call = await asUser(core, session.user.id, '1234');
  const people: Record<string, Call> = {};
  for (const [name, role] of [['Jisoo Han', 'technician'], ['Li Wei', 'technician'], ['Minji Kim', 'warehouse'], ['Eleni Papadopoulou', 'clerk']] as const) {
    const user = unwrap(await admin('users.create', { name, role, pin: '1234' }));
    people[name] = await asUser(core, user.id, '1234');
  }
  const jisoo = people['Jisoo Han']!;
  const li = people['Li Wei']!;
  const dock = people['Minji Kim']!;
  const clerk = people['Eleni Papadopoulou']!;
  await runService(core, true, { caller: { kind: 'system' } }, async (ctx) => {
    await addProduct(trxOf(ctx), { model: 'AX-100', product_line: 'Headphones', name: 'AX-100 Headphones', warranty_months: 24, accessories: '[]' });
    await addProduct(trxOf(ctx), { model: 'SP-500', product_line: 'Speakers', name: 'SP-500 Speaker', warranty_months: 12, accessories: '[]' });
  });
  unwrap(await admin('parts.save', { sku: 'BAT-AX', name: 'Battery pack', price: 25_000, stock: 10, reason: 'Opening stock' }));
  unwrap(await admin('parts.save', { sku: 'EAR-PAD', name: 'Ear pads', price: 9_000, stock: 10, reason: 'Opening stock' }));
  unwrap(await admin('reports.importHolidays', { text: 'date,name\n2026-03-02,대체공휴일\n' }));

  const create = async (serial: string, model: string, purchaseDate: string) =>
    unwrap(
      await clerk('cases.create', {
        customer: { name: '김민수', email: null, phone: null, locale: 'ko' },
        returnAddress: { name: '김민수', line1: '월드컵북로 396', line2: null, city: 'Seoul', region: null, postalCode: '03925', country: 'KR', phone: null },
        model,
        serial,
        purchaseDate,
        problemCategory: null,
        problemDescription: 'No sound',
      }),
    ).rma;
  const version = async (rma: string) => unwrap(await admin('cases.get', { rma })).version;
  const receive = async (rma: string, serial: string, mismatchReason: string | null = null) =>
    unwrap(await dock('receiving.receive', { rma, version: await version(rma), serial, mismatchReason, condition }));
  const take = async (tech: Call, rma: string) => unwrap(await tech('bench.take', { rma, version: await version(rma) }));
  const diagnose = async (tech: Call, rma: string, d: Partial<DiagnosisInput>) =>
    unwrap(await tech('bench.diagnose', { rma, version: await version(rma), diagnosis: diagnosis(d) }));
  const estimate = async (tech: Call, rma: string, lines: MethodInput<'bench.issueEstimate'>['lines']) =>
    unwrap(await tech('bench.issueEstimate', { rma, version: await version(rma), lines }));
  const advance = async (tech: Call, rma: string, action: MethodInput<'bench.advance'>['action'], note?: string) =>
    unwrap(await tech('bench.advance', { rma, version: await version(rma), action, ...(note ? { note } : {}) }));
  const work = async (tech: Call, rma: string, minutes: number) =>
    unwrap(await tech('bench.logWork', { rma, version: await version(rma), workDone: 'Work', minutes, parts: [] }));
  const ship = async (rma: string, tracking: string) =>
    unwrap(await clerk('shipping.ship', { rma, version: await version(rma), shipment: { carrier: 'CJ Logistics', weightGrams: 900, tracking } }));

  // In the order it happened.
  at('2026-02-25T10:00:00');
  const A = await create('A1', 'AX-100', '2025-11-10');
  const G = await create('G1', 'SP-500', '2019-05-01');
  at('2026-02-26T09:00:00');
  await receive(G, 'G1');
  await take(li, G);
  at('2026-02-26T12:00:00');
  await diagnose(li, G, { faultCategory: 'Speaker / driver', damageLevel: 2 });
  await estimate(li, G, [{ kind: 'part', sku: null, description: 'Driver', quantity: 1, unitPrice: 18_000, covered: false }]);
  at('2026-02-27T09:00:00');
  await receive(A, 'A1');
  at('2026-02-27T12:00:00');
  await take(jisoo, A);
  at('2026-03-02T10:00:00');
  const B = await create('B1', 'AX-100', '2025-12-01');
  const C = await create('C1', 'SP-500', '2020-01-15');
  const D = await create('D1', 'SP-500', '2025-09-01');
  const E = await create('A1', 'AX-100', '2025-11-10');
  const F = await create('F1', 'AX-100', '2025-10-01');
  at('2026-03-03T09:00:00');
  await diagnose(jisoo, A, {});
  await estimate(jisoo, A, [
    { kind: 'part', sku: 'BAT-AX', description: 'Battery pack', quantity: 1, unitPrice: 25_000, covered: true },
    { kind: 'labor', description: null, hours: null, damageLevel: 1, covered: true },
    { kind: 'shipping', description: null, amount: 4_000, covered: true },
    { kind: 'part', sku: 'EAR-PAD', description: 'Ear pads', quantity: 1, unitPrice: 9_000, covered: false },
  ]);
  at('2026-03-05T09:00:00');
  unwrap(await clerk('bench.recordDecision', { rma: A, estimateVersion: 1, decision: 'accepted', note: null }));
  unwrap(await clerk('bench.recordPayment', { rma: A, estimateVersion: 1, amount: 9_900, reference: 'CARD-1' }));
  await advance(jisoo, A, 'startRepair');
  at('2026-03-06T10:00:00');
  await work(jisoo, A, 45);
  at('2026-03-09T09:00:00');
  await receive(B, 'B1');
  at('2026-03-09T10:00:00');
  await take(li, B);
  await diagnose(li, B, { faultCategory: 'Battery', damageLevel: 1 });
  at('2026-03-10T11:00:00');
  unwrap(await dock('parcels.createUnmatched', { tracking: '612345678901', carrier: 'CJ Logistics', senderName: '박지훈', contents: 'Speaker', shelf: 'U-1', note: null }));
  at('2026-03-11T09:00:00');
  await advance(jisoo, A, 'toQa');
  at('2026-03-11T10:00:00');
  await advance(jisoo, A, 'qaFail', 'Crackle at high volume');
  at('2026-03-11T10:30:00');
  await work(jisoo, A, 15);
  at('2026-03-11T11:00:00');
  await advance(jisoo, A, 'toQa');
  at('2026-03-11T15:00:00');
  await advance(jisoo, A, 'qaPass');
  at('2026-03-12T09:00:00');
  await ship(A, '600000000011');

  at('2026-03-16T09:00:00');
  await advance(li, G, 'returnUnrepaired', 'No answer to the estimate');
  await receive(C, 'C1');
  at('2026-03-16T10:00:00');
  await take(jisoo, C);
  at('2026-03-16T12:00:00');
  await diagnose(jisoo, C, { faultCategory: 'Speaker / driver', damageLevel: 2 });
  await estimate(jisoo, C, [{ kind: 'labor', description: null, hours: 2, damageLevel: null, covered: false }]);
  await ship(G, '600000000014');
  at('2026-03-16T13:00:00');
  await receive(E, 'A1');
  at('2026-03-16T14:00:00');
  await take(li, E);
  await diagnose(li, E, { faultCategory: 'Main board', damageLevel: 2 });
  at('2026-03-16T15:00:00');
  await estimate(li, E, [{ kind: 'labor', description: null, hours: null, damageLevel: 2, covered: false }]);
  at('2026-03-17T09:00:00');
  await receive(D, 'D1-X', 'Label worn; serial read from the board');
  at('2026-03-17T10:00:00');
  await take(li, D);
  unwrap(await clerk('bench.recordDecision', { rma: E, estimateVersion: 1, decision: 'declined', note: 'Too expensive' }));
  at('2026-03-17T15:00:00');
  await diagnose(li, D, { symptomConfirmed: false, faultCategory: null, fault: null, damageLevel: null });
  await advance(li, D, 'noFault');
  at('2026-03-18T09:00:00');
  await ship(D, '600000000013');
  unwrap(await clerk('bench.recordDecision', { rma: C, estimateVersion: 1, decision: 'accepted', note: null }));
  at('2026-03-19T09:00:00');
  await ship(E, '600000000012');

  at('2026-03-20T09:00:00');
  return { core, admin, clerk, rmas: { A, B, C, D, E, F, G } };
}

let depot: Awaited<ReturnType<typeof buildDepot>>;
beforeAll(async () => {
  depot = await buildDepot();
}, 120_000);
afterAll(() => depot.core.database.close());

describe('the overdue view', () => {
  it('shows open cases past or near their due date, with the status that used the clock', async () => {
    const { admin, rmas } = depot;
    const report = unwrap(await admin('reports.overdue', {}));
    expect(report).toMatchObject({ today: '2026-03-20', targetDays: 7, dueWithin: 2 });
    // B: Monday 09:00 to the next week's Friday 09:00 is 9 business days: 1 h received, the rest diagnosing.
    expect(report.cases).toEqual([
      {
        rma: rmas.B,
        status: 'diagnosing',
        customerName: '김민수',
        model: 'AX-100',
        productLine: 'Headphones',
        assignedTo: 'Li Wei',
        receivedAt: '2026-03-09T00:00:00.000Z',
        usedDays: 9,
        leftDays: -2,
        dueDate: '2026-03-18',
        paused: false,
        mostTime: { status: 'diagnosing', days: 8.96, paused: false },
        statuses: [
          { status: 'received', days: 0.04, paused: false },
          { status: 'diagnosing', days: 8.96, paused: false },
        ],
      },
    ]);
  });

  it('lists every open case on request, a paused one with its due date projected from now, and filters by product line', async () => {
    const { admin, rmas } = depot;
    const all = unwrap(await admin('reports.overdue', { dueWithin: null }));
    expect(all.cases.map((c) => c.rma)).toEqual([rmas.B, rmas.C]);
    // C: 3 h of work (received 1 h, diagnosing 2 h), then waiting on the customer since Monday noon.
    expect(all.cases[1]).toMatchObject({
      status: 'awaiting_customer',
      usedDays: 0.13,
      leftDays: 6.88,
      paused: true,
      dueDate: '2026-03-31',
      mostTime: { status: 'diagnosing', days: 0.08 },
    });
    expect(all.cases[1]!.statuses).toContainEqual({ status: 'awaiting_customer', days: 3.88, paused: true });
    const speakers = unwrap(await admin('reports.overdue', { dueWithin: null, productLine: 'Speakers' }));
    expect(speakers.cases.map((c) => c.rma)).toEqual([rmas.C]);
    expect(unwrap(await admin('reports.overdue', { dueWithin: 0 })).cases.map((c) => c.rma)).toEqual([rmas.B]);
  });

  it('is for the roles that manage the depot', async () => {
    const { clerk } = depot;
    const refused = await clerk('reports.overdue', {});
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('forbidden');
  });
});

describe('turnaround of shipped cases', () => {
  it('counts business days from receipt to shipment across a weekend and a holiday, without the wait on the customer', async () => {
    const { admin } = depot;
    const report = unwrap(await admin('reports.turnaround', { from: '2026-03-01', to: '2026-03-31' }));
    // A 6 days (the holiday and two weekends skipped, two days waiting on the customer left out),
    // D 1, E 2.04, G 0.25 (three weeks waiting on an estimate nobody answered left out).
    expect(report.total).toEqual({ productLine: null, shipped: 4, withinTarget: 4, medianDays: 1.52, averageDays: 2.32, slowestDays: 6 });
    expect(report.productLines).toEqual([
      { productLine: 'Headphones', shipped: 2, withinTarget: 2, medianDays: 4.02, averageDays: 4.02, slowestDays: 6 },
      { productLine: 'Speakers', shipped: 2, withinTarget: 2, medianDays: 0.63, averageDays: 0.63, slowestDays: 1 },
    ]);
    const byStatus = Object.fromEntries(report.statuses.map((s) => [s.status, s]));
    expect(byStatus.awaiting_customer).toEqual({ status: 'awaiting_customer', paused: true, cases: 3, totalDays: 13.67, averageDays: 4.56 });
    expect(byStatus.repairing).toEqual({ status: 'repairing', paused: false, cases: 1, totalDays: 4.04, averageDays: 4.04 });
    expect(byStatus.diagnosing).toMatchObject({ cases: 4, totalDays: 1.25 });
    expect(byStatus.return_unrepaired).toMatchObject({ cases: 2, totalDays: 2.08 });
    expect(byStatus.ready_to_ship).toMatchObject({ cases: 4, totalDays: 1.5 });
    expect(report.statuses.map((s) => s.status)).toEqual(['received', 'diagnosing', 'awaiting_customer', 'repairing', 'qa', 'ready_to_ship', 'return_unrepaired']);
    // G under 1 day, D 1, E 2.04 and A 6: every whole day up to the slowest, the empty ones too.
    expect(report.histogram).toEqual([0, 1, 2, 3, 4, 5, 6].map((days) => ({ days, cases: [0, 1, 2, 6].includes(days) ? 1 : 0 })));
  });

  it('keeps to the range and the product line', async () => {
    const { admin } = depot;
    const early = unwrap(await admin('reports.turnaround', { from: '2026-03-01', to: '2026-03-12' }));
    expect(early.total).toMatchObject({ shipped: 1, medianDays: 6 });
    // Days are Seoul days: A's shipment at 09:00 on 03-12 (00:00 UTC) is on 03-12, none falls on 03-13 to 03-15.
    expect(unwrap(await admin('reports.turnaround', { from: '2026-03-13', to: '2026-03-15' })).total.shipped).toBe(0);
    expect(unwrap(await admin('reports.turnaround', { from: '2026-03-12', to: '2026-03-12' })).total.shipped).toBe(1);
    const speakers = unwrap(await admin('reports.turnaround', { from: '2026-03-01', to: '2026-03-31', productLine: 'Speakers' }));
    expect(speakers.total).toMatchObject({ shipped: 2, medianDays: 0.63 });
  });

  it('refuses a range that ends before it starts, at the field', async () => {
    const { admin } = depot;
    const refused = await admin('reports.turnaround', { from: '2026-03-31', to: '2026-03-01' });
    expect(!refused.ok && refused.error.fields).toEqual({ to: 'The end date is before the start date' });
    const noDate = await admin('reports.turnaround', { from: '2026-02-30', to: '2026-03-01' });
    expect(!noDate.ok && noDate.error.fields).toEqual({ from: 'Not a real date' });
  });
});

describe('money', () => {
  it('sums warranty cost by kind to the won, payments, declined and expired estimates, the average estimate and what is owed', async () => {
    const { admin, rmas } = depot;
    const report = unwrap(await admin('reports.money', { from: '2026-03-01', to: '2026-03-31' }));
    expect(report).toMatchObject({
      currency: 'KRW',
      // A's covered battery (₩25,000), level-1 labor (₩20,000) and return shipping (₩4,000); its ear pads were charged.
      warranty: { cases: 1, parts: 25_000, labor: 20_000, shipping: 4_000, total: 49_000 },
      revenue: { payments: 1, amount: 9_900 },
      declined: { count: 1, amount: 33_000 },
      expired: { count: 1, amount: 19_800 },
      // A ₩9,900, C ₩66,000 and E ₩33,000 were issued in March; G's was issued in February.
      estimates: { count: 3, average: 36_300 },
    });
    expect(report.outstanding).toEqual({
      count: 1,
      amount: 66_000,
      cases: [{ rma: rmas.C, status: 'awaiting_customer', version: 1, acceptedAt: '2026-03-18T00:00:00.000Z', total: 66_000, paid: 0, outstanding: 66_000 }],
    });
    expect(report.productLines).toEqual([
      { productLine: 'Headphones', warrantyCases: 1, warrantyCost: 49_000, payments: 1, revenue: 9_900, declined: 1, expired: 0 },
      { productLine: 'Speakers', warrantyCases: 0, warrantyCost: 0, payments: 0, revenue: 0, declined: 0, expired: 1 },
    ]);
  });

  it('keeps to the range and the product line; what is owed is as of now', async () => {
    const { admin } = depot;
    const february = unwrap(await admin('reports.money', { from: '2026-02-01', to: '2026-02-28' }));
    expect(february).toMatchObject({ warranty: { total: 0 }, revenue: { amount: 0 }, estimates: { count: 1, average: 19_800 }, outstanding: { amount: 66_000 } });
    const headphones = unwrap(await admin('reports.money', { from: '2026-03-01', to: '2026-03-31', productLine: 'Headphones' }));
    expect(headphones).toMatchObject({ warranty: { total: 49_000 }, expired: { count: 0 }, outstanding: { count: 0, amount: 0 } });
  });
});

describe('people', () => {
  it('sets out what each technician, dock worker and clerk did, in name order', async () => {
    const { admin } = depot;
    const report = unwrap(await admin('reports.people', { from: '2026-03-01', to: '2026-03-31' }));
    expect(report.technicians).toEqual([
      // A: 45 + 15 minutes, one QA failure then a pass; taken Fri 02-27 12:00, first QA Wed 03-11 09:00:
      // diagnosing 21 h and repairing 96 h of business time, the two days waiting on the customer left out.
      { name: 'Jisoo Han', diagnosed: 2, repaired: 1, qaFailures: 1, minutes: 60, takenToQa: 1, medianTakeToQaDays: 4.88 },
      // G was diagnosed in February; B, D and E in March.
      { name: 'Li Wei', diagnosed: 3, repaired: 0, qaFailures: 0, minutes: 0, takenToQa: 0, medianTakeToQaDays: null },
    ]);
    // A and G were received in February.
    expect(report.dock).toEqual([{ name: 'Minji Kim', receipts: 4, mismatches: 1, unmatched: 1 }]);
    expect(report.desk).toEqual([{ name: 'Eleni Papadopoulou', shipments: 4 }]);
  });

  it('keeps to the range: February has A and G at the dock and nothing shipped', async () => {
    const { admin } = depot;
    const february = unwrap(await admin('reports.people', { from: '2026-02-01', to: '2026-02-28' }));
    expect(february.dock).toEqual([{ name: 'Minji Kim', receipts: 2, mismatches: 0, unmatched: 0 }]);
    expect(february.technicians.map((t) => [t.name, t.diagnosed, t.minutes])).toEqual([['Jisoo Han', 0, 0], ['Li Wei', 1, 0]]);
    expect(february.desk).toEqual([{ name: 'Eleni Papadopoulou', shipments: 0 }]);
  });
});

describe('failures', () => {
  it('counts returns received in the range per model, fault and purchase month, with repeats and the no-fault-found rate', async () => {
    const { admin, rmas } = depot;
    const report = unwrap(await admin('reports.failures', { from: '2026-03-01', to: '2026-03-31' }));
    // B, C, D and E were received in March (A and G in February, F never); D and E are resolved, D with no fault found.
    expect(report).toMatchObject({ received: 4, resolved: 2, noFaultFound: 1, repeats: 1, period: 'month' });
    expect(report.models).toEqual([
      { model: 'AX-100', productLine: 'Headphones', received: 2, resolved: 1, noFaultFound: 0, repeats: 1 },
      { model: 'SP-500', productLine: 'Speakers', received: 2, resolved: 1, noFaultFound: 1, repeats: 0 },
    ]);
    expect(report.faults).toEqual([
      { faultCategory: 'Battery', damageLevel: 1, cases: 1 },
      { faultCategory: 'Main board', damageLevel: 2, cases: 1 },
      { faultCategory: 'Speaker / driver', damageLevel: 2, cases: 1 },
      { faultCategory: null, damageLevel: null, cases: 1 },
    ]);
    expect(report.purchaseMonths).toEqual([
      { month: '2020-01', cases: 1 },
      { month: '2025-09', cases: 1 },
      { month: '2025-11', cases: 1 },
      { month: '2025-12', cases: 1 },
    ]);
    // E is A's unit, back 4 days after A was shipped repaired.
    expect(report.repeatRepairs).toEqual([
      { rma: rmas.E, serial: 'A1', model: 'AX-100', receivedAt: '2026-03-16T04:00:00.000Z', earlierRma: rmas.A, earlierShippedAt: '2026-03-12T00:00:00.000Z', days: 4 },
    ]);
    expect(report.trend).toEqual([{ period: '2026-03', received: 4, noFaultFound: 1 }]);
    // No model has a date code here: each case's lot is its month of purchase, and nothing is sold on record.
    expect(report.lots.map((l) => [l.model, l.lot, l.received, l.fromDateCode, l.unitsSold])).toEqual([
      ['AX-100', '2025-11', 1, 0, null],
      ['AX-100', '2025-12', 1, 0, null],
      ['SP-500', '2020-01', 1, 0, null],
      ['SP-500', '2025-09', 1, 0, null],
    ]);
  });

  it('gives the trend by the site’s ISO weeks, the empty ones too, and keeps to the product line', async () => {
    const { admin } = depot;
    const weekly = unwrap(await admin('reports.failures', { from: '2026-03-01', to: '2026-03-31', period: 'week' }));
    expect(weekly.trend).toEqual([
      { period: '2026-W09', received: 0, noFaultFound: 0 },
      { period: '2026-W10', received: 0, noFaultFound: 0 },
      { period: '2026-W11', received: 1, noFaultFound: 0 },
      { period: '2026-W12', received: 3, noFaultFound: 1 },
      { period: '2026-W13', received: 0, noFaultFound: 0 },
      { period: '2026-W14', received: 0, noFaultFound: 0 },
    ]);
    const speakers = unwrap(await admin('reports.failures', { from: '2026-03-01', to: '2026-03-31', productLine: 'Speakers' }));
    expect(speakers).toMatchObject({ received: 2, noFaultFound: 1, repeats: 0, repeatRepairs: [] });
    // A and G, received in February, are first visits.
    const february = unwrap(await admin('reports.failures', { from: '2026-02-01', to: '2026-02-28' }));
    expect(february).toMatchObject({ received: 2, repeats: 0 });
  });
});

describe('exports', () => {
  it('writes each report table and the cases list as CSV with a byte-order mark', async () => {
    const { core, rmas } = depot;
    const ctx = plainContext(core);
    const money = await exportCsv(ctx, 'money', { from: '2026-03-01', to: '2026-03-31' });
    expect(money.csv.split('\r\n').slice(0, 5)).toEqual(['\uFEFFmeasure,count,amount', 'warrantyParts,,25000', 'warrantyLabor,,20000', 'warrantyShipping,,4000', 'warrantyTotal,1,49000']);
    const overdue = await exportCsv(ctx, 'overdue', { dueWithin: null });
    expect(overdue.rows).toBe(2);
    expect(overdue.csv.split('\r\n')[1]).toMatch(new RegExp(`^${rmas.B},diagnosing,-2.00,2026-03-18,9.00,diagnosing,8.96,no,Headphones,AX-100,김민수,Li Wei,`));
    // The cases created in March: B to F (A and G were created in February).
    const cases = await exportCsv(ctx, 'cases', { from: '2026-03-01', to: '2026-03-31' });
    expect(cases.rows).toBe(5);
    expect(cases.csv.split('\r\n')[0]).toBe('\uFEFFrma,status,createdAt,receivedAt,customerName,productLine,model,serial,resolution,assignedTo,source');
    expect(cases.csv).toContain(`${rmas.D},shipped,2026-03-02T01:00:00.000Z,2026-03-17T00:00:00.000Z,김민수,Speakers,SP-500,D1,no_fault_found,Li Wei,desk`);
    await expect(exportCsv(ctx, 'turnaround', { from: '2026-03-31', to: '2026-03-01' })).rejects.toThrow('The end date is before the start date');
  });

  it.skipIf(testDialect !== 'sqlite')('runs from the command line: depot export <report> --db FILE -o out.csv', async () => {
    const { core, rmas } = depot;
    const out = path.join(tempDir(), 'repeats.csv');
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [
      '--import', 'tsx', 'src/apps/cli/main.ts', 'export', 'failures-repeats', '--db', databaseFile(core.dataDir!), '-o', out, '--from', '2026-03-01', '--to', '2026-03-31',
    ]);
    expect(stdout).toBe(`${out}: 1 rows\n`);
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').split('\r\n')).toEqual([
      '\uFEFFrma,serial,model,receivedAt,earlierRma,earlierShippedAt,daysBetween',
      `${rmas.E},A1,AX-100,2026-03-16T04:00:00.000Z,${rmas.A},2026-03-12T00:00:00.000Z,4`,
      '',
    ]);
    const refused = await run(process.execPath, ['--import', 'tsx', 'src/apps/cli/main.ts', 'export', 'profits', '--db', databaseFile(core.dataDir!), '-o', out]).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown report "profits"; one of: overdue, turnaround/) });
  }, 60_000);
});

describe('the holiday calendar', () => {
  it('keeps the weekend days and holidays, and imports a file whole or not at all', async () => {
    const core: Core = await freshCore({ now: () => clock });
    try {
      at('2026-03-20T09:00:00');
      const token = (unwrap(await dispatch(core, 'setup.createSite', { ...site, adminName: 'Admin', adminPin: '1234' }, null)) as { token: string }).token;
      const admin: Call = (method, input) => dispatch(core, method, input, token) as never;
      expect(unwrap(await admin('reports.calendar', {}))).toEqual({ weekendDays: [6, 0], holidays: [] });
      const before = await tableCounts(core);
      const bad = await admin('reports.importHolidays', { text: '2026-05-05,어린이날\n2026-13-01,Nope\n' });
      expect(!bad.ok && bad.error.fields).toMatchObject({ 'text.0': 'Line 2: "2026-13-01,Nope" is not a date and a name (2026-03-01,Independence Movement Day)' });
      expect(await tableCounts(core)).toEqual(before);
      const ics = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260505\r\nSUMMARY:어린이날\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
      const imported = unwrap(await admin('reports.importHolidays', { text: ics }));
      expect(imported).toEqual({ imported: 1, calendar: { weekendDays: [6, 0], holidays: [{ date: '2026-05-05', name: '어린이날' }] } });
      const twice = await admin('reports.saveCalendar', { weekendDays: [5, 6], holidays: [{ date: '2026-05-05', name: 'a' }, { date: '2026-05-05', name: 'b' }] });
      expect(!twice.ok && twice.error.fields).toEqual({ 'holidays.1.date': '2026-05-05 is already a holiday' });
      const saved = unwrap(await admin('reports.saveCalendar', { weekendDays: [5, 6], holidays: [{ date: '2026-05-05', name: '어린이날' }] }));
      expect(saved.weekendDays).toEqual([5, 6]);
      expect(unwrap(await admin('reports.calendar', {}))).toEqual(saved);
    } finally {
      await core.database.close();
    }
  });
});
