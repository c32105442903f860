import { z } from 'zod';
import type { CaseDetail } from '../../cases/common/index.ts';
import {
  batchLabelsInput,
  closeCaseInput,
  documentKinds,
  printDocumentsInput,
  printerSettingsSchema,
  shipInput,
  testPrintInput,
  type BatchProgress,
  type PrinterSettings,
  type PrintJob,
  type PrintOutcome,
  type ShippingQueueRow,
  type TestPrintOutcome,
} from './shipping.ts';
import { rmaSchema } from '../../../base/common/schemas.ts';
import { zodMessage } from '../../../base/common/messages.ts';
import { shippingMessages } from './messages.ts';
import { empty, method } from '../../../base/common/rpc.ts';

const desk = ['clerk'] as const;
const jobId = z.object({ id: z.number({ error: zodMessage(shippingMessages.whichJob()) }).int().positive(zodMessage(shippingMessages.whichJob())) });

/** The shipping desk and printing: queue, documents, ship and close, printers and print jobs. */
export const shippingMethods = {
  'shipping.queue': method<ShippingQueueRow[]>()({
    input: empty,
    access: 'signed-in',
    summary: 'Cases waiting to go back to their customers: ready to ship and return unrepaired, oldest first.',
  }),
  'shipping.print': method<PrintOutcome[]>()({
    // waits on the printer; each print job row is written before and after sending
    writes: 'own',
    input: printDocumentsInput,
    access: [...desk, 'warehouse'],
    summary:
      'Prints documents of a case (return label, unit tag, packing slip, repair report) to the printer set for each kind; without one, returns each PDF as base64 to open or save.',
  }),
  'shipping.document': method<{ fileName: string; pdfBase64: string }>()({
    input: z.object({ rma: rmaSchema, kind: z.enum(documentKinds) }),
    access: 'signed-in',
    summary: 'One document of a case as a PDF (base64), to open or save; nothing is printed.',
  }),
  'shipping.ship': method<CaseDetail>()({
    writes: true,
    input: shipInput,
    access: desk,
    summary: 'Marks a case shipped with carrier, service, weight and a tracking number checked against the carrier’s format.',
  }),
  'shipping.close': method<CaseDetail>()({
    writes: true,
    input: closeCaseInput,
    access: desk,
    summary: 'Closes a shipped case whose delivery was confirmed.',
  }),
  'shipping.closeOld': method<{ closed: string[]; days: number }>()({
    // each case closes in its own transaction, so one conflict does not block the others
    writes: 'own',
    input: empty,
    access: desk,
    summary: 'Closes every case shipped longer ago than the set number of days.',
  }),
  'shipping.batchLabels': method<BatchProgress>()({
    // starts a background job that renders and prints long after the request
    writes: 'own',
    input: batchLabelsInput,
    access: desk,
    summary: 'Starts printing the return labels of many cases (e.g. today’s shipped cases) as one job; poll its progress.',
  }),
  'shipping.batchStatus': method<BatchProgress & { result: PrintOutcome | null }>()({
    input: jobId,
    access: desk,
    summary: 'Progress of a label batch; when done, how it was printed (or its PDF to open or save).',
  }),
  'shipping.batchCancel': method<BatchProgress>()({
    input: jobId,
    access: desk,
    summary: 'Cancels a running label batch; nothing of it is printed.',
  }),
  'printing.settings': method<PrinterSettings>()({
    input: empty,
    access: 'signed-in',
    summary: 'Which printer each kind of document goes to, the paper size, and after how many days shipped cases close.',
  }),
  'printing.updateSettings': method<PrinterSettings>()({
    // asks the system for its installed printers first; one row
    writes: 'own',
    input: printerSettingsSchema,
    access: ['admin'],
    summary: 'Changes the printers, paper size and auto-close days.',
  }),
  'printing.printers': method<{ name: string; isDefault: boolean }[]>()({
    input: empty,
    access: 'signed-in',
    summary: 'Printers installed on this computer (in browser mode, those CUPS lists), the default marked.',
  }),
  'printing.test': method<TestPrintOutcome>()({
    // waits on the printer; writes nothing
    writes: 'own',
    input: testPrintInput,
    access: ['admin'],
    summary:
      'Prints a test page (or, on a ZPL label printer, a test label) for one kind of document, the way its documents print; without a printer, returns the PDF.',
  }),
  'printing.jobs': method<PrintJob[]>()({
    input: z.object({ open: z.boolean().default(true) }).strict(),
    access: 'signed-in',
    summary: 'Print jobs, newest first; `open` lists only those not printed yet (failed ones kept for retry).',
  }),
  'printing.retry': method<PrintOutcome>()({
    // waits on the printer; the job row is updated before and after sending
    writes: 'own',
    input: jobId,
    access: [...desk, 'warehouse'],
    summary: 'Prints a failed job again, its document built afresh from the case.',
  }),
} as const;

type ShippingMethods = typeof shippingMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends ShippingMethods {}
}
