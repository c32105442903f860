import type { Db } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { openStatuses, statuses as statusOrder, type Status } from '../../cases/common/index.ts';
import { mostTime, readClock, runningStatuses, toDays, type ClockReading } from '../common/clock.ts';
import type { RangeInput } from '../common/contract.ts';
import type { DaysInStatus, OverdueCase, OverdueReport, StatusTurnaround, TurnaroundReport, TurnaroundRow } from '../common/types.ts';
import { clockFor, rangeInstants, reportSite, type ReportSite } from './context.ts';
import { withSummaries, type ClockStatus } from './summaries.ts';
import { allInstants, stepsByCase } from './history.ts';

/**
 * The turnaround clock over real cases: the overdue view (open cases) and the turnaround of the
 * cases shipped in a range. Both read each case's history once, in case order, and run the clock
 * in memory (common/clock.ts).
 */

const daysInStatus = (reading: ClockReading): DaysInStatus[] =>
  reading.statuses.map((s) => ({ status: s.status, days: toDays(s.ms), paused: s.paused }));

/** Open cases that were received, with their customer, product and holder. */
function openCases(db: Db, productLine: string | null) {
  let query = db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .leftJoin('users', 'users.id', 'cases.assigned_to')
    .where('cases.status', 'in', [...openStatuses])
    .where('cases.received_at', 'is not', null);
  if (productLine) query = query.where('products.product_line', '=', productLine);
  return query;
}

export async function overdueReport(ctx: ServiceContext, input: { productLine: string | null; dueWithin: number | null }): Promise<OverdueReport> {
  const report = await reportSite(ctx.db, ctx.now);
  const [cases, history] = await Promise.all([
    openCases(ctx.db, input.productLine)
      .select([
        'cases.id',
        'cases.rma',
        'cases.status',
        'cases.received_at',
        'customers.name as customer_name',
        'products.model',
        'products.product_line',
        'users.name as assigned_name',
      ])
      .execute(),
    ctx.db
      .selectFrom('case_history')
      .select(['case_id', 'at', 'to_status'])
      .where('case_id', 'in', openCases(ctx.db, input.productLine).select('cases.id'))
      .orderBy('case_id')
      .orderBy('id')
      .execute(),
  ]);
  const now = ctx.now.getTime();
  const steps = stepsByCase(history);
  const clock = clockFor(report, allInstants(steps, now));
  const rows: OverdueCase[] = [];
  for (const c of cases) {
    const reading = readClock(steps.get(Number(c.id)) ?? [], now, clock, report.targetMs);
    if (!reading) continue;
    const leftDays = toDays(report.targetMs - reading.usedMs);
    if (input.dueWithin !== null && leftDays > input.dueWithin) continue;
    const status = c.status as Status;
    const most = mostTime(reading.statuses);
    rows.push({
      rma: c.rma,
      status,
      customerName: c.customer_name,
      model: c.model,
      productLine: c.product_line,
      assignedTo: c.assigned_name,
      receivedAt: c.received_at!,
      usedDays: toDays(reading.usedMs),
      leftDays,
      dueDate: reading.dueAt === null ? null : clock.dateOf(reading.dueAt),
      paused: !runningStatuses.includes(status),
      mostTime: most && { status: most.status, days: toDays(most.ms), paused: false },
      statuses: daysInStatus(reading),
    });
  }
  rows.sort((a, b) => a.leftDays - b.leftDays || a.rma.localeCompare(b.rma));
  return { today: report.today, targetDays: report.site.turnaroundDays, dueWithin: input.dueWithin, cases: rows };
}

/** The value below which `share` of the sorted values lie (nearest rank). */
function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 100) / 100;
}

function turnaroundRow(productLine: string | null, used: number[], targetDays: number): TurnaroundRow {
  const sorted = [...used].sort((a, b) => a - b);
  const total = sorted.reduce((sum, d) => sum + d, 0);
  return {
    productLine,
    shipped: sorted.length,
    withinTarget: sorted.filter((d) => d <= targetDays).length,
    medianDays: median(sorted),
    averageDays: sorted.length ? Math.round((total / sorted.length) * 100) / 100 : null,
    slowestDays: percentile(sorted, 0.9),
  };
}

/** Cases shipped in the range: their clocks as the summaries keep them, with their product line. */
export function turnaroundReport(ctx: ServiceContext, input: RangeInput): Promise<TurnaroundReport> {
  return withSummaries(ctx, (report) => turnaroundOf(ctx, input, report));
}

async function turnaroundOf(ctx: ServiceContext, input: RangeInput, report: ReportSite): Promise<TurnaroundReport> {
  const { start, end } = rangeInstants(input, report.site.timeZone);
  const shipped = ctx.db.selectFrom('report_shipments').select('case_id').where('at', '>=', start).where('at', '<', end);
  const clocked = openStatuses as readonly ClockStatus[];
  let query = ctx.db
    .selectFrom('report_case_clocks as c')
    .innerJoin('cases', 'cases.id', 'c.case_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .select((eb) => [
      'products.product_line',
      'c.used_days_100',
      eb.fn.countAll<number>().as('cases'),
      ...clocked.flatMap((status) => [eb.fn.count<number>(`c.ms_${status}`).as(`n_${status}`), eb.fn.sum<number | string>(`c.ms_${status}`).as(`ms_${status}`)]),
    ])
    .where('c.case_id', 'in', shipped)
    .where('c.used_days_100', 'is not', null)
    // A clock that stops after now still runs as of now.
    .where('c.stopped_at', '<', ctx.now.toISOString())
    .groupBy(['products.product_line', 'c.used_days_100']);
  if (input.productLine) query = query.where('products.product_line', '=', input.productLine);
  const groups = (await query.execute()) as unknown as ({ product_line: string | null; used_days_100: number | string; cases: number | string } & Record<string, number | string | null>)[];
  // Each case's days, in ascending order within each line, as the rows are summed.
  groups.sort((a, b) => Number(a.used_days_100) - Number(b.used_days_100));
  const targetDays = report.site.turnaroundDays;
  const used: number[] = [];
  const byLine = new Map<string | null, number[]>();
  const byStatus = new Map<Status, { paused: boolean; cases: number; ms: number }>();
  for (const g of groups) {
    const days = Number(g.used_days_100) / 100;
    const ofLine = byLine.get(g.product_line) ?? [];
    for (let i = 0; i < Number(g.cases); i++) {
      used.push(days);
      ofLine.push(days);
    }
    byLine.set(g.product_line, ofLine);
    for (const status of clocked) {
      const cases = Number(g[`n_${status}`]);
      if (cases === 0) continue;
      const entry = byStatus.get(status) ?? { paused: !runningStatuses.includes(status), cases: 0, ms: 0 };
      entry.cases += cases;
      entry.ms += Number(g[`ms_${status}`]);
      byStatus.set(status, entry);
    }
  }
  const statusRows: StatusTurnaround[] = statusOrder.flatMap((status) => {
    const entry = byStatus.get(status);
    if (!entry) return [];
    return [{ status, paused: entry.paused, cases: entry.cases, totalDays: toDays(entry.ms), averageDays: toDays(entry.ms / entry.cases) }];
  });
  return {
    from: input.from,
    to: input.to,
    targetDays,
    total: turnaroundRow(null, used, targetDays),
    productLines: [...byLine]
      .map(([line, days]) => turnaroundRow(line, days, targetDays))
      .sort((a, b) => (a.productLine ?? '').localeCompare(b.productLine ?? '')),
    statuses: statusRows,
    histogram: histogramOf(used),
  };
}

/** Cases by whole business days used: 2.4 days counts under 2; every count from 0 to the slowest is listed. */
export function histogramOf(used: readonly number[]): { days: number; cases: number }[] {
  if (used.length === 0) return [];
  // A loop, not Math.max(...used): a year of a big depot's shipments is more arguments than a call takes.
  let slowest = 0;
  for (const days of used) slowest = Math.max(slowest, days);
  const counts = new Array<number>(Math.floor(slowest) + 1).fill(0);
  for (const days of used) counts[Math.floor(days)]!++;
  return counts.map((cases, days) => ({ days, cases }));
}
