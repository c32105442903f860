import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/**
 * The shipping desk: outbound shipments, and print jobs kept until printed (a failed job stays, with
 * its error, for the clerk to retry).
 */
export const m0005_shipping = {
  id: 5,
  name: 'shipping desk',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    await idColumn(db.schema.createTable('shipments'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('carrier', 'text', (c) => c.notNull())
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('weight_grams', 'integer', (c) => c.notNull())
      .addColumn('tracking', 'text', (c) => c.notNull())
      .addColumn('shipped_at', 'text', (c) => c.notNull())
      .addColumn('shipped_by', 'integer', (c) => c.references('users.id'))
      .addColumn('delivered_at', 'text')
      .execute();
    await db.schema.createIndex('shipments_case').on('shipments').columns(['case_id', 'id']).execute();

    await idColumn(db.schema.createTable('print_jobs'), dialect)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
      /** What to print, as JSON: the document is built again from it on retry. */
      .addColumn('request', 'text', (c) => c.notNull())
      .addColumn('printer', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .execute();
    await db.schema.createIndex('print_jobs_state').on('print_jobs').columns(['state', 'id']).execute();
  },
};
