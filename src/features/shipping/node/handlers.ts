import type { shippingMethods } from '../common/contract.ts';
import { listPrinters, listPrintJobs, readPrinterSettings, writePrinterSettings } from '../../printing/node/index.ts';
import {
  batchStatus,
  buildCaseDocument,
  cancelBatch,
  closeDelivered,
  closeOldShipped,
  printDocuments,
  retryPrintJob,
  ship,
  shippingQueue,
  startLabelBatch,
} from './shipping.ts';
import { signedIn, type HandlersFor } from '../../../base/node/handlers.ts';

export const shippingHandlers: HandlersFor<typeof shippingMethods> = {
  'shipping.queue': (_input, { core }) => shippingQueue(core),
  'shipping.print': (input, context) => printDocuments(context.core, signedIn(context), input),
  'shipping.document': async (input, { core }) => {
    const document = await buildCaseDocument(core.db, input.kind, input.rma, { now: core.now() });
    return { fileName: document.fileName, pdfBase64: document.pdf.toString('base64') };
  },
  'shipping.ship': (input, context) => ship(context.core, signedIn(context), input),
  'shipping.close': (input, context) => closeDelivered(context.core, signedIn(context), input),
  'shipping.closeOld': (_input, context) => closeOldShipped(context.core, signedIn(context)),
  'shipping.batchLabels': async (input, context) => startLabelBatch(context.core, signedIn(context), input),
  'shipping.batchStatus': async (input, { core }) => batchStatus(core, input.id),
  'shipping.batchCancel': async (input, { core }) => cancelBatch(core, input.id),
  'printing.settings': (_input, { core }) => readPrinterSettings(core.db),
  'printing.updateSettings': (input, { core }) => writePrinterSettings(core, input),
  'printing.printers': (_input, { core }) => listPrinters(core),
  'printing.jobs': (input, { core }) => listPrintJobs(core, input),
  'printing.retry': (input, context) => retryPrintJob(context.core, signedIn(context), input.id),
};
