import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../../base/node/core.ts';
import type { Database } from '../../../base/node/db/schema.ts';
import type { ProductInfo } from '../common/types.ts';

/** The products the depot services: the only code that reads the products table for the API. */
export async function listProducts(db: Db): Promise<ProductInfo[]> {
  const rows = await db.selectFrom('products').selectAll().orderBy('model').execute();
  return rows.map((p) => ({
    model: p.model,
    name: p.name,
    productLine: p.product_line,
    warrantyMonths: p.warranty_months,
    accessories: JSON.parse(p.accessories) as string[],
  }));
}

/** The product of a model number (the unique model index), or undefined. */
export async function productByModel(db: Db, model: string) {
  return db.selectFrom('products').select(['id', 'model']).where('model', '=', model).executeTakeFirst();
}

/** The product lines the depot services, in order (the bench's filter). */
export async function productLines(db: Db) {
  return db.selectFrom('products').select('product_line').distinct().orderBy('product_line').execute();
}

/** Adds a product (demo data) and returns its id. */
export async function addProduct(trx: Tx, values: Insertable<Database['products']>) {
  return trx.insertInto('products').values(values).returning('id').executeTakeFirstOrThrow();
}
