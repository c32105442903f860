import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/**
 * Returns to the supplier: the vendor of each product and part, the supplier returns (one open per
 * vendor) and what went on each: a faulty unit by its case, or parts out of a case's repair.
 */
export const m0017_supplier_returns = {
  id: 17,
  name: 'supplier returns',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    await db.schema.alterTable('products').addColumn('vendor', 'text').execute();
    await db.schema.alterTable('parts').addColumn('vendor', 'text').execute();

    await idColumn(db.schema.createTable('supplier_returns'), dialect)
      .addColumn('vendor', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql.raw("status in ('open', 'shipped', 'closed')")))
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('opened_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('carrier', 'text')
      .addColumn('tracking', 'text')
      .addColumn('shipped_at', 'text')
      .addColumn('shipped_by', 'integer', (c) => c.references('users.id'))
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'integer', (c) => c.references('users.id'))
      // Rises with every change, so of two stations changing one return at once one wins.
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    // One open return per vendor, whatever its case: two stations opening one make one.
    await db.schema
      .createIndex('supplier_returns_open_vendor')
      .on('supplier_returns')
      .unique()
      .expression(sql`lower(vendor)`)
      .where(sql.ref('status'), '=', 'open')
      .execute();

    await idColumn(db.schema.createTable('supplier_return_items'), dialect)
      .addColumn('return_id', 'integer', (c) => c.notNull().references('supplier_returns.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw("kind in ('unit', 'part')")))
      // The customer's case the unit is, or the part came out of.
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('part_id', 'integer', (c) => c.references('parts.id'))
      .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('added_by', 'integer', (c) => c.notNull().references('users.id'))
      // What the vendor gave back: a credit (amount in the site's minor units) or a replacement.
      .addColumn('outcome', 'text', (c) => c.check(sql.raw("outcome in ('credit', 'replacement')")))
      .addColumn('credit_minor', 'integer')
      .execute();
    // A unit goes back once; a part of one case's repair once.
    await db.schema
      .createIndex('supplier_return_items_unit')
      .on('supplier_return_items')
      .unique()
      .column('case_id')
      .where(sql.ref('kind'), '=', 'unit')
      .execute();
    await db.schema
      .createIndex('supplier_return_items_part')
      .on('supplier_return_items')
      .unique()
      .columns(['case_id', 'part_id'])
      .where(sql.ref('kind'), '=', 'part')
      .execute();
    await db.schema.createIndex('supplier_return_items_return').on('supplier_return_items').columns(['return_id', 'id']).execute();
  },
};
