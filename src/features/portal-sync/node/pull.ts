import { z } from 'zod';
import { normalizeSerial, normalizeTracking, RMA_PATTERN } from '../../../base/common/schemas.ts';
import type { Status } from '../../cases/common/index.ts';
import type { Core, Tx } from '../../../base/node/core.ts';
import { DepotError } from '../../../base/common/result.ts';
import {
  addAddress,
  addCaseTerms,
  addCustomer,
  applyTransition,
  caseRowsByRma,
  findCaseRow,
  indexCase,
  insertCase,
  insertHistory,
  reserveRmaNumbers,
  saveCase,
  type CaseRow,
} from '../../cases/node/index.ts';
import { caseTerms } from '../../cases/node/index.ts';
import { productByModel } from '../../products/node/index.ts';
import {
  portalAddressSchema,
  portalCustomerSchema,
  portalProblemSchema,
  portalProductSchema,
  type PortalClient,
  type PortalEvent,
} from './client.ts';
import { flagCase } from './flags.ts';
import { siteToday } from '../../settings/node/index.ts';
import { readSyncState } from './state.ts';
import { englishOf, noteOf, storeSaid, type Said } from '../../../base/common/messages.ts';
import { casesMessages } from '../../cases/common/index.ts';
import { portalSyncMessages } from '../common/messages.ts';

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

const emptyPullResult = (): PullResult => ({ pages: 0, applied: 0, duplicates: 0, parked: 0, cursor: null, hasMore: false });

/** An event Depot cannot apply, and why, in words for staff. */
class Parked extends Error {
  constructor(readonly said: Said) {
    super(said.text);
  }
}
const m = portalSyncMessages;

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
  const result = emptyPullResult();
  let cursor = (await readSyncState(db)).cursor;
  for (let page = 0; page < maxPages; page++) {
    const feed = await client.events(cursor, limit);
    result.pages++;
    const next = feed.nextCursor ?? cursor;
    const before = { applied: result.applied, duplicates: result.duplicates, parked: result.parked };
    try {
      await db.transaction().execute(async (trx) => {
        await applyEvents(trx, core.now, feed.events, result);
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

/**
 * Applies events inside the caller's transaction as a pulled page is applied (an event it cannot
 * apply is parked), adding to `result`. The demo data tells its customers' side this way.
 */
export async function applyEvents(trx: Tx, now: () => Date, events: PortalEvent[], result: PullResult = emptyPullResult()): Promise<PullResult> {
  const page = await openPage(trx, events);
  for (const event of events) await applyOne(page, now(), event, result);
  await closePage(page);
  return result;
}

async function applyOneByOne(core: Core, events: PortalEvent[], next: string | null, result: PullResult): Promise<void> {
  const db = core.db;
  for (const event of events) {
    try {
      await db.transaction().execute((trx) => applyEvents(trx, core.now, [event], result));
    } catch (error) {
      await db.transaction().execute(async (trx) => {
        if ((await alreadyApplied(trx, [event])).has(event.id)) return;
        await park(trx, core.now(), event, m.parkedFailed({ detail: error instanceof Error ? error.message : String(error) }));
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
type MessageRow = { case_id: number; direction: string; body: string; at: string; user_id: null; event_id: string; created_at: string };

/**
 * What a page of events shares inside its transaction, so an event costs as few round trips as
 * possible: the page's cases read in one query, products and the RMA counter looked up once,
 * applied ids and customer messages written in batches when the page closes.
 */
interface Page {
  trx: Tx;
  seen: Set<string>;
  /** Cases of the page's RMAs as they stand; a case changed by an event is dropped and read again. */
  cases: Map<string, CaseRow>;
  /** RMAs of cases an event of this page changed (they exist, but are read again). */
  changed: Set<string>;
  products: Map<string, number | null>;
  /** The highest portal-assigned RMA number per year, for Depot's own counter. */
  rmaMax: Map<number, number>;
  done: AppliedRow[];
  messages: MessageRow[];
}

async function openPage(trx: Tx, events: PortalEvent[]): Promise<Page> {
  const page: Page = { trx, seen: await alreadyApplied(trx, events), cases: new Map(), changed: new Set(), products: new Map(), rmaMax: new Map(), done: [], messages: [] };
  const rmas = [...new Set(events.map((e) => e.rma))];
  for (const row of await caseRowsByRma(trx, rmas)) page.cases.set(row.rma, row);
  return page;
}

async function closePage(page: Page): Promise<void> {
  const { trx } = page;
  for (let i = 0; i < page.messages.length; i += 100) await trx.insertInto('case_messages').values(page.messages.slice(i, i + 100)).execute();
  for (let i = 0; i < page.done.length; i += 100) await trx.insertInto('portal_applied_events').values(page.done.slice(i, i + 100)).execute();
  for (const [year, last] of page.rmaMax) {
    await reserveRmaNumbers(trx, year, last);
  }
}

/** Applies (or parks) one event and adds it to the page's applied ids. */
async function applyOne(page: Page, now: Date, event: PortalEvent, result: PullResult): Promise<void> {
  if (page.seen.has(event.id)) {
    result.duplicates++;
    return;
  }
  page.seen.add(event.id);
  try {
    await applyEvent(page, now, event);
    result.applied++;
  } catch (error) {
    if (!(error instanceof Parked)) throw error;
    await park(page.trx, now, event, error.said);
    result.parked++;
  }
  page.done.push({ event_id: event.id, seq: event.seq, type: event.type, rma: event.rma, applied_at: now.toISOString() });
}

async function park(trx: Tx, now: Date, event: PortalEvent, reason: Said): Promise<void> {
  await trx
    .insertInto('portal_parked_events')
    .values({
      event_id: event.id,
      seq: event.seq,
      type: event.type,
      rma: event.rma,
      payload: JSON.stringify(event),
      reason: storeSaid(reason),
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
    throw new Parked(m.parkedInvalid({ type: event.type, path: issue?.path.join('.') || 'data', detail: issue ? englishOf(issue.message) : '' }));
  }
  return parsed.data;
}

async function findCase(page: Page, rma: string): Promise<CaseRow> {
  const known = page.cases.get(rma);
  if (known) return known;
  const c = await findCaseRow(page.trx, rma);
  if (!c) throw new Parked(m.parkedNoCase({ rma }));
  page.cases.set(rma, c);
  return c;
}

async function applyEvent(page: Page, now: Date, event: PortalEvent): Promise<void> {
  if (!RMA_PATTERN.test(event.rma)) throw new Parked(m.parkedNotRma({ rma: event.rma }));
  const { trx } = page;
  const at = now.toISOString();
  // Whatever an event changes, the case is read again by the next event of its RMA.
  const changed = (c: CaseRow) => {
    page.cases.delete(c.rma);
    page.changed.add(c.rma);
  };
  switch (event.type) {
    case 'rma.requested':
      return createRequestedCase(page, now, event.rma, parseData(eventDataSchemas['rma.requested'], event));
    case 'rma.shipment_submitted': {
      const data = parseData(eventDataSchemas['rma.shipment_submitted'], event);
      const c = await findCase(page, event.rma);
      changed(c);
      if (c.status === 'authorized') {
        // The day on the site's calendar, as every date the staff read.
        const shippedOn = await siteToday(trx, new Date(data.shippedAt));
        await systemTransition(trx, now, c, 'in_transit', portalSyncMessages.shippedByCustomer({ date: shippedOn }), {
          carrier: data.carrier,
          tracking: data.trackingNumber,
        });
      } else if (c.status === 'in_transit') {
        // The customer corrected the carrier or tracking number.
        await saveCase(trx, c, at, {
          inbound_carrier: data.carrier,
          inbound_tracking: data.trackingNumber,
          inbound_tracking_norm: normalizeTracking(data.trackingNumber),
        });
        await indexCase(trx, c.id);
      } else {
        await flagCase(trx, now, c.id, 'shipment_unexpected', m.flagShipmentUnexpected({ carrier: data.carrier, tracking: data.trackingNumber, status: c.status }));
      }
      return;
    }
    case 'rma.estimate_decided': {
      const data = parseData(eventDataSchemas['rma.estimate_decided'], event);
      const c = await findCase(page, event.rma);
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
      const c = await findCase(page, event.rma);
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
      const c = await findCase(page, event.rma);
      const a = data.returnAddress;
      changed(c);
      if (['shipped', 'closed', 'cancelled', 'rejected'].includes(c.status)) {
        await flagCase(trx, now, c.id, 'address_after_shipment', m.flagAddressAfterShipment({ status: c.status, address: formatAddress(a) }));
        return;
      }
      const address = await insertAddress(trx, c.customer_id, a);
      await saveCase(trx, c, at, { return_address_id: address });
      if (c.status === 'ready_to_ship') {
        await flagCase(trx, now, c.id, 'address_changed', m.flagAddressChanged({ address: formatAddress(a) }));
      }
      return;
    }
    case 'rma.cancelled': {
      const data = parseData(eventDataSchemas['rma.cancelled'], event);
      const c = await findCase(page, event.rma);
      const note = data.reason
        ? portalSyncMessages.cancelledByCustomerBecause({ reason: data.reason })
        : portalSyncMessages.cancelledByCustomer();
      if (c.status === 'cancelled') return;
      changed(c);
      // Until the unit reaches the depot there is nothing to send back: cancel. After, staff decide.
      if (['requested', 'authorized', 'in_transit'].includes(c.status)) {
        await systemTransition(trx, now, c, 'cancelled', note);
      } else {
        await flagCase(
          trx,
          now,
          c.id,
          'customer_cancelled',
          data.reason ? m.flagCustomerCancelledBecause({ reason: data.reason, status: c.status }) : m.flagCustomerCancelled({ status: c.status }),
        );
      }
      return;
    }
    case 'rma.message': {
      const data = parseData(eventDataSchemas['rma.message'], event);
      const c = await findCase(page, event.rma);
      page.messages.push({ case_id: c.id, direction: 'customer', body: data.body, at: event.occurredAt, user_id: null, event_id: event.id, created_at: at });
      return;
    }
    default:
      throw new Parked(m.parkedUnknownType({ type: event.type }));
  }
}

type RequestedData = z.output<(typeof eventDataSchemas)['rma.requested']>;

async function productId(page: Page, model: string): Promise<number | null> {
  if (!page.products.has(model)) {
    const row = await productByModel(page.trx, model);
    page.products.set(model, row ? Number(row.id) : null);
  }
  return page.products.get(model)!;
}

async function createRequestedCase(page: Page, now: Date, rma: string, data: RequestedData): Promise<void> {
  const { trx } = page;
  if (page.cases.has(rma) || page.changed.has(rma)) throw new Parked(m.parkedExists({ rma }));
  const at = now.toISOString();
  const product = await productId(page, data.product.model);
  const customer = await addCustomer(trx, {
    name: data.customer.name.trim(),
    email: data.customer.email ?? null,
    phone: data.customer.phone ?? null,
    locale: data.customer.locale ?? null,
    created_at: at,
  });
  const addressId = await insertAddress(trx, Number(customer.id), data.returnAddress);
  const inserted = await insertCase(trx, at, {
    rma,
    status: 'requested',
    customer_id: customer.id,
    product_id: product,
    serial: data.product.serial.trim(),
    serial_norm: normalizeSerial(data.product.serial),
    purchase_date: data.product.purchaseDate ?? null,
    problem_category: data.problem.category,
    problem_description: data.problem.description,
    return_address_id: addressId,
    source: 'portal',
    portal_seq: 0,
  });
  const caseId = inserted.id;
  page.cases.set(rma, inserted);
  const unknownModel = product ? null : casesMessages.unknownProduct({ model: data.product.model });
  await insertHistory(trx, {
    case_id: caseId,
    at,
    user_id: null,
    actor: 'system',
    from_status: null,
    to_status: 'requested',
    note: noteOf(casesMessages.requestedOnPortal(), unknownModel),
  });
  if (unknownModel) await flagCase(trx, now, caseId, 'unknown_model', m.flagUnknownModel({ model: data.product.model }));
  const links = data.attachments.map((f) => ({ url: f.url, name: f.name, content_type: f.contentType ?? null }));
  if (data.product.proofOfPurchaseUrl) links.push({ url: data.product.proofOfPurchaseUrl, name: 'Proof of purchase', content_type: null });
  if (links.length > 0) {
    await trx
      .insertInto('portal_attachment_links')
      .values(links.map((l) => ({ ...l, case_id: caseId, created_at: at })))
      .execute();
  }
  // The new case's search terms, from what is at hand (indexCase would read it all back).
  const terms = caseTerms({
    rma,
    serial: data.product.serial.trim(),
    tracking: null,
    customerName: data.customer.name.trim(),
    email: data.customer.email ?? null,
    phone: data.customer.phone ?? null,
  });
  await addCaseTerms(trx, caseId, terms);
  reserveRma(page, rma);
}

/** Keeps Depot's own RMA counter past numbers the portal assigned (written when the page closes), so desk cases never collide with them. */
function reserveRma(page: Page, rma: string): void {
  const year = Number(rma.slice(4, 8));
  const number = Number(rma.slice(9));
  page.rmaMax.set(year, Math.max(page.rmaMax.get(year) ?? 0, number));
}

async function insertAddress(trx: Tx, customerId: number, a: z.output<typeof portalAddressSchema>): Promise<number> {
  const row = await addAddress(trx, {
    customer_id: customerId,
    name: a.name,
    line1: a.line1,
    line2: a.line2 ?? null,
    city: a.city,
    region: a.region ?? null,
    postal_code: a.postalCode,
    country: a.country.toUpperCase(),
    phone: a.phone ?? null,
  });
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
  said: Said,
  shipment: { carrier?: string; tracking?: string } = {},
): Promise<void> {
  try {
    await applyTransition(
      trx,
      now,
      { kind: 'system' },
      { rma: c.rma, version: c.version, to, note: null, said: [said], carrier: shipment.carrier ?? null, tracking: shipment.tracking },
      { notifyPortal: false },
    );
  } catch (error) {
    if (error instanceof DepotError && error.code !== 'internal') throw new Parked(error.said);
    throw error;
  }
}

