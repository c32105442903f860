import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/** The bench: parts and their stock moves, diagnoses, versioned estimates, payments taken at the desk, work log. */
export const m0004_bench = {
  id: 4,
  name: 'bench: parts, diagnoses, estimates, work',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    const s = db.schema;
    await idColumn(s.createTable('parts'), dialect)
      .addColumn('sku', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('price', 'bigint', (c) => c.notNull())
      .addColumn('stock', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // Every change of stock, so stock on hand is always the sum of its moves.
    await idColumn(s.createTable('stock_moves'), dialect)
      .addColumn('part_id', 'integer', (c) => c.notNull().references('parts.id'))
      .addColumn('delta', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
      .addColumn('work_id', 'integer')
      .addColumn('reason', 'text')
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('stock_moves_part').on('stock_moves').columns(['part_id', 'id']).execute();
    await s.createIndex('stock_moves_case').on('stock_moves').column('case_id').execute();

    await s
      .createTable('diagnoses')
      .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id'))
      .addColumn('symptom_confirmed', 'integer', (c) => c.notNull())
      .addColumn('fault_category', 'text')
      .addColumn('fault', 'text')
      .addColumn('damage_level', 'integer')
      .addColumn('physical_damage', 'integer', (c) => c.notNull())
      .addColumn('liquid_damage', 'integer', (c) => c.notNull())
      .addColumn('tampering', 'integer', (c) => c.notNull())
      .addColumn('test_results', 'text')
      .addColumn('internal_notes', 'text')
      .addColumn('customer_notes', 'text')
      .addColumn('proof_of_purchase', 'integer', (c) => c.notNull())
      .addColumn('extended_until', 'text')
      .addColumn('warranty_covered', 'integer', (c) => c.notNull())
      .addColumn('warranty_rule', 'text', (c) => c.notNull())
      .addColumn('warranty_reason', 'text', (c) => c.notNull())
      .addColumn('warranty_until', 'text')
      .addColumn('warranty_params', 'text', (c) => c.notNull())
      .addColumn('decided_on', 'text', (c) => c.notNull())
      .addColumn('diagnosed_by', 'integer', (c) => c.references('users.id'))
      .addColumn('diagnosed_at', 'text', (c) => c.notNull())
      .execute();

    await idColumn(s.createTable('estimates'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('lines', 'text', (c) => c.notNull())
      .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
      .addColumn('subtotal', 'bigint', (c) => c.notNull())
      .addColumn('discount', 'bigint', (c) => c.notNull())
      .addColumn('tax', 'bigint', (c) => c.notNull())
      .addColumn('total', 'bigint', (c) => c.notNull())
      .addColumn('covered_cost', 'bigint', (c) => c.notNull())
      .addColumn('valid_until', 'text', (c) => c.notNull())
      .addColumn('warranty_covered', 'integer', (c) => c.notNull())
      .addColumn('warranty_reason', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decision', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decision_note', 'text')
      .addColumn('decision_source', 'text')
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addUniqueConstraint('estimates_case_version', ['case_id', 'version'])
      .execute();

    await idColumn(s.createTable('estimate_payments'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('estimate_version', 'integer', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('paid_at', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
      .execute();
    await s.createIndex('estimate_payments_case').on('estimate_payments').column('case_id').execute();

    await idColumn(s.createTable('bench_work'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('work_done', 'text', (c) => c.notNull())
      .addColumn('minutes', 'integer', (c) => c.notNull())
      .addColumn('new_serial', 'text')
      .addColumn('new_serial_norm', 'text')
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('bench_work_case').on('bench_work').columns(['case_id', 'id']).execute();
    await s.createIndex('bench_work_new_serial').on('bench_work').column('new_serial_norm').execute();
    await s.createIndex('cases_assigned').on('cases').columns(['assigned_to', 'status']).execute();
  },
};
