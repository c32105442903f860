import { sql, type Kysely } from 'kysely';

/**
 * What the reports keep of each case's history so a report reads a row per case instead of its
 * whole history (features/reports/node/summaries.ts): the turnaround clock of each shipped case,
 * each case's moves into and out of QA, and how far through the history they have been brought.
 * They are caught up from the history when a report is read, so a write pays nothing for them.
 * The shipments of the history get an index of their own (only those rows pay for it), for the
 * repeat repairs' look-up of a unit's earlier shipments.
 */
export const m0021_report_summaries = {
  id: 21,
  name: 'report summaries',
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('report_summary_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      // Every case_history row up to this id is in the summaries.
      .addColumn('history_id', 'integer', (c) => c.notNull())
      // The calendar and time zone the business times were counted in (JSON); null before the first count.
      .addColumn('basis', 'text')
      // While the summaries are counted again from scratch: the next case to count (cases below it are done).
      .addColumn('rebuild_from', 'integer')
      .execute();
    await db.insertInto('report_summary_state').values({ id: 1, history_id: 0, basis: null, rebuild_from: null }).execute();
    await db.schema
      .createTable('report_case_clocks')
      .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id'))
      // The site's calendar dates of the case's first and last history step: a change to the calendar outside them changes nothing here.
      .addColumn('first_day', 'text', (c) => c.notNull())
      .addColumn('last_day', 'text', (c) => c.notNull())
      // When the clock stopped (the case left the open statuses after its receipt); null while it runs.
      .addColumn('stopped_at', 'text')
      // The business time the turnaround clock ran from receipt to shipment; null for a case whose clock has not stopped.
      .addColumn('used_ms', 'bigint')
      // JSON [[status, ms], …]: the business time in each status, in the order first entered.
      .addColumn('statuses', 'text')
      .execute();
    await db.schema
      .createTable('report_qa_moves')
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      // sent: into QA; passed: QA to ready_to_ship; failed: QA back to repairing; left: QA to anything else.
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('sent', 'passed', 'failed', 'left')`))
      // For a move out of QA, who sent the case there; for the first move into QA, who took the case.
      .addColumn('user_id', 'integer')
      // For the first move into QA: the business time from taking the case.
      .addColumn('ms', 'bigint')
      .execute();
    await db.schema.createIndex('report_qa_moves_at').on('report_qa_moves').columns(['at']).execute();
    await db.schema.createIndex('report_qa_moves_case').on('report_qa_moves').columns(['case_id', 'kind', 'at']).execute();
    await db.schema
      .createIndex('case_history_shipped')
      .on('case_history')
      .columns(['case_id', 'at'])
      .where(sql.ref('to_status'), '=', sql.lit('shipped'))
      .execute();
  },
};
