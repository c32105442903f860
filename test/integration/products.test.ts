import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/base/node/core.ts';
import type { Result } from '../../src/base/common/result.ts';
import { migrations } from '../../src/base/node/db/migrations/registry.ts';
import { asRole, freshCore, freshDatabase, tableCounts, unwrap } from '../helpers.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.database.close();
});

async function depot() {
  const core = await freshCore({ demo: true, now: () => new Date('2026-03-10T03:00:00Z') });
  cores.push(core);
  return { core, admin: await asRole(core, 'admin'), clerk: await asRole(core, 'clerk'), tech: await asRole(core, 'technician') };
}

const speaker = {
  model: '  ZX-9 ',
  name: 'ZX-9 bookshelf speaker',
  productLine: 'Speakers',
  warrantyMonths: 18,
  accessories: ['cable', 'manual', 'cable'] as ('adapter' | 'cable' | 'box' | 'manual')[],
  dateCodePattern: '',
};

/** The code of what a refusal says at a field. */
const atField = (result: Result<unknown>, field: string) => (result.ok ? 'accepted' : result.error.fieldReasons?.[field]?.code);

const walkIn = (model: string) => ({
  customer: { name: 'Lee Jiwoo', email: 'jiwoo@example.com', phone: '010-2222-3333', locale: 'ko' as const },
  returnAddress: { name: 'Lee Jiwoo', line1: '396 World Cup-ro', city: 'Seoul', postalCode: '03925', country: 'KR' },
  model,
  serial: 'SN-1',
  problemDescription: 'No sound',
});

describe('admins manage products', () => {
  it('adds a product with its model trimmed and accessories once each, and every role sees it', async () => {
    const { admin, clerk } = await depot();
    const added = unwrap(await admin('products.save', speaker));
    expect(added).toMatchObject({ model: 'ZX-9', productLine: 'Speakers', warrantyMonths: 18, accessories: ['cable', 'manual'], dateCodePattern: null, active: true, version: 1 });
    expect(unwrap(await clerk('products.list', {})).map((p) => p.model)).toContain('ZX-9');
    expect(await clerk('products.save', { ...speaker, model: 'ZX-10' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a model already listed whatever its case and spaces, and bad months or accessories, at their fields, writing nothing', async () => {
    const { core, admin } = await depot();
    const before = await tableCounts(core);
    expect(atField(await admin('products.save', { ...speaker, model: ' ax-100' }), 'model')).toBe('products.modelExists');
    for (const warrantyMonths of [121, -1, 1.5]) {
      expect(atField(await admin('products.save', { ...speaker, warrantyMonths }), 'warrantyMonths')).toBe('products.warrantyMonths');
    }
    expect(unwrap(await admin('products.save', { ...speaker, warrantyMonths: 120 })).warrantyMonths).toBe(120);
    expect((await admin('products.save', { ...speaker, model: 'ZX-11', accessories: ['other'] as never })).ok).toBe(false);
    expect(atField(await admin('products.save', { ...speaker, model: 'ZX-12', dateCodePattern: '^(?<year>\\d{2})' }), 'dateCodePattern')).toBe('warranty.patternGroups');
    expect(await tableCounts(core)).toEqual({ ...before, products: before.products! + 1 });
  });

  it('edits a product against its version: a stale version is a conflict, and of two admins saving at once one wins', async () => {
    const { admin } = await depot();
    const ax = unwrap(await admin('products.list', {})).find((p) => p.model === 'AX-100')!;
    const { id, version, active: _active, ...fields } = ax;
    expect(atField(await admin('products.save', { ...fields, id, version, model: 'AX-200' }), 'model')).toBe('products.modelExists');
    const renamed = unwrap(await admin('products.save', { ...fields, id, version, name: 'AX-100 Pro', model: 'ax-100' }));
    expect(renamed).toMatchObject({ id, model: 'ax-100', name: 'AX-100 Pro', version: version + 1 });
    expect(await admin('products.save', { ...fields, id, version, name: 'Stale' })).toMatchObject({ ok: false, error: { code: 'conflict', reason: { code: 'products.changed' } } });

    const both = await Promise.all([
      admin('products.save', { ...fields, id, version: renamed.version, name: 'First' }),
      admin('products.setActive', { id, version: renamed.version, active: false }),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok && r.error.code === 'conflict')).toHaveLength(1);
    expect(unwrap(await admin('products.list', { includeRetired: true })).find((p) => p.id === id)!.version).toBe(renamed.version + 1);
  });

  it('retires a model: left off the list, refused for a new desk case at the model field, while its open cases go on', async () => {
    const { core, admin, clerk, tech } = await depot();
    const open = await core.db
      .selectFrom('cases')
      .innerJoin('products', 'products.id', 'cases.product_id')
      .select(['cases.rma', 'cases.version', 'products.id', 'products.model', 'products.version as productVersion'])
      .where('cases.status', '=', 'received')
      .orderBy('cases.id')
      .executeTakeFirstOrThrow();
    const retired = unwrap(await admin('products.setActive', { id: open.id, version: open.productVersion, active: false }));
    expect(retired).toMatchObject({ active: false, version: open.productVersion + 1 });
    expect(await admin('products.setActive', { id: open.id, version: retired.version, active: false })).toMatchObject({ ok: false, error: { reason: { code: 'products.alreadyRetired' } } });

    expect(unwrap(await clerk('products.list', {})).map((p) => p.model)).not.toContain(open.model);
    expect(await clerk('products.list', { includeRetired: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(unwrap(await admin('products.list', { includeRetired: true })).find((p) => p.id === open.id)).toMatchObject({ active: false });
    expect(atField(await clerk('cases.create', walkIn(open.model)), 'model')).toBe('products.retired');
    expect(unwrap(await tech('bench.take', { rma: open.rma, version: open.version })).rma).toBe(open.rma);

    unwrap(await admin('products.setActive', { id: open.id, version: retired.version, active: true }));
    expect(unwrap(await clerk('cases.create', walkIn(open.model))).status).toBe('authorized');
  });

  it("dates a unit without proof of purchase from its model's date-code rule, as the bench decides", async () => {
    const { core, admin, tech } = await depot();
    const c = await core.db
      .selectFrom('cases')
      .innerJoin('products', 'products.id', 'cases.product_id')
      .selectAll('products')
      .select(['cases.id as caseId', 'cases.rma', 'cases.version as caseVersion'])
      .where('cases.status', '=', 'received')
      .orderBy('cases.id')
      .executeTakeFirstOrThrow();
    await core.db.updateTable('cases').set({ serial: 'KR2540-0007', purchase_date: null }).where('id', '=', c.caseId).execute();
    const product = unwrap(await admin('products.list', {})).find((p) => p.id === Number(c.id))!;
    const { active: _active, ...fields } = product;
    unwrap(await admin('products.save', { ...fields, dateCodePattern: '^KR(?<year>\\d{2})(?<week>\\d{2})' }));

    const bench = unwrap(await tech('bench.take', { rma: c.rma, version: c.caseVersion }));
    const diagnosed = unwrap(
      await tech('bench.diagnose', {
        rma: c.rma,
        version: bench.version,
        diagnosis: {
          symptomConfirmed: true, faultCategory: 'Battery', fault: 'Does not charge', damageLevel: 1, physicalDamage: false, liquidDamage: false,
          tampering: false, testResults: null, internalNotes: null, customerNotes: null, proofOfPurchase: false, extendedUntil: null,
        },
      }),
    );
    // Week 40 of 2025 begins on Monday 29 September.
    expect(diagnosed.warranty).toMatchObject({ rule: 'no_proof_date_code', params: { manufactured: '2025-09-29' } });
  });
});

describe('migration 0012', () => {
  it('keeps the products there were: active, at version 1, with no date code', async () => {
    const open = await freshDatabase();
    const before = await open(migrations.filter((m) => m.id < 12));
    await before.db
      .insertInto('products')
      .values({ model: 'OLD-1', product_line: 'Audio', name: 'Old speaker', warranty_months: 12, accessories: '["cable"]' } as never)
      .execute();
    await before.close();
    const after = await open();
    expect(await after.db.selectFrom('products').select(['model', 'active', 'version', 'date_code_pattern']).execute()).toEqual([
      { model: 'OLD-1', active: 1, version: 1, date_code_pattern: null },
    ]);
    await expect(
      after.db.insertInto('products').values({ model: ' old-1', product_line: 'Audio', name: 'Again', warranty_months: 12, accessories: '[]' }).execute(),
    ).rejects.toThrow();
    await after.close();
  });
});
