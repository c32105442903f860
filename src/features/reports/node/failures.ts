import { sql } from 'kysely';
import { daysBetween } from '../../../base/common/dates.ts';
import type { Db } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { DAY_MS } from '../common/clock.ts';
import type { FailuresInput } from '../common/contract.ts';
import { periodOf, periodsBetween } from '../common/periods.ts';
import type { FailuresByFault, FailuresByLot, FailuresByModel, FailuresReport, RepeatRepair } from '../common/types.ts';
import { readDateCode } from '../../warranty/common/index.ts';
import { unitsSoldByLot } from './units.ts';
import { clockFor, rangeInstants, reportSite } from './context.ts';

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

const resolvedCount = sql<number>`sum(case when cases.resolution is not null then 1 else 0 end)`;
const noFaultCount = sql<number>`sum(case when cases.resolution = 'no_fault_found' then 1 else 0 end)`;

export async function failuresReport(ctx: ServiceContext, input: FailuresInput): Promise<FailuresReport> {
  const { db } = ctx;
  const report = await reportSite(db, ctx.now);
  const range = rangeInstants(input, report.site.timeZone);
  const earliestShipment = new Date(Date.parse(range.start) - REPEAT_WINDOW_DAYS * DAY_MS).toISOString();
  const purchaseMonth = sql<string | null>`substr(cases.purchase_date, 1, 7)`;
  const [models, faults, months, received, repeats, sold] = await Promise.all([
    receivedIn(db, range, input.productLine)
      .select((eb) => ['products.model', 'products.product_line', eb.fn.countAll<number>().as('received'), resolvedCount.as('resolved'), noFaultCount.as('no_fault')])
      .groupBy(['products.model', 'products.product_line'])
      .execute(),
    receivedIn(db, range, input.productLine)
      .leftJoin('diagnoses', 'diagnoses.case_id', 'cases.id')
      .select((eb) => ['diagnoses.fault_category', 'diagnoses.damage_level', eb.fn.countAll<number>().as('cases')])
      .groupBy(['diagnoses.fault_category', 'diagnoses.damage_level'])
      .execute(),
    receivedIn(db, range, input.productLine)
      .select((eb) => [purchaseMonth.as('month'), eb.fn.countAll<number>().as('cases')])
      .groupBy(purchaseMonth)
      .execute(),
    // One short row per case, for the trend by the site's own weeks or months and the lot of its serial.
    receivedIn(db, range, input.productLine)
      .select(['cases.received_at', 'cases.resolution', 'cases.serial', 'cases.purchase_date', 'cases.product_id', 'products.model', 'products.product_line', 'products.date_code_pattern'])
      .execute(),
    // An earlier case of the same unit, repaired or replaced, and shipped back before this receipt.
    receivedIn(db, range, input.productLine)
      .innerJoin('cases as earlier', (join) => join.onRef('earlier.serial_norm', '=', 'cases.serial_norm').onRef('earlier.id', '!=', 'cases.id'))
      .innerJoin('case_history as shipment', 'shipment.case_id', 'earlier.id')
      .select(['cases.rma', 'cases.serial', 'cases.received_at', 'products.model', 'earlier.rma as earlier_rma', 'shipment.at as shipped_at'])
      .where('earlier.resolution', 'in', ['repaired', 'replaced'])
      // A literal, so the shipments' own index (case_history_shipped) answers it.
      .where('shipment.to_status', '=', sql.lit('shipped'))
      .where('shipment.at', '>=', earliestShipment)
      .whereRef('shipment.at', '<', 'cases.received_at')
      .orderBy('cases.received_at')
      .execute(),
    unitsSoldByLot(db),
  ]);

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
  let resolved = 0;
  let noFaultFound = 0;
  for (const r of received) {
    const entry = trend.get(periodOf(localDate(r.received_at!), input.period));
    if (entry) {
      entry.received++;
      if (r.resolution === 'no_fault_found') entry.noFaultFound++;
    }
    if (r.resolution !== null) resolved++;
    if (r.resolution === 'no_fault_found') noFaultFound++;
  }

  // A lot is the month of manufacture the serial's date code names (as the warranty engine reads it), else the month of purchase.
  const lots = new Map<string, FailuresByLot>();
  for (const r of received) {
    const made = r.date_code_pattern ? readDateCode({ pattern: r.date_code_pattern }, r.serial, report.today).made : null;
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
