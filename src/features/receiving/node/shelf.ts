import type { z } from 'zod';
import type { ShelfParcel, ShelfReason } from '../common/receiving.ts';
import type { linkParcelInput, parcelDetailsInput, parcelIdInput, setAsideInput, unmatchedParcelInput } from '../common/receiving.ts';
import { likelyShelfReason, UNDO_WINDOW_MS } from '../common/receiving.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { noteOf, type Said } from '../../../base/common/messages.ts';
import { normalizeSerial, normalizeTracking, RMA_PATTERN } from '../../../base/common/schemas.ts';
import { wallClockIn } from '../../../base/common/dates.ts';
import type { Caller } from '../../../base/common/identity.ts';
import { casesMessages, type Status } from '../../cases/common/index.ts';
import { receivingMessages } from '../common/messages.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import { trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { caseRow, findCaseRow, indexCase, insertHistory, setInboundParcel } from '../../cases/node/index.ts';
import { givePhotosToParcel, movePhotosOfParcel } from '../../photos/node/index.ts';
import { readSite } from '../../settings/node/index.ts';


const userIdOf = (caller: Caller) => (caller.kind === 'user' ? caller.user.id : null);

interface ShelfFilter {
  /** Linked and merged parcels too. */
  includeOffShelf?: boolean;
  id?: number;
  forCaseId?: number;
  trackingNorm?: string;
}

/** Parcels on the shelf (or all, or one), oldest first, with the case each came for or was linked to. */
export async function unmatchedParcelRows(db: Db, filter: ShelfFilter = {}) {
  let q = db
    .selectFrom('unmatched_parcels')
    .leftJoin('cases as linked', 'linked.id', 'unmatched_parcels.case_id')
    .leftJoin('cases as came_for', 'came_for.id', 'unmatched_parcels.for_case_id')
    .leftJoin('users', 'users.id', 'unmatched_parcels.created_by')
    .select((eb) => [
      'unmatched_parcels.id',
      'unmatched_parcels.tracking',
      'unmatched_parcels.carrier',
      'unmatched_parcels.sender_name',
      'unmatched_parcels.contents',
      'unmatched_parcels.shelf',
      'unmatched_parcels.note',
      'unmatched_parcels.created_at',
      'unmatched_parcels.created_by',
      'unmatched_parcels.state',
      'unmatched_parcels.reason',
      'unmatched_parcels.serial_scanned',
      'users.name as created_by_name',
      'linked.rma as linked_rma',
      'came_for.rma as for_rma',
      eb
        .selectFrom('attachments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('attachments.parcel_id', '=', 'unmatched_parcels.id')
        .as('photos'),
    ]);
  if (!filter.includeOffShelf) q = q.where('unmatched_parcels.state', '=', 'on_shelf');
  if (filter.id) q = q.where('unmatched_parcels.id', '=', filter.id);
  if (filter.forCaseId) q = q.where('unmatched_parcels.for_case_id', '=', filter.forCaseId);
  if (filter.trackingNorm) q = q.where('unmatched_parcels.tracking_norm', '=', filter.trackingNorm);
  return q.orderBy('unmatched_parcels.created_at').orderBy('unmatched_parcels.id').limit(1000).execute();
}

type ShelfRow = Awaited<ReturnType<typeof unmatchedParcelRows>>[number];

function toParcel(ctx: ServiceContext, r: ShelfRow): ShelfParcel {
  const photos = Number(r.photos ?? 0);
  const onShelf = r.state === 'on_shelf';
  const { caller } = ctx;
  const isAdmin = caller.kind === 'user' && caller.user.role === 'admin';
  const isAuthor = caller.kind === 'user' && caller.user.id === r.created_by;
  const recent = ctx.now.getTime() - Date.parse(r.created_at) <= UNDO_WINDOW_MS;
  return {
    id: Number(r.id),
    tracking: r.tracking,
    carrier: r.carrier,
    senderName: r.sender_name,
    contents: r.contents,
    shelf: r.shelf,
    note: r.note,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
    reason: r.reason as ShelfReason,
    forRma: r.for_rma,
    serialScanned: r.serial_scanned,
    onShelf,
    linkedRma: r.linked_rma,
    photos,
    canDiscard: onShelf && photos === 0 && (isAdmin || (isAuthor && recent)),
  };
}

export async function listShelf(ctx: ServiceContext, filter: ShelfFilter = {}): Promise<ShelfParcel[]> {
  return (await unmatchedParcelRows(ctx.db, filter)).map((r) => toParcel(ctx, r));
}

async function parcelById(ctx: ServiceContext, db: Db, id: number): Promise<ShelfParcel> {
  const [row] = await unmatchedParcelRows(db, { includeOffShelf: true, id });
  if (!row) throw fieldError('parcelId', receivingMessages.noParcel());
  return toParcel(ctx, row);
}

/** The parcel on the shelf with this tracking number (spaces, dashes and case aside), if one is. */
export async function parcelOnShelf(ctx: ServiceContext, db: Db, code: string): Promise<ShelfParcel | null> {
  const [row] = await unmatchedParcelRows(db, { trackingNorm: normalizeTracking(code) });
  return row ? toParcel(ctx, row) : null;
}

/** "… is already on the shelf at B-3 since 2026-11-20 14:05, logged by Minji Kim", as a refusal at the tracking field. */
async function alreadyOnShelf(db: Db, parcel: ShelfParcel): Promise<DepotError> {
  const timeZone = (await readSite(db))?.timeZone ?? 'UTC';
  const params = { tracking: parcel.tracking, since: wallClockIn(new Date(parcel.createdAt), timeZone), by: parcel.createdBy ?? '—' };
  const said: Said = parcel.shelf
    ? receivingMessages.alreadyOnShelfAt({ ...params, shelf: parcel.shelf })
    : receivingMessages.alreadyOnShelf(params);
  return new DepotError('conflict', said, { tracking: said });
}

interface NewShelfEntry {
  tracking: string;
  reason: ShelfReason;
  forCaseId: number | null;
  serial?: string | null;
  carrier?: string | null;
  senderName?: string | null;
  contents?: string | null;
  shelf?: string | null;
  note?: string | null;
}

/**
 * Puts a parcel on the shelf; null when its tracking number is there already. The partial unique
 * index decides, so two stations logging one parcel at once make one entry: the second insert
 * waits for the first and then does nothing.
 */
async function insertOnShelf(trx: Tx, ctx: ServiceContext, entry: NewShelfEntry): Promise<number | null> {
  const row = await trx
    .insertInto('unmatched_parcels')
    .values({
      tracking: entry.tracking,
      tracking_norm: normalizeTracking(entry.tracking),
      carrier: entry.carrier ?? null,
      sender_name: entry.senderName ?? null,
      contents: entry.contents ?? null,
      shelf: entry.shelf ?? null,
      note: entry.note ?? null,
      created_at: ctx.now.toISOString(),
      created_by: userIdOf(ctx.caller),
      case_id: null,
      linked_at: null,
      state: 'on_shelf',
      reason: entry.reason,
      for_case_id: entry.forCaseId,
      serial_scanned: entry.serial ?? null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** Puts a parcel on the shelf, or says where it already is. */
async function shelve(trx: Tx, ctx: ServiceContext, entry: NewShelfEntry): Promise<ShelfParcel> {
  const id = await insertOnShelf(trx, ctx, entry);
  if (id !== null) return parcelById(ctx, trx, id);
  const there = await parcelOnShelf(ctx, trx, entry.tracking);
  if (!there) throw new Error('depot: a shelf entry was refused, but none is on the shelf');
  throw await alreadyOnShelf(trx, there);
}

/**
 * A scan that cannot end in a receipt leaves its parcel on the shelf at once (in its own short
 * transaction: the scan itself takes no write lock): to identify when no case knows the code, for
 * its case with the likely reason when the case was not expecting it. A rescan finds it there.
 */
export async function logScanned(
  ctx: ServiceContext,
  code: string,
  forCase: { rma: string; status: Status } | null,
): Promise<{ parcel: ShelfParcel; logged: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const kase = forCase ? await caseRow(trx, forCase.rma) : null;
    const id = await insertOnShelf(trx, ctx, {
      tracking: code,
      reason: forCase ? likelyShelfReason(forCase.status) : 'to_identify',
      forCaseId: kase?.id ?? null,
    });
    if (id !== null) return { parcel: await parcelById(ctx, trx, id), logged: true };
    const there = await parcelOnShelf(ctx, trx, code);
    if (!there) throw new Error('depot: a shelf entry was refused, but none is on the shelf');
    return { parcel: there, logged: false };
  });
}

/** Logs a parcel by hand: with no case, or for a case that was not expecting it, with the reason. */
export async function createUnmatchedParcel(ctx: ServiceContext, input: z.output<typeof unmatchedParcelInput>): Promise<ShelfParcel> {
  const trx = trxOf(ctx);
  if (input.reason && !input.rma) throw fieldError('rma', receivingMessages.reasonNeedsCase());
  let forCaseId: number | null = null;
  let reason: ShelfReason = 'unmatched';
  if (input.rma) {
    const kase = await findCaseRow(trx, input.rma);
    if (!kase) throw fieldError('rma', casesMessages.noCase({ rma: input.rma }));
    forCaseId = kase.id;
    reason = input.reason ?? likelyShelfReason(kase.status);
  }
  return shelve(trx, ctx, { ...input, reason, forCaseId });
}

async function requireOnShelf(ctx: ServiceContext, trx: Tx, parcelId: number): Promise<ShelfParcel> {
  const parcel = await parcelById(ctx, trx, parcelId);
  if (!parcel.onShelf) throw fieldError('parcelId', parcel.linkedRma ? receivingMessages.parcelLinked() : receivingMessages.notOnShelf());
  return parcel;
}

/** What the dock adds to a parcel on the shelf. A parcel to identify that gets details is an unmatched parcel like any other. */
export async function updateParcel(ctx: ServiceContext, input: z.output<typeof parcelDetailsInput>): Promise<ShelfParcel> {
  const trx = trxOf(ctx);
  const parcel = await requireOnShelf(ctx, trx, input.parcelId);
  const reason: ShelfReason = parcel.forRma ? (input.reason ?? parcel.reason) : parcel.reason === 'to_identify' ? 'unmatched' : parcel.reason;
  if (reason === 'other' && !input.note) throw fieldError('note', receivingMessages.sayWhyOnShelf());
  await trx
    .updateTable('unmatched_parcels')
    .set({
      carrier: input.carrier,
      sender_name: input.senderName,
      contents: input.contents,
      shelf: input.shelf,
      note: input.note,
      reason,
    })
    .where('id', '=', parcel.id)
    .execute();
  return parcelById(ctx, trx, parcel.id);
}

/** Takes back a shelf entry logged by mistake (a code scanned wrong): it leaves no row behind. */
export async function discardParcel(ctx: ServiceContext, input: z.output<typeof parcelIdInput>): Promise<null> {
  const trx = trxOf(ctx);
  const parcel = await requireOnShelf(ctx, trx, input.parcelId);
  if (parcel.photos > 0) throw fieldError('parcelId', receivingMessages.parcelHasPhotos());
  if (!parcel.canDiscard) throw new DepotError('forbidden', receivingMessages.onlyLoggerDiscards());
  await trx.deleteFrom('unmatched_parcels').where('id', '=', parcel.id).execute();
  return null;
}

/**
 * Sets a unit aside at the dock: on the shelf for its case, with the serial scanned (a mismatch is
 * the reason; otherwise the note says why), and the photos taken so far.
 */
export async function setAside(ctx: ServiceContext, input: z.output<typeof setAsideInput>): Promise<ShelfParcel> {
  const trx = trxOf(ctx);
  const kase = await caseRow(trx, input.rma);
  const mismatch = input.serial != null && normalizeSerial(input.serial) !== kase.serial_norm;
  const reason: ShelfReason = mismatch ? 'serial_mismatch' : 'other';
  if (reason === 'other' && !input.note) throw fieldError('note', receivingMessages.sayWhyOnShelf());
  let parcel: ShelfParcel;
  if (input.parcelId) {
    const there = await requireOnShelf(ctx, trx, input.parcelId);
    await trx
      .updateTable('unmatched_parcels')
      .set({ reason, for_case_id: kase.id, serial_scanned: input.serial ?? null, shelf: input.shelf ?? there.shelf, note: input.note ?? there.note })
      .where('id', '=', there.id)
      .execute();
    parcel = there;
  } else {
    parcel = await shelve(trx, ctx, {
      tracking: input.tracking,
      reason,
      forCaseId: kase.id,
      serial: input.serial,
      shelf: input.shelf,
      note: input.note,
    });
  }
  const given = await givePhotosToParcel(trx, kase.id, input.photoIds, parcel.id);
  if (given !== new Set(input.photoIds).size) throw fieldError('photoIds', receivingMessages.photoNotOfCase());
  return parcelById(ctx, trx, parcel.id);
}

/** The parcels on the shelf that came for a case, oldest first: the case page shows them. */
export async function parcelsOfCase(ctx: ServiceContext, rma: string): Promise<ShelfParcel[]> {
  const kase = await caseRow(ctx.db, rma);
  return listShelf(ctx, { forCaseId: kase.id });
}

/**
 * Takes a parcel off the shelf to its case, in the caller's transaction: its photos go with it, the
 * case gets its tracking number if it had none, and the history says where the parcel was.
 */
export async function takeOffShelf(
  trx: Tx,
  ctx: ServiceContext,
  parcelId: number,
  kase: { id: number; status: Status; inbound_tracking: string | null },
): Promise<void> {
  const now = ctx.now.toISOString();
  const parcel = await trx.selectFrom('unmatched_parcels').selectAll().where('id', '=', parcelId).executeTakeFirst();
  if (!parcel) throw fieldError('parcelId', receivingMessages.noParcel());
  if (parcel.state !== 'on_shelf') throw fieldError('parcelId', parcel.case_id ? receivingMessages.parcelLinked() : receivingMessages.notOnShelf());
  await trx.updateTable('unmatched_parcels').set({ state: 'linked', case_id: kase.id, linked_at: now }).where('id', '=', parcel.id).execute();
  await movePhotosOfParcel(trx, parcel.id, kase.id);
  // A parcel scanned by its RMA label has no tracking number to give the case.
  if (!kase.inbound_tracking && !RMA_PATTERN.test(parcel.tracking.toUpperCase())) {
    await setInboundParcel(trx, kase.id, parcel, now);
    await indexCase(trx, kase.id);
  }
  await insertHistory(trx, {
    case_id: kase.id,
    at: now,
    user_id: userIdOf(ctx.caller),
    actor: ctx.caller.kind === 'user' ? ctx.caller.user.role : 'system',
    from_status: kase.status,
    to_status: kase.status,
    note: noteOf(
      parcel.shelf
        ? receivingMessages.parcelLinkedFromShelf({ tracking: parcel.tracking, shelf: parcel.shelf })
        : receivingMessages.parcelLinkedFrom({ tracking: parcel.tracking }),
    ),
  });
}

/** Links a parcel from the shelf to its case. */
export async function linkParcel(ctx: ServiceContext, input: z.output<typeof linkParcelInput>): Promise<ShelfParcel> {
  const trx = trxOf(ctx);
  const kase = await findCaseRow(trx, input.rma);
  if (!kase) {
    // Say first what is wrong with the parcel, then with the RMA.
    await requireOnShelf(ctx, trx, input.parcelId);
    throw fieldError('rma', casesMessages.noCase({ rma: input.rma }));
  }
  await takeOffShelf(trx, ctx, input.parcelId, kase);
  return parcelById(ctx, trx, input.parcelId);
}
