import type { z } from 'zod';
import type { ExpectedUnit, ReceiveOutcome, RecentReceipt, ScanResult, Accessory } from '../common/receiving.ts';
import { looksLikeTracking, UNDO_WINDOW_MS, type receiveInput, type undoReceiveInput } from '../common/receiving.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { receivingMessages } from '../common/messages.ts';
import { normalizeSerial, normalizeTracking, RMA_PATTERN } from '../../../base/common/schemas.ts';
import { casesMessages, receivingStatuses, type Status } from '../../cases/common/index.ts';
import type { Db } from '../../../base/node/core.ts';
import { trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import {
  applyTransition,
  caseRow,
  expectedUnitByRma,
  expectedUnitsByTracking,
  latestMoveInto,
  requireVersion,
  type ExpectedUnitRow,
} from '../../cases/node/index.ts';
import { printUnitTag, queueUnitTag } from '../../shipping/node/index.ts';
import { withdrawPendingStatus } from '../../../base/node/outbox.ts';
import { logScanned, parcelOnShelf, takeOffShelf } from './shelf.ts';
import { placeAtDesk } from '../../locations/node/index.ts';
import { RETURN_PATTERN } from '../common/returns.ts';
import { returnOfCode } from './return-store.ts';


const toUnit = (r: ExpectedUnitRow): ExpectedUnit => ({
  rma: r.rma,
  status: r.status as Status,
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
 * A parcel no case is expecting goes on the shelf at once (`logScanned`), so it is never lost
 * between one scan and the next; a code that is neither an RMA nor a tracking number is refused at
 * the field, and nothing is recorded.
 */
export async function scan(ctx: ServiceContext, code: string, opening = false): Promise<ScanResult> {
  const upper = code.toUpperCase();
  const isRma = RMA_PATTERN.test(upper);
  if (RETURN_PATTERN.test(upper) || (!isRma && !opening)) {
    const ret = await returnOfCode(ctx.db, code);
    if (ret) return { kind: 'return', ret };
    if (RETURN_PATTERN.test(upper)) throw fieldError('code', receivingMessages.noReturn({ number: upper }));
  }
  let rows: ExpectedUnitRow[] = [];
  if (isRma) rows = await expectedUnitByRma(ctx.db, upper);
  if (rows.length === 0) rows = await expectedUnitsByTracking(ctx.db, normalizeTracking(code));
  const shelved = await parcelOnShelf(ctx, ctx.db, code);
  const units = rows.map(toUnit);
  const open = units.filter((u) => receivingStatuses.includes(u.status));
  if (open.length === 1) return { kind: 'case', unit: open[0]!, shelved };
  if (open.length > 1) return { kind: 'choose', units: open, shelved };
  const unit = units[0];
  if (unit) {
    if (shelved || opening) return { kind: 'not_expecting', unit, parcel: shelved, logged: false };
    return { kind: 'not_expecting', unit, ...(await logScanned(ctx, code, unit)) };
  }
  if (opening) throw fieldError('code', casesMessages.noCase({ rma: code }));
  if (shelved) return { kind: 'unknown', code, parcel: shelved, logged: false };
  if (!isRma && (upper.startsWith('RMA') || !looksLikeTracking(code))) throw fieldError('code', receivingMessages.notAParcelCode({ code }));
  return { kind: 'unknown', code, ...(await logScanned(ctx, code, null)) };
}

/** Marks the unit received with what the dock found, in one transaction with status, history and outbox. */
export async function receive(ctx: ServiceContext, input: z.output<typeof receiveInput>): Promise<ReceiveOutcome> {
  const { now, caller } = ctx;
  // Its own transaction (`writes: 'own'`): the unit tag's job commits with the receipt, and is sent only after.
  const tagJob = await ctx.db.transaction().execute(async (trx) => {
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
    if (input.parcelId) await takeOffShelf(trx, ctx, input.parcelId, { id, status: 'received', inbound_tracking: row.inbound_tracking });
    if (input.placeAt && caller.kind === 'user') await placeAtDesk(trx, input.rma, input.placeAt, caller.user.id, now.toISOString());
    const jobId = await queueUnitTag(ctx, trx, id, input.rma);
    return jobId === null ? null : { id: jobId, caseId: id };
  });
  const after = await caseRow(ctx.db, input.rma);
  return {
    rma: input.rma,
    version: after.version,
    status: after.status,
    tag: await printUnitTag(ctx, input.rma, tagJob),
  };
}

/** A receiving user's latest intakes, newest first, with their cases as they are now. */
export async function recentIntakesBy(db: Db, userId: number, limit: number) {
  return db
    .selectFrom('intakes')
    .innerJoin('cases', 'cases.id', 'intakes.case_id')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .select([
      'intakes.id',
      'cases.rma',
      'cases.version',
      'cases.status',
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

/** How many recent receipts the dock lists for undo. */
const RECENT = 8;

/**
 * The caller's latest receipts, one row per receipt, each saying whether it can be undone now: a
 * receipt that stands, of a case still received, by its author within 15 minutes or by an admin.
 * (A case has at most one receipt that stands: an undo ends it, and a case is received only once
 * from where it waits.)
 */
export async function recentReceipts(ctx: ServiceContext): Promise<RecentReceipt[]> {
  const { caller } = ctx;
  if (caller.kind !== 'user') return [];
  const isAdmin = caller.user.role === 'admin';
  const rows = await recentIntakesBy(ctx.db, caller.user.id, RECENT);
  return rows.map((r) => {
    const stands = r.undone_at === null && r.status === 'received';
    const until = Date.parse(r.received_at) + UNDO_WINDOW_MS;
    return {
      id: Number(r.id),
      rma: r.rma,
      version: r.version,
      customerName: r.name,
      model: r.model,
      serial: r.serial_scanned,
      at: r.received_at,
      undone: r.undone_at !== null,
      canUndo: stands && (isAdmin || ctx.now.getTime() <= until),
      undoUntil: stands && !isAdmin ? new Date(until).toISOString() : null,
    };
  });
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
  // Where the case went since says more than "it changed meanwhile".
  if (row.status !== 'received') throw new DepotError('illegal_transition', receivingMessages.nothingToUndo({ rma: input.rma, status: row.status }));
  requireVersion(row, input.version);
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
