import { z } from 'zod';
import { zodMessage } from '../../../base/common/messages.ts';
import { method } from '../../../base/common/rpc.ts';
import { scanSchema } from '../../../base/common/schemas.ts';
import { stockMessages as m } from './messages.ts';
import { MAX_MINIMUM, stockGrades, stockRoles, stockSources, stockStatuses, type StockLevel, type StockUnit } from './types.ts';

const chooseProduct = zodMessage(m.chooseProduct());
const productId = z.number({ error: chooseProduct }).int(chooseProduct).positive(chooseProduct).max(2_147_483_647, chooseProduct);
const versionRequired = zodMessage(m.versionRequired());
const minimumMessage = zodMessage(m.minimum({ max: MAX_MINIMUM }));

/**
 * One scan into stock: the model and grade are chosen once, then each scan is a serial (from the
 * supplier) or the RMA barcode of a case's repaired faulty unit (its serial is the case's).
 */
export const receiveStockInput = z.object({
  productId,
  grade: z.enum(stockGrades, { error: zodMessage(m.chooseGrade()) }),
  source: z.enum(stockSources, { error: zodMessage(m.chooseSource()) }),
  code: scanSchema,
});
export const setMinimumInput = z.object({
  productId,
  minimum: z.number({ error: minimumMessage }).int(minimumMessage).min(0, minimumMessage).max(MAX_MINIMUM, minimumMessage),
  /** The version the list showed; null while the model had no minimum. */
  version: z.number({ error: versionRequired }).int(versionRequired).positive(versionRequired).max(2_147_483_647, versionRequired).nullable(),
});

export const stockMethods = {
  'stock.units': method<StockUnit[]>()({
    input: z.object({ status: z.enum(stockStatuses).optional(), productId: productId.optional() }).strict(),
    access: 'signed-in',
    summary: 'The replacement units by serial, newest first (at most 500); of one status or model when asked.',
  }),
  'stock.levels': method<StockLevel[]>()({
    input: z.object({}).strict(),
    access: 'signed-in',
    summary: 'Units in stock per model (new and refurbished), against the minimum below which the Stock screen warns.',
  }),
  'stock.receive': method<StockUnit>()({
    writes: true,
    input: receiveStockInput,
    access: stockRoles,
    summary: 'Puts one unit into stock by its serial, or a case’s repaired faulty unit by its RMA; a serial is in stock once.',
  }),
  'stock.setMinimum': method<StockLevel>()({
    writes: true,
    input: setMinimumInput,
    access: ['admin'],
    summary: "Sets a model's minimum stock against the version the list showed; 0 turns the warning off.",
  }),
} as const;

type StockMethods = typeof stockMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends StockMethods {}
}
