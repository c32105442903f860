import { sql, type Selectable } from 'kysely';
import type { z } from 'zod';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { RMA_PATTERN } from '../../../base/common/schemas.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import type { Database } from '../../../base/node/db/schema.ts';
import { trxOf, userOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { findCaseRow, productIdOfCase, type CaseRow } from '../../cases/node/index.ts';
import { partForSupplier, partVendors } from '../../parts/node/index.ts';
import { productVendorOf, productVendors } from '../../products/node/index.ts';
import type { addPartInput, addUnitInput, closeReturnInput, creditItemInput, shipReturnInput } from '../common/contract.ts';
import { supplierReturnsMessages as m } from '../common/messages.ts';
import {
  DEFAULT_OVERDUE_DAYS,
  supplierReturnNumber,
  type CaseSupplierItem,
  type SupplierOutcome,
  type SupplierReturnDetail,
  type SupplierReturnItem,
  type SupplierReturnStatus,
  type SupplierReturnSummary,
} from '../common/types.ts';

type ReturnRow = Selectable<Database['supplier_returns']>;

/** The resolutions that leave the faulty unit at the depot, to go back to its vendor. */
const eligibleResolutions = new Set(['returned_unrepaired', 'replaced', 'refunded']);

/** A vendor is one vendor whatever its case and surrounding spaces: the open-return index's `lower(vendor)`. */
const vendorKey = (vendor: string) => vendor.trim().toLowerCase();
const sameVendor = (a: string, b: string) => vendorKey(a) === vendorKey(b);

function summaryQuery(db: Db) {
  return db
    .selectFrom('supplier_returns as r')
    .innerJoin('users as o', 'o.id', 'r.opened_by')
    .leftJoin('users as s', 's.id', 'r.shipped_by')
    .selectAll('r')
    .select(['o.name as opened_by_name', 's.name as shipped_by_name'])
    .select((eb) =>
      eb
        .selectFrom('supplier_return_items as i')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('i.return_id', '=', 'r.id')
        .as('item_count'),
    );
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

const summaryOf = (r: SummaryRow): SupplierReturnSummary => ({
  id: Number(r.id),
  number: supplierReturnNumber(Number(r.id)),
  vendor: r.vendor,
  status: r.status as SupplierReturnStatus,
  openedAt: r.opened_at,
  openedBy: r.opened_by_name,
  shippedAt: r.shipped_at,
  carrier: r.carrier,
  tracking: r.tracking,
  closedAt: r.closed_at,
  items: Number(r.item_count ?? 0),
  version: Number(r.version),
});

export async function listReturns(ctx: ServiceContext, input: { status?: SupplierReturnStatus | undefined }): Promise<SupplierReturnSummary[]> {
  let query = summaryQuery(ctx.db).orderBy('r.id', 'desc').limit(500);
  if (input.status) query = query.where('r.status', '=', input.status);
  return (await query.execute()).map(summaryOf);
}

export async function listVendors(ctx: ServiceContext): Promise<string[]> {
  const byKey = new Map<string, string>();
  for (const vendor of [...(await productVendors(ctx.db)), ...(await partVendors(ctx.db))]) {
    if (!byKey.has(vendorKey(vendor))) byKey.set(vendorKey(vendor), vendor);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

async function detailOf(db: Db, id: number): Promise<SupplierReturnDetail> {
  const row = await summaryQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new DepotError('not_found', m.noReturn({ id }));
  const items = await db
    .selectFrom('supplier_return_items as i')
    .innerJoin('cases as c', 'c.id', 'i.case_id')
    .innerJoin('users as u', 'u.id', 'i.added_by')
    .leftJoin('parts as p', 'p.id', 'i.part_id')
    .leftJoin('products as pr', 'pr.id', 'c.product_id')
    .select(['i.id', 'i.kind', 'i.quantity', 'i.added_at', 'i.outcome', 'i.credit_minor', 'c.rma', 'c.serial', 'p.sku', 'p.name as part_name', 'pr.model', 'u.name as added_by'])
    .where('i.return_id', '=', id)
    .orderBy('i.id')
    .execute();
  const list = items.map(
    (i): SupplierReturnItem => ({
      id: Number(i.id),
      kind: i.kind as 'unit' | 'part',
      rma: i.rma,
      serial: i.serial,
      sku: i.sku,
      partName: i.part_name,
      model: i.model,
      quantity: Number(i.quantity),
      addedAt: i.added_at,
      addedBy: i.added_by,
      outcome: i.outcome as SupplierOutcome | null,
      creditMinor: i.credit_minor === null ? null : Number(i.credit_minor),
    }),
  );
  return { ...summaryOf(row), shippedBy: row.shipped_by_name, list };
}

export const getReturn = (ctx: ServiceContext, input: { id: number }) => detailOf(ctx.db, input.id);

/** The vendor's open return, opened now if there is none: the partial unique index makes two stations open one. */
export async function openReturn(ctx: ServiceContext, input: { vendor: string }): Promise<SupplierReturnSummary> {
  const trx = trxOf(ctx);
  const open = () => summaryQuery(trx).where(sql<string>`lower(r.vendor)`, '=', vendorKey(input.vendor)).where('r.status', '=', 'open').executeTakeFirst();
  const existing = await open();
  if (existing) return summaryOf(existing);
  await trx
    .insertInto('supplier_returns')
    .values({ vendor: input.vendor, status: 'open', opened_at: ctx.now.toISOString(), opened_by: userOf(ctx).id })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return summaryOf((await open())!);
}

/**
 * Takes the return for a new item: it must still be open, and its version rises, so a station
 * shipping the list it saw is refused once something was added since. The update locks the row,
 * so an item and a shipment never cross.
 */
async function takeOpenReturn(trx: Tx, id: number): Promise<ReturnRow> {
  const row = await trx.selectFrom('supplier_returns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DepotError('not_found', m.noReturn({ id }));
  const taken = await trx
    .updateTable('supplier_returns')
    .set({ version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
  if (!taken) {
    const now = await trx.selectFrom('supplier_returns').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    throw new DepotError('invalid', m.notOpen({ number: supplierReturnNumber(id), status: now.status }));
  }
  return taken;
}

async function scannedCase(db: Db, code: string, field: string): Promise<CaseRow> {
  const rma = code.toUpperCase();
  const row = RMA_PATTERN.test(rma) ? await findCaseRow(db, rma) : undefined;
  if (!row) throw fieldError(field, field === 'code' ? m.unknownCode({ code }) : m.unknownRma({ code }));
  return row;
}

/** The number of the return an item of this case (and part) is already on, if any. */
async function returnHolding(db: Db, caseId: number, partId: number | null): Promise<string | undefined> {
  let query = db.selectFrom('supplier_return_items').select('return_id').where('case_id', '=', caseId);
  query = partId === null ? query.where('kind', '=', 'unit') : query.where('kind', '=', 'part').where('part_id', '=', partId);
  const row = await query.executeTakeFirst();
  return row && supplierReturnNumber(Number(row.return_id));
}

export async function addUnit(ctx: ServiceContext, input: z.output<typeof addUnitInput>): Promise<SupplierReturnDetail> {
  const trx = trxOf(ctx);
  const target = await takeOpenReturn(trx, input.id);
  const row = await scannedCase(trx, input.code, 'code');
  if (!row.resolution || !eligibleResolutions.has(row.resolution)) throw fieldError('code', m.unitNotEligible({ rma: row.rma }));
  const productId = await productIdOfCase(trx, row.id);
  const vendor = productId === null ? null : ((await productVendorOf(trx, productId))?.vendor ?? null);
  if (!vendor) throw fieldError('code', m.unitNoVendor({ rma: row.rma }));
  if (!sameVendor(vendor, target.vendor)) throw fieldError('code', m.wrongVendorUnit({ rma: row.rma, vendor, returnVendor: target.vendor }));
  const holding = await returnHolding(trx, row.id, null);
  if (holding) throw fieldError('code', m.unitAlreadyOn({ rma: row.rma, number: holding }));
  // Two stations scanning one unit at once: the unique index takes one.
  const added = await trx
    .insertInto('supplier_return_items')
    .values({ return_id: input.id, kind: 'unit', case_id: row.id, part_id: null, quantity: 1, added_at: ctx.now.toISOString(), added_by: userOf(ctx).id })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!added) throw fieldError('code', m.unitAlreadyOn({ rma: row.rma, number: (await returnHolding(trx, row.id, null)) ?? '' }));
  return detailOf(trx, input.id);
}

export async function addPart(ctx: ServiceContext, input: z.output<typeof addPartInput>): Promise<SupplierReturnDetail> {
  const trx = trxOf(ctx);
  const target = await takeOpenReturn(trx, input.id);
  const row = await scannedCase(trx, input.rma, 'rma');
  const part = await partForSupplier(trx, input.sku, row.id);
  if (!part) throw fieldError('sku', m.unknownCode({ code: input.sku }));
  if (part.usedInRepair <= 0) throw fieldError('rma', m.partNotUsed({ sku: part.sku, rma: row.rma }));
  if (input.quantity > part.usedInRepair) {
    throw fieldError('quantity', m.quantityTooMany({ rma: row.rma, used: part.usedInRepair, sku: part.sku, quantity: input.quantity }));
  }
  if (!part.vendor) throw fieldError('sku', m.partNoVendor({ sku: part.sku }));
  if (!sameVendor(part.vendor, target.vendor)) {
    throw fieldError('sku', m.wrongVendorPart({ sku: part.sku, vendor: part.vendor, returnVendor: target.vendor }));
  }
  const holding = await returnHolding(trx, row.id, part.id);
  if (holding) throw fieldError('sku', m.partAlreadyOn({ sku: part.sku, rma: row.rma, number: holding }));
  const added = await trx
    .insertInto('supplier_return_items')
    .values({
      return_id: input.id,
      kind: 'part',
      case_id: row.id,
      part_id: part.id,
      quantity: input.quantity,
      added_at: ctx.now.toISOString(),
      added_by: userOf(ctx).id,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!added) throw fieldError('sku', m.partAlreadyOn({ sku: part.sku, rma: row.rma, number: (await returnHolding(trx, row.id, part.id)) ?? '' }));
  return detailOf(trx, input.id);
}

/** The return as the station saw it: a change since is a conflict. */
async function currentReturn(trx: Tx, id: number, version: number): Promise<ReturnRow> {
  const row = await trx.selectFrom('supplier_returns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DepotError('not_found', m.noReturn({ id }));
  return Number(row.version) === version ? row : conflictOrState(trx, row);
}

/** A return changed since it was shown: shipped meanwhile says when and by whom; anything else is a conflict. */
async function conflictOrState(trx: Tx, row: ReturnRow): Promise<never> {
  const number = supplierReturnNumber(Number(row.id));
  if (row.status !== 'open' && row.shipped_at) throw shippedAlready(await detailOf(trx, Number(row.id)));
  throw new DepotError('conflict', m.changed({ number }));
}

const shippedAlready = (r: SupplierReturnDetail) =>
  new DepotError('invalid', m.alreadyShipped({ number: r.number, date: r.shippedAt ?? '', name: r.shippedBy ?? '', carrier: r.carrier ?? '', tracking: r.tracking ?? '' }), {
    tracking: m.alreadyShipped({ number: r.number, date: r.shippedAt ?? '', name: r.shippedBy ?? '', carrier: r.carrier ?? '', tracking: r.tracking ?? '' }),
  });

/** Writes a change against the version read in this transaction; a change committed in between is a conflict. */
async function writeReturn(trx: Tx, row: ReturnRow, set: Partial<Omit<ReturnRow, 'id' | 'version'>>): Promise<void> {
  const updated = await trx
    .updateTable('supplier_returns')
    .set({ ...set, version: Number(row.version) + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) {
    const now = await trx.selectFrom('supplier_returns').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    await conflictOrState(trx, now);
  }
}

export async function shipReturn(ctx: ServiceContext, input: z.output<typeof shipReturnInput>): Promise<SupplierReturnDetail> {
  const trx = trxOf(ctx);
  const row = await currentReturn(trx, input.id, input.version);
  if (row.status !== 'open') throw shippedAlready(await detailOf(trx, input.id));
  const shown = await detailOf(trx, input.id);
  if (shown.list.length === 0) throw new DepotError('invalid', m.emptyReturn({ number: shown.number }));
  await writeReturn(trx, row, { status: 'shipped', carrier: input.carrier, tracking: input.tracking, shipped_at: ctx.now.toISOString(), shipped_by: userOf(ctx).id });
  return detailOf(trx, input.id);
}

export async function creditItem(ctx: ServiceContext, input: z.output<typeof creditItemInput>): Promise<SupplierReturnDetail> {
  const trx = trxOf(ctx);
  const row = await trx.selectFrom('supplier_returns').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!row) throw new DepotError('not_found', m.noReturn({ id: input.id }));
  const number = supplierReturnNumber(input.id);
  if (row.status === 'open') throw new DepotError('invalid', m.notShipped({ number }));
  if (row.status === 'closed') throw new DepotError('invalid', m.alreadyClosed({ number }));
  if (input.outcome === 'credit' && input.amount === null) throw fieldError('amount', m.creditWithoutAmount());
  const updated = await trx
    .updateTable('supplier_return_items')
    .set({ outcome: input.outcome, credit_minor: input.outcome === 'credit' ? input.amount : null })
    .where('id', '=', input.itemId)
    .where('return_id', '=', input.id)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new DepotError('not_found', m.noItem({ id: input.itemId, number }));
  // Bumped under the return's status check, so a close against the list shown sees every answer.
  await trx.updateTable('supplier_returns').set({ version: sql`version + 1` }).where('id', '=', input.id).where('status', '=', 'shipped').execute();
  return detailOf(trx, input.id);
}

export async function closeReturn(ctx: ServiceContext, input: z.output<typeof closeReturnInput>): Promise<SupplierReturnDetail> {
  const trx = trxOf(ctx);
  const number = supplierReturnNumber(input.id);
  const row = await trx.selectFrom('supplier_returns').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!row) throw new DepotError('not_found', m.noReturn({ id: input.id }));
  if (row.status === 'closed') throw new DepotError('invalid', m.alreadyClosed({ number }));
  if (row.status === 'open') throw new DepotError('invalid', m.notShipped({ number }));
  if (Number(row.version) !== input.version) throw new DepotError('conflict', m.changed({ number }));
  const waiting = (await detailOf(trx, input.id)).list.filter((i) => i.outcome === null).length;
  if (waiting > 0) throw new DepotError('invalid', m.awaitingOutcome({ number, count: waiting }));
  await writeReturn(trx, row, { status: 'closed', closed_at: ctx.now.toISOString(), closed_by: userOf(ctx).id });
  return detailOf(trx, input.id);
}

export async function supplierItemsOfCase(ctx: ServiceContext, input: { rma: string }): Promise<CaseSupplierItem[]> {
  const row = await scannedCase(ctx.db, input.rma, 'rma');
  const items = await ctx.db
    .selectFrom('supplier_return_items as i')
    .innerJoin('supplier_returns as r', 'r.id', 'i.return_id')
    .leftJoin('parts as p', 'p.id', 'i.part_id')
    .select(['i.kind', 'i.quantity', 'i.outcome', 'i.credit_minor', 'p.sku', 'r.id', 'r.vendor', 'r.status', 'r.shipped_at'])
    .where('i.case_id', '=', row.id)
    .orderBy('i.id')
    .execute();
  return items.map((i) => ({
    kind: i.kind as 'unit' | 'part',
    sku: i.sku,
    quantity: Number(i.quantity),
    number: supplierReturnNumber(Number(i.id)),
    vendor: i.vendor,
    status: i.status as SupplierReturnStatus,
    shippedAt: i.shipped_at,
    outcome: i.outcome as SupplierOutcome | null,
    creditMinor: i.credit_minor === null ? null : Number(i.credit_minor),
  }));
}

export async function overdueReturns(ctx: ServiceContext, input: { olderThanDays?: number | undefined }): Promise<SupplierReturnSummary[]> {
  const days = input.olderThanDays ?? DEFAULT_OVERDUE_DAYS;
  const cutoff = new Date(ctx.now.getTime() - days * 86_400_000).toISOString();
  const rows = await summaryQuery(ctx.db).where('r.status', '=', 'open').where('r.opened_at', '<', cutoff).orderBy('r.opened_at').execute();
  return rows.map(summaryOf);
}

export { detailOf as supplierReturnDetail };
