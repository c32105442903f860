import { sql, type Kysely } from 'kysely';

/**
 * Admins add, edit and retire products: `active` (a retired model is offered for no new desk
 * case), `version` (two admins editing one product end with one winner) and the model's serial
 * date-code rule (`date_code_pattern`, null for none). A model is one model whatever its case or
 * surrounding spaces, so the unique index is on the trimmed, lower-cased model. Existing products
 * stay active with no date code.
 */
export const m0012_product_admin = {
  id: 12,
  name: 'product administration',
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('products').addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable('products').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable('products').addColumn('date_code_pattern', 'text').execute();
    await db.schema
      .createIndex('products_model_folded')
      .on('products')
      .unique()
      .expression(sql`lower(trim(model))`)
      .execute();
  },
};
