import { sql, type Kysely } from 'kysely';

/**
 * How many units of each model were sold in each month, as the admin enters or imports them: the
 * failures report divides the returns of a lot by them.
 */
export const m0015_units_sold = {
  id: 15,
  name: 'units sold',
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('units_sold')
      .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id'))
      // A calendar month, YYYY-MM.
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 0`))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('units_sold_pk', ['product_id', 'period'])
      .execute();
  },
};
