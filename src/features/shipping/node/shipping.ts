/**
 * The shipping desk: the ready-to-ship queue, the documents of a return parcel built from the case's
 * own data, shipping (status, history, outbox and the shipment in one transaction) and closing.
 */
import type { z } from 'zod';
import { calendarDateIn } from '../../../base/common/dates.ts';
import { casesMessages, type CaseDetail } from '../../cases/common/index.ts';
import type { Said } from '../../../base/common/messages.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { shippingMessages as m } from '../common/messages.ts';
import type {
  batchLabelsInput,
  BatchProgress,
  closeCaseInput,
  DocumentKind,
  printDocumentsInput,
  PrintOutcome,
  Shipment,
  ShippingQueueRow,
  shipInput,
} from '../common/shipping.ts';
import { shippingStatuses, type Status } from '../../cases/common/index.ts';
import { Slot, type Core, type Db } from '../../../base/node/core.ts';
import { trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { renderLabelBatch } from '../../documents/node/index.ts';
import { shippingLabel, unitTag } from '../../documents/node/index.ts';
import { createDocumentRenderer, type DocumentRenderer } from '../../documents/node/index.ts';
import { packingSlip, repairReport } from '../../documents/node/index.ts';
import type { PaperSize, PostalAddress, ShippingLabelData, Site } from '../../documents/node/index.ts';
import { shippingLabelZpl, unitTagZpl } from '../../documents/node/index.ts';
import {
  applyTransition,
  getCase,
  historyNotes,
  returnParcelByRma,
  returnParcelsInStatus,
  shippedBefore,
  shippingQueueRows,
  type ReturnParcelRow,
} from '../../cases/node/index.ts';
import { deliver, hasPrinterFor, printJobById, readPrinterSettings, type BuiltDocument } from '../../printing/node/index.ts';
import { requireSite } from '../../settings/node/index.ts';

let renderer: DocumentRenderer | undefined;
/** Fonts are parsed on first use and kept for the life of the process. */
export const documentRenderer = (): DocumentRenderer => (renderer ??= createDocumentRenderer());

const bcp47: Record<string, string> = { en: 'en-US', ko: 'ko-KR', zh: 'zh-CN', el: 'el-GR' };

/** Labels have fixed room: longer text is cut with an ellipsis rather than pushed onto a second label. */
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);


/** Why a parcel cannot be addressed to this customer yet, or null. */
function addressProblem(row: ReturnParcelRow): Said | null {
  if (!row.line1 && !row.city && !row.postal_code) return m.noReturnAddress({ rma: row.rma });
  const missing = [
    ['name', row.address_name],
    ['street line', row.line1],
    ['city', row.city],
    ['postal code', row.postal_code],
    ['country', row.country],
  ]
    .filter(([, value]) => !value?.trim())
    .map(([name]) => name);
  return missing.length ? m.addressIncomplete({ rma: row.rma, missing: missing.join(', ') }) : null;
}

function returnAddress(row: ReturnParcelRow): PostalAddress {
  const problem = addressProblem(row);
  if (problem) throw new DepotError('invalid', problem);
  return {
    name: row.address_name!,
    lines: [row.line1!, row.line2].filter((l): l is string => Boolean(l?.trim())),
    city: row.city!,
    ...(row.region ? { region: row.region } : {}),
    postalCode: row.postal_code!,
    country: row.country!,
    ...(row.address_phone ? { phone: row.address_phone } : {}),
  };
}

async function loadCase(db: Db, rma: string): Promise<ReturnParcelRow> {
  const row = await returnParcelByRma(db, rma);
  if (!row) throw new DepotError('not_found', casesMessages.noCase({ rma }));
  return row;
}

async function siteForDocuments(db: Db): Promise<{ site: Site; timeZone: string; currency: string }> {
  const settings = await requireSite(db);
  const a = settings.address;
  const site: Site = {
    name: settings.siteName,
    address: {
      name: a.name,
      lines: [a.line1, a.line2].filter((l): l is string => Boolean(l)),
      city: a.city,
      ...(a.region ? { region: a.region } : {}),
      postalCode: a.postalCode,
      country: a.country,
    },
    ...(a.phone ? { phone: a.phone } : {}),
    locale: 'en-US',
  };
  return { site, timeZone: settings.timeZone, currency: settings.currency };
}

function caseInfo(row: ReturnParcelRow, address: PostalAddress) {
  return {
    rma: row.rma,
    model: row.model ?? 'Unknown model',
    serial: row.serial,
    receivedAt: row.received_at?.slice(0, 10) ?? '—',
    ...(row.purchase_date ? { purchaseDate: row.purchase_date } : {}),
    customer: {
      name: row.customer_name,
      ...(row.email ? { email: row.email } : {}),
      ...(row.phone ? { phone: row.phone } : {}),
      locale: bcp47[row.locale ?? 'en'] ?? 'en-US',
      returnAddress: address,
    },
    symptom: row.problem_description,
  };
}

function labelData(row: ReturnParcelRow, site: Site, shipDate: string, shipment: Shipment | undefined): ShippingLabelData {
  const to = returnAddress(row);
  return {
    rma: row.rma,
    from: site.address,
    to: { ...to, name: clip(to.name, 60), lines: to.lines.map((l) => clip(l, 80)), city: clip(to.city, 60) },
    toLocale: bcp47[row.locale ?? 'en'],
    ...(shipment
      ? { shipment: { carrier: shipment.carrier, service: shipment.service, weightGrams: shipment.weightGrams, trackingNumber: shipment.tracking } }
      : {}),
    shipDate,
  };
}

const resolutionNames: Record<string, string> = {
  repaired: 'repaired',
  replaced: 'replacement unit',
  returned_unrepaired: 'returned unrepaired',
  no_fault_found: 'no fault found',
  refunded: 'refunded',
};

/** Builds one document of a case from what the database holds. */
export async function buildCaseDocument(
  db: Db,
  kind: DocumentKind,
  rma: string,
  options: { shipment?: Shipment | undefined; paper?: PaperSize; now: Date },
): Promise<BuiltDocument> {
  const row = await loadCase(db, rma);
  const { site, timeZone, currency } = await siteForDocuments(db);
  const today = calendarDateIn(options.now, timeZone);
  const paper = options.paper ?? (await readPrinterSettings(db)).office.paper;
  const render = documentRenderer();
  const fileName = `${rma}-${kind.replace('_', '-')}.pdf`;
  if (kind === 'unit_tag') {
    const data = { rma, model: row.model ?? 'Unknown model', serial: row.serial, receivedAt: row.received_at?.slice(0, 10) ?? today };
    return {
      pdf: await render.render(unitTag(data)),
      zpl: unitTagZpl(render.fonts, data),
      fileName,
      media: { widthMicrons: 62_000, heightMicrons: 29_000 },
    };
  }
  if (kind === 'label') {
    const data = labelData(row, site, today, options.shipment);
    return {
      pdf: await render.render(shippingLabel(data)),
      zpl: shippingLabelZpl(render.fonts, data),
      fileName,
      media: { widthMicrons: 101_600, heightMicrons: 152_400 },
    };
  }
  const address = returnAddress(row);
  const info = caseInfo(row, address);
  if (kind === 'packing_slip') {
    const intake = await db
      .selectFrom('intakes')
      .select('accessories')
      .where('case_id', '=', row.id)
      .where('undone_at', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const accessories = intake ? (JSON.parse(intake.accessories) as { received: string[]; other: string | null }) : { received: [], other: null };
    const names: Record<string, string> = { adapter: 'Power adapter', cable: 'Cable', box: 'Box', manual: 'Manual' };
    return {
      pdf: await render.render(
        packingSlip({
          site,
          case: info,
          shipment: options.shipment
            ? { carrier: options.shipment.carrier, service: options.shipment.service, weightGrams: options.shipment.weightGrams, trackingNumber: options.shipment.tracking }
            : { carrier: '—', service: '—', weightGrams: 0, trackingNumber: '—' },
          shipDate: today,
          contents: [
            {
              description: `${row.product_name ?? info.model}${row.resolution ? ` (${resolutionNames[row.resolution] ?? row.resolution})` : ''}`,
              quantity: 1,
              serial: row.serial,
            },
            ...accessories.received.map((kind) => ({ description: names[kind] ?? kind, quantity: 1 })),
            ...(accessories.other ? [{ description: accessories.other, quantity: 1 }] : []),
          ],
          paper,
        }),
      ),
      fileName,
      media: paper,
    };
  }
  // Repair report: what the bench wrote on the way (history notes), and the resolution.
  const notes = await historyNotes(db, row.id, ['diagnosing', 'awaiting_customer', 'repairing', 'waiting_parts', 'qa', 'ready_to_ship', 'return_unrepaired']);
  const findings = notes.filter((n) => n.to_status === 'diagnosing' || n.to_status === 'awaiting_customer').map((n) => n.note!);
  const workDone = notes.filter((n) => n.to_status !== 'diagnosing' && n.to_status !== 'awaiting_customer').map((n) => n.note!);
  return {
    pdf: await render.render(
      repairReport({
        site,
        case: info,
        issuedAt: today,
        resolution: (row.resolution ?? 'repaired') as 'repaired',
        findings: [`Reported: ${row.problem_description}`, ...findings],
        workDone,
        parts: [],
        lines: [],
        totals: { currency: currency as 'KRW', subtotalMinor: 0, taxMinor: 0, taxRateBp: 0, totalMinor: 0 },
        paper,
      }),
    ),
    fileName,
    media: paper,
  };
}

/** One document of a case as a PDF, to open or save. */
export async function caseDocument(ctx: ServiceContext, input: { kind: DocumentKind; rma: string }): Promise<{ fileName: string; pdfBase64: string }> {
  const document = await buildCaseDocument(ctx.db, input.kind, input.rma, { now: ctx.now });
  return { fileName: document.fileName, pdfBase64: document.pdf.toString('base64') };
}

/** Prints (or hands back to open or save) the documents of one case, in the order asked. */
export async function printDocuments(ctx: ServiceContext, input: z.output<typeof printDocumentsInput>): Promise<PrintOutcome[]> {
  const { caller } = ctx;
  const row = await loadCase(ctx.db, input.rma);
  if (input.kinds.some((k) => k !== 'unit_tag')) {
    const problem = addressProblem(row);
    if (problem) throw new DepotError('invalid', problem);
  }
  const outcomes: PrintOutcome[] = [];
  for (const kind of input.kinds) {
    const request = { rma: input.rma, shipment: input.shipment };
    outcomes.push(
      await deliver(ctx.core, caller, { kind, caseId: Number(row.id), request }, () =>
        buildCaseDocument(ctx.db, kind, input.rma, { shipment: input.shipment, now: ctx.now }),
      ),
    );
  }
  return outcomes;
}

/** Prints a kept job again, built afresh from its case. */
export async function retryPrintJob(ctx: ServiceContext, id: number): Promise<PrintOutcome> {
  const { caller } = ctx;
  const job = await printJobById(ctx.db, id);
  if (!job) throw fieldError('id', m.noPrintJob({ id }));
  if (job.state === 'printed') throw new DepotError('conflict', m.alreadyPrinted({ id }));
  const request = JSON.parse(job.request) as { rma: string; shipment?: Shipment };
  const kind = job.kind as DocumentKind;
  return deliver(ctx.core, caller, { id: Number(job.id), kind, caseId: job.case_id, request }, () =>
    buildCaseDocument(ctx.db, kind, request.rma, { shipment: request.shipment, now: ctx.now }),
  );
}

/** The unit tag printed on receipt; says why not when no label printer is set up. */
export async function printUnitTag(
  ctx: ServiceContext,
  rma: string,
): Promise<{ printed: boolean; reason?: 'no_printer' | 'failed'; message: string }> {
  if (!(await hasPrinterFor(ctx.core, 'unit_tag'))) {
    return { printed: false, reason: 'no_printer', message: 'No label printer is set up: the unit tag was not printed.' };
  }
  const [outcome] = await printDocuments(ctx, { rma, kinds: ['unit_tag'] });
  return outcome!.outcome === 'printed'
    ? { printed: true, message: `Unit tag sent to ${outcome!.printer}.` }
    : { printed: false, reason: 'failed', message: outcome!.message };
}

export async function shippingQueue(ctx: ServiceContext): Promise<ShippingQueueRow[]> {
  const rows = await shippingQueueRows(ctx.db, shippingStatuses);
  return rows.map((r) => ({
    rma: r.rma,
    version: r.version,
    status: r.status as Status,
    customerName: r.customer_name,
    model: r.model,
    serial: r.serial,
    resolution: r.resolution,
    statusChangedAt: r.status_changed_at,
    problem: addressProblem(r),
  }));
}

/**
 * Ships a case: a unit returned unrepaired first becomes ready to ship, then shipped with its carrier
 * and tracking number; the shipment row, statuses, history and portal outbox commit together.
 */
export async function ship(ctx: ServiceContext, input: z.output<typeof shipInput>): Promise<CaseDetail> {
  const { caller } = ctx;
  const now = ctx.now;
  const trx = trxOf(ctx);
  const row = await loadCase(trx, input.rma);
  if (!shippingStatuses.includes(row.status as Status)) {
    throw new DepotError('illegal_transition', m.notReadyToShip({ rma: input.rma, status: row.status }));
  }
  const problem = addressProblem(row);
  if (problem) throw new DepotError('invalid', problem);
  let version = input.version;
  if (row.status === 'return_unrepaired') {
    await applyTransition(trx, now, caller, {
      rma: input.rma,
      version,
      to: 'ready_to_ship',
      note: null,
      carrier: null,
      ...(row.resolution ? {} : { resolution: 'returned_unrepaired' as const }),
    });
    version += 1;
  }
  const s = input.shipment;
  const caseId = await applyTransition(trx, now, caller, {
    rma: input.rma,
    version,
    to: 'shipped',
    note: input.note ?? `${s.carrier} ${s.tracking}`,
    carrier: s.carrier,
    tracking: s.tracking,
  });
  await trx
    .insertInto('shipments')
    .values({
      case_id: caseId,
      carrier: s.carrier,
      service: s.service,
      weight_grams: s.weightGrams,
      tracking: s.tracking,
      shipped_at: now.toISOString(),
      shipped_by: caller.kind === 'user' ? caller.user.id : null,
      delivered_at: null,
    })
    .execute();
  return getCase(ctx, input.rma);
}

/** Closes a shipped case whose delivery was confirmed. */
export async function closeDelivered(ctx: ServiceContext, input: z.output<typeof closeCaseInput>): Promise<CaseDetail> {
  const { caller } = ctx;
  const now = ctx.now;
  const trx = trxOf(ctx);
  const caseId = await applyTransition(trx, now, caller, {
    rma: input.rma,
    version: input.version,
    to: 'closed',
    note: input.note ?? 'Delivery confirmed',
    carrier: null,
  });
  await trx.updateTable('shipments').set({ delivered_at: now.toISOString() }).where('case_id', '=', caseId).where('delivered_at', 'is', null).execute();
  return getCase(ctx, input.rma);
}

/** Closes cases shipped more than the set number of days ago; each in its own transaction. */
export async function closeOldShipped(ctx: ServiceContext): Promise<{ closed: string[]; days: number }> {
  const { caller } = ctx;
  const { closeAfterDays: days } = await readPrinterSettings(ctx.db);
  const now = ctx.now;
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  const rows = await shippedBefore(ctx.db, before, 10_000);
  const closed: string[] = [];
  for (const row of rows) {
    try {
      await ctx.db.transaction().execute((trx) =>
        applyTransition(trx, now, caller, {
          rma: row.rma,
          version: row.version,
          to: 'closed',
          note: null,
          said: [m.closedAfterShipping({ days })],
          carrier: null,
        }),
      );
      closed.push(row.rma);
    } catch (error) {
      // Changed by someone meanwhile: it is looked at again on the next run.
      if (!(error instanceof DepotError && error.code === 'conflict')) throw error;
    }
  }
  return { closed, days };
}

/** Cases whose labels a batch prints: in `status`, optionally only those that entered it on `day`. */
async function batchCases(core: Core, input: z.output<typeof batchLabelsInput>): Promise<ReturnParcelRow[]> {
  const rows = await returnParcelsInStatus(core.db, input.status);
  if (!input.day) return rows;
  const { timeZone } = await requireSite(core.db);
  return rows.filter((r) => calendarDateIn(new Date(r.status_changed_at), timeZone) === input.day);
}

/** Labels of many cases as one PDF; the latest shipment of a shipped case goes on its label. */
export async function renderBatchLabels(
  core: Core,
  input: z.output<typeof batchLabelsInput>,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<{ pdf: Buffer; count: number; skipped: string[] }> {
  const rows = await batchCases(core, input);
  const { site, timeZone } = await siteForDocuments(core.db);
  const today = calendarDateIn(core.now(), timeZone);
  const skipped: string[] = [];
  const labels: ShippingLabelData[] = [];
  for (const row of rows) {
    if (addressProblem(row)) {
      skipped.push(row.rma);
      continue;
    }
    const shipment = await core.db
      .selectFrom('shipments')
      .select(['carrier', 'service', 'weight_grams', 'tracking'])
      .where('case_id', '=', row.id)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    labels.push(
      labelData(row, site, today, shipment ? { carrier: shipment.carrier, service: shipment.service, weightGrams: shipment.weight_grams, tracking: shipment.tracking } : undefined),
    );
  }
  if (labels.length === 0) {
    const said = input.day
      ? m.noLabelsToPrintOn({ status: input.status, day: input.day })
      : m.noLabelsToPrint({ status: input.status });
    throw new DepotError('not_found', said);
  }
  const pdf = await renderLabelBatch(documentRenderer(), labels.map(shippingLabel), options);
  return { pdf, count: labels.length, skipped };
}

interface RunningBatch {
  progress: BatchProgress;
  controller: AbortController;
  result?: PrintOutcome;
}
const batchesSlot = new Slot('shipping.batches', () => new Map<number, RunningBatch>());
let nextBatchId = 1;

/** Starts a label batch in the background; its progress is read with `batchStatus`, and it can be cancelled. */
export function startLabelBatch(ctx: ServiceContext, input: z.output<typeof batchLabelsInput>): BatchProgress {
  const { caller } = ctx;
  const mine = ctx.core.slot(batchesSlot);
  const id = nextBatchId++;
  const batch: RunningBatch = { progress: { id, state: 'running', done: 0, total: 0, message: null }, controller: new AbortController() };
  mine.set(id, batch);
  const run = async () => {
    const { pdf, count, skipped } = await renderBatchLabels(ctx.core, input, {
      signal: batch.controller.signal,
      onProgress: (done, total) => Object.assign(batch.progress, { done, total }),
    });
    batch.result = await deliver(ctx.core, caller, { kind: 'label', caseId: null, request: { batch: input } }, async () => ({
      pdf,
      fileName: `labels-${input.status}${input.day ? `-${input.day}` : ''}.pdf`,
      media: { widthMicrons: 101_600, heightMicrons: 152_400 },
    }));
    const note = skipped.length ? ` ${skipped.length} left out for an incomplete address: ${skipped.join(', ')}.` : '';
    Object.assign(batch.progress, { state: 'done', done: count, total: count, message: `${batch.result.message}${note}` });
  };
  run().catch((error: unknown) => {
    const cancelled = batch.controller.signal.aborted;
    Object.assign(batch.progress, {
      state: cancelled ? 'cancelled' : 'failed',
      message: cancelled ? 'Cancelled: nothing was printed.' : error instanceof DepotError ? error.message : 'The labels could not be made; the error was logged',
    });
    if (!cancelled && !(error instanceof DepotError)) console.error('depot: label batch failed', error);
  });
  return { ...batch.progress };
}

function findBatch(ctx: ServiceContext, id: number): RunningBatch {
  const batch = ctx.core.slot(batchesSlot).get(id);
  if (!batch) throw fieldError('id', m.noLabelBatch({ id }));
  return batch;
}

export function batchStatus(ctx: ServiceContext, id: number): BatchProgress & { result: PrintOutcome | null } {
  const batch = findBatch(ctx, id);
  return { ...batch.progress, result: batch.progress.state === 'done' ? (batch.result ?? null) : null };
}

export function cancelBatch(ctx: ServiceContext, id: number): BatchProgress {
  const batch = findBatch(ctx, id);
  if (batch.progress.state === 'running') batch.controller.abort();
  return { ...batch.progress };
}
