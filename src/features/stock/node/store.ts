import { sql } from 'kysely';
import type { z } from 'zod';
import { calendarDateIn } from '../../../base/common/dates.ts';
import type { Caller } from '../../../base/common/identity.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { normalizeSerial, RMA_PATTERN } from '../../../base/common/schemas.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import { trxOf, userOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { findCaseRow, productIdOfCase, userIdOf } from '../../cases/node/index.ts';
import { productVendorOf } from '../../products/node/index.ts';
import { requireSite } from '../../settings/node/index.ts';
import type { receiveStockInput, setMinimumInput } from '../common/contract.ts';
import { stockMessages as m } from '../common/messages.ts';
import type { StockGrade, StockLevel, StockSource, StockStatus, StockUnit } from '../common/types.ts';

/** The resolutions that leave the faulty unit at the depot, to be repaired into stock. */
const keptResolutions = new Set(['replaced', 'refunded']);

function unitQuery(db: Db) {
  return db
    .selectFrom('stock_units as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .innerJoin('users as r', 'r.id', 's.received_by')
    .leftJoin('cases as c', 'c.id', 's.case_id')
    .leftJoin('cases as sc', 'sc.id', 's.source_case_id')
    .selectAll('s')
    .select(['p.model', 'r.name as received_by_name', 'c.rma', 'sc.rma as source_rma']);
}
type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['executeTakeFirstOrThrow']>>;

const unitOf = (u: UnitRow): StockUnit => ({
  id: Number(u.id),
  serial: u.serial,
  productId: Number(u.product_id),
  model: u.model,
  grade: u.grade as StockGrade,
  status: u.status as StockStatus,
  source: u.source as StockSource,
  sourceRma: u.source_rma,
  receivedAt: u.received_at,
  receivedBy: u.received_by_name,
  rma: u.rma,
  takenAt: u.taken_at,
  version: Number(u.version),
});

const unitBySerial = (db: Db, serial: string) => unitQuery(db).where('s.serial_norm', '=', normalizeSerial(serial)).executeTakeFirst();

export async function listUnits(ctx: ServiceContext, input: { status?: StockStatus | undefined; productId?: number | undefined }): Promise<StockUnit[]> {
  let query = unitQuery(ctx.db).orderBy('s.id', 'desc').limit(500);
  if (input.status) query = query.where('s.status', '=', input.status);
  if (input.productId) query = query.where('s.product_id', '=', input.productId);
  return (await query.execute()).map(unitOf);
}

/** Every active model, and any retired one that still has units or a minimum, with its counts. */
export async function stockLevels(db: Db): Promise<StockLevel[]> {
  const count = (status: StockStatus, grade?: StockGrade) =>
    sql<number | string>`sum(case when s.status = ${status}${grade ? sql` and s.grade = ${grade}` : sql``} then 1 else 0 end)`;
  const rows = await db
    .selectFrom('products as p')
    .leftJoin('stock_units as s', 's.product_id', 'p.id')
    .leftJoin('stock_minimums as n', 'n.product_id', 'p.id')
    .select(['p.id', 'p.model', 'p.name', 'p.active', 'n.minimum', 'n.version'])
    .select(count('in_stock').as('in_stock'))
    .select(count('in_stock', 'new').as('new_in_stock'))
    .select(count('in_stock', 'refurbished').as('refurbished_in_stock'))
    .select(count('used').as('used'))
    .select((eb) => eb.fn.count('s.id').as('units'))
    .groupBy(['p.id', 'p.model', 'p.name', 'p.active', 'n.minimum', 'n.version'])
    .orderBy('p.model')
    .execute();
  return rows
    .filter((r) => Number(r.active) === 1 || Number(r.units) > 0 || r.minimum !== null)
    .map((r) => {
      const inStock = Number(r.in_stock ?? 0);
      const minimum = Number(r.minimum ?? 0);
      return {
        productId: Number(r.id),
        model: r.model,
        name: r.name,
        inStock,
        newInStock: Number(r.new_in_stock ?? 0),
        refurbishedInStock: Number(r.refurbished_in_stock ?? 0),
        used: Number(r.used ?? 0),
        minimum,
        low: inStock < minimum,
        version: r.version === null ? null : Number(r.version),
      };
    });
}

async function modelOf(db: Db, productId: number): Promise<string> {
  const product = await productVendorOf(db, productId);
  if (!product) throw fieldError('productId', m.noProduct({ id: productId }));
  return product.model;
}

/** Why a serial cannot go into stock (or be taken) again: where it is now. */
async function serialTaken(db: Db, field: string, unit: UnitRow): Promise<DepotError> {
  if (unit.status === 'used') return fieldError(field, m.serialUsed({ serial: unit.serial, rma: unit.rma ?? '' }));
  if (unit.status === 'shipped') return fieldError(field, m.serialShipped({ serial: unit.serial, rma: unit.rma ?? '' }));
  const { timeZone } = await requireSite(db);
  const date = calendarDateIn(new Date(unit.received_at), timeZone);
  return fieldError(field, m.serialInStock({ serial: unit.serial, model: unit.model, date, name: unit.received_by_name }));
}

/** The serial a scan names: as scanned from the supplier, or the serial of the repaired case's unit. */
async function receivedSerial(trx: Tx, input: z.output<typeof receiveStockInput>, model: string): Promise<{ serial: string; sourceCaseId: number | null }> {
  if (input.source === 'supplier') return { serial: input.code, sourceCaseId: null };
  const rma = input.code.toUpperCase();
  const row = RMA_PATTERN.test(rma) ? await findCaseRow(trx, rma) : undefined;
  if (!row) throw fieldError('code', m.unknownRma({ code: input.code }));
  if (!row.resolution || !keptResolutions.has(row.resolution)) throw fieldError('code', m.notKept({ rma: row.rma }));
  const caseProduct = await productIdOfCase(trx, row.id);
  if (caseProduct !== input.productId) {
    const caseModel = caseProduct === null ? '?' : await modelOf(trx, caseProduct);
    throw fieldError('code', m.wrongModelCase({ rma: row.rma, caseModel, model }));
  }
  const stocked = await trx.selectFrom('stock_units').select('serial').where('source_case_id', '=', row.id).executeTakeFirst();
  if (stocked) throw fieldError('code', m.caseStocked({ rma: row.rma, serial: stocked.serial }));
  return { serial: row.serial, sourceCaseId: row.id };
}

export async function receiveStock(ctx: ServiceContext, input: z.output<typeof receiveStockInput>): Promise<StockUnit> {
  const trx = trxOf(ctx);
  const model = await modelOf(trx, input.productId);
  const { serial, sourceCaseId } = await receivedSerial(trx, input, model);
  const existing = await unitBySerial(trx, serial);
  if (existing) throw await serialTaken(trx, 'code', existing);
  // Two stations scanning one serial at once: the unique serial takes one.
  const added = await trx
    .insertInto('stock_units')
    .values({
      serial,
      serial_norm: normalizeSerial(serial),
      product_id: input.productId,
      grade: input.grade,
      status: 'in_stock',
      source: input.source,
      source_case_id: sourceCaseId,
      received_at: ctx.now.toISOString(),
      received_by: userOf(ctx).id,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!added) throw await serialTaken(trx, 'code', (await unitBySerial(trx, serial))!);
  return unitOf((await unitQuery(trx).where('s.id', '=', added.id).executeTakeFirstOrThrow()));
}

export async function setMinimum(ctx: ServiceContext, input: z.output<typeof setMinimumInput>): Promise<StockLevel> {
  const trx = trxOf(ctx);
  const model = await modelOf(trx, input.productId);
  const values = { minimum: input.minimum, updated_at: ctx.now.toISOString(), updated_by: userOf(ctx).id };
  // Of two admins setting one model's minimum against the list they saw, one wins.
  const written =
    input.version === null
      ? await trx
          .insertInto('stock_minimums')
          .values({ product_id: input.productId, ...values })
          .onConflict((oc) => oc.doNothing())
          .returning('product_id')
          .executeTakeFirst()
      : await trx
          .updateTable('stock_minimums')
          .set({ ...values, version: input.version + 1 })
          .where('product_id', '=', input.productId)
          .where('version', '=', input.version)
          .returning('product_id')
          .executeTakeFirst();
  if (!written) throw new DepotError('conflict', m.changed({ model }));
  return (await stockLevels(trx)).find((l) => l.productId === input.productId)!;
}

/**
 * Takes a unit from stock for a case's replacement, by its scanned serial: refused at `field`
 * when no unit in stock has it, it was used already, or it is another model than the case's. The
 * update is guarded by the unit's status, so of two benches taking one serial at once one wins.
 * Returns the serial as stock holds it.
 */
export async function takeStockUnit(
  trx: Tx,
  at: string,
  caller: Caller,
  take: { serial: string; caseId: number; rma: string; field: string },
): Promise<string> {
  const unit = await unitBySerial(trx, take.serial);
  if (!unit) throw fieldError(take.field, m.notInStock({ serial: take.serial }));
  if (unit.status !== 'in_stock') throw await serialTaken(trx, take.field, unit);
  const caseProduct = await productIdOfCase(trx, take.caseId);
  if (caseProduct === null) throw fieldError(take.field, m.caseNoModel({ rma: take.rma }));
  if (caseProduct !== Number(unit.product_id)) {
    throw fieldError(take.field, m.wrongModel({ serial: unit.serial, stockModel: unit.model, model: await modelOf(trx, caseProduct), rma: take.rma }));
  }
  const taken = await trx
    .updateTable('stock_units')
    .set({ status: 'used', case_id: take.caseId, taken_at: at, taken_by: userIdOf(caller), version: sql`version + 1` })
    .where('id', '=', unit.id)
    .where('status', '=', 'in_stock')
    .returning('id')
    .executeTakeFirst();
  if (!taken) throw await serialTaken(trx, take.field, (await unitBySerial(trx, take.serial))!);
  return unit.serial;
}
