import type { z } from 'zod';
import type { ExpectedUnit, ReceiveOutcome, RecentReceipt, ScanResult, UnmatchedParcel, Accessory } from '../common/receiving.ts';
import type { linkParcelInput, receiveInput, undoReceiveInput, unmatchedParcelInput } from '../common/receiving.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { normalizeSerial, normalizeTracking, RMA_PATTERN } from '../../../base/common/schemas.ts';
import type { Status } from '../../cases/common/index.ts';
import type { Core, Db } from '../../../base/node/core.ts';
import { compiledOnce } from '../../../base/node/db/compiled.ts';
import { applyTransition, indexCase } from '../../cases/node/index.ts';
import { printUnitTag } from '../../shipping/node/index.ts';
import type { Caller } from '../../../base/common/identity.ts';

/** A receipt may be undone by the person who made it within this window; an admin may undo later. */
export const UNDO_WINDOW_MS = 15 * 60 * 1000;

const expecting: readonly Status[] = ['authorized', 'in_transit'];

function unitQuery(db: Db) {
  return db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .select([
      'cases.rma',
      'cases.status',
      'cases.version',
      'cases.serial',
      'cases.inbound_tracking',
      'customers.name as customer_name',
      'products.model',
      'products.name as product_name',
      'products.accessories',
    ]);
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['execute']>>[number];

const unitByRma = compiledOnce((db, rma: string) => unitQuery(db).where('cases.rma', '=', rma));
const unitsByTracking = compiledOnce((db, tracking: string) =>
  unitQuery(db).where('cases.inbound_tracking_norm', '=', tracking).orderBy('cases.id').limit(20),
);

const toUnit = (r: UnitRow): ExpectedUnit => ({
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
export async function scan(core: Core, code: string): Promise<ScanResult> {
  const upper = code.toUpperCase();
  let rows: UnitRow[] = [];
  if (RMA_PATTERN.test(upper)) rows = await unitByRma(core.db, upper);
  if (rows.length === 0) rows = await unitsByTracking(core.db, normalizeTracking(code));
  if (rows.length === 0) return { kind: 'unknown', code };
  const units = rows.map(toUnit);
  const open = units.filter((u) => expecting.includes(u.status as Status));
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
export async function receive(
  core: Core,
  caller: Caller,
  input: z.output<typeof receiveInput>,
): Promise<ReceiveOutcome> {
  const now = core.now();
  const caseId = await core.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('cases').select(['serial_norm', 'serial']).where('rma', '=', input.rma).executeTakeFirst();
    if (!row) throw new DepotError('not_found', `No case ${input.rma}`);
    const matches = normalizeSerial(input.serial) === row.serial_norm;
    if (!matches && !input.mismatchReason) {
      throw fieldError(
        'serial',
        `This serial does not match the RMA (${row.serial}). Give a reason to accept it, or set the parcel aside.`,
      );
    }
    const id = await applyTransition(trx, now, caller, {
      rma: input.rma,
      version: input.version,
      to: 'received',
      serial: input.serial,
      note: matches ? input.condition.note : `Serial mismatch accepted: ${input.mismatchReason}`,
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
    return id;
  });
  const after = await core.db.selectFrom('cases').select(['version', 'status']).where('id', '=', caseId).executeTakeFirstOrThrow();
  return {
    rma: input.rma,
    version: after.version,
    status: after.status,
    tag: await printUnitTag(core, caller, input.rma),
  };
}

/** How many recent receipts the dock lists for undo. */
const RECENT = 8;

export async function recentReceipts(core: Core, caller: Caller): Promise<RecentReceipt[]> {
  if (caller.kind !== 'user') return [];
  const rows = await core.db
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
    .where('intakes.received_by', '=', caller.user.id)
    .orderBy('intakes.id', 'desc')
    .limit(RECENT)
    .execute();
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

/** Reverts a wrong receipt to where the case was before, with the reason; history keeps both. */
export async function undoReceive(core: Core, caller: Caller, input: z.output<typeof undoReceiveInput>): Promise<void> {
  const now = core.now();
  await core.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('cases')
      .select(['id', 'status', 'version', 'portal_seq'])
      .where('rma', '=', input.rma)
      .executeTakeFirst();
    if (!row) throw new DepotError('not_found', `No case ${input.rma}`);
    if (row.version !== input.version) throw new DepotError('conflict', `${input.rma} was changed meanwhile; reload it`);
    if (row.status !== 'received') throw new DepotError('illegal_transition', `${input.rma} is not in received: nothing to undo`);
    const receipt = await trx
      .selectFrom('case_history')
      .select(['id', 'at', 'user_id', 'from_status'])
      .where('case_id', '=', row.id)
      .where('to_status', '=', 'received')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const isAdmin = caller.kind === 'user' && caller.user.role === 'admin';
    const sameUser = caller.kind === 'user' && caller.user.id === receipt.user_id;
    const recent = now.getTime() - Date.parse(receipt.at) <= UNDO_WINDOW_MS;
    if (!isAdmin && !(sameUser && recent)) {
      throw new DepotError('forbidden', 'Only the person who received it may undo a receipt, within 15 minutes; ask an admin');
    }
    const back = (receipt.from_status ?? 'authorized') as Status;
    await trx
      .updateTable('cases')
      .set({ status: back, version: row.version + 1, received_at: null, updated_at: now.toISOString(), status_changed_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .execute();
    await trx
      .insertInto('case_history')
      .values({
        case_id: row.id,
        at: now.toISOString(),
        user_id: caller.kind === 'user' ? caller.user.id : null,
        actor: caller.kind === 'user' ? caller.user.role : 'system',
        from_status: 'received',
        to_status: back,
        note: `Receipt undone: ${input.reason}`,
      })
      .execute();
    await trx
      .updateTable('intakes')
      .set({ undone_at: now.toISOString(), undo_reason: input.reason })
      .where('case_id', '=', row.id)
      .where('undone_at', 'is', null)
      .execute();
    // A receipt the portal has not been told of yet is simply never told.
    await trx
      .deleteFrom('portal_outbox')
      .where('case_id', '=', row.id)
      .where('kind', '=', 'status')
      .where('seq', '=', row.portal_seq)
      .where('state', '=', 'pending')
      .execute();
  });
}

export async function createUnmatchedParcel(
  core: Core,
  caller: Caller,
  input: z.output<typeof unmatchedParcelInput>,
): Promise<UnmatchedParcel> {
  const row = await core.db
    .insertInto('unmatched_parcels')
    .values({
      tracking: input.tracking,
      tracking_norm: normalizeTracking(input.tracking),
      carrier: input.carrier,
      sender_name: input.senderName,
      contents: input.contents,
      shelf: input.shelf,
      note: input.note,
      created_at: core.now().toISOString(),
      created_by: caller.kind === 'user' ? caller.user.id : null,
      case_id: null,
      linked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await listUnmatchedParcels(core, { includeLinked: true, id: Number(row.id) }))[0]!;
}

export async function listUnmatchedParcels(
  core: Core,
  options: { includeLinked?: boolean; id?: number } = {},
): Promise<UnmatchedParcel[]> {
  let q = core.db
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
  const rows = await q.orderBy('unmatched_parcels.created_at').limit(1000).execute();
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
export async function linkParcel(core: Core, caller: Caller, input: z.output<typeof linkParcelInput>): Promise<UnmatchedParcel> {
  const now = core.now().toISOString();
  await core.db.transaction().execute(async (trx) => {
    const parcel = await trx.selectFrom('unmatched_parcels').selectAll().where('id', '=', input.parcelId).executeTakeFirst();
    if (!parcel) throw fieldError('parcelId', 'No such parcel');
    if (parcel.case_id !== null) throw fieldError('parcelId', 'This parcel is already linked to a case');
    const kase = await trx
      .selectFrom('cases')
      .select(['id', 'status', 'inbound_tracking'])
      .where('rma', '=', input.rma)
      .executeTakeFirst();
    if (!kase) throw fieldError('rma', `No case ${input.rma}`);
    await trx.updateTable('unmatched_parcels').set({ case_id: kase.id, linked_at: now }).where('id', '=', parcel.id).execute();
    await trx.updateTable('attachments').set({ case_id: kase.id }).where('parcel_id', '=', parcel.id).execute();
    if (!kase.inbound_tracking) {
      await trx
        .updateTable('cases')
        .set({ inbound_tracking: parcel.tracking, inbound_tracking_norm: parcel.tracking_norm, inbound_carrier: parcel.carrier, updated_at: now })
        .where('id', '=', kase.id)
        .execute();
      await indexCase(trx, kase.id);
    }
    await trx
      .insertInto('case_history')
      .values({
        case_id: kase.id,
        at: now,
        user_id: caller.kind === 'user' ? caller.user.id : null,
        actor: caller.kind === 'user' ? caller.user.role : 'system',
        from_status: kase.status,
        to_status: kase.status,
        note: `Parcel ${parcel.tracking} linked from the unmatched shelf${parcel.shelf ? ` (${parcel.shelf})` : ''}`,
      })
      .execute();
  });
  return (await listUnmatchedParcels(core, { includeLinked: true, id: input.parcelId }))[0]!;
}
