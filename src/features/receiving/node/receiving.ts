import type { z } from 'zod';
import type { ExpectedUnit, ReceiveOutcome, RecentReceipt, ScanResult, UnmatchedParcel, Accessory } from '../common/receiving.ts';
import type { linkParcelInput, receiveInput, undoReceiveInput, unmatchedParcelInput } from '../common/receiving.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { casesMessages } from '../../cases/common/index.ts';
import { receivingMessages } from '../common/messages.ts';
import { normalizeSerial, normalizeTracking, RMA_PATTERN } from '../../../base/common/schemas.ts';
import { receivingStatuses, type Status } from '../../cases/common/index.ts';
import type { Db } from '../../../base/node/core.ts';
import { trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import {
  applyTransition,
  caseRow,
  expectedUnitByRma,
  expectedUnitsByTracking,
  findCaseRow,
  indexCase,
  insertHistory,
  latestMoveInto,
  requireVersion,
  setInboundParcel,
  type ExpectedUnitRow,
} from '../../cases/node/index.ts';
import { printUnitTag } from '../../shipping/node/index.ts';
import { movePhotosOfParcel } from '../../photos/node/index.ts';
import { withdrawPendingStatus } from '../../../base/node/outbox.ts';
import { noteOf } from '../../../base/common/messages.ts';

/** A receipt may be undone by the person who made it within this window; an admin may undo later. */
export const UNDO_WINDOW_MS = 15 * 60 * 1000;

const toUnit = (r: ExpectedUnitRow): ExpectedUnit => ({
  rma: r.rma,
  status: r.status,
  version: r.version,
  customerName: r.customer_name,
  model: r.model,
  productName: r.product_name,
  serial: r.serial,
  accessories: r.accessories ? (JSON.parse(r.accessories) as Accessory[]) : [],
  inboundTracking: r.inbound_tracking,
});

/**
 * A scan is an RMA number (typed or from its barcode) or the tracking number the customer gave,
 * compared without spaces, dashes or case. Lookups use the unique RMA index and the tracking index.
 */
export async function scan(ctx: ServiceContext, code: string): Promise<ScanResult> {
  const upper = code.toUpperCase();
  let rows: ExpectedUnitRow[] = [];
  if (RMA_PATTERN.test(upper)) rows = await expectedUnitByRma(ctx.db, upper);
  if (rows.length === 0) rows = await expectedUnitsByTracking(ctx.db, normalizeTracking(code));
  if (rows.length === 0) return { kind: 'unknown', code };
  const units = rows.map(toUnit);
  const open = units.filter((u) => receivingStatuses.includes(u.status as Status));
  if (open.length === 1) return { kind: 'case', unit: open[0]! };
  if (open.length > 1) return { kind: 'choose', units: open };
  const unit = units[0]!;
  return {
    kind: 'not_expecting',
    unit,
    message: `${unit.rma} is not expecting a parcel: it is ${unit.status.replace(/_/g, ' ')}. Nothing was changed.`,
  };
}

/** Marks the unit received with what the dock found, in one transaction with status, history and outbox. */
export async function receive(ctx: ServiceContext, input: z.output<typeof receiveInput>): Promise<ReceiveOutcome> {
  const { now, caller } = ctx;
  // Its own transaction (`writes: 'own'`): the unit tag prints only once the receipt is committed.
  await ctx.db.transaction().execute(async (trx) => {
    const row = await caseRow(trx, input.rma);
    const matches = normalizeSerial(input.serial) === row.serial_norm;
    if (!matches && !input.mismatchReason) {
      throw fieldError('serial', receivingMessages.serialMismatch({ serial: row.serial }));
    }
    const id = await applyTransition(trx, now, caller, {
      rma: input.rma,
      version: input.version,
      to: 'received',
      serial: input.serial,
      note: matches ? input.condition.note : null,
      said: matches ? [] : [receivingMessages.mismatchAccepted({ reason: input.mismatchReason! })],
      carrier: null,
    });
    const c = input.condition;
    await trx
      .insertInto('intakes')
      .values({
        case_id: id,
        received_by: caller.kind === 'user' ? caller.user.id : null,
        received_at: now.toISOString(),
        serial_scanned: input.serial,
        serial_matches: matches ? 1 : 0,
        mismatch_reason: matches ? null : input.mismatchReason,
        packaging: c.packaging,
        physical_damage: c.physicalDamage ? 1 : 0,
        liquid_damage: c.liquidDamage ? 1 : 0,
        accessories: JSON.stringify({ received: c.accessories, other: c.otherAccessories }),
        note: c.note,
      })
      .execute();
  });
  const after = await caseRow(ctx.db, input.rma);
  return {
    rma: input.rma,
    version: after.version,
    status: after.status,
    tag: await printUnitTag(ctx, input.rma),
  };
}

/** A receiving user's latest intakes, newest first, with their cases. */
export async function recentIntakesBy(db: Db, userId: number, limit: number) {
  return db
    .selectFrom('intakes')
    .innerJoin('cases', 'cases.id', 'intakes.case_id')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .select([
      'cases.rma',
      'cases.version',
      'customers.name',
      'products.model',
      'intakes.serial_scanned',
      'intakes.received_at',
      'intakes.undone_at',
    ])
    .where('intakes.received_by', '=', userId)
    .orderBy('intakes.id', 'desc')
    .limit(limit)
    .execute();
}

/** The case's latest receipt that was not undone (undefined: none). */
export async function latestIntake(db: Db, caseId: number) {
  return db
    .selectFrom('intakes')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** How many recent receipts the dock lists for undo. */
const RECENT = 8;

export async function recentReceipts(ctx: ServiceContext): Promise<RecentReceipt[]> {
  const { caller } = ctx;
  if (caller.kind !== 'user') return [];
  const rows = await recentIntakesBy(ctx.db, caller.user.id, RECENT);
  return rows.map((r) => ({
    rma: r.rma,
    version: r.version,
    customerName: r.name,
    model: r.model,
    serial: r.serial_scanned,
    at: r.received_at,
    undone: r.undone_at !== null,
  }));
}

/**
 * Reverts a wrong receipt to where the case was before, with the reason; history keeps both. It is
 * a status change like any other (the status machine's undo moves), made without telling the portal.
 */
export async function undoReceive(ctx: ServiceContext, input: z.output<typeof undoReceiveInput>): Promise<void> {
  const { caller } = ctx;
  const now = ctx.now;
  const trx = trxOf(ctx);
  const row = await caseRow(trx, input.rma);
  requireVersion(row, input.version);
  if (row.status !== 'received') throw new DepotError('illegal_transition', receivingMessages.nothingToUndo({ rma: input.rma }));
  const receipt = await latestMoveInto(trx, row.id, 'received');
  const isAdmin = caller.kind === 'user' && caller.user.role === 'admin';
  const sameUser = caller.kind === 'user' && caller.user.id === receipt.user_id;
  const recent = now.getTime() - Date.parse(receipt.at) <= UNDO_WINDOW_MS;
  if (!isAdmin && !(sameUser && recent)) {
    throw new DepotError('forbidden', receivingMessages.onlyReceiverUndoes());
  }
  const back = (receipt.from_status ?? 'authorized') as Status;
  // The portal is not told of the undo: a receipt it was not yet told of is dropped below.
  await applyTransition(
    trx,
    now,
    caller,
    { rma: row.rma, version: row.version, to: back, note: null, said: [receivingMessages.undone({ reason: input.reason })], carrier: null },
    { notifyPortal: false },
  );
  await trx
    .updateTable('intakes')
    .set({ undone_at: now.toISOString(), undo_reason: input.reason })
    .where('case_id', '=', row.id)
    .where('undone_at', 'is', null)
    .execute();
  // A receipt the portal has not been told of yet is simply never told.
  await withdrawPendingStatus(trx, row.id, row.portal_seq);
}

export async function createUnmatchedParcel(ctx: ServiceContext, input: z.output<typeof unmatchedParcelInput>): Promise<UnmatchedParcel> {
  const { caller } = ctx;
  const row = await ctx.db
    .insertInto('unmatched_parcels')
    .values({
      tracking: input.tracking,
      tracking_norm: normalizeTracking(input.tracking),
      carrier: input.carrier,
      sender_name: input.senderName,
      contents: input.contents,
      shelf: input.shelf,
      note: input.note,
      created_at: ctx.now.toISOString(),
      created_by: caller.kind === 'user' ? caller.user.id : null,
      case_id: null,
      linked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await listUnmatchedParcels(ctx, { includeLinked: true, id: Number(row.id) }))[0]!;
}

/** Parcels on the unmatched shelf (or all, or one), oldest first, with the RMA each was linked to. */
export async function unmatchedParcelRows(db: Db, options: { includeLinked?: boolean; id?: number } = {}) {
  let q = db
    .selectFrom('unmatched_parcels')
    .leftJoin('cases', 'cases.id', 'unmatched_parcels.case_id')
    .select((eb) => [
      'unmatched_parcels.id',
      'unmatched_parcels.tracking',
      'unmatched_parcels.carrier',
      'unmatched_parcels.sender_name',
      'unmatched_parcels.contents',
      'unmatched_parcels.shelf',
      'unmatched_parcels.note',
      'unmatched_parcels.created_at',
      'cases.rma',
      eb
        .selectFrom('attachments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('attachments.parcel_id', '=', 'unmatched_parcels.id')
        .as('photos'),
    ]);
  if (!options.includeLinked) q = q.where('unmatched_parcels.case_id', 'is', null);
  if (options.id) q = q.where('unmatched_parcels.id', '=', options.id);
  return q.orderBy('unmatched_parcels.created_at').limit(1000).execute();
}

export async function listUnmatchedParcels(
  ctx: ServiceContext,
  options: { includeLinked?: boolean; id?: number } = {},
): Promise<UnmatchedParcel[]> {
  const rows = await unmatchedParcelRows(ctx.db, options);
  return rows.map((r) => ({
    id: Number(r.id),
    tracking: r.tracking,
    carrier: r.carrier,
    senderName: r.sender_name,
    contents: r.contents,
    shelf: r.shelf,
    note: r.note,
    createdAt: r.created_at,
    linkedRma: r.rma,
    photos: Number(r.photos ?? 0),
  }));
}

/** Links a parcel from the unmatched shelf to its case; its photos go with it. */
export async function linkParcel(ctx: ServiceContext, input: z.output<typeof linkParcelInput>): Promise<UnmatchedParcel> {
  const { caller } = ctx;
  const now = ctx.now.toISOString();
  const trx = trxOf(ctx);
  const parcel = await trx.selectFrom('unmatched_parcels').selectAll().where('id', '=', input.parcelId).executeTakeFirst();
  if (!parcel) throw fieldError('parcelId', receivingMessages.noParcel());
  if (parcel.case_id !== null) throw fieldError('parcelId', receivingMessages.parcelLinked());
  const kase = await findCaseRow(trx, input.rma);
  if (!kase) throw fieldError('rma', casesMessages.noCase({ rma: input.rma }));
  await trx.updateTable('unmatched_parcels').set({ case_id: kase.id, linked_at: now }).where('id', '=', parcel.id).execute();
  await movePhotosOfParcel(trx, parcel.id, kase.id);
  if (!kase.inbound_tracking) {
    await setInboundParcel(trx, kase.id, parcel, now);
    await indexCase(trx, kase.id);
  }
  await insertHistory(trx, {
    case_id: kase.id,
    at: now,
    user_id: caller.kind === 'user' ? caller.user.id : null,
    actor: caller.kind === 'user' ? caller.user.role : 'system',
    from_status: kase.status,
    to_status: kase.status,
    note: noteOf(
      parcel.shelf
        ? receivingMessages.parcelLinkedFromShelf({ tracking: parcel.tracking, shelf: parcel.shelf })
        : receivingMessages.parcelLinkedFrom({ tracking: parcel.tracking }),
    ),
  });
  return (await listUnmatchedParcels(ctx, { includeLinked: true, id: input.parcelId }))[0]!;
}
