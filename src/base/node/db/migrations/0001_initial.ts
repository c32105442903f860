import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

export const m0001_initial = {
  id: 1,
  name: 'initial schema',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    const s = db.schema;
    await s
      .createTable('site_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    await idColumn(s.createTable('users'), dialect)
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['warehouse', 'technician', 'clerk', 'admin'])))
      .addColumn('pin_hash', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await idColumn(s.createTable('customers'), dialect)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('locale', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await idColumn(s.createTable('addresses'), dialect)
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('line1', 'text', (c) => c.notNull())
      .addColumn('line2', 'text')
      .addColumn('city', 'text', (c) => c.notNull())
      .addColumn('region', 'text')
      .addColumn('postal_code', 'text', (c) => c.notNull())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .execute();

    await idColumn(s.createTable('products'), dialect)
      .addColumn('model', 'text', (c) => c.notNull().unique())
      .addColumn('product_line', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('warranty_months', 'integer', (c) => c.notNull())
      .addColumn('accessories', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();

    await idColumn(s.createTable('cases'), dialect)
      .addColumn('rma', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
      .addColumn('product_id', 'integer', (c) => c.references('products.id'))
      .addColumn('serial', 'text', (c) => c.notNull())
      .addColumn('serial_norm', 'text', (c) => c.notNull())
      .addColumn('purchase_date', 'text')
      .addColumn('problem_category', 'text')
      .addColumn('problem_description', 'text', (c) => c.notNull())
      .addColumn('inbound_carrier', 'text')
      .addColumn('inbound_tracking', 'text')
      .addColumn('inbound_tracking_norm', 'text')
      .addColumn('outbound_carrier', 'text')
      .addColumn('outbound_tracking', 'text')
      .addColumn('return_address_id', 'integer', (c) => c.references('addresses.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('resolution', 'text')
      .addColumn('assigned_to', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('status_changed_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text')
      .addColumn('portal_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await s.createIndex('cases_serial').on('cases').column('serial_norm').execute();
    await s.createIndex('cases_tracking').on('cases').column('inbound_tracking_norm').execute();
    // Covering index for the dashboard: counts and ages of open statuses without touching rows.
    await s.createIndex('cases_status_created').on('cases').columns(['status', 'created_at']).execute();
    await s.createIndex('cases_customer').on('cases').column('customer_id').execute();

    // Search terms written by the application (words, CJK bigrams, keys): one B-tree serves
    // every dialect and finds 2-character Korean and Chinese given names.
    await s
      .createTable('case_terms')
      // Prefix ranges (term >= 'kim' and term < 'kim\uffff') need code-point order, not a locale's.
      .addColumn('term', 'text', (c) => (dialect === 'postgres' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addPrimaryKeyConstraint('case_terms_pk', ['term', 'case_id'])
      .execute();
    await s.createIndex('case_terms_case').on('case_terms').column('case_id').execute();

    await idColumn(s.createTable('case_history'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .execute();
    await s.createIndex('case_history_case').on('case_history').columns(['case_id', 'id']).execute();

    await idColumn(s.createTable('unmatched_parcels'), dialect)
      .addColumn('carrier', 'text')
      .addColumn('tracking', 'text', (c) => c.notNull())
      .addColumn('tracking_norm', 'text', (c) => c.notNull())
      .addColumn('sender_name', 'text')
      .addColumn('contents', 'text')
      .addColumn('shelf', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
      .addColumn('linked_at', 'text')
      .execute();
    await s.createIndex('unmatched_parcels_tracking').on('unmatched_parcels').column('tracking_norm').execute();

    await idColumn(s.createTable('attachments'), dialect)
      .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
      .addColumn('parcel_id', 'integer', (c) => c.references('unmatched_parcels.id'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .execute();
    await s.createIndex('attachments_case').on('attachments').column('case_id').execute();

    await idColumn(s.createTable('portal_outbox'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('rma', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer')
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await s.createIndex('portal_outbox_state').on('portal_outbox').columns(['state', 'id']).execute();
    await s.createIndex('portal_outbox_rma').on('portal_outbox').columns(['rma', 'id']).execute();

    await s
      .createTable('rma_counters')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('last', 'integer', (c) => c.notNull())
      .execute();
  },
};

function sqlIn(column: string, values: string[]) {
  // Values are constants of this file, never user input.
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}
