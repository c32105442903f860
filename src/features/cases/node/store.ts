import { DepotError } from '../../../base/common/result.ts';
import { casesMessages } from '../common/messages.ts';
import type { Caller } from '../../../base/common/identity.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { compiledOnce } from '../../../base/node/db/compiled.ts';
import type { Database } from '../../../base/node/db/schema.ts';
import type { Resolution, Status } from '../common/status.ts';
import type { QueryTerm } from './search-terms.ts';
import { noteCaseChange } from './feed.ts';
import { languageOf, noteText, type Language, type NotePart, type Said } from '../../../base/common/messages.ts';

/**
 * The case store: the only code that reads or writes the `cases` and `case_history` tables.
 * Other features call it; a change that is not a status change goes through `touchCase` (or
 * `saveCase` when the row was just read), a status change through `applyTransition` (cases.ts),
 * which also queues the portal outbox row. Queries whose main table is `cases` or `case_history`
 * live here, named for what they answer, even when a feature's own view joins other tables for
 * display; a query whose main table is another feature's (attachments, print jobs, flags, …)
 * lives in that feature and may join `cases` read-only for display columns.
 */

export const userIdOf = (caller: Caller): number | null => (caller.kind === 'user' ? caller.user.id : null);

type CaseColumns = Database['cases'];

/** A case as the services see it: the `cases` columns they decide on, typed. */
export interface CaseRow {
  id: number;
  rma: string;
  status: Status;
  version: number;
  assigned_to: number | null;
  customer_id: number;
  serial: string;
  serial_norm: string;
  purchase_date: string | null;
  resolution: Resolution | null;
  portal_seq: number;
  inbound_tracking: string | null;
}

const caseColumns = [
  'id',
  'rma',
  'status',
  'version',
  'assigned_to',
  'customer_id',
  'serial',
  'serial_norm',
  'purchase_date',
  'resolution',
  'portal_seq',
  'inbound_tracking',
] as const;

/** The one mapper from a stored `cases` row to a CaseRow. */
const toCaseRow = (row: Pick<Selectable<CaseColumns>, (typeof caseColumns)[number]>): CaseRow => ({
  ...row,
  id: Number(row.id),
  customer_id: Number(row.customer_id),
  assigned_to: row.assigned_to === null ? null : Number(row.assigned_to),
  status: row.status as Status,
  resolution: row.resolution as Resolution | null,
});

/** The case of an RMA number, or undefined for callers that say "no such case" their own way. */
export async function findCaseRow(db: Db, rma: string): Promise<CaseRow | undefined> {
  const row = await db.selectFrom('cases').select(caseColumns).where('rma', '=', rma).executeTakeFirst();
  return row && toCaseRow(row);
}

/** The cases of a serial (case, spaces and dashes aside; the serial index answers it), newest first. */
export async function caseRowsBySerial(db: Db, serialNorm: string, limit: number): Promise<CaseRow[]> {
  const rows = await db.selectFrom('cases').select(caseColumns).where('serial_norm', '=', serialNorm).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toCaseRow);
}

/** The cases of many RMA numbers (those that exist), read 500 at a time. */
export async function caseRowsByRma(db: Db, rmas: readonly string[]): Promise<CaseRow[]> {
  const found: CaseRow[] = [];
  for (let i = 0; i < rmas.length; i += 500) {
    const rows = await db.selectFrom('cases').select(caseColumns).where('rma', 'in', rmas.slice(i, i + 500)).execute();
    found.push(...rows.map(toCaseRow));
  }
  return found;
}

export async function caseRow(db: Db, rma: string): Promise<CaseRow> {
  const row = await findCaseRow(db, rma);
  if (!row) throw new DepotError('not_found', casesMessages.noCase({ rma }));
  return row;
}

/** The language the case's customer reads: their locale's, English for any Depot does not write in. */
export async function customerLanguageOf(db: Db, caseId: number): Promise<Language> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .select('customers.locale')
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  return languageOf(row?.locale);
}

const stale = (rma: string) => new DepotError('conflict', casesMessages.conflict({ rma }));

/** The optimistic version check: a stale version is refused as a conflict. Null version: no check. */
export function requireVersion(row: CaseRow, version: number | null): void {
  if (version !== null && row.version !== version) throw stale(row.rma);
}

/** What a change may set on a case besides its version and updated_at, which every change moves. */
export type CaseChanges = Omit<Updateable<CaseColumns>, 'id' | 'rma' | 'version' | 'updated_at'>;

/**
 * Writes a change to a case read (and checked) in the same transaction: the version rises by one,
 * and the write is refused as a conflict if someone changed the case in between.
 */
export async function saveCase(trx: Tx, row: CaseRow, at: string, set: CaseChanges = {}): Promise<void> {
  const updated = await trx
    .updateTable('cases')
    .set({ ...set, version: row.version + 1, updated_at: at })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw stale(row.rma);
  await noteCaseChange(trx, { rma: row.rma, version: row.version + 1, kind: set.status === undefined ? 'updated' : 'status' });
}

/**
 * A change to a case that is not a status change (assignment, diagnosis, estimate decision): the
 * version rises so other stations notice, and a stale version is refused. Null version: no check.
 */
export async function touchCase(
  trx: Tx,
  at: string,
  ref: { rma: string; version: number | null },
  set: { assigned_to?: number | null } = {},
): Promise<CaseRow> {
  const row = await caseRow(trx, ref.rma);
  requireVersion(row, ref.version);
  await saveCase(trx, row, at, set);
  return { ...row, ...set, version: row.version + 1 };
}

/** Refuses work the case's status does not allow; `doing` names the work (a message of the caller's feature). */
export function requireStatus(row: CaseRow, allowed: readonly Status[], doing: Said): void {
  if (!allowed.includes(row.status)) {
    const said = casesMessages.notPossibleNow({ rma: row.rma, status: row.status, doing: doing.text });
    // The UI words the work from its code, like every other message.
    throw new DepotError('invalid', { ...said, params: { ...said.params, doing: doing.code } });
  }
}

// ——— Creating cases and writing their history ———

/** What a new case must say; the rest starts empty (version 1, nothing shipped, times `at`). */
export type NewCase = Pick<
  Insertable<CaseColumns>,
  | 'rma'
  | 'status'
  | 'customer_id'
  | 'product_id'
  | 'serial'
  | 'serial_norm'
  | 'purchase_date'
  | 'problem_category'
  | 'problem_description'
  | 'return_address_id'
  | 'source'
  | 'portal_seq'
> &
  Partial<Omit<Insertable<CaseColumns>, 'id'>>;

/** Inserts one case (desk and portal pull alike) and returns it as a CaseRow. */
export async function insertCase(trx: Tx, at: string, c: NewCase): Promise<CaseRow> {
  const values = {
    rma: c.rma,
    status: c.status,
    version: c.version ?? 1,
    customer_id: c.customer_id,
    product_id: c.product_id ?? null,
    serial: c.serial,
    serial_norm: c.serial_norm,
    purchase_date: c.purchase_date ?? null,
    problem_category: c.problem_category ?? null,
    problem_description: c.problem_description,
    inbound_carrier: c.inbound_carrier ?? null,
    inbound_tracking: c.inbound_tracking ?? null,
    inbound_tracking_norm: c.inbound_tracking_norm ?? null,
    outbound_carrier: c.outbound_carrier ?? null,
    outbound_tracking: c.outbound_tracking ?? null,
    return_address_id: c.return_address_id ?? null,
    source: c.source,
    resolution: c.resolution ?? null,
    assigned_to: c.assigned_to ?? null,
    created_at: c.created_at ?? at,
    updated_at: c.updated_at ?? at,
    status_changed_at: c.status_changed_at ?? at,
    received_at: c.received_at ?? null,
    portal_seq: c.portal_seq,
  };
  const inserted = await trx.insertInto('cases').values(values).returning('id').executeTakeFirstOrThrow();
  await noteCaseChange(trx, { rma: values.rma, version: values.version, kind: 'created' });
  return toCaseRow({
    id: inserted.id,
    rma: values.rma,
    status: values.status,
    version: values.version,
    assigned_to: values.assigned_to,
    customer_id: values.customer_id,
    serial: values.serial,
    serial_norm: values.serial_norm,
    purchase_date: values.purchase_date,
    resolution: values.resolution,
    portal_seq: values.portal_seq,
    inbound_tracking: values.inbound_tracking,
  });
}

/** A history entry to add; its note is made of messages and typed words (`noteOf`). */
export type NewHistoryEntry = Omit<Insertable<Database['case_history']>, 'note' | 'note_parts'> & { note: NotePart[] | null };

/** Adds entries to cases' history, in one statement: each note as its parts and as English. */
export async function insertHistory(trx: Tx, entries: NewHistoryEntry | readonly NewHistoryEntry[]): Promise<void> {
  const rows = Array.isArray(entries) ? entries : [entries as NewHistoryEntry];
  if (rows.length === 0) return;
  await trx
    .insertInto('case_history')
    .values(rows.map(({ note, ...row }) => ({ ...row, note: noteText(note), note_parts: note ? JSON.stringify(note) : null })))
    .execute();
}

/** A stored note's parts; a row written before notes were kept as parts has its English only. */
export function notePartsOf(row: { note: string | null; note_parts: string | null }): NotePart[] | null {
  if (row.note_parts) return JSON.parse(row.note_parts) as NotePart[];
  return row.note === null ? null : [{ text: row.note }];
}

/** The history of a case, oldest first, with the names of the users who made each step. */
export const caseHistory = compiledOnce((db, caseId: number) =>
  db
    .selectFrom('case_history')
    .leftJoin('users', 'users.id', 'case_history.user_id')
    .select([
      'case_history.id',
      'case_history.at',
      'case_history.actor',
      'case_history.from_status',
      'case_history.to_status',
      'case_history.note',
      'case_history.note_parts',
      'users.name as user_name',
    ])
    .where('case_history.case_id', '=', caseId)
    .orderBy('case_history.id'),
);

/** The latest history entry of a case that moved it into `status` (throws if there is none). */
export async function latestMoveInto(db: Db, caseId: number, status: Status) {
  return db
    .selectFrom('case_history')
    .select(['id', 'at', 'user_id', 'from_status'])
    .where('case_id', '=', caseId)
    .where('to_status', '=', status)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

// ——— The cases feature's own views ———

/** What a case's search terms are made from. */
export async function searchFieldsOf(db: Db, caseId: number) {
  return db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .select([
      'cases.rma',
      'cases.serial',
      'cases.inbound_tracking',
      'customers.name',
      'customers.email',
      'customers.phone',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirstOrThrow();
}

/** A case with its customer, product and return address: where the case page and the desk's documents start. */
function caseWithParties(db: Db) {
  return db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .leftJoin('addresses', 'addresses.id', 'cases.return_address_id');
}

function caseDetailQuery(db: Db) {
  return caseWithParties(db)
    .leftJoin('users', 'users.id', 'cases.assigned_to')
    .select([
      'cases.id',
      'cases.rma',
      'cases.status',
      'cases.version',
      'cases.serial',
      'cases.customer_id',
      'cases.purchase_date',
      'cases.problem_category',
      'cases.problem_description',
      'cases.inbound_carrier',
      'cases.inbound_tracking',
      'cases.outbound_carrier',
      'cases.outbound_tracking',
      'cases.source',
      'cases.resolution',
      'cases.created_at',
      'cases.updated_at',
      'cases.status_changed_at',
      'cases.received_at',
      'customers.name as customer_name',
      'customers.email',
      'customers.phone as customer_phone',
      'customers.locale',
      'products.model',
      'products.product_line',
      'products.name as product_name',
      'products.warranty_months',
      'addresses.name as address_name',
      'addresses.line1 as address_line1',
      'addresses.line2 as address_line2',
      'addresses.city as address_city',
      'addresses.region as address_region',
      'addresses.postal_code as address_postal_code',
      'addresses.country as address_country',
      'addresses.phone as address_phone',
      'users.name as assigned_name',
    ]);
}

/** Everything the case page shows about a case but its history (an empty list: no such case). */
export const caseDetailByRma = compiledOnce((db, rma: string) => caseDetailQuery(db).where('cases.rma', '=', rma));

export interface CaseSearch {
  /** The term whose index entries the search starts from; none: every case. */
  driver: QueryTerm | undefined;
  /** Further terms every match must have. */
  filters: readonly QueryTerm[];
  statuses?: readonly Status[] | undefined;
  /** Only cases whose unit is at this location now (the locations feature's `case_locations`, read only). */
  locationId?: number | undefined;
  limit: number;
  offset: number;
}

/** Case list rows, newest first: up to `limit + 1`, so the caller knows whether there are more. */
export async function caseSummaries(db: Db, search: CaseSearch) {
  const { driver, filters } = search;
  // A search starts from the index entries of its first term rather than walking every case. An
  // exact term's entries come in case order, so the newest matches are read first and no sort
  // is needed even when thousands of cases share a given name.
  const base = !driver
    ? db.selectFrom('cases')
    : driver.exact
      ? db
          .selectFrom('case_terms')
          .innerJoin('cases', 'cases.id', 'case_terms.case_id')
          .where('case_terms.term', '=', driver.term)
      : db
          .selectFrom('case_terms')
          .innerJoin('cases', 'cases.id', 'case_terms.case_id')
          .where('case_terms.term', '>=', driver.term)
          .where('case_terms.term', '<', `${driver.term}\uffff`)
          .distinct();
  let listed = base
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .select([
      'cases.id',
      'cases.rma',
      'cases.status',
      'cases.serial',
      'cases.created_at',
      'cases.status_changed_at',
      'customers.name as customer_name',
      'products.model',
    ]);
  for (const { term, exact } of filters) {
    listed = listed.where('cases.id', 'in', (eb) => {
      const terms = eb.selectFrom('case_terms as t').select('t.case_id');
      return exact ? terms.where('t.term', '=', term) : terms.where('t.term', '>=', term).where('t.term', '<', `${term}\uffff`);
    });
  }
  if (search.statuses && search.statuses.length > 0) listed = listed.where('cases.status', 'in', [...search.statuses]);
  if (search.locationId !== undefined) {
    const locationId = search.locationId;
    listed = listed.where('cases.id', 'in', (eb) => eb.selectFrom('case_locations as cl').select('cl.case_id').where('cl.location_id', '=', locationId));
  }
  // Ordered by the index's own column when it drives, so SQLite reads it backwards instead of sorting.
  return listed
    .orderBy(driver?.exact ? sql.ref('case_terms.case_id') : sql.ref('cases.id'), 'desc')
    .limit(search.limit + 1)
    .offset(search.offset)
    .execute();
}

/** Cases per status among `statuses`, with the oldest creation time (the (status, created_at) index answers it). */
export async function caseCountsByStatus(db: Db, statuses: readonly Status[]) {
  return db
    .selectFrom('cases')
    .select((eb) => ['status', eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('status', 'in', [...statuses])
    .groupBy('status')
    .execute();
}

/** How many cases in `statuses` were received before `cutoff`. */
export async function countReceivedBefore(db: Db, statuses: readonly Status[], cutoff: string): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', 'in', [...statuses])
    .where('received_at', '<', cutoff)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

// ——— Receiving ———

function expectedUnitQuery(db: Db) {
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

/** A case as the dock sees it on a scan: who sent what, and what should be in the box. */
export type ExpectedUnitRow = Awaited<ReturnType<ReturnType<typeof expectedUnitQuery>['execute']>>[number];

/** The unit of an RMA number (the unique RMA index). */
export const expectedUnitByRma = compiledOnce((db, rma: string) => expectedUnitQuery(db).where('cases.rma', '=', rma));

/** Units whose inbound tracking number (normalised) is this one, oldest case first (the tracking index). */
export const expectedUnitsByTracking = compiledOnce((db, tracking: string) =>
  expectedUnitQuery(db).where('cases.inbound_tracking_norm', '=', tracking).orderBy('cases.id').limit(20),
);

/** Gives a case the inbound parcel found for it on the unmatched shelf (its version stays). */
export async function setInboundParcel(
  trx: Tx,
  caseId: number,
  parcel: { tracking: string; tracking_norm: string; carrier: string | null },
  at: string,
): Promise<void> {
  await trx
    .updateTable('cases')
    .set({ inbound_tracking: parcel.tracking, inbound_tracking_norm: parcel.tracking_norm, inbound_carrier: parcel.carrier, updated_at: at })
    .where('id', '=', caseId)
    .execute();
}

// ——— Bench ———

/** The bench's work queue: cases in `statuses` with their open estimate, in order of receipt. */
export async function benchQueueRows(
  db: Db,
  filter: { statuses: readonly Status[]; productLine?: string | null | undefined; assignedTo?: number | null | undefined },
) {
  let q = db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .leftJoin('users', 'users.id', 'cases.assigned_to')
    .leftJoin('estimates', (join) =>
      join.onRef('estimates.case_id', '=', 'cases.id').on('estimates.state', 'in', ['issued', 'accepted']),
    )
    .select([
      'cases.rma',
      'cases.version',
      'cases.status',
      'cases.serial',
      'cases.received_at',
      'cases.assigned_to',
      'customers.name as customer_name',
      'products.model',
      'products.product_line',
      'users.name as assigned_name',
      'estimates.version as estimate_version',
      'estimates.valid_until',
      'estimates.state as estimate_state',
    ])
    .where('cases.status', 'in', [...filter.statuses]);
  if (filter.productLine) q = q.where('products.product_line', '=', filter.productLine);
  if (filter.assignedTo !== undefined) q = q.where('cases.assigned_to', '=', filter.assignedTo);
  return q.orderBy('cases.received_at').orderBy('cases.id').limit(500).execute();
}

/** The case head the bench shows: status, resolution, who has it, purchase date (undefined: no such case). */
export async function benchCaseHead(db: Db, rma: string) {
  return db
    .selectFrom('cases')
    .leftJoin('users', 'users.id', 'cases.assigned_to')
    .select([
      'cases.id',
      'cases.rma',
      'cases.version',
      'cases.status',
      'cases.resolution',
      'cases.assigned_to',
      'cases.purchase_date',
      'users.name',
    ])
    .where('cases.rma', '=', rma)
    .executeTakeFirst();
}

/** What the warranty decision reads of a case: serial, purchase, product (with its date-code rule), the return country, when it was opened and received. */
export async function warrantyFactsOf(db: Db, caseId: number) {
  return db
    .selectFrom('cases')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .leftJoin('addresses', 'addresses.id', 'cases.return_address_id')
    .select([
      'cases.serial',
      'cases.serial_norm',
      'cases.purchase_date',
      'cases.created_at',
      'cases.received_at',
      'products.model',
      'products.product_line',
      'products.warranty_months',
      'products.accessories',
      'products.date_code_pattern',
      'addresses.country',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirstOrThrow();
}

/** Other cases of the same serial that were repaired, with when each was shipped back. */
export async function repairedShipmentsOfSerial(db: Db, serialNorm: string, exceptCaseId: number) {
  return db
    .selectFrom('cases')
    .innerJoin('case_history', 'case_history.case_id', 'cases.id')
    .select(['cases.id', 'case_history.at'])
    .where('cases.serial_norm', '=', serialNorm)
    .where('cases.id', '!=', exceptCaseId)
    .where('cases.resolution', '=', 'repaired')
    .where('case_history.to_status', '=', 'shipped')
    .execute();
}

/** The status moves of the given cases, in order: when each case entered which status. */
/** Cases in these statuses whose return address is in one of these countries, with their product line. */
export async function casesInCountries(db: Db, statuses: readonly Status[], countries: readonly string[]) {
  if (countries.length === 0) return [];
  return db
    .selectFrom('cases')
    .innerJoin('addresses', 'addresses.id', 'cases.return_address_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .select(['cases.id', 'cases.rma', 'cases.status', 'addresses.country', 'products.product_line'])
    .where('cases.status', 'in', [...statuses])
    .where('addresses.country', 'in', [...countries])
    .orderBy('cases.id')
    .execute();
}

export async function statusMovesOf(db: Db, caseIds: readonly number[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_history')
    .select(['case_id', 'at', 'to_status'])
    .where('case_id', 'in', [...caseIds])
    .orderBy('case_id')
    .orderBy('id')
    .execute();
}

// ——— Shipping ———

function returnParcelQuery(db: Db) {
  return caseWithParties(db)
    .select([
      'cases.id',
      'cases.rma',
      'cases.status',
      'cases.version',
      'cases.serial',
      'cases.purchase_date',
      'cases.problem_description',
      'cases.resolution',
      'cases.received_at',
      'cases.status_changed_at',
      'customers.name as customer_name',
      'customers.email',
      'customers.phone',
      'customers.locale',
      'products.model',
      'products.name as product_name',
      'addresses.name as address_name',
      'addresses.line1',
      'addresses.line2',
      'addresses.city',
      'addresses.region',
      'addresses.postal_code',
      'addresses.country',
      'addresses.phone as address_phone',
    ]);
}

/** A case as its return parcel's documents need it: customer, product and return address. */
export type ReturnParcelRow = Awaited<ReturnType<ReturnType<typeof returnParcelQuery>['execute']>>[number];

export async function returnParcelByRma(db: Db, rma: string): Promise<ReturnParcelRow | undefined> {
  return returnParcelQuery(db).where('cases.rma', '=', rma).executeTakeFirst();
}

/** The shipping desk's queue: cases in `statuses`, longest waiting first. */
export async function shippingQueueRows(db: Db, statuses: readonly Status[]): Promise<ReturnParcelRow[]> {
  return returnParcelQuery(db).where('cases.status', 'in', [...statuses]).orderBy('cases.status_changed_at').limit(500).execute();
}

/** Return parcels of the cases in one status, in case order (label batches). */
export async function returnParcelsInStatus(db: Db, status: Status): Promise<ReturnParcelRow[]> {
  return returnParcelQuery(db).where('cases.status', '=', status).orderBy('cases.id').limit(5000).execute();
}

/** Cases shipped before `before`, oldest case first. */
export async function shippedBefore(db: Db, before: string, limit: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'rma', 'version'])
    .where('status', '=', 'shipped')
    .where('status_changed_at', '<', before)
    .orderBy('id')
    .limit(limit)
    .execute();
}

// ——— Customers, return addresses, search terms and RMA counters (written with the cases) ———

/** Adds a customer (a new case's sender) and returns its id. */
export async function addCustomer(trx: Tx, values: Insertable<Database['customers']>) {
  return trx.insertInto('customers').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Adds a return address of a customer and returns its id. */
export async function addAddress(trx: Tx, values: Insertable<Database['addresses']>) {
  return trx.insertInto('addresses').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Adds search terms of a new case (one statement; nothing when there are none). */
export async function addCaseTerms(trx: Tx, caseId: number, terms: readonly string[]): Promise<void> {
  if (terms.length > 0) await trx.insertInto('case_terms').values(terms.map((term) => ({ term, case_id: caseId }))).execute();
}

/** Moves a year's RMA counter up to `last` (never down), so numbers assigned elsewhere are never handed out again. */
export async function reserveRmaNumbers(trx: Tx, year: number, last: number): Promise<void> {
  await trx.insertInto('rma_counters').values({ year, last: 0 }).onConflict((oc) => oc.column('year').doNothing()).execute();
  await trx.updateTable('rma_counters').set({ last }).where('year', '=', year).where('last', '<', last).execute();
}

/** The product a case's unit is (null for a model Depot does not list). */
export async function productIdOfCase(db: Db, caseId: number): Promise<number | null> {
  const row = await db.selectFrom('cases').select('product_id').where('id', '=', caseId).executeTakeFirst();
  return row?.product_id ?? null;
}
