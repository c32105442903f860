import { z } from 'zod';
import { zodMessage } from '../../../base/common/messages.ts';
import { line, optionalLine } from '../../../base/common/schemas.ts';
import { method } from '../../../base/common/rpc.ts';
import { shippedAccessoryKinds } from './accessories.ts';
import { dateCodeRuleSchema } from '../../warranty/common/index.ts';
import { productsMessages as m } from './messages.ts';
import type { ProductInfo } from './types.ts';

const chooseProduct = zodMessage(m.chooseProduct());
/** A product's id, as the database can hold it. */
const productId = z.number({ error: chooseProduct }).int(chooseProduct).positive(chooseProduct).max(2_147_483_647, chooseProduct);
const versionRequired = zodMessage(m.versionRequired());
/** The product's version as the admin's list showed it. */
const version = z.number({ error: versionRequired }).int(versionRequired).positive(versionRequired).max(2_147_483_647, versionRequired);
const months = zodMessage(m.warrantyMonths());

/**
 * A product as the admin enters it. Accessories are the kinds the dock records ('other' aside),
 * so receiving can check each one; a free-text accessory could never be found complete.
 */
export const productFields = z.object({
  model: line(100, 'model'),
  name: line(200, 'name'),
  productLine: line(100, 'productLine'),
  warrantyMonths: z.number({ error: months }).int(months).min(0, months).max(120, months),
  accessories: z
    .array(z.enum(shippedAccessoryKinds, { error: zodMessage(m.accessory()) }))
    .max(shippedAccessoryKinds.length * 2)
    .transform((list) => [...new Set(list)]),
  /** Empty: the model's serials carry no date code. */
  dateCodePattern: z
    .string()
    .nullable()
    .transform((p) => (p === null || p.trim() === '' ? null : p.trim()))
    .pipe(dateCodeRuleSchema.shape.pattern.nullable()),
  /** Who faulty units go back to; left out: unchanged (a new product has none). */
  vendor: optionalLine(100, 'vendor').optional(),
});

/** Adds a product (no id) or changes one against the version the list showed. */
export const saveProductInput = productFields.extend({ id: productId.optional(), version: version.optional() });
export const setProductActiveInput = z.object({ id: productId, version, active: z.boolean() });

export const productsMethods = {
  'products.list': method<ProductInfo[]>()({
    input: z.object({ includeRetired: z.boolean().optional() }).strict(),
    access: 'signed-in',
    summary: 'The products the depot services, with the accessories each ships with; retired ones too when an admin asks.',
  }),
  'products.save': method<ProductInfo>()({
    writes: true,
    input: saveProductInput,
    access: ['admin'],
    summary: "Adds a product, or changes one against its version. A model is unique whatever its case and surrounding spaces.",
  }),
  'products.setActive': method<ProductInfo>()({
    writes: true,
    input: setProductActiveInput,
    access: ['admin'],
    summary: 'Retires a model (no new desk cases for it; its cases go on) or makes it active again.',
  }),
} as const;

type ProductsMethods = typeof productsMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends ProductsMethods {}
}
