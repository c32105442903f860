import { z } from 'zod';
import { normalizeSerial, normalizeTracking, RMA_PATTERN } from '../../shared/schemas.ts';
import type { Status } from '../../shared/status.ts';
import type { Core, Tx } from '../context.ts';
import { DepotError } from '../../shared/result.ts';
import { applyTransition, indexCase } from '../services/cases.ts';
import {
  portalAddressSchema,
  portalCustomerSchema,
  portalProblemSchema,
  portalProductSchema,
  type PortalClient,
  type PortalEvent,
} from './client.ts';
import { flagCase } from './flags.ts';
import { readSyncState } from './state.ts';

/**
 * The event pull: reads what customers did on the portal and applies it. Each page of events is
 * applied in one transaction together with the new cursor; an event id seen before is skipped, so
 * an event delivered twice is applied once. An event Depot cannot apply is parked for staff.
 */

export interface PullOptions {
  /** Events per request (1..500). */
  limit?: number;
  /** Pages read per call, so one call stays bounded however long the feed is. */
  maxPages?: number;
}

export interface PullResult {
  pages: number;
  applied: number;
  /** Events already applied (delivered again). */
  duplicates: number;
  parked: number;
  cursor: string | null;
  hasMore: boolean;
}

class Parked extends Error {}

const tracking = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9\s-]+$/);
const isoTime = z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'Not a time');

export const eventDataSchemas = {
  'rma.requested': z.object({
    customer: portalCustomerSchema,
    product: portalProductSchema,
    problem: portalProblemSchema,
    attachments: z
      .array(z.object({ url: z.url(), name: z.string().min(1).max(300), contentType: z.string().max(200).nullish() }))
      .max(100)
      .default([]),
    returnAddress: portalAddressSchema,
  }),
  'rma.shipment_submitted': z.object({ carrier: z.string().trim().min(1).max(64), trackingNumber: tracking, shippedAt: isoTime }),
  'rma.estimate_decided': z.object({
    estimateVersion: z.number().int().positive(),
    decision: z.enum(['accepted', 'declined']),
    decidedAt: isoTime,
    note: z.string().max(2000).nullish(),
  }),
  'rma.payment_received': z.object({
    estimateVersion: z.number().int().positive(),
    amount: z.number().int().nonnegative(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    reference: z.string().min(1).max(200),
    paidAt: isoTime,
  }),
  'rma.address_changed': z.object({ returnAddress: portalAddressSchema }),
  'rma.cancelled': z.object({ reason: z.string().max(2000).default('') }),
  'rma.message': z.object({ body: z.string().trim().min(1).max(10_000) }),
} as const;

/** Reads pages of events until the feed is exhausted or `maxPages` pages were read. */
export async function pullEvents(core: Core, client: PortalClient, options: PullOptions = {}): Promise<PullResult> {
  const db = core.db;
  const limit = options.limit ?? 500;
  const maxPages = options.maxPages ?? 20;
  const result: PullResult = { pages: 0, applied: 0, duplicates: 0, parked: 0, cursor: null, hasMore: false };
  let cursor = (await readSyncState(db)).cursor;
  for (let page = 0; page < maxPages; page++) {
    const feed = await client.events(cursor, limit);
    result.pages++;
    const next = feed.nextCursor ?? cursor;
    const before = { applied: result.applied, duplicates: result.duplicates, parked: result.parked };
    try {
      await db.transaction().execute(async (trx) => {
        const seen = await alreadyApplied(trx, feed.events);
        const done: AppliedRow[] = [];
        for (const event of feed.events) await applyOne(trx, core.now(), event, seen, result, done);
        for (let i = 0; i < done.length; i += 100) await trx.insertInto('portal_applied_events').values(done.slice(i, i + 100)).execute();
        await trx.updateTable('portal_sync_state').set({ cursor: next, last_pull_at: core.now().toISOString() }).where('id', '=', 1).execute();
      });
    } catch {
      // Something unforeseen failed inside the page (rolled back): apply it event by event, parking whatever fails.
      Object.assign(result, before);
      await applyOneByOne(core, feed.events, next, result);
    }
    cursor = next;
    result.cursor = cursor;
    result.hasMore = feed.hasMore;
    if (!feed.hasMore || feed.events.length === 0) break;
  }
  return result;
}

async function applyOneByOne(core: Core, events: PortalEvent[], next: string | null, result: PullResult): Promise<void> {
  const db = core.db;
  for (const event of events) {
    try {
      await db.transaction().execute(async (trx) => {
        const done: AppliedRow[] = [];
        await applyOne(trx, core.now(), event, await alreadyApplied(trx, [event]), result, done);
        if (done.length > 0) await trx.insertInto('portal_applied_events').values(done).execute();
      });
    } catch (error) {
      await db.transaction().execute(async (trx) => {
        if ((await alreadyApplied(trx, [event])).has(event.id)) return;
        await park(trx, core.now(), event, `Could not apply: ${error instanceof Error ? error.message : String(error)}`);
        await trx
          .insertInto('portal_applied_events')
          .values({ event_id: event.id, seq: event.seq, type: event.type, rma: event.rma, applied_at: core.now().toISOString() })
          .execute();
        result.parked++;
      });
    }
  }
  await db.updateTable('portal_sync_state').set({ cursor: next, last_pull_at: core.now().toISOString() }).where('id', '=', 1).execute();
}

async function alreadyApplied(trx: Tx, events: PortalEvent[]): Promise<Set<string>> {
  const ids = [...new Set(events.map((e) => e.id))];
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx.selectFrom('portal_applied_events').select('event_id').where('event_id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) seen.add(r.event_id);
  }
  return seen;
}

type AppliedRow = { event_id: string; seq: number; type: string; rma: string; applied_at: string };

/** Applies (or parks) one event and adds it to `done`, the page's applied ids written with it. */
async function applyOne(trx: Tx, now: Date, event: PortalEvent, seen: Set<string>, result: PullResult, done: AppliedRow[]): Promise<void> {
  if (seen.has(event.id)) {
    result.duplicates++;
    return;
  }
  seen.add(event.id);
  try {
    await applyEvent(trx, now, event);
    result.applied++;
  } catch (error) {
    if (!(error instanceof Parked)) throw error;
    await park(trx, now, event, error.message);
    result.parked++;
  }
  done.push({ event_id: event.id, seq: event.seq, type: event.type, rma: event.rma, applied_at: now.toISOString() });
}

async function park(trx: Tx, now: Date, event: PortalEvent, reason: string): Promise<void> {
  await trx
    .insertInto('portal_parked_events')
    .values({
      event_id: event.id,
      seq: event.seq,
      type: event.type,
      rma: event.rma,
      payload: JSON.stringify(event),
      reason,
      created_at: now.toISOString(),
      resolved_at: null,
    })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

function parseData<T extends z.ZodType>(schema: T, event: PortalEvent): z.output<T> {
  const parsed = schema.safeParse(event.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Parked(`Invalid ${event.type} data${issue ? ` (${issue.path.join('.') || 'data'}: ${issue.message})` : ''}`);
  }
  return parsed.data;
}

interface CaseRow {
  id: number;
  rma: string;
  status: Status;
  version: number;
  customer_id: number;
}

async function findCase(trx: Tx, rma: string): Promise<CaseRow> {
  const row = await trx
    .selectFrom('cases')
    .select(['id', 'rma', 'status', 'version', 'customer_id'])
    .where('rma', '=', rma)
    .executeTakeFirst();
  if (!row) throw new Parked(`No case ${rma} in Depot`);
  return { ...row, id: Number(row.id), customer_id: Number(row.customer_id), status: row.status as Status };
}

async function applyEvent(trx: Tx, now: Date, event: PortalEvent): Promise<void> {
  if (!RMA_PATTERN.test(event.rma)) throw new Parked(`"${event.rma}" is not an RMA number`);
  const at = now.toISOString();
  switch (event.type) {
    case 'rma.requested':
      return createRequestedCase(trx, now, event.rma, parseData(eventDataSchemas['rma.requested'], event));
    case 'rma.shipment_submitted': {
      const data = parseData(eventDataSchemas['rma.shipment_submitted'], event);
      const c = await findCase(trx, event.rma);
      if (c.status === 'authorized') {
        await systemTransition(trx, now, c, 'in_transit', `Shipped by the customer on ${data.shippedAt}`, {
          carrier: data.carrier,
          tracking: data.trackingNumber,
        });
      } else if (c.status === 'in_transit') {
        // The customer corrected the carrier or tracking number.
        await trx
          .updateTable('cases')
          .set({
            inbound_carrier: data.carrier,
            inbound_tracking: data.trackingNumber,
            inbound_tracking_norm: normalizeTracking(data.trackingNumber),
            version: c.version + 1,
            updated_at: at,
          })
          .where('id', '=', c.id)
          .execute();
        await indexCase(trx, c.id);
      } else {
        await flagCase(trx, now, c.id, 'shipment_unexpected', `The customer reported shipping (${data.carrier} ${data.trackingNumber}) while the case is ${c.status}.`);
      }
      return;
    }
    case 'rma.estimate_decided': {
      const data = parseData(eventDataSchemas['rma.estimate_decided'], event);
      const c = await findCase(trx, event.rma);
      await trx
        .insertInto('portal_estimate_decisions')
        .values({
          case_id: c.id,
          estimate_version: data.estimateVersion,
          decision: data.decision,
          decided_at: data.decidedAt,
          note: data.note ?? null,
          event_id: event.id,
          created_at: at,
        })
        .execute();
      return;
    }
    case 'rma.payment_received': {
      const data = parseData(eventDataSchemas['rma.payment_received'], event);
      const c = await findCase(trx, event.rma);
      await trx
        .insertInto('portal_payments')
        .values({
          case_id: c.id,
          estimate_version: data.estimateVersion,
          amount: data.amount,
          currency: data.currency,
          reference: data.reference,
          paid_at: data.paidAt,
          event_id: event.id,
          created_at: at,
        })
        .execute();
      return;
    }
    case 'rma.address_changed': {
      const data = parseData(eventDataSchemas['rma.address_changed'], event);
      const c = await findCase(trx, event.rma);
      const a = data.returnAddress;
      if (['shipped', 'closed', 'cancelled', 'rejected'].includes(c.status)) {
        await flagCase(
          trx,
          now,
          c.id,
          'address_after_shipment',
          `The customer changed the return address after the case was ${c.status}: ${formatAddress(a)}`,
        );
        return;
      }
      const address = await insertAddress(trx, c.customer_id, a);
      await trx
        .updateTable('cases')
        .set({ return_address_id: address, version: c.version + 1, updated_at: at })
        .where('id', '=', c.id)
        .execute();
      if (c.status === 'ready_to_ship') {
        await flagCase(trx, now, c.id, 'address_changed', `The customer changed the return address; reprint the label if it was printed: ${formatAddress(a)}`);
      }
      return;
    }
    case 'rma.cancelled': {
      const data = parseData(eventDataSchemas['rma.cancelled'], event);
      const c = await findCase(trx, event.rma);
      const note = `Cancelled by the customer on the portal${data.reason ? `: ${data.reason}` : ''}`;
      if (c.status === 'cancelled') return;
      // Until the unit reaches the depot there is nothing to send back: cancel. After, staff decide.
      if (['requested', 'authorized', 'in_transit'].includes(c.status)) {
        await systemTransition(trx, now, c, 'cancelled', note);
      } else {
        await flagCase(trx, now, c.id, 'customer_cancelled', `${note}. The case is ${c.status}; decide how to return the unit.`);
      }
      return;
    }
    case 'rma.message': {
      const data = parseData(eventDataSchemas['rma.message'], event);
      const c = await findCase(trx, event.rma);
      await trx
        .insertInto('case_messages')
        .values({ case_id: c.id, direction: 'customer', body: data.body, at: event.occurredAt, user_id: null, event_id: event.id, created_at: at })
        .execute();
      return;
    }
    default:
      throw new Parked(`Unknown event type "${event.type}"`);
  }
}

type RequestedData = z.output<(typeof eventDataSchemas)['rma.requested']>;

async function createRequestedCase(trx: Tx, now: Date, rma: string, data: RequestedData): Promise<void> {
  const existing = await trx.selectFrom('cases').select('id').where('rma', '=', rma).executeTakeFirst();
  if (existing) throw new Parked(`${rma} already exists in Depot`);
  const at = now.toISOString();
  const product = await trx.selectFrom('products').select('id').where('model', '=', data.product.model).executeTakeFirst();
  const customer = await trx
    .insertInto('customers')
    .values({
      name: data.customer.name.trim(),
      email: data.customer.email ?? null,
      phone: data.customer.phone ?? null,
      locale: data.customer.locale ?? null,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const addressId = await insertAddress(trx, Number(customer.id), data.returnAddress);
  const inserted = await trx
    .insertInto('cases')
    .values({
      rma,
      status: 'requested',
      version: 1,
      customer_id: customer.id,
      product_id: product ? product.id : null,
      serial: data.product.serial.trim(),
      serial_norm: normalizeSerial(data.product.serial),
      purchase_date: data.product.purchaseDate ?? null,
      problem_category: data.problem.category,
      problem_description: data.problem.description,
      inbound_carrier: null,
      inbound_tracking: null,
      inbound_tracking_norm: null,
      outbound_carrier: null,
      outbound_tracking: null,
      return_address_id: addressId,
      source: 'portal',
      resolution: null,
      assigned_to: null,
      created_at: at,
      updated_at: at,
      status_changed_at: at,
      received_at: null,
      portal_seq: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const caseId = Number(inserted.id);
  const unknownModel = product ? null : `Model "${data.product.model}" is not in the product catalog`;
  await trx
    .insertInto('case_history')
    .values({
      case_id: caseId,
      at,
      user_id: null,
      actor: 'system',
      from_status: null,
      to_status: 'requested',
      note: ['Requested on the portal', unknownModel].filter(Boolean).join('\n'),
    })
    .execute();
  if (unknownModel) await flagCase(trx, now, caseId, 'unknown_model', `${unknownModel}; choose the product.`);
  const links = data.attachments.map((f) => ({ url: f.url, name: f.name, content_type: f.contentType ?? null }));
  if (data.product.proofOfPurchaseUrl) links.push({ url: data.product.proofOfPurchaseUrl, name: 'Proof of purchase', content_type: null });
  if (links.length > 0) {
    await trx
      .insertInto('portal_attachment_links')
      .values(links.map((l) => ({ ...l, case_id: caseId, created_at: at })))
      .execute();
  }
  await indexCase(trx, caseId);
  await reserveRma(trx, rma);
}

/** Keeps Depot's own RMA counter past numbers the portal assigned, so desk cases never collide with them. */
async function reserveRma(trx: Tx, rma: string): Promise<void> {
  const year = Number(rma.slice(4, 8));
  const number = Number(rma.slice(9));
  await trx.insertInto('rma_counters').values({ year, last: 0 }).onConflict((oc) => oc.column('year').doNothing()).execute();
  await trx.updateTable('rma_counters').set({ last: number }).where('year', '=', year).where('last', '<', number).execute();
}

async function insertAddress(trx: Tx, customerId: number, a: z.output<typeof portalAddressSchema>): Promise<number> {
  const row = await trx
    .insertInto('addresses')
    .values({
      customer_id: customerId,
      name: a.name,
      line1: a.line1,
      line2: a.line2 ?? null,
      city: a.city,
      region: a.region ?? null,
      postal_code: a.postalCode,
      country: a.country.toUpperCase(),
      phone: a.phone ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

function formatAddress(a: z.output<typeof portalAddressSchema>): string {
  return [a.name, a.line1, a.line2, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ');
}

/**
 * A status change the customer made on the portal, inside the pull's transaction: the same core
 * function as every status change, without telling the portal what it already knows.
 */
async function systemTransition(
  trx: Tx,
  now: Date,
  c: CaseRow,
  to: Status,
  note: string,
  shipment: { carrier?: string; tracking?: string } = {},
): Promise<void> {
  try {
    await applyTransition(
      trx,
      now,
      { kind: 'system' },
      { rma: c.rma, version: c.version, to, note, carrier: shipment.carrier ?? null, tracking: shipment.tracking },
      { notifyPortal: false },
    );
  } catch (error) {
    if (error instanceof DepotError && error.code !== 'internal') throw new Parked(error.message);
    throw error;
  }
}

