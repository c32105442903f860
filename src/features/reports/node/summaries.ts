import { sql, type Insertable } from 'kysely';
import type { CalendarDate } from '../../../base/common/dates.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import type { Database } from '../../../base/node/db/schema.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import type { Status } from '../../cases/common/index.ts';
import { DAY_MS, readClock, runningStatuses, type BusinessClock } from '../common/clock.ts';
import { clockFor, reportSite, type ReportSite } from './context.ts';

/**
 * The report summaries: what the turnaround, people and failures reports need of each case's
 * history, kept so a report reads a row per case instead of every step of every case. Per case,
 * its turnaround clock (`report_case_clocks`: when it stopped, the business days used and the
 * business time in each status), its moves into and out of QA (`report_qa_moves`: who sent it,
 * who took it and how long that took) and its shipments (`report_shipments`).
 *
 * They are kept at read time, not at write time: before a report, the cases with history rows
 * newer than the watermark (`report_summary_state.history_id`) are counted again from their
 * whole history, in one transaction, so a receipt undone or any later step shows in the next
 * report. History rows are only ever added, so a case's summary changes only with a new row of
 * its own, or with what the business time is counted in: the time zone and weekend days (a
 * change counts every case again, in batches) and the holidays (a change counts again the cases
 * whose history spans a changed date). The turnaround target and the report's range are applied
 * when reading, never kept.
 */

/** What the business times were counted in. */
interface Basis {
  timeZone: string;
  weekendDays: number[];
  holidays: CalendarDate[];
}

const basisOf = (report: ReportSite): Basis => ({
  timeZone: report.site.timeZone,
  weekendDays: [...report.calendar.weekendDays].sort((a, b) => a - b),
  holidays: report.calendar.holidays.map((h) => h.date),
});

/** Cases counted in one statement's worth of history. */
const BATCH = 1000;
/** Cases counted in each transaction of a rebuild, so the dock is never held up for long. */
const REBUILD_BATCH = 20_000;
/** Rows per insert, within every dialect's limit on parameters. */
const INSERT_ROWS = 500;

interface HistoryRow {
  case_id: number | string;
  at: string;
  user_id: number | string | null;
  from_status: string | null;
  to_status: string;
}

type ClockRow = Insertable<Database['report_case_clocks']>;
/** The statuses a clock counts time in: the open ones, each a column of report_case_clocks. */
export type ClockStatus = Exclude<Status, 'rejected' | 'shipped' | 'closed' | 'cancelled'>;
type QaMove = Insertable<Database['report_qa_moves']>;

/** A case's summary rows from its whole history (in order). */
function summaryOf(caseId: number, rows: readonly HistoryRow[], clock: BusinessClock, targetMs: number): { clock: ClockRow | null; moves: QaMove[] } {
  const moves: QaMove[] = [];
  // As the people report reads them: a pass or failure is the sender's, the first QA the taker's.
  let sentBy: number | null = null;
  let firstQa = true;
  rows.forEach((row, index) => {
    if (row.to_status === 'qa') {
      let taker: number | null = null;
      let ms: number | null = null;
      if (firstQa) {
        const taken = rows.findIndex((r) => r.to_status === 'diagnosing');
        const takenBy = taken >= 0 ? rows[taken]!.user_id : null;
        if (taken >= 0 && taken < index && takenBy !== null) {
          taker = Number(takenBy);
          ms = 0;
          for (let i = taken; i < index; i++) {
            if (runningStatuses.includes(rows[i]!.to_status as Status)) ms += clock.between(Date.parse(rows[i]!.at), Date.parse(rows[i + 1]!.at));
          }
        }
      }
      moves.push({ case_id: caseId, at: row.at, kind: 'sent', user_id: taker, ms });
      sentBy = row.user_id === null ? null : Number(row.user_id);
      firstQa = false;
    } else if (row.from_status === 'qa') {
      const kind = row.to_status === 'ready_to_ship' ? 'passed' : row.to_status === 'repairing' ? 'failed' : 'left';
      moves.push({ case_id: caseId, at: row.at, kind, user_id: sentBy, ms: null });
    }
  });
  // The clock as it reads once every step is in the past: a report leaves out a case stopped after its now.
  const steps = rows.map((r) => ({ at: Date.parse(r.at), status: r.to_status as Status }));
  const reading = readClock(steps, Infinity, clock, targetMs);
  const stopped = reading !== null && reading.stoppedAt !== null;
  if (!stopped && !moves.some((m) => m.ms !== null)) return { clock: null, moves };
  const row: ClockRow = {
    case_id: caseId,
    first_day: clock.dateOf(steps[0]!.at),
    last_day: clock.dateOf(steps[steps.length - 1]!.at),
    stopped_at: stopped ? new Date(reading.stoppedAt!).toISOString() : null,
    used_days_100: stopped ? Math.round((reading.usedMs / DAY_MS) * 100) : null,
  };
  if (stopped) for (const s of reading.statuses) row[`ms_${s.status as ClockStatus}`] = s.ms;
  return { clock: row, moves };
}

async function insertChunked<T extends 'report_case_clocks' | 'report_qa_moves' | 'report_shipments'>(trx: Tx, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + INSERT_ROWS) as never)
      .execute();
  }
}

/** Counts these cases again (ascending ids) from their history up to `upTo`. */
async function recount(trx: Tx, report: ReportSite, caseIds: readonly number[], upTo: number, replace: boolean): Promise<void> {
  for (let i = 0; i < caseIds.length; i += BATCH) {
    const ids = caseIds.slice(i, i + BATCH);
    const first = ids[0]!;
    const last = ids[ids.length - 1]!;
    // A run of consecutive ids (a rebuild) is read as a range of the history's case index.
    let query = trx.selectFrom('case_history').select(['case_id', 'at', 'user_id', 'from_status', 'to_status']).where('id', '<=', upTo);
    query = last - first + 1 === ids.length ? query.where('case_id', '>=', first).where('case_id', '<=', last) : query.where('case_id', 'in', ids);
    const rows = await query.orderBy('case_id').orderBy('id').execute();
    if (replace) {
      await trx.deleteFrom('report_case_clocks').where('case_id', 'in', ids).execute();
      await trx.deleteFrom('report_qa_moves').where('case_id', 'in', ids).execute();
      await trx.deleteFrom('report_shipments').where('case_id', 'in', ids).execute();
    }
    if (rows.length === 0) continue;
    const clock = clockFor(report, rows.map((r) => Date.parse(r.at)));
    const clocks: ClockRow[] = [];
    const moves: QaMove[] = [];
    let start = 0;
    for (let end = 1; end <= rows.length; end++) {
      if (end < rows.length && rows[end]!.case_id === rows[start]!.case_id) continue;
      const summary = summaryOf(Number(rows[start]!.case_id), rows.slice(start, end), clock, report.targetMs);
      if (summary.clock) clocks.push(summary.clock);
      moves.push(...summary.moves);
      start = end;
    }
    await insertChunked(trx, 'report_case_clocks', clocks);
    await insertChunked(trx, 'report_qa_moves', moves);
    await insertChunked(
      trx,
      'report_shipments',
      rows.filter((r) => r.to_status === 'shipped').map((r) => ({ case_id: Number(r.case_id), at: r.at })),
    );
  }
}

/** The cases whose kept business times a change of holidays from `kept` to `now` would change. */
async function casesOnChangedDays(trx: Tx, kept: readonly CalendarDate[], now: readonly CalendarDate[]): Promise<number[]> {
  const before = new Set(kept);
  const after = new Set(now);
  const changed = [...kept.filter((d) => !after.has(d)), ...now.filter((d) => !before.has(d))];
  const ids = new Set<number>();
  for (let i = 0; i < changed.length; i += 200) {
    const rows = await trx
      .selectFrom('report_case_clocks')
      .select('case_id')
      .where((eb) => eb.or(changed.slice(i, i + 200).map((day) => eb.and([eb('first_day', '<=', day), eb('last_day', '>=', day)]))))
      .execute();
    for (const r of rows) ids.add(Number(r.case_id));
  }
  return [...ids].sort((a, b) => a - b);
}

const newestHistoryId = async (db: Db): Promise<number> =>
  Number((await db.selectFrom('case_history').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);

const readState = (db: Db) => db.selectFrom('report_summary_state').select(['history_id', 'basis', 'rebuild_from']).where('id', '=', 1).executeTakeFirstOrThrow();

/**
 * One step of bringing the summaries up to the history and the site's calendar as they stand
 * (read under the lock, so a station with an older calendar never counts in it): a batch of a
 * rebuild, or the rest. The site when they are up to date.
 */
async function catchUpStep(trx: Tx, dialect: string, now: Date): Promise<ReportSite | null> {
  // PostgreSQL: no history row is then being written, so every id up to the newest is committed,
  // and no other station catches up at the same time (SQLite's write lock does both).
  if (dialect === 'postgres') await sql`lock table case_history in share row exclusive mode`.execute(trx);
  const [report, state] = await Promise.all([reportSite(trx, now), readState(trx)]);
  const basis = basisOf(report);
  const kept = state.basis === null ? null : (JSON.parse(state.basis) as Basis);
  if (kept === null || kept.timeZone !== basis.timeZone || kept.weekendDays.join() !== basis.weekendDays.join()) {
    // Every case counted again, from the history as it stands now; later rows are caught up after.
    await trx.deleteFrom('report_case_clocks').execute();
    await trx.deleteFrom('report_qa_moves').execute();
    await trx.deleteFrom('report_shipments').execute();
    await trx
      .updateTable('report_summary_state')
      .set({ history_id: await newestHistoryId(trx), basis: JSON.stringify(basis), rebuild_from: 0 })
      .where('id', '=', 1)
      .execute();
    return null;
  }
  const upTo = Number(state.history_id);
  if (state.rebuild_from !== null) {
    const ids = (await trx.selectFrom('cases').select('id').where('id', '>=', state.rebuild_from).orderBy('id').limit(REBUILD_BATCH).execute()).map((r) => Number(r.id));
    await recount(trx, report, ids, upTo, false);
    const done = ids.length < REBUILD_BATCH;
    await trx.updateTable('report_summary_state').set({ rebuild_from: done ? null : ids[ids.length - 1]! + 1 }).where('id', '=', 1).execute();
    return null;
  }
  const newest = await newestHistoryId(trx);
  const touched = await trx.selectFrom('case_history').select('case_id').distinct().where('id', '>', upTo).where('id', '<=', newest).execute();
  const ids = new Set(touched.map((r) => Number(r.case_id)));
  const changed = JSON.stringify(basis) !== state.basis;
  if (changed) for (const id of await casesOnChangedDays(trx, kept.holidays, basis.holidays)) ids.add(id);
  if (ids.size > 0) await recount(trx, report, [...ids].sort((a, b) => a - b), newest, true);
  if (changed || newest !== upTo) await trx.updateTable('report_summary_state').set({ history_id: newest, basis: JSON.stringify(basis) }).where('id', '=', 1).execute();
  return report;
}

/** Whether the summaries stand, counted in this site's calendar and time zone. */
const standing = (state: Awaited<ReturnType<typeof readState>>, report: ReportSite) => state.rebuild_from === null && state.basis === JSON.stringify(basisOf(report));

/**
 * Reads a report from the summaries once they are caught up, in the site they were counted for. Should
 * another station start counting them again meanwhile (the time zone or the weekend changed),
 * the report is read again once they stand.
 */
export async function withSummaries<T>(ctx: ServiceContext, read: (report: ReportSite) => Promise<T>): Promise<T> {
  const dialect = ctx.core.database.dialect;
  for (;;) {
    const [site, kept, newest] = await Promise.all([reportSite(ctx.db, ctx.now), readState(ctx.db), newestHistoryId(ctx.db)]);
    let report = site;
    let state = kept;
    if (!standing(state, report) || Number(state.history_id) !== newest) {
      const step = (trx: Tx) => catchUpStep(trx, dialect, ctx.now);
      let caughtUp: ReportSite | null = null;
      while (!caughtUp) caughtUp = ctx.db.isTransaction ? await step(ctx.db as Tx) : await ctx.db.transaction().execute(step);
      report = caughtUp;
      state = await readState(ctx.db);
    }
    const value = await read(report);
    if (standing(await readState(ctx.db), report)) return value;
  }
}
