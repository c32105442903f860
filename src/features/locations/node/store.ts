import { sql, type Selectable } from 'kysely';
import type { z } from 'zod';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { normalizeSerial, RMA_PATTERN } from '../../../base/common/schemas.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import type { Database } from '../../../base/node/db/schema.ts';
import { trxOf, userOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { caseRowsBySerial, findCaseRow, noteCaseChange, type CaseRow } from '../../cases/node/index.ts';
import type { moveInput, saveLocationInput, setLocationActiveInput } from '../common/contract.ts';
import type { LocationKind } from '../common/kinds.ts';
import { locationsMessages as m } from '../common/messages.ts';
import type { LocationInfo, TrailMove, UnitAt, UnitPlace, UnitTrail } from '../common/types.ts';

type LocationRow = Selectable<Database['locations']>;

const infoOf = (l: LocationRow): LocationInfo => ({
  id: Number(l.id),
  code: l.code,
  name: l.name,
  kind: l.kind as LocationKind,
  active: Number(l.active) === 1,
  version: Number(l.version),
});

/** The key a code is unique by: the unique index's `lower(code)`. */
const codeKey = sql<string>`lower(code)`;

export async function listLocations(ctx: ServiceContext, input: { includeRetired?: boolean }): Promise<LocationInfo[]> {
  let query = ctx.db.selectFrom('locations').selectAll().orderBy('code');
  if (!input.includeRetired) query = query.where('active', '=', 1);
  return (await query.execute()).map(infoOf);
}

async function requireFreeCode(trx: Tx, code: string, exceptId: number | null): Promise<void> {
  let query = trx.selectFrom('locations').select('id').where(codeKey, '=', code.toLowerCase());
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw fieldError('code', m.codeExists({ code }));
}

/** The location as the admin saw it: refused as a conflict if another admin changed it since. */
async function currentLocation(trx: Tx, id: number, version: number | undefined): Promise<LocationRow> {
  const row = await trx.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DepotError('not_found', m.noLocation({ id }));
  if (Number(row.version) !== version) throw new DepotError('conflict', m.changed({ code: row.code }));
  return row;
}

async function writeLocation(trx: Tx, row: LocationRow, set: Partial<Omit<LocationRow, 'id' | 'version'>>): Promise<LocationInfo> {
  const updated = await trx
    .updateTable('locations')
    .set({ ...set, version: Number(row.version) + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new DepotError('conflict', m.changed({ code: row.code }));
  return infoOf(updated);
}

export async function saveLocation(ctx: ServiceContext, input: z.output<typeof saveLocationInput>): Promise<LocationInfo> {
  const trx = trxOf(ctx);
  const values = { code: input.code, name: input.name, kind: input.kind };
  if (input.id === undefined) {
    await requireFreeCode(trx, input.code, null);
    // Two admins adding one code at once: the unique index takes one, the other is told at the field.
    const added = await trx.insertInto('locations').values(values).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
    if (!added) throw fieldError('code', m.codeExists({ code: input.code }));
    return infoOf(added);
  }
  const row = await currentLocation(trx, input.id, input.version);
  await requireFreeCode(trx, input.code, Number(row.id));
  return writeLocation(trx, row, values);
}

export async function setLocationActive(ctx: ServiceContext, input: z.output<typeof setLocationActiveInput>): Promise<LocationInfo> {
  const trx = trxOf(ctx);
  const row = await currentLocation(trx, input.id, input.version);
  if ((Number(row.active) === 1) === input.active) {
    throw new DepotError('invalid', input.active ? m.alreadyActive({ code: row.code }) : m.alreadyRetired({ code: row.code }));
  }
  return writeLocation(trx, row, { active: input.active ? 1 : 0 });
}

export async function locationById(db: Db, id: number): Promise<LocationInfo> {
  const row = await db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DepotError('not_found', m.noLocation({ id }));
  return infoOf(row);
}

/** Where these cases are now, with their place's version, by case id. */
async function placesOf(db: Db, caseIds: readonly number[]): Promise<Map<number, { place: UnitPlace; version: number }>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('case_locations as cl')
    .innerJoin('locations as l', 'l.id', 'cl.location_id')
    .innerJoin('users as u', 'u.id', 'cl.moved_by')
    .select(['cl.case_id', 'cl.since', 'cl.version', 'l.id', 'l.code', 'l.name', 'l.kind', 'u.name as moved_by'])
    .where('cl.case_id', 'in', [...caseIds])
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.case_id),
      {
        place: { location: { id: Number(r.id), code: r.code, name: r.name, kind: r.kind as LocationKind }, since: r.since, movedBy: r.moved_by },
        version: Number(r.version),
      },
    ]),
  );
}

async function unitsOf(db: Db, cases: readonly CaseRow[]): Promise<UnitAt[]> {
  const places = await placesOf(
    db,
    cases.map((c) => c.id),
  );
  return cases.map((c) => {
    const at = places.get(c.id);
    return { rma: c.rma, serial: c.serial, status: c.status, place: at?.place ?? null, placeVersion: at?.version ?? 0 };
  });
}

/** The unit a scan names: the RMA barcode the unit tag prints, in any case. */
async function scannedCase(db: Db, code: string, field: string): Promise<CaseRow> {
  const rma = code.toUpperCase();
  const row = RMA_PATTERN.test(rma) ? await findCaseRow(db, rma) : undefined;
  if (!row) throw fieldError(field, m.unknownUnit({ code }));
  return row;
}

export async function unitAt(ctx: ServiceContext, input: { code: string }): Promise<UnitAt> {
  const [unit] = await unitsOf(ctx.db, [await scannedCase(ctx.db, input.code, 'code')]);
  return unit!;
}

/**
 * Moves a unit: its current place and one trail row, in the request's transaction. The move names
 * the place version the first scan saw; a unit moved meanwhile by another station is refused.
 */
export async function moveUnit(ctx: ServiceContext, input: z.output<typeof moveInput>): Promise<UnitAt> {
  const trx = trxOf(ctx);
  const user = userOf(ctx);
  const row = await scannedCase(trx, input.rma, 'rma');
  const target = await activeLocation(trx, input.location, 'location', scanned);
  await placeUnit(trx, row, Number(target.id), user.id, ctx.now.toISOString(), input.placeVersion);
  return (await unitsOf(trx, [row]))[0]!;
}

/** What a refused location says: to a person scanning it, or to a station that chose it. */
const scanned = { unknown: m.unknownLocation, retired: m.retiredLocation };
const chosen = { unknown: m.stationLocationUnknown, retired: m.stationLocationRetired };

/** The location a code names, refused at `field` when nobody defined it or it was retired. */
async function activeLocation(trx: Tx, code: string, field: string, say: typeof scanned): Promise<LocationRow> {
  const target = await trx.selectFrom('locations').selectAll().where(codeKey, '=', code.toLowerCase()).executeTakeFirst();
  if (!target) throw fieldError(field, say.unknown({ code }));
  if (Number(target.active) !== 1) throw fieldError(field, say.retired({ code: target.code }));
  return target;
}

/**
 * Puts a unit where the desk that handled it keeps such units (its `placeAt`), in the desk's own
 * transaction, as a move by the person who did the work. A unit already there stays, with no new
 * trail row.
 */
export async function placeAtDesk(trx: Tx, rma: string, code: string, userId: number, at: string): Promise<void> {
  const row = await scannedCase(trx, rma, 'rma');
  const target = await activeLocation(trx, code, 'placeAt', chosen);
  const now = (await placesOf(trx, [row.id])).get(row.id);
  if (now?.place.location.id === Number(target.id)) return;
  await placeUnit(trx, row, Number(target.id), userId, at, now?.version ?? 0);
}

/** Writes a unit's new place against the version seen, and its trail row; a conflict says where it went instead. */
async function placeUnit(trx: Tx, row: CaseRow, locationId: number, userId: number, at: string, seenVersion: number): Promise<void> {
  const now = (await placesOf(trx, [row.id])).get(row.id);
  if (now && now.version === seenVersion && now.place.location.id === locationId) {
    throw fieldError('location', m.alreadyThere({ rma: row.rma, code: now.place.location.code }));
  }
  const values = { location_id: locationId, since: at, moved_by: userId, version: seenVersion + 1 };
  const written =
    seenVersion === 0
      ? await trx
          .insertInto('case_locations')
          .values({ case_id: row.id, ...values })
          .onConflict((oc) => oc.column('case_id').doNothing())
          .returning('case_id')
          .executeTakeFirst()
      : await trx
          .updateTable('case_locations')
          .set(values)
          .where('case_id', '=', row.id)
          .where('version', '=', seenVersion)
          .returning('case_id')
          .executeTakeFirst();
  if (!written) {
    const moved = (await placesOf(trx, [row.id])).get(row.id);
    throw new DepotError(
      'conflict',
      m.movedMeanwhile({ rma: row.rma, code: moved?.place.location.code ?? '', name: moved?.place.movedBy ?? '' }),
    );
  }
  await trx.insertInto('location_moves').values({ case_id: row.id, location_id: locationId, user_id: userId, at }).execute();
  // The case itself is unchanged (its version stays): the feed says its unit moved.
  await noteCaseChange(trx, { rma: row.rma, version: row.version, kind: 'moved' });
}

export async function trailOfCase(ctx: ServiceContext, input: { rma: string }): Promise<UnitTrail> {
  const row = await scannedCase(ctx.db, input.rma, 'rma');
  const [unit] = await unitsOf(ctx.db, [row]);
  const moves = await ctx.db
    .selectFrom('location_moves as mv')
    .innerJoin('locations as l', 'l.id', 'mv.location_id')
    .innerJoin('users as u', 'u.id', 'mv.user_id')
    .select(['mv.id', 'mv.at', 'l.code', 'l.name', 'l.kind', 'u.name as by'])
    .where('mv.case_id', '=', row.id)
    .orderBy('mv.id', 'desc')
    .execute();
  const trail = moves.map(
    (mv): TrailMove => ({ id: Number(mv.id), at: mv.at, by: mv.by, location: { code: mv.code, name: mv.name, kind: mv.kind as LocationKind } }),
  );
  return { unit: unit!, trail };
}

/** Where a unit is: the case of an exact RMA number, or every case of a serial. */
export async function findUnits(ctx: ServiceContext, input: { query: string }): Promise<UnitAt[]> {
  const rma = input.query.toUpperCase();
  if (RMA_PATTERN.test(rma)) {
    const row = await findCaseRow(ctx.db, rma);
    return row ? unitsOf(ctx.db, [row]) : [];
  }
  return unitsOf(ctx.db, await caseRowsBySerial(ctx.db, normalizeSerial(input.query), 50));
}
