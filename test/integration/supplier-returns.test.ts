import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/base/node/core.ts';
import type { Result } from '../../src/base/common/result.ts';
import { asRole, freshCore, tableCounts, tempDir, unwrap } from '../helpers.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.database.close();
});

/** The code of what a refusal says at a field. */
const atField = (result: Result<unknown>, field: string) => (result.ok ? 'accepted' : result.error.fieldReasons?.[field]?.code);
const refusal = (result: Result<unknown>) => (result.ok ? 'accepted' : result.error.reason.code);

async function depot() {
  let now = new Date('2026-03-10T03:00:00Z');
  const core = await freshCore({ demo: true, now: () => now });
  cores.push(core);
  const admin = await asRole(core, 'admin');
  const clerk = await asRole(core, 'clerk');
  const warehouse = await asRole(core, 'warehouse');
  // Every model of the demo goes back to Acme, but one goes to Brio.
  const products = unwrap(await admin('products.list', {}));
  for (const [n, p] of products.entries()) {
    unwrap(await admin('products.save', { ...p, vendor: n === 0 ? 'Brio' : 'Acme' }));
  }
  const units = await core.db
    .selectFrom('cases')
    .innerJoin('products', 'products.id', 'cases.product_id')
    .select(['cases.rma', 'cases.serial', 'cases.resolution', 'products.vendor'])
    .orderBy('cases.id')
    .execute();
  const eligible = units.filter((u) => u.resolution === 'replaced' || u.resolution === 'returned_unrepaired');
  const acme = eligible.filter((u) => u.vendor === 'Acme');
  const brio = eligible.filter((u) => u.vendor === 'Brio');
  const repaired = units.find((u) => u.resolution === 'repaired')!;
  const used = await core.db
    .selectFrom('stock_moves')
    .innerJoin('parts', 'parts.id', 'stock_moves.part_id')
    .innerJoin('cases', 'cases.id', 'stock_moves.case_id')
    .select(['parts.id', 'parts.sku', 'cases.rma', 'stock_moves.delta'])
    .where('stock_moves.kind', '=', 'repair')
    .orderBy('stock_moves.id')
    .executeTakeFirstOrThrow();
  const part = unwrap(await admin('parts.list', {})).find((p) => p.sku === used.sku)!;
  unwrap(await admin('parts.save', { ...part, vendor: 'acme ' }));
  const later = (days: number) => {
    now = new Date(now.getTime() + days * 86_400_000);
  };
  return { core, admin, clerk, warehouse, acme, brio, repaired, part: { sku: used.sku, rma: used.rma, used: -Number(used.delta) }, later };
}

describe('supplier returns', () => {
  it('fills a return by scans, prints its master list, ships it once, credits every item and closes it', async () => {
    const { core, clerk, admin, acme, part, later } = await depot();
    expect(acme.length).toBeGreaterThanOrEqual(2);
    const opened = unwrap(await clerk('supplierReturns.open', { vendor: 'Acme' }));
    expect(opened).toMatchObject({ number: `SR-${String(opened.id).padStart(6, '0')}`, status: 'open', items: 0 });
    // One open return per vendor, whatever its case.
    expect(unwrap(await admin('supplierReturns.open', { vendor: ' ACME ' })).id).toBe(opened.id);
    expect(unwrap(await clerk('supplierReturns.vendors', {}))).toEqual(['Acme', 'Brio']);

    unwrap(await clerk('supplierReturns.addUnit', { id: opened.id, code: acme[0]!.rma.toLowerCase() }));
    unwrap(await clerk('supplierReturns.addUnit', { id: opened.id, code: acme[1]!.rma }));
    const filled = unwrap(await clerk('supplierReturns.addPart', { id: opened.id, sku: part.sku, rma: part.rma, quantity: part.used }));
    expect(filled.list.map((i) => [i.kind, i.rma, i.serial, i.sku, i.quantity])).toEqual([
      ['unit', acme[0]!.rma, acme[0]!.serial, null, 1],
      ['unit', acme[1]!.rma, acme[1]!.serial, null, 1],
      ['part', part.rma, expect.any(String), part.sku, part.used],
    ]);

    const dir = tempDir();
    const pdfFile = path.join(dir, 'list.pdf');
    writeFileSync(pdfFile, Buffer.from(unwrap(await clerk('supplierReturns.masterList', { id: opened.id })).pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain(`Supplier return`);
    expect(text).toContain(filled.number);
    expect(text).toContain('To: Acme');
    for (const unit of acme.slice(0, 2)) expect(text).toMatch(new RegExp(`${unit.rma}\\s+${unit.serial}`));
    expect(text).toMatch(new RegExp(`${part.rma}.*${part.sku}.*\\s${part.used}\\s`));
    expect(text).toContain(`Units: 2 · Parts: ${part.used}`);

    const csv = unwrap(await clerk('supplierReturns.masterListCsv', { id: opened.id }));
    expect(csv.fileName).toBe(`${filled.number}.csv`);
    const lines = csv.csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFFrma,serial,kind,model,sku,part,quantity,outcome,credit');
    expect(lines[1]!.startsWith(`${acme[0]!.rma},${acme[0]!.serial},unit,`)).toBe(true);
    expect(lines[3]).toMatch(new RegExp(`^${part.rma},[^,]+,part,[^,]*,${part.sku},[^,]+,${part.used},,$`));

    // Shipping names the version shown: a scan since makes the list stale.
    const before = await tableCounts(core);
    expect(refusal(await clerk('supplierReturns.ship', { id: opened.id, version: opened.version, carrier: 'UPS', tracking: '1Z999AA10123456784' }))).toBe(
      'supplierReturns.changed',
    );
    expect(await tableCounts(core)).toEqual(before);
    later(1);
    const shipped = unwrap(await clerk('supplierReturns.ship', { id: opened.id, version: filled.version, carrier: 'UPS', tracking: '1Z999AA10123456784' }));
    expect(shipped).toMatchObject({ status: 'shipped', carrier: 'UPS', tracking: '1Z999AA10123456784', shippedAt: '2026-03-11T03:00:00.000Z' });
    // A second station with the same list, and the same station again: shipped already, said at the tracking field.
    const twice = await admin('supplierReturns.ship', { id: opened.id, version: filled.version, carrier: 'DHL', tracking: '1234567890' });
    expect(atField(twice, 'tracking')).toBe('supplierReturns.alreadyShipped');
    expect(twice.ok ? '' : twice.error.message).toContain(`${filled.number} was already shipped on 2026-03-11`);
    expect(atField(await clerk('supplierReturns.ship', { id: opened.id, version: shipped.version, carrier: 'DHL', tracking: '1234567890' }), 'tracking')).toBe(
      'supplierReturns.alreadyShipped',
    );
    // Nothing more goes on a shipped return; the vendor's next return takes it.
    expect(refusal(await clerk('supplierReturns.addUnit', { id: opened.id, code: acme[2]?.rma ?? acme[0]!.rma }))).toBe('supplierReturns.notOpen');

    expect(refusal(await clerk('supplierReturns.close', { id: opened.id, version: shipped.version }))).toBe('supplierReturns.awaitingOutcome');
    const [first, second, third] = shipped.list;
    expect(atField(await clerk('supplierReturns.credit', { id: opened.id, itemId: first!.id, outcome: 'credit', amount: null }), 'amount')).toBe(
      'supplierReturns.creditWithoutAmount',
    );
    unwrap(await clerk('supplierReturns.credit', { id: opened.id, itemId: first!.id, outcome: 'credit', amount: 45000 }));
    unwrap(await clerk('supplierReturns.credit', { id: opened.id, itemId: second!.id, outcome: 'replacement', amount: null }));
    const credited = unwrap(await clerk('supplierReturns.credit', { id: opened.id, itemId: third!.id, outcome: 'credit', amount: 1200 }));
    expect(refusal(await clerk('supplierReturns.close', { id: opened.id, version: shipped.version }))).toBe('supplierReturns.changed');
    const closed = unwrap(await clerk('supplierReturns.close', { id: opened.id, version: credited.version }));
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-03-11T03:00:00.000Z' });
    const rows = await core.db.selectFrom('supplier_return_items').select(['outcome', 'credit_minor']).where('return_id', '=', opened.id).orderBy('id').execute();
    expect(rows.map((r) => [r.outcome, r.credit_minor === null ? null : Number(r.credit_minor)])).toEqual([
      ['credit', 45000],
      ['replacement', null],
      ['credit', 1200],
    ]);
    expect(refusal(await clerk('supplierReturns.credit', { id: opened.id, itemId: first!.id, outcome: 'replacement', amount: null }))).toBe(
      'supplierReturns.alreadyClosed',
    );

    // The case page says where the unit went; a closed return opens again as a new one.
    expect(unwrap(await clerk('supplierReturns.ofCase', { rma: acme[0]!.rma }))).toEqual([
      expect.objectContaining({ kind: 'unit', number: filled.number, vendor: 'Acme', status: 'closed', outcome: 'credit', creditMinor: 45000 }),
    ]);
    expect(unwrap(await clerk('supplierReturns.open', { vendor: 'Acme' })).id).not.toBe(opened.id);
  });

  it('refuses the wrong vendor, an item already on a return, ineligible units and bad parts at the field, writing nothing', async () => {
    const { core, clerk, acme, brio, repaired, part } = await depot();
    const acmeReturn = unwrap(await clerk('supplierReturns.open', { vendor: 'Acme' }));
    const brioReturn = unwrap(await clerk('supplierReturns.open', { vendor: 'Brio' }));
    unwrap(await clerk('supplierReturns.addUnit', { id: acmeReturn.id, code: acme[0]!.rma }));
    unwrap(await clerk('supplierReturns.addPart', { id: acmeReturn.id, sku: part.sku, rma: part.rma, quantity: 1 }));
    const before = await tableCounts(core);
    const items = await core.db.selectFrom('supplier_return_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();

    const wrong = await clerk('supplierReturns.addUnit', { id: brioReturn.id, code: acme[1]!.rma });
    expect(atField(wrong, 'code')).toBe('supplierReturns.wrongVendorUnit');
    expect(wrong.ok ? '' : wrong.error.message).toBe(`${acme[1]!.rma} goes back to Acme, not to Brio: scan it into the return for Acme`);
    expect(atField(await clerk('supplierReturns.addPart', { id: brioReturn.id, sku: part.sku, rma: part.rma, quantity: 1 }), 'sku')).toBe('supplierReturns.wrongVendorPart');
    if (brio[0]) expect(atField(await clerk('supplierReturns.addUnit', { id: acmeReturn.id, code: brio[0].rma }), 'code')).toBe('supplierReturns.wrongVendorUnit');
    const again = await clerk('supplierReturns.addUnit', { id: acmeReturn.id, code: acme[0]!.rma });
    expect(atField(again, 'code')).toBe('supplierReturns.unitAlreadyOn');
    expect(again.ok ? '' : again.error.message).toBe(`${acme[0]!.rma} is already on supplier return ${acmeReturn.number}`);
    expect(atField(await clerk('supplierReturns.addPart', { id: acmeReturn.id, sku: part.sku, rma: part.rma, quantity: 1 }), 'sku')).toBe('supplierReturns.partAlreadyOn');
    expect(atField(await clerk('supplierReturns.addUnit', { id: acmeReturn.id, code: repaired.rma }), 'code')).toBe('supplierReturns.unitNotEligible');
    expect(atField(await clerk('supplierReturns.addUnit', { id: acmeReturn.id, code: 'NOT-A-CODE' }), 'code')).toBe('supplierReturns.unknownCode');
    expect(atField(await clerk('supplierReturns.addPart', { id: acmeReturn.id, sku: part.sku, rma: repaired.rma === part.rma ? acme[1]!.rma : acme[1]!.rma, quantity: 1 }), 'rma')).toBe(
      'supplierReturns.partNotUsed',
    );
    expect(atField(await clerk('supplierReturns.addPart', { id: acmeReturn.id, sku: 'NO-SUCH-SKU', rma: part.rma, quantity: 1 }), 'sku')).toBe('supplierReturns.unknownCode');
    expect(refusal(await clerk('supplierReturns.ship', { id: brioReturn.id, version: brioReturn.version, carrier: 'UPS', tracking: '1Z999AA10123456784' }))).toBe(
      'supplierReturns.emptyReturn',
    );
    expect(refusal(await clerk('supplierReturns.credit', { id: acmeReturn.id, itemId: 1, outcome: 'replacement', amount: null }))).toBe('supplierReturns.notShipped');
    expect(await tableCounts(core)).toEqual(before);
    expect(await core.db.selectFrom('supplier_return_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual(items);
  });

  it('gives one winner when two stations ship one return at once, and two stations opening one vendor make one return', async () => {
    const { core, clerk, admin, acme } = await depot();
    const [a, b] = await Promise.all([clerk('supplierReturns.open', { vendor: 'Acme' }), admin('supplierReturns.open', { vendor: 'acme' })]);
    expect(unwrap(a).id).toBe(unwrap(b).id);
    const filled = unwrap(await clerk('supplierReturns.addUnit', { id: unwrap(a).id, code: acme[0]!.rma }));
    const ship = (call: typeof clerk, tracking: string) => call('supplierReturns.ship', { id: filled.id, version: filled.version, carrier: 'UPS', tracking });
    const results = await Promise.all([ship(clerk, '1Z999AA10123456784'), ship(admin, '1Z999AA10123456785')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.map((r) => (r.ok ? 'shipped' : atField(r, 'tracking') ?? r.error.reason.code)).sort()).toEqual(['shipped', 'supplierReturns.alreadyShipped']);
    const stored = await core.db.selectFrom('supplier_returns').select(['status', 'tracking']).where('id', '=', filled.id).executeTakeFirstOrThrow();
    expect(stored.status).toBe('shipped');
    expect(results.find((r) => r.ok)).toMatchObject({ value: { tracking: stored.tracking } });
  });

  it('shows an open return older than 14 days on the dashboard, and only while it is open', async () => {
    const { clerk, warehouse, later } = await depot();
    const opened = unwrap(await clerk('supplierReturns.open', { vendor: 'Acme' }));
    later(14);
    expect(unwrap(await warehouse('supplierReturns.overdue', {}))).toEqual([]);
    later(1);
    expect(unwrap(await warehouse('supplierReturns.overdue', {})).map((r) => r.number)).toEqual([opened.number]);
    expect(unwrap(await warehouse('supplierReturns.overdue', { olderThanDays: 30 }))).toEqual([]);
    expect(refusal(await warehouse('supplierReturns.open', { vendor: 'Acme' }))).toBe('common.roleCannot');
  });
});
