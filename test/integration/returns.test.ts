import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/base/node/core.ts';
import type { Result } from '../../src/base/common/result.ts';
import { asRole, freshCore, tableCounts, unwrap } from '../helpers.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.database.close();
});

const distributor = {
  customer: { name: '한빛유통', email: 'rma@hanbit.example', phone: '+82 2 555 0100', locale: 'ko' as const },
  returnAddress: { name: '한빛유통', line1: '테헤란로 1', line2: null, city: '서울', region: null, postalCode: '06234', country: 'KR', phone: '+82 2 555 0100' },
};
const condition = { packaging: 'damaged' as const, physicalDamage: false, liquidDamage: false, accessories: ['cable' as const] };

async function depot() {
  const core = await freshCore({ demo: true, now: () => new Date('2026-11-20T01:00:00Z') });
  cores.push(core);
  const clerk = await asRole(core, 'clerk');
  const warehouse = await asRole(core, 'warehouse');
  const { model } = await core.db.selectFrom('products').select('model').where('active', '=', 1).orderBy('id').executeTakeFirstOrThrow();
  const csv = (serials: readonly string[]) => ['model,serial,problem,purchase_date', ...serials.map((s, i) => `${model},${s},"No power, unit ${i + 1}",2026-05-0${(i % 9) + 1}`)].join('\r\n');
  return { core, clerk, warehouse, model, csv };
}

/** The code of what a refusal says at a field. */
const atField = (result: Result<unknown>, field: string) => (result.ok ? 'accepted' : result.error.fieldReasons?.[field]?.code);

describe('returns of many units', () => {
  it('creates a case per unit under one return number, in one transaction, and refuses a bad list by its lines', async () => {
    const { core, clerk, model, csv } = await depot();
    const before = await tableCounts(core);
    const bad = await clerk('returns.create', {
      ...distributor,
      tracking: '5512 0000 4242',
      carrier: 'CJ Logistics',
      unitsCsv: `model,serial,problem\n${model},HB-1,Dead\nNO-SUCH,HB-2,Dead\n${model},HB-1,Dead again\n${model},HB-4,`,
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.fieldReasons?.unitsCsv?.code).toBe('receiving.returnProblems');
    expect(['unitsCsv.0', 'unitsCsv.1', 'unitsCsv.2'].map((f) => bad.error.fieldReasons?.[f]?.code)).toEqual([
      'receiving.returnRowModel',
      'receiving.returnRowTwice',
      'receiving.returnRowProblem',
    ]);
    expect(await tableCounts(core)).toEqual(before);

    const ret = unwrap(await clerk('returns.create', { ...distributor, tracking: '5512 0000 4242', carrier: 'CJ Logistics', unitsCsv: csv(['HB-1', 'HB-2', 'HB-3']) }));
    expect(ret.number).toMatch(/^RET-2026-\d{6}$/);
    expect(ret.units.map((u) => [u.serial, u.status, u.model])).toEqual([
      ['HB-1', 'authorized', model],
      ['HB-2', 'authorized', model],
      ['HB-3', 'authorized', model],
    ]);
    expect(new Set(ret.units.map((u) => u.rma)).size).toBe(3);
    // One customer for the box, each case told to the portal.
    const cases = await core.db.selectFrom('cases').select(['customer_id', 'inbound_tracking_norm', 'problem_description']).where('rma', 'in', ret.units.map((u) => u.rma)).execute();
    expect(new Set(cases.map((c) => c.customer_id)).size).toBe(1);
    expect(cases.map((c) => c.inbound_tracking_norm)).toEqual(['551200004242', '551200004242', '551200004242']);
    expect(cases[0]!.problem_description).toBe('No power, unit 1');
    const told = await core.db.selectFrom('portal_outbox').select(['rma', 'kind']).where('rma', 'in', ret.units.map((u) => u.rma)).execute();
    expect(told.filter((e) => e.kind === 'case')).toHaveLength(3);
    expect(atField(await clerk('returns.create', { ...distributor, unitsCsv: 'serial,model\nx,y' }), 'unitsCsv')).toBe('receiving.returnHeader');
  });

  it('opens the box by its tracking number or return number; each serial receives its unit; a stray is recorded, a missing unit listed', async () => {
    const { core, clerk, warehouse, csv } = await depot();
    const ret = unwrap(await clerk('returns.create', { ...distributor, tracking: '5512 0000 4242', carrier: null, unitsCsv: csv(['HB-1', 'HB-2', 'HB-3']) }));
    const other = unwrap(await clerk('returns.create', { ...distributor, tracking: null, carrier: null, unitsCsv: csv(['OT-9']) }));

    const scanned = unwrap(await warehouse('receiving.scan', { code: '5512-0000-4242' }));
    expect(scanned).toMatchObject({ kind: 'return', ret: { number: ret.number } });
    expect(unwrap(await warehouse('receiving.scan', { code: ret.number.toLowerCase() }))).toMatchObject({ kind: 'return' });
    expect(atField(await warehouse('receiving.scan', { code: 'RET-2026-999999' }), 'code')).toBe('receiving.noReturn');

    const first = unwrap(await warehouse('receiving.receiveInReturn', { returnId: ret.id, serial: 'hb 1', condition }));
    expect(first).toMatchObject({ kind: 'received', rma: ret.units[0]!.rma });
    const intake = await core.db
      .selectFrom('intakes')
      .innerJoin('cases', 'cases.id', 'intakes.case_id')
      .select(['intakes.packaging', 'intakes.accessories', 'intakes.serial_matches', 'cases.status'])
      .where('cases.rma', '=', ret.units[0]!.rma)
      .executeTakeFirstOrThrow();
    expect(intake).toEqual({ packaging: 'damaged', accessories: JSON.stringify({ received: ['cable'], other: null }), serial_matches: 1, status: 'received' });

    // Again, into the wrong return, another case's serial, a stray (twice): at the field, nothing received twice.
    expect(atField(await warehouse('receiving.receiveInReturn', { returnId: ret.id, serial: 'HB-1', condition }), 'serial')).toBe('receiving.alreadyReceivedInBox');
    expect(atField(await warehouse('receiving.receiveInReturn', { returnId: ret.id, serial: 'OT-9', condition }), 'serial')).toBe('receiving.inAnotherReturn');
    const stray = unwrap(await warehouse('receiving.receiveInReturn', { returnId: ret.id, serial: 'ZZ-404', condition }));
    unwrap(await warehouse('receiving.receiveInReturn', { returnId: ret.id, serial: 'zz 404', condition }));
    expect(stray).toMatchObject({ kind: 'stray', serial: 'ZZ-404' });
    unwrap(await warehouse('receiving.receiveInReturn', { returnId: ret.id, serial: 'HB-3', condition }));

    const done = unwrap(await warehouse('receiving.finishBox', { returnId: ret.id, version: ret.version }));
    expect(done.units.map((u) => [u.serial, u.status, u.missing])).toEqual([
      ['HB-1', 'received', false],
      ['HB-2', 'authorized', true],
      ['HB-3', 'received', false],
    ]);
    expect(done.strays.map((s) => s.serial)).toEqual(['ZZ-404']);
    expect(await warehouse('receiving.finishBox', { returnId: ret.id, version: done.version })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(atField(await warehouse('receiving.receiveInReturn', { returnId: ret.id, serial: 'HB-2', condition }), 'serial')).toBe('receiving.boxDone');
    expect(unwrap(await clerk('returns.list', {}))).toContainEqual(
      expect.objectContaining({ number: ret.number, units: 3, received: 2, missing: 1, strays: 1 }),
    );
    expect(unwrap(await clerk('returns.list', {}))).toContainEqual(expect.objectContaining({ number: other.number, units: 1, received: 0 }));
    // Each unit's receipt went to the portal as that unit's status.
    const statuses = await core.db.selectFrom('portal_outbox').select(['rma', 'kind', 'body']).where('rma', '=', ret.units[2]!.rma).where('kind', '=', 'status').execute();
    expect(statuses.map((s) => JSON.parse(s.body).status)).toContain('received');
  });

  it('receives a unit scanned at two stations at once only once, and tells the other so at the field', async () => {
    const { core, clerk, warehouse, csv } = await depot();
    const ret = unwrap(await clerk('returns.create', { ...distributor, tracking: null, carrier: null, unitsCsv: csv(['HB-1', 'HB-2']) }));
    const results = await Promise.all([
      warehouse('receiving.receiveInReturn', { returnId: ret.id, serial: 'HB-2', condition }),
      warehouse('receiving.receiveInReturn', { returnId: ret.id, serial: 'HB-2', condition }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(atField(results.find((r) => !r.ok)!, 'serial')).toBe('receiving.alreadyReceivedInBox');
    const intakes = await core.db.selectFrom('intakes').innerJoin('cases', 'cases.id', 'intakes.case_id').select('cases.rma').where('cases.rma', '=', ret.units[1]!.rma).execute();
    expect(intakes).toHaveLength(1);
  });
});
