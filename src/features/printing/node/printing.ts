/**
 * Printing: where each kind of document goes, and print jobs that are kept until they printed.
 *
 * Core never talks to the operating system's printers itself: it is handed a `Printer`, Electron's in
 * the desktop app and CUPS's (`cups.ts`) in browser mode and the CLI where CUPS is installed. Without
 * one or without a printer chosen, a document comes back as a PDF for the person to open or save. Raw
 * ZPL to a network label printer works everywhere.
 */
import { DepotError } from '../../../base/common/result.ts';
import { printingMessages as m } from '../common/index.ts';
import {
  labelKinds,
  type DocumentKind,
  type PrinterSettings,
  type PrintJob,
  type PrintOutcome,
  type TestPrintOutcome,
} from '../../shipping/common/index.ts';
import { sendZpl } from '../../documents/node/index.ts';
import { Slot, type Core, type Db } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { setting } from '../../settings/node/index.ts';
import type { Caller } from '../../../base/common/identity.ts';

export interface PrinterInfo {
  name: string;
  isDefault: boolean;
}

/** Paper for one print: a named size, or a label's size in micrometres. */
export type PrintMedia = 'A4' | 'LETTER' | { widthMicrons: number; heightMicrons: number };

/** The operating system's printers, as the Electron main process or CUPS offers them. */
export interface Printer {
  list(): Promise<PrinterInfo[]>;
  /** Prints without a dialog; rejects with a reason a clerk can act on. */
  printPdf(printer: string, pdf: Buffer, media: PrintMedia): Promise<void>;
}

/** The system printer the process hands over; none where neither Electron nor CUPS is there. */
const printerSlot = new Slot<{ printer: Printer | null }>('printing.printer', () => ({ printer: null }));

/** Called once by the desktop app, and by browser mode and the CLI when CUPS is installed. */
export function usePrinter(core: Core, printer: Printer): void {
  core.slot(printerSlot).printer = printer;
}

export async function listPrinters(ctx: ServiceContext): Promise<PrinterInfo[]> {
  return (await ctx.core.slot(printerSlot).printer?.list()) ?? [];
}

export function readPrinterSettings(db: Db): Promise<PrinterSettings> {
  return setting.printing.read(db);
}

export async function writePrinterSettings(ctx: ServiceContext, settings: PrinterSettings): Promise<PrinterSettings> {
  // Asked only when a printer is named, so settings without one save while the print service is down.
  let installed: PrinterInfo[] | null = null;
  for (const [field, name] of [['label.printer', settings.label.mode === 'system' ? settings.label.printer : null], ['office.printer', settings.office.printer]] as const) {
    if (!name || ctx.core.slot(printerSlot).printer === null) continue;
    installed ??= await listPrinters(ctx);
    if (!installed.some((p) => p.name === name)) {
      const said = m.notInstalled({ printer: name });
      throw new DepotError('invalid', said, { [field]: said });
    }
  }
  await setting.printing.write(ctx.db, settings);
  return settings;
}

/** A built document: the PDF always, and ZPL for label printers that speak it. */
export interface BuiltDocument {
  pdf: Buffer;
  zpl?: string;
  fileName: string;
  media: PrintMedia;
}

type Destination =
  | { kind: 'download' }
  | { kind: 'system'; printer: string }
  | { kind: 'zpl'; host: string; port: number };

function destinationOf(settings: PrinterSettings, kind: DocumentKind, hasPrinter: boolean): Destination {
  if (labelKinds.includes(kind)) {
    const label = settings.label;
    if (label.mode === 'zpl' && label.host) return { kind: 'zpl', host: label.host, port: label.port };
    if (label.mode === 'system' && label.printer && hasPrinter) return { kind: 'system', printer: label.printer };
    return { kind: 'download' };
  }
  return settings.office.printer && hasPrinter ? { kind: 'system', printer: settings.office.printer } : { kind: 'download' };
}

const describe = (d: Destination): string | null =>
  d.kind === 'system' ? d.printer : d.kind === 'zpl' ? `${d.host}:${d.port}` : null;

/** Whether documents of this kind go to a printer rather than back to the person (`db`: a request's transaction). */
export async function hasPrinterFor(core: Core, kind: DocumentKind, db: Db = core.db): Promise<boolean> {
  return destinationOf(await readPrinterSettings(db), kind, core.slot(printerSlot).printer !== null).kind !== 'download';
}

async function send(core: Core, destination: Destination, document: BuiltDocument): Promise<void> {
  if (destination.kind === 'zpl') {
    if (!document.zpl) throw new DepotError('invalid', m.noZpl());
    await sendZpl(destination.host, destination.port, document.zpl);
    return;
  }
  if (destination.kind === 'system') {
    const printer = core.slot(printerSlot).printer!;
    const installed = await printer.list();
    if (!installed.some((p) => p.name === destination.printer)) {
      throw new DepotError('not_found', m.notReachable({ printer: destination.printer }));
    }
    await printer.printPdf(destination.printer, document.pdf, document.media);
  }
}

/** Why a send failed, as code and params, so it reads in the admin's or clerk's language. */
function failureOf(error: unknown): DepotError {
  if (error instanceof DepotError) return error;
  return new DepotError('internal', m.refused({ detail: error instanceof Error ? error.message : String(error) }));
}

/**
 * Sends a test document to where documents of this kind go, exactly as a real print is sent, but
 * keeps no print job: there is no case to build it again from.
 */
export async function deliverTest(
  core: Core,
  kind: DocumentKind,
  build: (printer: string | null) => Promise<BuiltDocument>,
): Promise<TestPrintOutcome> {
  const destination = destinationOf(await readPrinterSettings(core.db), kind, core.slot(printerSlot).printer !== null);
  const document = await build(describe(destination));
  if (destination.kind === 'download') {
    return { kind, outcome: 'download', fileName: document.fileName, pdfBase64: document.pdf.toString('base64') };
  }
  const printer = describe(destination)!;
  try {
    await send(core, destination, document);
  } catch (error) {
    const failure = failureOf(error);
    return { kind, outcome: 'failed', printer, message: failure.message, reason: { code: failure.said.code, params: failure.said.params } };
  }
  return { kind, outcome: 'printed', printer };
}

export interface PrintRequest {
  kind: DocumentKind;
  caseId: number | null;
  /** Enough to build the document again on retry. */
  request: unknown;
}

/**
 * Writes a job, pending, in the caller's transaction: a document that must not be lost (the unit tag
 * of a receipt) commits with what it is for, and is delivered (`deliver` with its id) after the commit.
 */
export async function queuePrintJob(db: Db, now: Date, caller: Caller, job: PrintRequest): Promise<number> {
  const row = await db
    .insertInto('print_jobs')
    .values({
      kind: job.kind,
      case_id: job.caseId,
      request: JSON.stringify(job.request),
      printer: null,
      state: 'pending',
      error: null,
      attempts: 0,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      created_by: caller.kind === 'user' ? caller.user.id : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Jobs still pending since before `before`: written, but the process that wrote them stopped before sending. */
export async function leftPendingPrintJobIds(db: Db, before: Date): Promise<number[]> {
  const rows = await db.selectFrom('print_jobs').select('id').where('state', '=', 'pending').where('updated_at', '<', before.toISOString()).orderBy('id').execute();
  return rows.map((r) => Number(r.id));
}

/**
 * Builds and delivers one document. The job row is written before anything is sent, so a print that
 * fails (or a process that dies mid-print) leaves the job to retry, with its reason.
 */
export async function deliver(
  core: Core,
  caller: Caller,
  job: PrintRequest & { id?: number },
  build: () => Promise<BuiltDocument>,
): Promise<PrintOutcome> {
  const destination = destinationOf(await readPrinterSettings(core.db), job.kind, core.slot(printerSlot).printer !== null);
  const printer = describe(destination);
  const at = () => core.now().toISOString();
  const id = job.id ?? (await queuePrintJob(core.db, core.now(), caller, job));
  const finish = async (state: PrintJob['state'], error: string | null) => {
    await core.db
      .updateTable('print_jobs')
      .set((eb) => ({ state, error, printer, attempts: eb('attempts', '+', 1), updated_at: at() }))
      .where('id', '=', id)
      .execute();
  };
  let document: BuiltDocument;
  try {
    document = await build();
  } catch (error) {
    // The document cannot be made from this data: nothing to keep for retry.
    await core.db.deleteFrom('print_jobs').where('id', '=', id).where('attempts', '=', 0).execute();
    throw error;
  }
  if (destination.kind === 'download') {
    await finish('downloaded', null);
    return {
      kind: job.kind,
      outcome: 'download',
      jobId: id,
      fileName: document.fileName,
      pdfBase64: document.pdf.toString('base64'),
      reason: 'no_printer',
      message: `No printer is set up for this document: ${document.fileName} is ready to open or save.`,
    };
  }
  try {
    await send(core, destination, document);
  } catch (error) {
    const failure = failureOf(error);
    const message = failure.message;
    await finish('failed', message);
    return {
      kind: job.kind,
      outcome: 'failed',
      jobId: id,
      printer: printer!,
      message: `${message}. The job is kept: retry it from the print queue.`,
      reason: { code: failure.said.code, params: failure.said.params },
    };
  }
  await finish('printed', null);
  return { kind: job.kind, outcome: 'printed', jobId: id, printer: printer!, message: `Sent to ${printer}.` };
}

/** Print jobs, newest first (only those still to print, if asked), with their cases' RMA numbers. */
export async function printJobRows(db: Db, options: { open?: boolean | undefined } = {}) {
  let query = db
    .selectFrom('print_jobs')
    .leftJoin('cases', 'cases.id', 'print_jobs.case_id')
    .select([
      'print_jobs.id',
      'print_jobs.kind',
      'cases.rma',
      'print_jobs.printer',
      'print_jobs.state',
      'print_jobs.error',
      'print_jobs.attempts',
      'print_jobs.created_at',
      'print_jobs.updated_at',
    ]);
  if (options.open) query = query.where('print_jobs.state', 'in', ['pending', 'failed']);
  return query.orderBy('print_jobs.id', 'desc').limit(200).execute();
}

/** A kept print job (undefined: no such job). */
export async function printJobById(db: Db, id: number) {
  return db.selectFrom('print_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPrintJobs(ctx: ServiceContext, options: { open?: boolean } = {}): Promise<PrintJob[]> {
  const rows = await printJobRows(ctx.db, options);
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind as DocumentKind,
    rma: r.rma,
    printer: r.printer,
    state: r.state as PrintJob['state'],
    error: r.error,
    attempts: r.attempts,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
