import { sql, type Insertable, type Selectable } from 'kysely';
import type { z } from 'zod';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import type { Database } from '../../../base/node/db/schema.ts';
import { trxOf, userOf, type ServiceContext } from '../../../base/node/handlers.ts';
import type { ShippedAccessory } from '../common/accessories.ts';
import type { saveProductInput, setProductActiveInput } from '../common/contract.ts';
import { productsMessages as m } from '../common/messages.ts';
import type { ProductInfo } from '../common/types.ts';

type ProductRow = Selectable<Database['products']>;

const infoOf = (p: ProductRow): ProductInfo => ({
  id: Number(p.id),
  model: p.model,
  name: p.name,
  productLine: p.product_line,
  warrantyMonths: p.warranty_months,
  accessories: JSON.parse(p.accessories) as ShippedAccessory[],
  dateCodePattern: p.date_code_pattern,
  vendor: p.vendor,
  active: Number(p.active) === 1,
  version: Number(p.version),
});

/** The products the depot services: the only code that reads the products table for the API. Retired ones only for an admin. */
export async function listProducts(ctx: ServiceContext, input: { includeRetired?: boolean }): Promise<ProductInfo[]> {
  if (input.includeRetired && userOf(ctx).role !== 'admin') throw new DepotError('forbidden', m.retiredOnlyForAdmin());
  let query = ctx.db.selectFrom('products').selectAll().orderBy('model');
  if (!input.includeRetired) query = query.where('active', '=', 1);
  return (await query.execute()).map(infoOf);
}

/** The product of a model number (the unique model index), or undefined; retired ones too, for the cases they already have. */
export async function productByModel(db: Db, model: string) {
  const row = await db.selectFrom('products').select(['id', 'model', 'active']).where('model', '=', model).executeTakeFirst();
  return row && { id: row.id, model: row.model, active: Number(row.active) === 1 };
}

/** The product lines the depot services, in order (the bench's filter). */
export async function productLines(db: Db) {
  return db.selectFrom('products').select('product_line').distinct().orderBy('product_line').execute();
}

/** Adds a product (demo data) and returns its id. */
export async function addProduct(trx: Tx, values: Insertable<Database['products']>) {
  return trx.insertInto('products').values(values).returning('id').executeTakeFirstOrThrow();
}

/** The key a model is unique by: the unique index's `lower(trim(model))`. */
const modelKey = sql<string>`lower(trim(model))`;

async function requireFreeModel(trx: Tx, model: string, exceptId: number | null): Promise<void> {
  let query = trx.selectFrom('products').select('id').where(modelKey, '=', model.toLowerCase());
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw fieldError('model', m.modelExists({ model }));
}

/** The product as the admin saw it: refused as a conflict if another admin changed it since. */
async function currentProduct(trx: Tx, id: number, version: number | undefined): Promise<ProductRow> {
  const row = await trx.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DepotError('not_found', m.noProduct({ id }));
  if (Number(row.version) !== version) throw new DepotError('conflict', m.changed({ model: row.model }));
  return row;
}

/** Writes a change to a product read in this transaction; a change committed in between is a conflict. */
async function writeProduct(trx: Tx, row: ProductRow, set: Partial<Omit<ProductRow, 'id' | 'version'>>): Promise<ProductInfo> {
  const updated = await trx
    .updateTable('products')
    .set({ ...set, version: Number(row.version) + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new DepotError('conflict', m.changed({ model: row.model }));
  return infoOf(updated);
}

/** Adds a product, or changes one against the version the admin's list showed. */
export async function saveProduct(ctx: ServiceContext, input: z.output<typeof saveProductInput>): Promise<ProductInfo> {
  const trx = trxOf(ctx);
  const values = {
    model: input.model,
    name: input.name,
    product_line: input.productLine,
    warranty_months: input.warrantyMonths,
    accessories: JSON.stringify(input.accessories),
    date_code_pattern: input.dateCodePattern,
    ...(input.vendor !== undefined ? { vendor: input.vendor } : {}),
  };
  if (input.id === undefined) {
    await requireFreeModel(trx, input.model, null);
    // Two admins adding one model at once: the unique index takes one, the other is told at the field.
    const added = await trx.insertInto('products').values(values).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
    if (!added) throw fieldError('model', m.modelExists({ model: input.model }));
    return infoOf(added);
  }
  const row = await currentProduct(trx, input.id, input.version);
  await requireFreeModel(trx, input.model, Number(row.id));
  return writeProduct(trx, row, values);
}

/** Retires a model or makes it active again. */
export async function setProductActive(ctx: ServiceContext, input: z.output<typeof setProductActiveInput>): Promise<ProductInfo> {
  const trx = trxOf(ctx);
  const row = await currentProduct(trx, input.id, input.version);
  if ((Number(row.active) === 1) === input.active) {
    throw new DepotError('invalid', input.active ? m.alreadyActive({ model: row.model }) : m.alreadyRetired({ model: row.model }));
  }
  return writeProduct(trx, row, { active: input.active ? 1 : 0 });
}

/** Who the depot sends a model's faulty units back to; null when no vendor is set. */
export async function productVendorOf(db: Db, productId: number): Promise<{ model: string; vendor: string | null } | undefined> {
  return db.selectFrom('products').select(['model', 'vendor']).where('id', '=', productId).executeTakeFirst();
}

/** Every vendor named on a product. */
export async function productVendors(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('products').select('vendor').distinct().where('vendor', 'is not', null).execute();
  return rows.map((r) => r.vendor!);
}
