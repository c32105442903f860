import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/base/node/core.ts';
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

describe('replacement stock', () => {
  it('receives units by serial from the supplier, once each, and counts them per model against the minimum', async () => {
    const { core, admin, clerk, warehouse, first, second } = await depot();
    const levelOf = async (productId: number) => unwrap(await warehouse('stock.levels', {})).find((l) => l.productId === productId)!;
    expect(await levelOf(first.id)).toMatchObject({ inStock: 0, minimum: 0, low: false, version: null });

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

    expect(await levelOf(first.id)).toMatchObject({ inStock: 2, newInStock: 1, refurbishedInStock: 1, used: 0 });
    expect(unwrap(await warehouse('stock.units', { productId: first.id })).map((u) => u.serial)).toEqual(['RS-1002', 'RS-1001']);

    // The admin's minimum: below it, a low-stock warning; against the version the list showed.
    const set = unwrap(await admin('stock.setMinimum', { productId: first.id, minimum: 3, version: null }));
    expect(set).toMatchObject({ inStock: 2, minimum: 3, low: true, version: 1 });
    expect(refusal(await admin('stock.setMinimum', { productId: first.id, minimum: 1, version: null }))).toBe('stock.changed');
    expect(refusal(await clerk('stock.setMinimum', { productId: first.id, minimum: 1, version: 1 }))).toBe('common.roleCannot');
    expect(atField(await admin('stock.setMinimum', { productId: first.id, minimum: 1.5, version: 1 }), 'minimum')).toBe('stock.minimum');
    expect(unwrap(await admin('stock.setMinimum', { productId: first.id, minimum: 2, version: 1 }))).toMatchObject({ minimum: 2, low: false, version: 2 });
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
});
