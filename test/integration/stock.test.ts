import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/base/node/core.ts';
import type { DiagnosisInput } from '../../src/features/bench/common/index.ts';
import { asRole, codeAtField as atField, freshCore, reasonCode as refusal, tableCounts, unwrap } from '../helpers.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.database.close();
});

async function depot() {
  const now = new Date('2026-03-10T03:00:00Z');
  const core = await freshCore({ demo: true, now: () => now });
  cores.push(core);
  const admin = await asRole(core, 'admin');
  const clerk = await asRole(core, 'clerk');
  const tech = await asRole(core, 'technician');
  const warehouse = await asRole(core, 'warehouse');
  const products = unwrap(await admin('products.list', {}));
  const [first, second] = products;
  return { core, admin, clerk, tech, warehouse, first: first!, second: second! };
}

type Depot = Awaited<ReturnType<typeof depot>>;

const covered: DiagnosisInput = {
  symptomConfirmed: true,
  faultCategory: 'Main board',
  fault: 'Dead on arrival',
  damageLevel: null,
  physicalDamage: false,
  liquidDamage: false,
  tampering: false,
  testResults: null,
  internalNotes: null,
  customerNotes: 'The unit was exchanged for a new one.',
  proofOfPurchase: true,
  extendedUntil: null,
};

/** A desk case of the model, received, diagnosed under warranty and in repair: where the bench records a replacement. */
async function inRepair({ clerk, warehouse, tech }: Depot, model: string, serial: string) {
  const created = unwrap(
    await clerk('cases.create', {
      customer: { name: 'Jisoo Han', email: 'jisoo@example.kr', phone: '010-2000-3000', locale: 'en' },
      returnAddress: { name: 'Jisoo Han', line1: '240 World Cup-ro', line2: null, city: 'Seoul', region: null, postalCode: '03932', country: 'KR', phone: null },
      model,
      serial,
      purchaseDate: '2026-01-15',
      problemCategory: 'hardware',
      problemDescription: 'Does not power on',
    }),
  );
  const received = unwrap(
    await warehouse('receiving.receive', {
      rma: created.rma,
      version: created.version,
      serial,
      condition: { packaging: 'intact', physicalDamage: false, liquidDamage: false, accessories: [], note: null },
    }),
  );
  let bench = unwrap(await tech('bench.take', { rma: created.rma, version: received.version }));
  bench = unwrap(await tech('bench.diagnose', { rma: created.rma, version: bench.version, diagnosis: covered }));
  return unwrap(await tech('bench.advance', { rma: created.rma, version: bench.version, action: 'startRepair' }));
}

const exchange = (rma: string, version: number, replacementSerial: string) => ({ rma, version, workDone: 'Exchanged for a stock unit', minutes: 10, parts: [], replacementSerial });

describe('replacement stock', () => {
  it('receives units by serial from the supplier, once each, and counts them per model against the minimum', async () => {
    const { core, admin, clerk, warehouse, first, second } = await depot();
    const levelOf = async (productId: number) => unwrap(await warehouse('stock.levels', {})).find((l) => l.productId === productId)!;
    // The demo's spares are there already.
    const start = await levelOf(first.id);
    expect(start).toMatchObject({ minimum: 0, low: false, version: null, used: 0 });

    const unit = unwrap(await warehouse('stock.receive', { productId: first.id, grade: 'new', source: 'supplier', code: 'RS-1001' }));
    expect(unit).toMatchObject({ serial: 'RS-1001', model: first.model, grade: 'new', status: 'in_stock', source: 'supplier', rma: null });
    unwrap(await clerk('stock.receive', { productId: first.id, grade: 'refurbished', source: 'supplier', code: 'RS-1002' }));

    // A serial is in stock once, whatever its spaces, dashes and case; said at the scan field with where it is.
    const before = await tableCounts(core);
    const again = await clerk('stock.receive', { productId: second.id, grade: 'new', source: 'supplier', code: 'rs 1001' });
    expect(atField(again, 'code')).toBe('stock.serialInStock');
    expect(again.ok ? '' : again.error.fields?.code).toContain(`received 2026-03-10 by`);
    expect(atField(await clerk('stock.receive', { productId: 999_999, grade: 'new', source: 'supplier', code: 'RS-1003' }), 'productId')).toBe('stock.noProduct');
    expect(atField(await clerk('stock.receive', { productId: first.id, grade: 'used' as never, source: 'supplier', code: 'RS-1003' }), 'grade')).toBe('stock.chooseGrade');
    expect(await tableCounts(core)).toEqual(before);

    const inStock = start.inStock + 2;
    expect(await levelOf(first.id)).toMatchObject({ inStock, newInStock: start.newInStock + 1, refurbishedInStock: start.refurbishedInStock + 1, used: 0 });
    expect(unwrap(await warehouse('stock.units', { productId: first.id })).map((u) => u.serial).slice(0, 2)).toEqual(['RS-1002', 'RS-1001']);

    // The admin's minimum: below it, a low-stock warning; against the version the list showed.
    const set = unwrap(await admin('stock.setMinimum', { productId: first.id, minimum: inStock + 1, version: null }));
    expect(set).toMatchObject({ inStock, minimum: inStock + 1, low: true, version: 1 });
    expect(refusal(await admin('stock.setMinimum', { productId: first.id, minimum: 1, version: null }))).toBe('stock.changed');
    expect(refusal(await clerk('stock.setMinimum', { productId: first.id, minimum: 1, version: 1 }))).toBe('common.roleCannot');
    expect(atField(await admin('stock.setMinimum', { productId: first.id, minimum: 1.5, version: 1 }), 'minimum')).toBe('stock.minimum');
    expect(unwrap(await admin('stock.setMinimum', { productId: first.id, minimum: inStock, version: 1 }))).toMatchObject({ minimum: inStock, low: false, version: 2 });
    expect(refusal(await admin('stock.setMinimum', { productId: first.id, minimum: 5, version: 1 }))).toBe('stock.changed');
  });

  it('takes a replaced case’s faulty unit into stock once by its RMA barcode, of its own model only', async () => {
    const { core, clerk } = await depot();
    const cases = await core.db
      .selectFrom('cases')
      .select(['rma', 'serial', 'resolution', 'product_id'])
      .where('product_id', 'is not', null)
      .orderBy('id')
      .execute();
    const replaced = cases.find((c) => c.resolution === 'replaced')!;
    const repaired = cases.find((c) => c.resolution === 'repaired')!;
    const otherModel = cases.find((c) => c.product_id !== replaced.product_id)!.product_id!;
    const productId = replaced.product_id!;
    expect(atField(await clerk('stock.receive', { productId, grade: 'refurbished', source: 'repaired', code: repaired.rma }), 'code')).toBe('stock.notKept');
    expect(atField(await clerk('stock.receive', { productId, grade: 'refurbished', source: 'repaired', code: 'RMA-2026-999999' }), 'code')).toBe('stock.unknownRma');
    expect(atField(await clerk('stock.receive', { productId: otherModel, grade: 'refurbished', source: 'repaired', code: replaced.rma }), 'code')).toBe(
      'stock.wrongModelCase',
    );
    const unit = unwrap(await clerk('stock.receive', { productId, grade: 'refurbished', source: 'repaired', code: replaced.rma.toLowerCase() }));
    expect(unit).toMatchObject({ serial: replaced.serial, source: 'repaired', sourceRma: replaced.rma, grade: 'refurbished' });
    expect(atField(await clerk('stock.receive', { productId, grade: 'refurbished', source: 'repaired', code: replaced.rma }), 'code')).toBe('stock.caseStocked');
  });

  it('makes one unit of one serial when two stations scan it at once', async () => {
    const { core, clerk, warehouse, first } = await depot();
    const results = await Promise.all([
      clerk('stock.receive', { productId: first.id, grade: 'new', source: 'supplier', code: 'RACE-1' }),
      warehouse('stock.receive', { productId: first.id, grade: 'new', source: 'supplier', code: 'race-1' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.map((r) => (r.ok ? 'received' : atField(r, 'code'))).sort()).toEqual(['received', 'stock.serialInStock']);
    const rows = await core.db.selectFrom('stock_units').select('serial').where('serial_norm', '=', 'RACE1').execute();
    expect(rows).toHaveLength(1);
  });

  it('replaces a faulty unit with a stock unit scanned at the bench: refused at the field when unknown, of another model or used, nothing written', async () => {
    const d = await depot();
    const { core, tech, clerk, first, second } = d;
    const bench = await inRepair(d, first.model, 'FAULTY-0001');
    unwrap(await clerk('stock.receive', { productId: first.id, grade: 'refurbished', source: 'supplier', code: 'GOOD-0001' }));
    unwrap(await clerk('stock.receive', { productId: second.id, grade: 'new', source: 'supplier', code: 'OTHER-0001' }));
    const start = unwrap(await tech('stock.levels', {})).find((l) => l.productId === first.id)!;

    const before = await tableCounts(core);
    const unknown = await tech('bench.logWork', exchange(bench.rma, bench.version, 'NOPE-0001'));
    expect(atField(unknown, 'replacementSerial')).toBe('stock.notInStock');
    const wrong = await tech('bench.logWork', exchange(bench.rma, bench.version, 'OTHER-0001'));
    expect(atField(wrong, 'replacementSerial')).toBe('stock.wrongModel');
    expect(wrong.ok ? '' : wrong.error.fields?.replacementSerial).toBe(`Serial OTHER-0001 is model ${second.model}, not ${first.model} like the unit of ${bench.rma}`);
    expect(await tableCounts(core)).toEqual(before);
    expect((await core.db.selectFrom('cases').select('version').where('rma', '=', bench.rma).executeTakeFirstOrThrow()).version).toBe(bench.version);

    // Scanned as the label prints it or not: stock holds the serial, and the bench records it.
    let done = unwrap(await tech('bench.logWork', exchange(bench.rma, bench.version, 'good 0001')));
    const unit = unwrap(await tech('stock.units', { productId: first.id })).find((u) => u.serial === 'GOOD-0001')!;
    expect(unit).toMatchObject({ status: 'used', rma: bench.rma, takenAt: '2026-03-10T03:00:00.000Z' });
    const caseRow = await core.db.selectFrom('cases').select(['id', 'serial']).where('rma', '=', bench.rma).executeTakeFirstOrThrow();
    expect(caseRow.serial).toBe('FAULTY-0001');
    expect(await core.db.selectFrom('bench_work').select(['kind', 'new_serial']).where('case_id', '=', caseRow.id).execute()).toEqual([{ kind: 'replacement', new_serial: 'GOOD-0001' }]);

    done = unwrap(await tech('bench.advance', { rma: bench.rma, version: done.version, action: 'toQa' }));
    done = unwrap(await tech('bench.advance', { rma: bench.rma, version: done.version, action: 'qaPass' }));
    expect(done.resolution).toBe('replaced');
    expect(unwrap(await tech('stock.levels', {})).find((l) => l.productId === first.id)).toMatchObject({ inStock: start.inStock - 1, used: 1 });

    // The unit is used: another case cannot take it.
    const next = await inRepair(d, first.model, 'FAULTY-0002');
    const used = await tech('bench.logWork', exchange(next.rma, next.version, 'GOOD-0001'));
    expect(atField(used, 'replacementSerial')).toBe('stock.serialUsed');
    expect(used.ok ? '' : used.error.fields?.replacementSerial).toBe(`Serial GOOD-0001 is already used: it replaced the unit of ${bench.rma}`);
  });

  it('gives one stock unit to one of two benches taking its serial at once', async () => {
    const d = await depot();
    const { core, tech, admin, clerk, first } = d;
    const a = await inRepair(d, first.model, 'FAULTY-A');
    const b = await inRepair(d, first.model, 'FAULTY-B');
    unwrap(await clerk('stock.receive', { productId: first.id, grade: 'new', source: 'supplier', code: 'ONLY-ONE' }));
    const results = await Promise.all([tech('bench.logWork', exchange(a.rma, a.version, 'ONLY-ONE')), admin('bench.logWork', exchange(b.rma, b.version, 'ONLY-ONE'))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.map((r) => (r.ok ? 'taken' : atField(r, 'replacementSerial'))).sort()).toEqual(['stock.serialUsed', 'taken']);
    const winner = results[0]!.ok ? a : b;
    const loser = winner === a ? b : a;
    const unit = await core.db.selectFrom('stock_units').innerJoin('cases', 'cases.id', 'stock_units.case_id').select(['stock_units.status', 'cases.rma']).where('stock_units.serial_norm', '=', 'ONLYONE').executeTakeFirstOrThrow();
    expect(unit).toEqual({ status: 'used', rma: winner.rma });
    const replacements = await core.db.selectFrom('bench_work').select('case_id').where('new_serial_norm', '=', 'ONLYONE').execute();
    expect(replacements).toHaveLength(1);
    // The loser's case is as it was: no work, same version.
    const lost = await core.db.selectFrom('cases').select(['id', 'version']).where('rma', '=', loser.rma).executeTakeFirstOrThrow();
    expect(lost.version).toBe(loser.version);
    expect(await core.db.selectFrom('bench_work').select('id').where('case_id', '=', lost.id).execute()).toEqual([]);
  });
});
