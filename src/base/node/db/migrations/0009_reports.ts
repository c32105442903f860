import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * Indexes the reports read by (features/reports/node): a range of dates over each table they sum,
 * so a month's report reads that month's rows, not the depot's whole history. Each costs one more
 * B-tree entry per row written; `npm run bench` (reports) weighs that against the dock's receipts.
 */
export const reportIndexes: readonly { name: string; table: string; columns: string[] }[] = [
  // Moves into a status in a range: shipments (turnaround), QA (people), shipped units (repeat repairs).
  { name: 'case_history_status_at', table: 'case_history', columns: ['to_status', 'at'] },
  // Cases received (failures) and created (the cases list) in a range.
  { name: 'cases_received_at', table: 'cases', columns: ['received_at'] },
  { name: 'cases_created_at', table: 'cases', columns: ['created_at'] },
  // Money: estimates accepted, declined and expired, and issued, in a range; payments received.
  { name: 'estimates_state_decided', table: 'estimates', columns: ['state', 'decided_at'] },
  { name: 'estimates_issued', table: 'estimates', columns: ['issued_at'] },
  { name: 'estimate_payments_paid', table: 'estimate_payments', columns: ['paid_at'] },
  { name: 'portal_payments_paid', table: 'portal_payments', columns: ['paid_at'] },
  // People: diagnoses, work logged, receipts and shipments in a range.
  { name: 'diagnoses_diagnosed_at', table: 'diagnoses', columns: ['diagnosed_at'] },
  { name: 'bench_work_at', table: 'bench_work', columns: ['at'] },
  { name: 'intakes_received_at', table: 'intakes', columns: ['received_at'] },
  { name: 'shipments_shipped_at', table: 'shipments', columns: ['shipped_at'] },
];

export const m0009_reports = {
  id: 9,
  name: 'report indexes',
  async up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
    for (const index of reportIndexes) await db.schema.createIndex(index.name).on(index.table).columns(index.columns).execute();
  },
};
