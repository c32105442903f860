import type { z } from 'zod';
import type { CaseDetail, CaseList, CaseSummary, HistoryEntry } from '../common/types.ts';
import { noteOf, type Said } from '../../../base/common/messages.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { casesMessages } from '../common/messages.ts';
import { normalizeSerial, normalizeTracking } from '../../../base/common/schemas.ts';
import { shippingPaidBy } from '../../warranty/common/index.ts';
import { findTransition, nextStatuses, portalStatusFor, type Resolution, type Status, type Workflow } from '../common/status.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import { trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { enqueue, enqueueStatus } from '../../../base/node/outbox.ts';
import { caseTerms, queryTerms } from './search-terms.ts';
import { readBenchSettings, requireSite, siteToday } from '../../settings/node/index.ts';
import {
  caseDetailByRma,
  caseHistory,
  caseRow,
  addAddress,
  addCustomer,
  caseSummaries,
  findCaseRow,
  insertCase,
  insertHistory,
  notePartsOf,
  requireVersion,
  saveCase,
  searchFieldsOf,
  userIdOf,
} from './store.ts';
import type { Caller } from '../../../base/common/identity.ts';
import type { Actor } from '../../../base/common/identity.ts';
import { productByModel } from '../../products/node/index.ts';
import { productsMessages } from '../../products/common/index.ts';
import type { createCaseInput, transitionInput } from '../common/contract.ts';

const actorOf = (caller: Caller): Actor => (caller.kind === 'system' ? 'system' : caller.user.role);

/** The next RMA number of a year; the counter row is locked by the update, so two stations never share one. */
export async function nextRma(trx: Tx, year: number): Promise<string> {
  await trx
    .insertInto('rma_counters')
    .values({ year, last: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  const row = await trx
    .updateTable('rma_counters')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  if (row.last > 999_999) throw new DepotError('conflict', casesMessages.rmaUsedUp({ year }));
  return `RMA-${year}-${String(row.last).padStart(6, '0')}`;
}

export async function indexCase(trx: Db, caseId: number): Promise<void> {
  const row = await searchFieldsOf(trx, caseId);
  await trx.deleteFrom('case_terms').where('case_id', '=', caseId).execute();
  const terms = caseTerms({
    rma: row.rma,
    serial: row.serial,
    tracking: row.inbound_tracking,
    customerName: row.name,
    email: row.email,
    phone: row.phone,
  });
  if (terms.length > 0) {
    await trx
      .insertInto('case_terms')
      .values(terms.map((term) => ({ term, case_id: caseId })))
      .execute();
  }
}

export type CreateCaseInput = z.output<typeof createCaseInput>;

/** A customer at the desk and their return address, written once for every unit they bring or send. */
export interface DeskCustomer {
  customerId: number;
  addressId: number;
  /** As the portal is told of each case. */
  customer: CreateCaseInput['customer'];
  returnAddress: CreateCaseInput['returnAddress'];
}

/** Writes a desk customer and their return address (one walk-in, or a distributor's return of many units). */
export async function addDeskCustomer(
  trx: Tx,
  at: string,
  customer: CreateCaseInput['customer'],
  returnAddress: CreateCaseInput['returnAddress'],
): Promise<DeskCustomer> {
  const { id: customerId } = await addCustomer(trx, { name: customer.name, email: customer.email, phone: customer.phone, locale: customer.locale, created_at: at });
  const a = returnAddress;
  const { id: addressId } = await addAddress(trx, {
    customer_id: customerId,
    name: a.name,
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    region: a.region,
    postal_code: a.postalCode,
    country: a.country,
    phone: a.phone,
  });
  return { customerId, addressId, customer, returnAddress };
}

/** One unit of a desk case: its model (a product that is active), serial and trouble. */
export interface DeskUnit {
  product: { id: number; model: string };
  serial: string;
  purchaseDate: string | null;
  problemCategory: string | null;
  problemDescription: string;
  /** The parcel it comes in, when the customer sends it (a distributor's carton). */
  inbound?: { tracking: string; carrier: string | null };
}

/**
 * A case opened at the desk: authorized at once, with its history and search terms, and the portal
 * is told of it (the case, then its status), all in the caller's transaction.
 */
export async function openDeskCase(trx: Tx, ctx: ServiceContext, owner: DeskCustomer, unit: DeskUnit, instructions: string): Promise<{ id: number; rma: string }> {
  const { now, caller } = ctx;
  const site = await requireSite(trx);
  const rma = await nextRma(trx, now.getUTCFullYear());
  const at = now.toISOString();
  const { id: caseId } = await insertCase(trx, at, {
    rma,
    status: 'authorized',
    customer_id: owner.customerId,
    product_id: unit.product.id,
    serial: unit.serial,
    serial_norm: normalizeSerial(unit.serial),
    purchase_date: unit.purchaseDate,
    problem_category: unit.problemCategory,
    problem_description: unit.problemDescription,
    return_address_id: owner.addressId,
    source: 'desk',
    portal_seq: 1,
    ...(unit.inbound
      ? { inbound_tracking: unit.inbound.tracking, inbound_tracking_norm: normalizeTracking(unit.inbound.tracking), inbound_carrier: unit.inbound.carrier }
      : {}),
  });
  await insertHistory(trx, {
    case_id: caseId,
    at,
    user_id: userIdOf(caller),
    actor: actorOf(caller),
    from_status: null,
    to_status: 'authorized',
    note: noteOf(casesMessages.createdAtDesk()),
  });
  await indexCase(trx, caseId);
  await enqueue(trx, now, {
    caseId,
    rma,
    kind: 'case',
    method: 'PUT',
    path: `/rmas/${encodeURIComponent(rma)}`,
    body: {
      customer: owner.customer,
      product: { model: unit.product.model, serial: unit.serial, purchaseDate: unit.purchaseDate },
      problem: { category: unit.problemCategory ?? 'other', description: unit.problemDescription },
      returnAddress: owner.returnAddress,
    },
  });
  await enqueueStatus(trx, now, { caseId, rma, seq: 1 }, 'authorized', null, {
    shipTo: site.address,
    shippingPaidBy: await inboundShippingPayer(trx, unit.purchaseDate, now),
    instructions,
  });
  return { id: caseId, rma };
}

/** A case created at the desk (walk-in or phone): authorized at once, and the portal is told. */
export async function createCase(ctx: ServiceContext, input: CreateCaseInput): Promise<CaseDetail> {
  const { now } = ctx;
  if (input.purchaseDate && input.purchaseDate > now.toISOString().slice(0, 10)) {
    throw fieldError('purchaseDate', casesMessages.purchaseInFuture());
  }
  const trx = trxOf(ctx);
  await requireSite(trx);
  const product = await productByModel(trx, input.model);
  if (!product) throw fieldError('model', casesMessages.unknownModel({ model: input.model }));
  if (!product.active) throw fieldError('model', productsMessages.retired({ model: product.model }));
  const owner = await addDeskCustomer(trx, now.toISOString(), input.customer, input.returnAddress);
  const { rma } = await openDeskCase(
    trx,
    ctx,
    owner,
    {
      product,
      serial: input.serial,
      purchaseDate: input.purchaseDate,
      problemCategory: input.problemCategory,
      problemDescription: input.problemDescription,
    },
    'Handed in at the depot counter.',
  );
  return getCase(ctx, rma);
}

/** Who pays the customer's shipment to the depot, by the site's warranty policy on its calendar. */
async function inboundShippingPayer(trx: Tx, purchaseDate: string | null, now: Date): Promise<'company' | 'customer'> {
  const [settings, today] = await Promise.all([readBenchSettings(trx), siteToday(trx, now)]);
  return shippingPaidBy(purchaseDate, today, settings.policy);
}

/**
 * A status change as the workflows make it: the API's input, plus what Depot itself says of the
 * move (`said`, e.g. "Receipt undone: …"), kept in the history before the person's own note.
 * A move that needs a note takes Depot's words as one.
 */
export type TransitionInput = z.output<typeof transitionInput> & { said?: readonly Said[] };

const workflowScreens: Record<Workflow, () => Said> = {
  receiving: casesMessages.onReceivingScreen,
  bench: casesMessages.onBenchScreen,
  shipping: casesMessages.onShippingScreen,
};

/**
 * The one way a case changes status: status, history and the portal's outbox row are written in
 * one transaction, the version rises by one, and a stale version is refused as a conflict.
 */
export async function transition(ctx: ServiceContext, input: TransitionInput): Promise<CaseDetail> {
  const current = await findCaseRow(ctx.db, input.rma);
  const via = current && findTransition(current.status, input.to)?.via;
  if (via) {
    throw new DepotError('illegal_transition', workflowScreens[via]());
  }
  await applyTransition(trxOf(ctx), ctx.now, ctx.caller, input);
  return getCase(ctx, input.rma);
}

/**
 * The body of a status change, for services that change more in the same transaction. Returns the
 * case id. `notifyPortal: false` is for changes the customer made on the portal itself;
 * `portalDetails` adds what only the calling feature knows to the status's details (the remedy a
 * case was completed with).
 */
export async function applyTransition(
  trx: Tx,
  now: Date,
  caller: Caller,
  input: TransitionInput,
  options: { notifyPortal?: boolean; portalDetails?: Record<string, unknown> } = {},
): Promise<number> {
  const at = now.toISOString();
  const row = await caseRow(trx, input.rma);
  const from = row.status;
  requireVersion(row, input.version);
  const move = findTransition(from, input.to);
  if (!move) {
    throw new DepotError('illegal_transition', casesMessages.cannotBecome({ from, to: input.to }));
  }
  const actor = actorOf(caller);
  if (!move.by.includes(actor)) {
    throw new DepotError('forbidden', casesMessages.roleCannotMove({ role: actor, from, to: input.to }));
  }
  const missing: Record<string, Said> = {};
  for (const need of move.requires) {
    if (need === 'note' && !input.note && !input.said?.length) missing.note = casesMessages.giveReason();
    if (need === 'serial' && !input.serial) missing.serial = casesMessages.scanSerial();
    if (need === 'tracking' && !input.tracking) missing.tracking = casesMessages.enterTracking();
    if (need === 'resolution' && !input.resolution) missing.resolution = casesMessages.chooseResolution();
  }
  if (input.to === 'received' && input.serial && normalizeSerial(input.serial) !== row.serial_norm && !input.note && !input.said?.length) {
    missing.serial = casesMessages.serialMismatch({ serial: row.serial });
  }
  if (Object.keys(missing).length > 0) {
    throw new DepotError('invalid', Object.values(missing)[0]!, missing);
  }

  const resolution: Resolution | null = input.resolution ?? (row.resolution as Resolution | null);
  const portalStatus = options.notifyPortal === false ? null : portalStatusFor(input.to, resolution);
  const seq = portalStatus ? row.portal_seq + 1 : row.portal_seq;
  // Undoing a wrong receipt puts the case back as it was before the parcel came.
  const undoesReceipt = from === 'received' && move.via === 'receiving';
  await saveCase(trx, row, at, {
    status: input.to,
    status_changed_at: at,
    portal_seq: seq,
    resolution,
    ...(input.to === 'received' ? { received_at: at } : {}),
    ...(undoesReceipt ? { received_at: null } : {}),
    ...(input.to === 'in_transit' && !undoesReceipt
      ? {
          inbound_carrier: input.carrier,
          inbound_tracking: input.tracking!,
          inbound_tracking_norm: normalizeTracking(input.tracking!),
        }
      : {}),
    ...(input.to === 'shipped' ? { outbound_carrier: input.carrier, outbound_tracking: input.tracking! } : {}),
  });
  const serialDiffers = input.to === 'received' && input.serial && normalizeSerial(input.serial) !== row.serial_norm;
  const note = noteOf(
    serialDiffers ? casesMessages.serialReceived({ serial: input.serial!, expected: row.serial }) : null,
    ...(input.said ?? []),
    input.note,
  );
  await insertHistory(trx, {
    case_id: row.id,
    at,
    user_id: userIdOf(caller),
    actor,
    from_status: from,
    to_status: input.to,
    note,
  });
  if (input.to === 'in_transit' && !undoesReceipt) await indexCase(trx, row.id);
  if (portalStatus) {
    const details = await portalDetails(trx, input, { caseId: row.id, at, purchaseDate: row.purchase_date, resolution, now });
    await enqueueStatus(trx, now, { caseId: row.id, rma: row.rma, seq }, portalStatus, null, { ...details, ...options.portalDetails });
  }
  return row.id;
}

async function portalDetails(
  trx: Tx,
  input: TransitionInput,
  context: { caseId: number; at: string; purchaseDate: string | null; resolution: Resolution | null; now: Date },
): Promise<Record<string, unknown> | undefined> {
  switch (input.to) {
    case 'awaiting_customer': {
      // The estimate is queued for the portal before this status, which names the version it waits on.
      const latest = await trx
        .selectFrom('estimates')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('case_id', '=', context.caseId)
        .executeTakeFirst();
      return latest?.version == null ? undefined : { estimateVersion: Number(latest.version) };
    }
    case 'authorized': {
      const site = await requireSite(trx);
      return {
        shipTo: site.address,
        shippingPaidBy: await inboundShippingPayer(trx, context.purchaseDate, context.now),
        instructions: `Write the RMA number on the parcel and send it to ${site.siteName}.`,
      };
    }
    case 'rejected':
    case 'cancelled':
      return { reason: input.note };
    case 'received':
      return { receivedAt: context.at };
    case 'shipped':
      return { carrier: input.carrier, trackingNumber: input.tracking };
    case 'closed':
      return { resolution: context.resolution ?? 'repaired' };
    default:
      return undefined;
  }
}

export async function getCase(ctx: ServiceContext, rma: string): Promise<CaseDetail> {
  const [row] = await caseDetailByRma(ctx.db, rma);
  if (!row) throw new DepotError('not_found', casesMessages.noCase({ rma }));
  const history = await caseHistory(ctx.db, row.id);
  const status = row.status as Status;
  return {
    id: Number(row.id),
    rma: row.rma,
    status,
    version: row.version,
    customerName: row.customer_name,
    model: row.model,
    serial: row.serial,
    createdAt: row.created_at,
    statusChangedAt: row.status_changed_at,
    updatedAt: row.updated_at,
    customer: {
      id: Number(row.customer_id),
      name: row.customer_name,
      email: row.email,
      phone: row.customer_phone,
      locale: row.locale,
    },
    product: row.model
      ? {
          model: row.model,
          productLine: row.product_line!,
          name: row.product_name!,
          warrantyMonths: row.warranty_months!,
        }
      : null,
    purchaseDate: row.purchase_date,
    problemCategory: row.problem_category,
    problemDescription: row.problem_description,
    inbound: { carrier: row.inbound_carrier, tracking: row.inbound_tracking },
    outbound: { carrier: row.outbound_carrier, tracking: row.outbound_tracking },
    returnAddress: row.address_line1
      ? {
          name: row.address_name!,
          line1: row.address_line1,
          line2: row.address_line2,
          city: row.address_city!,
          region: row.address_region,
          postalCode: row.address_postal_code!,
          country: row.address_country!,
          phone: row.address_phone,
        }
      : null,
    source: row.source as 'portal' | 'desk',
    resolution: row.resolution as Resolution | null,
    assignedTo: row.assigned_name,
    receivedAt: row.received_at,
    history: history.map(
      (h): HistoryEntry => ({
        id: Number(h.id),
        at: h.at,
        userName: h.user_name,
        actor: h.actor,
        from: h.from_status as Status | null,
        to: h.to_status as Status,
        note: h.note,
        noteParts: notePartsOf(h),
      }),
    ),
    nextStatuses: nextStatuses(status, actorOf(ctx.caller)),
  };
}

export interface ListInput {
  query?: string | undefined;
  statuses?: Status[] | undefined;
  locationId?: number | undefined;
  limit: number;
  offset: number;
}

/** Newest first; a search matches every word by prefix over RMA, serial, tracking, name, e-mail, phone. */
export async function listCases(ctx: ServiceContext, input: ListInput): Promise<CaseList> {
  const [driver, ...filters] = input.query ? queryTerms(input.query) : [];
  const rows = await caseSummaries(ctx.db, { driver, filters, statuses: input.statuses, locationId: input.locationId, limit: input.limit, offset: input.offset });
  return {
    rows: rows.slice(0, input.limit).map(
      (r): CaseSummary => ({
        id: Number(r.id),
        rma: r.rma,
        status: r.status as Status,
        customerName: r.customer_name,
        model: r.model,
        serial: r.serial,
        createdAt: r.created_at,
        statusChangedAt: r.status_changed_at,
      }),
    ),
    more: rows.length > input.limit,
  };
}

