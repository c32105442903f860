import type { shippingMethods } from '../common/contract.ts';
import { listPrinters, listPrintJobs, readPrinterSettings, writePrinterSettings } from '../../printing/node/index.ts';
import {
  batchStatus,
  caseDocument,
  cancelBatch,
  closeDelivered,
  closeOldShipped,
  printDocuments,
  retryPrintJob,
  ship,
  shippingQueue,
  startLabelBatch,
  testPrint,
} from './shipping.ts';
import type { HandlersFor } from '../../../base/node/handlers.ts';

export const shippingHandlers: HandlersFor<typeof shippingMethods> = {
  'shipping.queue': (ctx) => shippingQueue(ctx),
  'shipping.print': (ctx, input) => printDocuments(ctx, input),
  'shipping.document': (ctx, input) => caseDocument(ctx, input),
  'shipping.ship': (ctx, input) => ship(ctx, input),
  'shipping.close': (ctx, input) => closeDelivered(ctx, input),
  'shipping.closeOld': (ctx) => closeOldShipped(ctx),
  'shipping.batchLabels': async (ctx, input) => startLabelBatch(ctx, input),
  'shipping.batchStatus': async (ctx, input) => batchStatus(ctx, input.id),
  'shipping.batchCancel': async (ctx, input) => cancelBatch(ctx, input.id),
  'printing.settings': (ctx) => readPrinterSettings(ctx.db),
  'printing.updateSettings': (ctx, input) => writePrinterSettings(ctx, input),
  'printing.printers': (ctx) => listPrinters(ctx),
  'printing.test': (ctx, input) => testPrint(ctx, input.kind),
  'printing.jobs': (ctx, input) => listPrintJobs(ctx, input),
  'printing.retry': (ctx, input) => retryPrintJob(ctx, input.id),
};
