import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/**
 * Replacement stock: whole units by serial, new or refurbished, received from the supplier or from
 * a case's faulty unit repaired at the depot, each taken once by the case it replaces; and the
 * admin's minimum per model, below which the Stock screen warns.
 */
export const m0023_stock = {
  id: 23,
  name: 'replacement stock',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    await idColumn(db.schema.createTable('stock_units'), dialect)
      .addColumn('serial', 'text', (c) => c.notNull())
      // The serial without spaces, dashes, dots and case: one unit per serial.
      .addColumn('serial_norm', 'text', (c) => c.notNull().unique())
      .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id'))
      .addColumn('grade', 'text', (c) => c.notNull().check(sql.raw("grade in ('new', 'refurbished')")))
      .addColumn('status', 'text', (c) => c.notNull().check(sql.raw("status in ('in_stock', 'used', 'shipped')")))
      .addColumn('source', 'text', (c) => c.notNull().check(sql.raw("source in ('supplier', 'repaired')")))
      // The case whose faulty unit, repaired, became this stock unit.
      .addColumn('source_case_id', 'integer', (c) => c.references('cases.id'))
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('received_by', 'integer', (c) => c.notNull().references('users.id'))
      // The case the unit replaced the faulty unit of.
      .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
      .addColumn('taken_at', 'text')
      .addColumn('taken_by', 'integer', (c) => c.references('users.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('stock_units_product_status').on('stock_units').columns(['product_id', 'status']).execute();
    await db.schema.createIndex('stock_units_case').on('stock_units').column('case_id').execute();
    // A repaired unit goes into stock once.
    await db.schema
      .createIndex('stock_units_source_case')
      .on('stock_units')
      .unique()
      .column('source_case_id')
      .where(sql.ref('source_case_id'), 'is not', null)
      .execute();

    await db.schema
      .createTable('stock_minimums')
      .addColumn('product_id', 'integer', (c) => c.primaryKey().references('products.id'))
      .addColumn('minimum', 'integer', (c) => c.notNull().check(sql`minimum >= 0`))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
};
