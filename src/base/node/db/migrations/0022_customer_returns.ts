import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/**
 * Returns of many units (a distributor's carton): one return number for the box, each unit its own
 * case. What the dock found in the box and did not expect is kept with the return, and so is each
 * expected unit the box did not hold, once the dock says the box is done.
 */
export const m0022_customer_returns = {
  id: 22,
  name: 'customer returns',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    await db.schema
      .createTable('return_counters')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('last', 'integer', (c) => c.notNull())
      .execute();
    await idColumn(db.schema.createTable('customer_returns'), dialect)
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('inbound_tracking', 'text')
      .addColumn('inbound_tracking_norm', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      // Set when the dock says the box is done: the units not received by then are missing.
      .addColumn('box_done_at', 'text')
      .addColumn('box_done_by', 'integer', (c) => c.references('users.id'))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('customer_returns_tracking').on('customer_returns').column('inbound_tracking_norm').execute();

    await db.schema
      .createTable('customer_return_units')
      .addColumn('return_id', 'integer', (c) => c.notNull().references('customer_returns.id'))
      // A case is in one return at most.
      .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id'))
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('missing', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('customer_return_units_return').on('customer_return_units').columns(['return_id', 'line']).execute();

    await idColumn(db.schema.createTable('customer_return_strays'), dialect)
      .addColumn('return_id', 'integer', (c) => c.notNull().references('customer_returns.id'))
      .addColumn('serial', 'text', (c) => c.notNull())
      .addColumn('serial_norm', 'text', (c) => c.notNull())
      .addColumn('scanned_at', 'text', (c) => c.notNull())
      .addColumn('scanned_by', 'integer', (c) => c.references('users.id'))
      .execute();
    // A stray serial is recorded once per box, however often it is scanned.
    await db.schema.createIndex('customer_return_strays_serial').on('customer_return_strays').unique().columns(['return_id', 'serial_norm']).execute();
  },
};
