import { sql, type Kysely } from 'kysely';

/** The open statuses, as the clock counts time in them (frozen here: a later status is a new migration). */
const clockStatuses = ['requested', 'authorized', 'in_transit', 'received', 'diagnosing', 'awaiting_customer', 'repairing', 'waiting_parts', 'qa', 'ready_to_ship', 'return_unrepaired'];

/**
 * What the reports keep of each case's history so a report reads a row per case instead of its
 * whole history (features/reports/node/summaries.ts): the turnaround clock of each shipped case,
 * each case's moves into and out of QA, its shipments, and how far through the history they have
 * been brought. They are caught up from the history when a report is read, so a write pays
 * nothing for them.
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
      // The business days used, in hundredths, as the reports show them; null for a case whose clock has not stopped.
      .addColumn('used_days_100', 'integer')
      .$call((table) => {
        // The business time in each open status it entered after its receipt (null: never in it), for the sums by status.
        let t = table;
        for (const status of clockStatuses) t = t.addColumn(`ms_${status}`, 'bigint');
        return t;
      })
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
    // The shipments of the history, by case (the repeat repairs' earlier shipments of a unit) and by time (the turnaround's cases shipped in a range).
    await db.schema
      .createTable('report_shipments')
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('report_shipments_case').on('report_shipments').columns(['case_id', 'at']).execute();
    await db.schema.createIndex('report_shipments_at').on('report_shipments').columns(['at', 'case_id']).execute();
  },
};
