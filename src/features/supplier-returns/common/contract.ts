import { z } from 'zod';
import { zodMessage } from '../../../base/common/messages.ts';
import { method } from '../../../base/common/rpc.ts';
import { line, rmaSchema, scanSchema, trackingSchema } from '../../../base/common/schemas.ts';
import { supplierReturnsMessages as m } from './messages.ts';
import {
  supplierOutcomes,
  supplierReturnStatuses,
  type CaseSupplierItem,
  type SupplierReturnDetail,
  type SupplierReturnSummary,
} from './types.ts';

const chooseReturn = zodMessage(m.chooseReturn());
const returnId = z.number({ error: chooseReturn }).int(chooseReturn).positive(chooseReturn).max(2_147_483_647, chooseReturn);
const versionRequired = zodMessage(m.versionRequired());
const version = z.number({ error: versionRequired }).int(versionRequired).positive(versionRequired).max(2_147_483_647, versionRequired);
const quantityMessage = zodMessage(m.quantity());
const amountMessage = zodMessage(m.amount());
const daysMessage = zodMessage(m.days());

export const openReturnInput = z.object({ vendor: line(100, 'vendor') });
/** A unit by the RMA barcode its unit tag prints. */
export const addUnitInput = z.object({ id: returnId, code: scanSchema });
/** A part by its SKU, how many, and the RMA whose repair it came out of. */
export const addPartInput = z.object({
  id: returnId,
  sku: scanSchema,
  rma: scanSchema,
  quantity: z.number({ error: quantityMessage }).int(quantityMessage).min(1, quantityMessage).max(1000, quantityMessage),
});
export const shipReturnInput = z.object({ id: returnId, version, carrier: line(64, 'carrier'), tracking: trackingSchema });
export const creditItemInput = z.object({
  id: returnId,
  itemId: z.number().int().positive().max(2_147_483_647),
  outcome: z.enum(supplierOutcomes, { error: zodMessage(m.outcome()) }),
  /** Minor units of the site's currency; for a credit only. */
  amount: z.number({ error: amountMessage }).int(amountMessage).min(0, amountMessage).max(1_000_000_000_000, amountMessage).nullable(),
});
export const closeReturnInput = z.object({ id: returnId, version });

/** Who sends faulty goods back to the manufacturer: the office. */
const office = ['clerk'] as const;

export const supplierReturnsMethods = {
  'supplierReturns.list': method<SupplierReturnSummary[]>()({
    input: z.object({ status: z.enum(supplierReturnStatuses).optional() }).strict(),
    access: office,
    summary: 'The supplier returns, newest first; of one status when asked.',
  }),
  'supplierReturns.vendors': method<string[]>()({
    input: z.object({}).strict(),
    access: office,
    summary: 'The vendors named on products and parts.',
  }),
  'supplierReturns.open': method<SupplierReturnSummary>()({
    writes: true,
    input: openReturnInput,
    access: office,
    summary: "The vendor's open return, opened now if it has none (one open return per vendor).",
  }),
  'supplierReturns.get': method<SupplierReturnDetail>()({
    input: z.object({ id: returnId }),
    access: office,
    summary: 'A supplier return with every item on it.',
  }),
  'supplierReturns.addUnit': method<SupplierReturnDetail>()({
    writes: true,
    input: addUnitInput,
    access: office,
    summary: "Puts a case's faulty unit (returned unrepaired or replaced) on its vendor's open return.",
  }),
  'supplierReturns.addPart': method<SupplierReturnDetail>()({
    writes: true,
    input: addPartInput,
    access: office,
    summary: "Puts faulty parts out of a case's repair on their vendor's open return.",
  }),
  'supplierReturns.masterList': method<{ fileName: string; pdfBase64: string }>()({
    input: z.object({ id: returnId }),
    access: office,
    summary: "The return's master list as a PDF (base64): serials, the customers' RMA numbers, quantities.",
  }),
  'supplierReturns.masterListCsv': method<{ fileName: string; csv: string }>()({
    input: z.object({ id: returnId }),
    access: office,
    summary: "The return's master list as CSV (UTF-8 with a byte-order mark).",
  }),
  'supplierReturns.ship': method<SupplierReturnDetail>()({
    writes: true,
    input: shipReturnInput,
    access: office,
    summary: 'Ships an open return with its carrier and tracking number, against the version shown; refused if shipped already.',
  }),
  'supplierReturns.credit': method<SupplierReturnDetail>()({
    writes: true,
    input: creditItemInput,
    access: office,
    summary: 'Records the credit (in minor units of the site’s currency) or replacement the vendor gave for an item of a shipped return.',
  }),
  'supplierReturns.close': method<SupplierReturnDetail>()({
    writes: true,
    input: closeReturnInput,
    access: office,
    summary: 'Closes a shipped return once every item has its credit or replacement, against the version shown.',
  }),
  'supplierReturns.ofCase': method<CaseSupplierItem[]>()({
    input: z.object({ rma: rmaSchema }),
    access: 'signed-in',
    summary: "Where a case's faulty unit or parts went: the supplier returns they are on.",
  }),
  'supplierReturns.overdue': method<SupplierReturnSummary[]>()({
    input: z.object({ olderThanDays: z.number({ error: daysMessage }).int(daysMessage).min(1, daysMessage).max(365, daysMessage).optional() }).strict(),
    access: 'signed-in',
    summary: 'Open supplier returns opened longer ago than the days given (14 by default).',
  }),
} as const;

type SupplierReturnsMethods = typeof supplierReturnsMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends SupplierReturnsMethods {}
}
