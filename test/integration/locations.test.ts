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

async function depot() {
  let now = new Date('2026-03-10T03:00:00Z');
  const core = await freshCore({ demo: true, now: () => now });
  cores.push(core);
  const admin = await asRole(core, 'admin');
  const tech = await asRole(core, 'technician');
  const clerk = await asRole(core, 'clerk');
  const warehouse = await asRole(core, 'warehouse');
  for (const [code, name, kind] of [
    ['LOC-BENCH1', 'Bench 1', 'bench'],
    ['LOC-QA', 'QA table', 'qa'],
    ['LOC-OUT', 'Outbound shelf', 'outbound'],
  ] as const) {
    unwrap(await admin('locations.save', { code, name, kind }));
  }
  const { rma, serial } = await core.db.selectFrom('cases').select(['rma', 'serial']).orderBy('id').executeTakeFirstOrThrow();
  const later = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };
  return { core, admin, tech, clerk, warehouse, rma, serial, later };
}

/** The code of what a refusal says at a field. */
const atField = (result: Result<unknown>, field: string) => (result.ok ? 'accepted' : result.error.fieldReasons?.[field]?.code);

describe('locations', () => {
  it('keeps codes unique whatever their case, refuses bad input at its field, and retires a location', async () => {
    const { core, admin, tech } = await depot();
    const before = await tableCounts(core);
    expect(atField(await admin('locations.save', { code: 'loc-qa', name: 'Other QA', kind: 'qa' }), 'code')).toBe('locations.codeExists');
    expect(atField(await admin('locations.save', { code: 'LOC B3', name: 'Shelf', kind: 'shelf' }), 'code')).toBe('locations.codeFormat');
    expect(atField(await admin('locations.save', { code: 'LOC-B3', name: ' ', kind: 'shelf' }), 'name')).toBe('field.required');
    expect(atField(await admin('locations.save', { code: 'LOC-B3', name: 'B3', kind: 'attic' as never }), 'kind')).toBe('locations.kind');
    expect(await tech('locations.save', { code: 'LOC-B3', name: 'B3', kind: 'shelf' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await tableCounts(core)).toEqual(before);

    const qa = unwrap(await admin('locations.list', {})).find((l) => l.code === 'LOC-QA')!;
    const retired = unwrap(await admin('locations.setActive', { id: qa.id, version: qa.version, active: false }));
    expect(retired).toMatchObject({ active: false, version: qa.version + 1 });
    expect(await admin('locations.setActive', { id: qa.id, version: qa.version, active: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(unwrap(await tech('locations.list', {})).map((l) => l.code)).toEqual(['LOC-BENCH1', 'LOC-OUT']);
    expect(unwrap(await admin('locations.list', { includeRetired: true })).map((l) => l.code)).toEqual(['LOC-BENCH1', 'LOC-OUT', 'LOC-QA']);
  });

  it('moves a unit bench → QA → outbound by two scans each, keeping its trail and where it is now', async () => {
    const { core, tech, clerk, rma, later } = await depot();
    let unit = unwrap(await tech('locations.unit', { code: rma.toLowerCase() }));
    expect(unit).toMatchObject({ rma, place: null, placeVersion: 0 });
    unit = unwrap(await tech('locations.move', { rma, placeVersion: unit.placeVersion, location: 'loc-bench1' }));
    expect(unit).toMatchObject({ place: { location: { code: 'LOC-BENCH1', kind: 'bench' }, since: '2026-03-10T03:00:00.000Z' }, placeVersion: 1 });
    later(30);
    unit = unwrap(await tech('locations.move', { rma, placeVersion: 1, location: 'LOC-QA\r\n' }));
    later(45);
    unit = unwrap(await clerk('locations.move', { rma, placeVersion: unit.placeVersion, location: 'LOC-OUT' }));
    expect(unit.placeVersion).toBe(3);

    const { unit: now, trail } = unwrap(await clerk('locations.ofCase', { rma }));
    const clerkName = (await core.db.selectFrom('users').select('name').where('role', '=', 'clerk').executeTakeFirstOrThrow()).name;
    expect(now.place).toMatchObject({ location: { code: 'LOC-OUT' }, since: '2026-03-10T04:15:00.000Z', movedBy: clerkName });
    expect(trail.map((m) => [m.location.code, m.at])).toEqual([
      ['LOC-OUT', '2026-03-10T04:15:00.000Z'],
      ['LOC-QA', '2026-03-10T03:30:00.000Z'],
      ['LOC-BENCH1', '2026-03-10T03:00:00.000Z'],
    ]);
    const stored = await core.db.selectFrom('case_locations').innerJoin('cases', 'cases.id', 'case_locations.case_id').select(['cases.rma', 'case_locations.version']).execute();
    expect(stored).toEqual([{ rma, version: 3 }]);

    // Scanned again where it already is: said at the field, nothing written.
    const before = await tableCounts(core);
    expect(atField(await clerk('locations.move', { rma, placeVersion: 3, location: 'LOC-OUT' }), 'location')).toBe('locations.alreadyThere');
    expect(await tableCounts(core)).toEqual(before);
  });

  it('refuses an unknown unit and an unknown or retired location at their scan field, writing nothing', async () => {
    const { core, admin, warehouse, rma } = await depot();
    const qa = unwrap(await admin('locations.list', {})).find((l) => l.code === 'LOC-QA')!;
    unwrap(await admin('locations.setActive', { id: qa.id, version: qa.version, active: false }));
    const before = await tableCounts(core);
    expect(atField(await warehouse('locations.unit', { code: 'RMA-2099-999999' }), 'code')).toBe('locations.unknownUnit');
    expect(atField(await warehouse('locations.unit', { code: 'LOC-QA' }), 'code')).toBe('locations.unknownUnit');
    expect(atField(await warehouse('locations.move', { rma: 'RMA-2099-999999', placeVersion: 0, location: 'LOC-OUT' }), 'rma')).toBe('locations.unknownUnit');
    expect(atField(await warehouse('locations.move', { rma, placeVersion: 0, location: 'LOC-NOWHERE' }), 'location')).toBe('locations.unknownLocation');
    expect(atField(await warehouse('locations.move', { rma, placeVersion: 0, location: 'loc-qa' }), 'location')).toBe('locations.retiredLocation');
    expect(await tableCounts(core)).toEqual(before);
  });

  it('lets one of two stations moving one unit at once win; the other is told where it went', async () => {
    const { core, tech, warehouse, rma } = await depot();
    const seen = unwrap(await tech('locations.unit', { code: rma })).placeVersion;
    const results = await Promise.all([
      tech('locations.move', { rma, placeVersion: seen, location: 'LOC-QA' }),
      warehouse('locations.move', { rma, placeVersion: seen, location: 'LOC-OUT' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok);
    expect(lost).toMatchObject({ ok: false, error: { code: 'conflict', reason: { code: 'locations.movedMeanwhile' } } });
    expect(await core.db.selectFrom('location_moves').selectAll().execute()).toHaveLength(1);
    // And once placed, a move against the old version still loses.
    const placed = unwrap(await tech('locations.unit', { code: rma }));
    expect(placed.placeVersion).toBe(1);
    expect(await warehouse('locations.move', { rma, placeVersion: 0, location: 'LOC-BENCH1' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.db.selectFrom('location_moves').selectAll().execute()).toHaveLength(1);
  });

  it('finds a unit by its exact RMA or its serial, saying where it is, since when and who moved it', async () => {
    const { core, tech, clerk, rma, serial } = await depot();
    unwrap(await tech('locations.move', { rma, placeVersion: 0, location: 'LOC-QA' }));
    const techName = (await core.db.selectFrom('users').select('name').where('role', '=', 'technician').executeTakeFirstOrThrow()).name;
    const byRma = unwrap(await clerk('locations.find', { query: ` ${rma.toLowerCase()} ` }));
    expect(byRma).toEqual([{ rma, serial, status: expect.any(String), placeVersion: 1, place: { location: expect.objectContaining({ code: 'LOC-QA' }), since: '2026-03-10T03:00:00.000Z', movedBy: techName } }]);
    const bySerial = unwrap(await clerk('locations.find', { query: serial.toLowerCase().replace(/(.{3})/, '$1-') }));
    expect(bySerial.map((u) => u.rma)).toContain(rma);
    expect(bySerial.find((u) => u.rma === rma)?.place?.location.code).toBe('LOC-QA');
    expect(unwrap(await clerk('locations.find', { query: 'NO-SUCH-SERIAL-42' }))).toEqual([]);
    expect(unwrap(await clerk('locations.find', { query: 'RMA-2099-999999' }))).toEqual([]);
  });

  it('puts a unit where the desk that handled it keeps such units: the dock, the bench, the shipping desk', async () => {
    const { core, admin, tech, clerk, warehouse, later } = await depot();
    unwrap(await admin('locations.save', { code: 'LOC-IN', name: 'Inbound shelf', kind: 'shelf' }));
    const kase = await core.db.selectFrom('cases').select(['rma', 'serial', 'version']).where('status', '=', 'in_transit').orderBy('id').executeTakeFirstOrThrow();
    const condition = { packaging: 'intact' as const, physicalDamage: false, liquidDamage: false, accessories: [] };
    const place = async () => unwrap(await tech('locations.ofCase', { rma: kase.rma }));

    // A station set to a location nobody can use: refused at that field, and the unit is not received.
    const retired = unwrap(await admin('locations.save', { code: 'LOC-OLD', name: 'Old shelf', kind: 'shelf' }));
    unwrap(await admin('locations.setActive', { id: retired.id, version: retired.version, active: false }));
    const before = await tableCounts(core);
    const refused = await warehouse('receiving.receive', { rma: kase.rma, version: Number(kase.version), serial: kase.serial, condition, placeAt: 'LOC-OLD' });
    expect(atField(refused, 'placeAt')).toBe('locations.stationLocationRetired');
    expect(await tableCounts(core)).toEqual(before);

    const received = unwrap(await warehouse('receiving.receive', { rma: kase.rma, version: Number(kase.version), serial: kase.serial, condition, placeAt: 'loc-in' }));
    expect((await place()).unit.place).toMatchObject({ location: { code: 'LOC-IN' }, movedBy: 'Minji Kim' });
    later(5);
    const taken = unwrap(await tech('bench.take', { rma: kase.rma, version: received.version, placeAt: 'LOC-BENCH1' }));
    expect((await place()).unit.place).toMatchObject({ location: { code: 'LOC-BENCH1' }, movedBy: 'Wei Zhang' });
    // Taken again where it already is: no new move.
    unwrap(await tech('bench.release', { rma: kase.rma, version: taken.version }));
    const again = await core.db.selectFrom('cases').select('version').where('rma', '=', kase.rma).executeTakeFirstOrThrow();
    unwrap(await tech('bench.take', { rma: kase.rma, version: Number(again.version), placeAt: 'LOC-BENCH1' }));

    const ready = await core.db.selectFrom('cases').select(['rma', 'version']).where('status', '=', 'ready_to_ship').orderBy('id').executeTakeFirstOrThrow();
    const shipment = { carrier: 'CJ Logistics', weightGrams: 800, tracking: '601234567890' };
    unwrap(await clerk('shipping.ship', { rma: ready.rma, version: Number(ready.version), shipment, placeAt: 'LOC-OUT' }));
    expect(unwrap(await clerk('locations.ofCase', { rma: ready.rma })).trail.map((m) => [m.location.code, m.by])).toEqual([['LOC-OUT', 'Eleni Papadopoulou']]);

    expect((await place()).trail.map((m) => [m.location.code, m.by])).toEqual([
      ['LOC-BENCH1', 'Wei Zhang'],
      ['LOC-IN', 'Minji Kim'],
    ]);
  });

  it('lists the cases at a location', async () => {
    const { tech, clerk, rma } = await depot();
    const out = unwrap(await clerk('locations.list', {})).find((l) => l.code === 'LOC-OUT')!;
    expect(unwrap(await clerk('cases.list', { locationId: out.id })).rows).toEqual([]);
    unwrap(await tech('locations.move', { rma, placeVersion: 0, location: 'LOC-OUT' }));
    expect(unwrap(await clerk('cases.list', { locationId: out.id })).rows.map((r) => r.rma)).toEqual([rma]);
  });

  it("prints a location's label with its code as a barcode and its name", async () => {
    const { admin } = await depot();
    const qa = unwrap(await admin('locations.list', {})).find((l) => l.code === 'LOC-QA')!;
    const label = unwrap(await admin('locations.label', { id: qa.id }));
    expect(label.fileName).toBe('location-LOC-QA.pdf');
    const file = path.join(tempDir(), label.fileName);
    writeFileSync(file, Buffer.from(label.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('LOC-QA');
    expect(text).toContain('QA table');
    const png = path.join(path.dirname(file), 'label');
    execFileSync('pdftoppm', ['-png', '-r', '300', '-singlefile', file, png]);
    expect(execFileSync('zbarimg', ['-q', '--raw', `${png}.png`]).toString().trim()).toBe('LOC-QA');
  });
});
