import { daysBetween, type CalendarDate } from '../../../base/common/dates.ts';
import type { Db } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { DAY_MS } from '../common/clock.ts';
import type { FailuresInput } from '../common/contract.ts';
import { periodOf, periodsBetween } from '../common/periods.ts';
import type { FailuresByFault, FailuresByLot, FailuresByModel, FailuresReport, RepeatRepair } from '../common/types.ts';
import { dateCodeReader, type DateCodeReading } from '../../warranty/common/index.ts';
import { unitsSoldByLot } from './units.ts';
import { clockFor, rangeInstants, type ReportSite } from './context.ts';
import { withSummaries } from './summaries.ts';

/**
 * What comes back, and why: the cases received in a range (the receipt dates the return), grouped
 * in SQL by model, by the diagnosis's fault category and damage level, and by purchase month; the
 * units back within 90 days of a repair; the trend by the site's weeks or months.
 */

export const REPEAT_WINDOW_DAYS = 90;

/** Cases received in the range, with their product, optionally of one product line. */
function receivedIn(db: Db, range: { start: string; end: string }, productLine: string | null) {
  let query = db
    .selectFrom('cases')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .where('cases.received_at', '>=', range.start)
    .where('cases.received_at', '<', range.end);
  if (productLine) query = query.where('products.product_line', '=', productLine);
  return query;
}

/** The rows of each distinct key (as SQL groups them: nulls alike). */
function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): { key: K; rows: T[] }[] {
  const groups = new Map<string, { key: K; rows: T[] }>();
  for (const row of rows) {
    const key = keyOf(row);
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/**
 * The units received in the range that came back after an earlier case of theirs, repaired or
 * replaced, was shipped within the window before: each with every such shipment, in the order
 * received. The earlier cases of each serial first, then their shipments as the summaries keep
 * them (a join through the history would read every step of every earlier case).
 */
async function earlierShipments(db: Db, range: { start: string; end: string }, productLine: string | null, earliest: string) {
  const candidates = await receivedIn(db, range, productLine)
    .innerJoin('cases as earlier', (join) => join.onRef('earlier.serial_norm', '=', 'cases.serial_norm').onRef('earlier.id', '!=', 'cases.id'))
    .select(['cases.rma', 'cases.serial', 'cases.received_at', 'products.model', 'earlier.id as earlier_id', 'earlier.rma as earlier_rma'])
    .where('earlier.resolution', 'in', ['repaired', 'replaced'])
    .execute();
  const ids = [...new Set(candidates.map((c) => Number(c.earlier_id)))];
  const shippedAt = new Map<number, string[]>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db.selectFrom('report_shipments').select(['case_id', 'at']).where('case_id', 'in', ids.slice(i, i + 5000)).execute();
    for (const r of rows) if (r.at >= earliest) shippedAt.set(Number(r.case_id), [...(shippedAt.get(Number(r.case_id)) ?? []), r.at]);
  }
  return candidates
    .flatMap((c) => (shippedAt.get(Number(c.earlier_id)) ?? []).filter((at) => at < c.received_at!).map((at) => ({ ...c, shipped_at: at })))
    .sort((a, b) => a.received_at!.localeCompare(b.received_at!));
}

export function failuresReport(ctx: ServiceContext, input: FailuresInput): Promise<FailuresReport> {
  return withSummaries(ctx, (report) => failuresOf(ctx, input, report));
}

async function failuresOf(ctx: ServiceContext, input: FailuresInput, report: ReportSite): Promise<FailuresReport> {
  const { db } = ctx;
  const range = rangeInstants(input, report.site.timeZone);
  const earliestShipment = new Date(Date.parse(range.start) - REPEAT_WINDOW_DAYS * DAY_MS).toISOString();
  const [received, repeats, sold] = await Promise.all([
    // One short row per case, grouped here by model, fault and purchase month, for the trend by the site's own weeks or months and the lot of its serial.
    receivedIn(db, range, input.productLine)
      .leftJoin('diagnoses', 'diagnoses.case_id', 'cases.id')
      .select([
        'cases.received_at',
        'cases.resolution',
        'cases.serial',
        'cases.purchase_date',
        'cases.product_id',
        'products.model',
        'products.product_line',
        'products.date_code_pattern',
        'diagnoses.fault_category',
        'diagnoses.damage_level',
      ])
      .execute(),
    earlierShipments(db, range, input.productLine, earliestShipment),
    unitsSoldByLot(db),
  ]);
  const models = groupBy(received, (r) => [r.model, r.product_line] as const).map(({ key, rows }) => ({
    model: key[0],
    product_line: key[1],
    received: rows.length,
    resolved: rows.filter((r) => r.resolution !== null).length,
    no_fault: rows.filter((r) => r.resolution === 'no_fault_found').length,
  }));
  const faults = groupBy(received, (r) => [r.fault_category, r.damage_level === null ? null : Number(r.damage_level)] as const).map(
    ({ key, rows }) => ({ fault_category: key[0], damage_level: key[1], cases: rows.length }),
  );
  const months = groupBy(received, (r) => r.purchase_date?.slice(0, 7) ?? null).map(({ key, rows }) => ({ month: key, cases: rows.length }));

  const clock = clockFor(report, [ctx.now.getTime(), Date.parse(range.start) - REPEAT_WINDOW_DAYS * DAY_MS, Date.parse(range.end)]);
  const localDate = (iso: string) => clock.dateOf(Date.parse(iso));

  // The latest earlier shipment of each returning case is the repair it came back from.
  const latest = new Map<string, RepeatRepair>();
  for (const r of repeats) {
    const days = daysBetween(localDate(r.shipped_at), localDate(r.received_at!));
    if (days > REPEAT_WINDOW_DAYS) continue;
    const kept = latest.get(r.rma);
    if (kept && kept.earlierShippedAt >= r.shipped_at) continue;
    latest.set(r.rma, { rma: r.rma, serial: r.serial, model: r.model, receivedAt: r.received_at!, earlierRma: r.earlier_rma, earlierShippedAt: r.shipped_at, days });
  }
  const repeatRepairs = [...latest.values()];
  const repeatsByModel = new Map<string | null, number>();
  for (const r of repeatRepairs) repeatsByModel.set(r.model, (repeatsByModel.get(r.model) ?? 0) + 1);

  const trend = new Map(periodsBetween(input.from, input.to, input.period).map((period) => [period, { period, received: 0, noFaultFound: 0 }]));
  const periods = new Map<string, string>();
  const periodOn = (date: CalendarDate) => {
    let period = periods.get(date);
    if (period === undefined) periods.set(date, (period = periodOf(date, input.period)));
    return period;
  };
  let resolved = 0;
  let noFaultFound = 0;
  for (const r of received) {
    const entry = trend.get(periodOn(localDate(r.received_at!)));
    if (entry) {
      entry.received++;
      if (r.resolution === 'no_fault_found') entry.noFaultFound++;
    }
    if (r.resolution !== null) resolved++;
    if (r.resolution === 'no_fault_found') noFaultFound++;
  }

  // A lot is the month of manufacture the serial's date code names (as the warranty engine reads it), else the month of purchase.
  const readers = new Map<string, (serial: string) => DateCodeReading>();
  const readerOf = (pattern: string) => {
    let reader = readers.get(pattern);
    if (!reader) readers.set(pattern, (reader = dateCodeReader({ pattern }, report.today)));
    return reader;
  };
  const lots = new Map<string, FailuresByLot>();
  for (const r of received) {
    const made = r.date_code_pattern ? readerOf(r.date_code_pattern)(r.serial).made : null;
    const lot = (made ?? r.purchase_date)?.slice(0, 7) ?? null;
    const key = `${r.product_id ?? ''} ${lot ?? ''}`;
    const entry = lots.get(key) ?? {
      model: r.model,
      productLine: r.product_line,
      lot,
      received: 0,
      fromDateCode: 0,
      unitsSold: r.product_id !== null && lot !== null ? (sold.get(`${Number(r.product_id)} ${lot}`) ?? null) : null,
    };
    entry.received++;
    if (made) entry.fromDateCode++;
    lots.set(key, entry);
  }

  const byCount = <T extends { cases: number }>(a: T, b: T, name: (x: T) => string) => b.cases - a.cases || name(a).localeCompare(name(b));
  return {
    from: input.from,
    to: input.to,
    period: input.period,
    received: received.length,
    resolved,
    noFaultFound,
    repeats: repeatRepairs.length,
    models: models
      .map(
        (m): FailuresByModel => ({
          model: m.model,
          productLine: m.product_line,
          received: Number(m.received),
          resolved: Number(m.resolved),
          noFaultFound: Number(m.no_fault),
          repeats: repeatsByModel.get(m.model) ?? 0,
        }),
      )
      .sort((a, b) => b.received - a.received || (a.model ?? '').localeCompare(b.model ?? '')),
    faults: faults
      .map((f): FailuresByFault => ({ faultCategory: f.fault_category, damageLevel: f.damage_level, cases: Number(f.cases) }))
      .sort((a, b) => byCount(a, b, (f) => `${f.faultCategory ?? '\uffff'} ${f.damageLevel ?? 9}`)),
    purchaseMonths: months.map((m) => ({ month: m.month, cases: Number(m.cases) })).sort((a, b) => (a.month ?? '9999').localeCompare(b.month ?? '9999')),
    lots: [...lots.values()].sort((a, b) => (a.model ?? '\uffff').localeCompare(b.model ?? '\uffff') || (a.lot ?? '9999').localeCompare(b.lot ?? '9999')),
    repeatRepairs,
    trend: [...trend.values()],
  };
}
