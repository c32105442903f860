import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../src/apps/api/contract.ts';
import type { Result } from '../../src/base/common/result.ts';
import type { Core } from '../../src/base/node/core.ts';
import { plainContext, runService, trxOf } from '../../src/base/node/handlers.ts';
import { addProduct } from '../../src/features/products/node/index.ts';
import { failuresTables } from '../../src/features/reports/common/index.ts';
import { exportCsv } from '../../src/features/reports/node/index.ts';
import { asUser, freshCore, unwrap } from '../helpers.ts';

/**
 * Returns per manufacturing lot against units sold, on a depot built by hand. LT-10's serials carry
 * their month of manufacture (LT<yy><mm>…); NX-2's carry none, so its lot is the month of purchase.
 * Received in March 2026:
 *   LT-10  LT2503-1, LT2503-2, LT2503-3 (lot 2025-03), LT2504-1 (lot 2025-04),
 *          ZZ-9 (no date code in it: lot from its purchase on 2025-06-10)
 *   NX-2   NX-1, NX-2 (bought 2025-03-05 and 2025-03-28: lot 2025-03)
 * Sold: LT-10 1,200 in 2025-03 and 800 in 2025-04; NX-2 400 in 2025-03; nothing entered for 2025-06.
 */

let clock = new Date('2026-03-02T00:00:00Z');
type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
let core: Core;
let admin: Call;

const condition = { packaging: 'intact' as const, physicalDamage: false, liquidDamage: false, accessories: [] };
const soldFile = '\uFEFFmodel,month,units\r\nLT-10,2025-03,1200\r\nlt-10 ,2025-4,800\r\n"NX-2",2025-03,400\r\n';

beforeAll(async () => {
  core = await freshCore({ now: () => clock });
  const session = unwrap(
    await dispatch(
      core,
      'setup.createSite',
      {
        siteName: 'Depot Seoul',
        address: { name: 'Depot Seoul', line1: '테헤란로 152', line2: null, city: 'Seoul', region: null, postalCode: '06236', country: 'KR', phone: null },
        currency: 'KRW',
        timeZone: 'Asia/Seoul',
        turnaroundDays: 7,
        adminName: 'Admin Park',
        adminPin: '1234',
      },
      null,
    ),
  ) as { user: { id: number } };
  admin = await asUser(core, session.user.id, '1234');
  const clerk = await asUser(core, unwrap(await admin('users.create', { name: 'Eleni', role: 'clerk', pin: '1234' })).id, '1234');
  const dock = await asUser(core, unwrap(await admin('users.create', { name: 'Minji', role: 'warehouse', pin: '1234' })).id, '1234');
  await runService(core, true, { caller: { kind: 'system' } }, async (ctx) => {
    const lt = { model: 'LT-10', product_line: 'Headsets', name: 'LT-10 Headset', warranty_months: 24, accessories: '[]' };
    await addProduct(trxOf(ctx), { ...lt, date_code_pattern: '^LT(?<year>\\d{2})(?<month>\\d{2})' });
    await addProduct(trxOf(ctx), { model: 'NX-2', product_line: 'Speakers', name: 'NX-2 Speaker', warranty_months: 12, accessories: '[]' });
  });
  const units: [serial: string, model: string, purchaseDate: string][] = [
    ['LT2503-1', 'LT-10', '2025-05-02'],
    ['LT2503-2', 'LT-10', '2025-07-19'],
    ['LT2503-3', 'LT-10', '2025-04-30'],
    ['LT2504-1', 'LT-10', '2025-05-02'],
    ['ZZ-9', 'LT-10', '2025-06-10'],
    ['NX-1', 'NX-2', '2025-03-05'],
    ['NX-2', 'NX-2', '2025-03-28'],
  ];
  for (const [serial, model, purchaseDate] of units) {
    const { rma } = unwrap(
      await clerk('cases.create', {
        customer: { name: '김민수', email: null, phone: null, locale: 'ko' },
        returnAddress: { name: '김민수', line1: '월드컵북로 396', line2: null, city: 'Seoul', region: null, postalCode: '03925', country: 'KR', phone: null },
        model,
        serial,
        purchaseDate,
        problemCategory: null,
        problemDescription: 'No sound',
      }),
    );
    const { version } = unwrap(await admin('cases.get', { rma }));
    unwrap(await dock('receiving.receive', { rma, version, serial, mismatchReason: null, condition }));
  }
  clock = new Date('2026-03-20T00:00:00Z');
}, 120_000);
afterAll(() => core.database.close());

const march = { from: '2026-03-01', to: '2026-03-31' } as const;
const lotsTable = async () => failuresTables(unwrap(await admin('reports.failures', march))).find((t) => t.id === 'failures-lots')!;

describe('returns per manufacturing lot', () => {
  it('reads the lot from the serial’s date code, else from the month of purchase', async () => {
    const report = unwrap(await admin('reports.failures', march));
    expect(report.lots).toEqual([
      { model: 'LT-10', productLine: 'Headsets', lot: '2025-03', received: 3, fromDateCode: 3, unitsSold: null },
      { model: 'LT-10', productLine: 'Headsets', lot: '2025-04', received: 1, fromDateCode: 1, unitsSold: null },
      { model: 'LT-10', productLine: 'Headsets', lot: '2025-06', received: 1, fromDateCode: 0, unitsSold: null },
      { model: 'NX-2', productLine: 'Speakers', lot: '2025-03', received: 2, fromDateCode: 0, unitsSold: null },
    ]);
    // Without units sold there is no rate to give.
    expect((await lotsTable()).rows.map((r) => r.cells.failureRate)).toEqual([null, null, null, null]);
  });
});

describe('units sold', () => {
  it('refuses a file with unreadable lines, each named by its line, and imports nothing of it', async () => {
    const refused = await admin('reports.importUnitsSold', {
      csv: 'model,month,units\nLT-10,2025-03,1200\nLT-10,2025-13,5\nNX-2,2025-03\nQQ-7,2025-03,10\nNX-2,2025-03,many\nLT-10,2025-03,7\n',
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.reason).toEqual({ code: 'reports.holidayFileProblems', params: { count: 5 } });
    expect(Object.entries(refused.error.fieldReasons ?? {}).filter(([key]) => key !== 'csv')).toEqual([
      ['csv.0', { code: 'reports.unitsLineMonth', params: { line: 3, month: '2025-13' } }],
      ['csv.1', { code: 'reports.unitsColumns', params: { line: 4 } }],
      ['csv.2', { code: 'reports.unitsLineModel', params: { line: 5, model: 'QQ-7' } }],
      ['csv.3', { code: 'reports.unitsLineQuantity', params: { line: 6, quantity: 'many' } }],
      ['csv.4', { code: 'reports.unitsLineTwice', params: { line: 7, model: 'LT-10', month: '2025-03', first: 2 } }],
    ]);
    expect(unwrap(await admin('reports.unitsSold', {}))).toEqual([]);
  });

  it('imports a UTF-8 file with a byte-order mark in one transaction, and the lots get their rate: returns ÷ units sold', async () => {
    const transactions = vi.spyOn(core.db, 'transaction');
    expect(unwrap(await admin('reports.importUnitsSold', { csv: soldFile }))).toEqual({ imported: 3 });
    expect(transactions).toHaveBeenCalledTimes(1);
    transactions.mockRestore();
    expect(unwrap(await admin('reports.unitsSold', {}))).toEqual([
      { model: 'LT-10', productLine: 'Headsets', period: '2025-03', quantity: 1200 },
      { model: 'LT-10', productLine: 'Headsets', period: '2025-04', quantity: 800 },
      { model: 'NX-2', productLine: 'Speakers', period: '2025-03', quantity: 400 },
    ]);
    const table = await lotsTable();
    // 3 of 1,200 is 0.25 per hundred; 1 of 800 is 0.125, shown to two decimals; 2 of 400 is 0.5.
    expect(table.rows.map((r) => [r.cells.model, r.cells.lot, r.cells.received, r.cells.unitsSold, r.cells.failureRate])).toEqual([
      ['LT-10', '2025-03', 3, 1200, 0.25],
      ['LT-10', '2025-04', 1, 800, 0.13],
      ['LT-10', '2025-06', 1, null, null],
      ['NX-2', '2025-03', 2, 400, 0.5],
    ]);
    const { csv } = await exportCsv(plainContext(core), 'failures-lots', march);
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFFproductLine,model,lot,received,fromDateCode,unitsSold,failureRate',
      'Headsets,LT-10,2025-03,3,3,1200,0.25',
      'Headsets,LT-10,2025-04,1,1,800,0.13',
    ]);
  });

  it('refuses a file naming a model nobody sells, at its line, and keeps what was there before', async () => {
    const refused = await admin('reports.importUnitsSold', { csv: 'LT-10,2025-03,9999\nQQ-7,2025-03,10\n' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.reason).toEqual({ code: 'reports.unitsLineModel', params: { line: 2, model: 'QQ-7' } });
    expect(unwrap(await admin('reports.unitsSold', {}))[0]).toMatchObject({ model: 'LT-10', period: '2025-03', quantity: 1200 });
  });

  it('sets one model’s month from the form, the field said when it is wrong', async () => {
    expect(unwrap(await admin('reports.saveUnitsSold', { model: 'lt-10', period: '2025-06', quantity: 250 }))).toEqual({
      model: 'LT-10',
      productLine: 'Headsets',
      period: '2025-06',
      quantity: 250,
    });
    expect((await lotsTable()).rows[2]!.cells).toMatchObject({ lot: '2025-06', unitsSold: 250, failureRate: 0.4 });
    const unknown = await admin('reports.saveUnitsSold', { model: 'QQ-7', period: '2025-06', quantity: 1 });
    expect(unknown.ok ? null : unknown.error.fieldReasons?.model).toEqual({ code: 'reports.unknownModel', params: { model: 'QQ-7' } });
    const negative = await admin('reports.saveUnitsSold', { model: 'LT-10', period: '2025-06', quantity: -1 });
    expect(negative.ok ? null : negative.error.fieldReasons?.quantity?.code).toBe('reports.unitsQuantity');
  });
});
