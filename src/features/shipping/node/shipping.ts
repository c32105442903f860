/**
 * The shipping desk: the ready-to-ship queue, the documents of a case (built in documents.ts),
 * shipping (status, history, outbox and the shipment in one transaction) and closing.
 */
import type { z } from 'zod';
import { calendarDateIn } from '../../../base/common/dates.ts';
import type { CaseDetail } from '../../cases/common/index.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { shippingMessages as m } from '../common/messages.ts';
import { commonMessages, type Reason, type Said } from '../../../base/common/messages.ts';
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
  TestPrintOutcome,
} from '../common/shipping.ts';
import { shippingStatuses, type Status } from '../../cases/common/index.ts';
import { Slot, type Core, type Tx } from '../../../base/node/core.ts';
import { plainContext, trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { renderLabelBatch, shippingLabel, type ShippingLabelData } from '../../documents/node/index.ts';
import { completedRemedyOf } from '../../bench/node/index.ts';
import {
  applyTransition,
  caseRow,
  getCase,
  returnParcelsInStatus,
  shippedBefore,
  shippingQueueRows,
  type ReturnParcelRow,
} from '../../cases/node/index.ts';
import { deliver, deliverTest, hasPrinterFor, leftPendingPrintJobIds, printJobById, queuePrintJob, readPrinterSettings } from '../../printing/node/index.ts';
import { requireSite } from '../../settings/node/index.ts';
import {
  addressProblem,
  buildCaseDocument,
  buildTestDocument,
  documentRenderer,
  labelData,
  latestShipment,
  loadCase,
  requireAddressFor,
  siteForDocuments,
} from './documents.ts';
import { placeAtDesk } from '../../locations/node/index.ts';

/** One document of a case as a PDF, to open or save. */
export async function caseDocument(ctx: ServiceContext, input: { kind: DocumentKind; rma: string }): Promise<{ fileName: string; pdfBase64: string }> {
  const document = await buildCaseDocument(ctx.db, input.kind, input.rma, { now: ctx.now });
  return { fileName: document.fileName, pdfBase64: document.pdf.toString('base64') };
}

/** Prints (or hands back to open or save) the documents of one case, in the order asked. */
export async function printDocuments(ctx: ServiceContext, input: z.output<typeof printDocumentsInput>): Promise<PrintOutcome[]> {
  const { caller } = ctx;
  const row = await loadCase(ctx.db, input.rma);
  requireAddressFor(row, input.kinds);
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
/** A test print for one kind of document, sent where that kind prints. */
export function testPrint(ctx: ServiceContext, kind: DocumentKind): Promise<TestPrintOutcome> {
  return deliverTest(ctx.core, kind, (printer) => buildTestDocument(ctx.db, kind, printer, ctx.core.now()));
}

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

/**
 * The unit tag's job, written pending in the receipt's transaction so a receipt never commits
 * without it; null when no label printer is set up (the tag is not printed).
 */
export async function queueUnitTag(ctx: ServiceContext, trx: Tx, caseId: number, rma: string): Promise<number | null> {
  if (!(await hasPrinterFor(ctx.core, 'unit_tag', trx))) return null;
  return queuePrintJob(trx, ctx.now, ctx.caller, { kind: 'unit_tag', caseId, request: { rma } });
}

const tagSaid = ({ code, params, text }: Said) => ({ message: text, said: { code, params } });

/** Sends the unit tag queued with a receipt, once the receipt committed; says why not when no label printer is set up. */
export async function printUnitTag(
  ctx: ServiceContext,
  rma: string,
  job: { id: number; caseId: number } | null,
): Promise<{ printed: boolean; reason?: 'no_printer' | 'failed'; message: string; said?: Reason }> {
  if (!job) return { printed: false, reason: 'no_printer', ...tagSaid(m.noUnitTagPrinter()) };
  const outcome = await deliver(ctx.core, ctx.caller, { id: job.id, kind: 'unit_tag', caseId: job.caseId, request: { rma } }, () =>
    buildCaseDocument(ctx.db, 'unit_tag', rma, { now: ctx.now }),
  );
  return outcome.outcome === 'printed'
    ? { printed: true, ...tagSaid(m.unitTagSent({ printer: outcome.printer })) }
    : { printed: false, reason: 'failed', message: outcome.message, said: typeof outcome.reason === 'object' ? outcome.reason : undefined };
}

/**
 * Sends the jobs a stopped Depot left pending (a unit tag whose receipt committed just before the
 * process ended), when Depot starts serving. Only jobs pending for a minute: another station may be
 * sending its own.
 */
export async function sendLeftPendingPrintJobs(core: Core, log: (line: string) => void): Promise<void> {
  const ctx = plainContext(core);
  for (const id of await leftPendingPrintJobIds(core.db, new Date(core.now().getTime() - 60_000))) {
    try {
      const outcome = await retryPrintJob(ctx, id);
      log(`print job ${id}: ${outcome.message}`);
    } catch (error) {
      log(`print job ${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
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
  if (input.placeAt && caller.kind === 'user') await placeAtDesk(trx, input.rma, input.placeAt, caller.user.id, now.toISOString());
  return getCase(ctx, input.rma);
}

/** Closes a shipped case whose delivery was confirmed. */
export async function closeDelivered(ctx: ServiceContext, input: z.output<typeof closeCaseInput>): Promise<CaseDetail> {
  const { caller } = ctx;
  const now = ctx.now;
  const trx = trxOf(ctx);
  const remedy = await completedRemedyOf(trx, (await caseRow(trx, input.rma)).id);
  const caseId = await applyTransition(
    trx,
    now,
    caller,
    { rma: input.rma, version: input.version, to: 'closed', note: input.note ?? null, said: [m.deliveryConfirmed()], carrier: null },
    { portalDetails: remedy },
  );
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
      await ctx.db.transaction().execute(async (trx) =>
        applyTransition(
          trx,
          now,
          caller,
          { rma: row.rma, version: row.version, to: 'closed', note: null, said: [m.closedAfterShipping({ days })], carrier: null },
          { portalDetails: await completedRemedyOf(trx, Number(row.id)) },
        ),
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
    // A shipped case's label shows its shipment and the day it left.
    const recorded = await latestShipment(core.db, row.id, timeZone);
    labels.push(labelData(row, site, recorded?.shippedOn ?? today, recorded?.shipment));
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
  const batch: RunningBatch = { progress: { id, state: 'running', done: 0, total: 0, skipped: [], error: null }, controller: new AbortController() };
  mine.set(id, batch);
  const run = async () => {
    const { pdf, count, skipped } = await renderBatchLabels(ctx.core, input, {
      signal: batch.controller.signal,
      onProgress: (done, total) => Object.assign(batch.progress, { done, total }),
    });
    // Cancelled after the last label was drawn but before it went out: still nothing is printed.
    batch.controller.signal.throwIfAborted();
    batch.result = await deliver(ctx.core, caller, { kind: 'label', caseId: null, request: { batch: input } }, async () => ({
      pdf,
      fileName: `labels-${input.status}${input.day ? `-${input.day}` : ''}.pdf`,
      media: { widthMicrons: 101_600, heightMicrons: 152_400 },
    }));
    Object.assign(batch.progress, { state: 'done', done: count, total: count, skipped });
  };
  run().catch((error: unknown) => {
    if (batch.controller.signal.aborted) return Object.assign(batch.progress, { state: 'cancelled' });
    if (!(error instanceof DepotError)) console.error('depot: label batch failed', error);
    const failure = error instanceof DepotError ? error : new DepotError('internal', commonMessages.internal());
    Object.assign(batch.progress, { state: 'failed', error: failure.toApiError() });
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
