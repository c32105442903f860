import type { Db } from '../../../base/node/core.ts';
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
