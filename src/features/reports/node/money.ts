import type { Db } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { openStatuses, type Status } from '../../cases/common/index.ts';
import type { PricedLine } from '../../estimates/common/index.ts';
import type { RangeInput } from '../common/contract.ts';
import type { MoneyByLine, MoneyReport, OutstandingPayment } from '../common/types.ts';
import { rangeInstants, reportSite } from './context.ts';

/**
 * Money over a range: warranty cost (covered estimate lines at their cost), payments received,
 * estimates declined and expired, the average estimate, and what accepted estimates still owe.
 * Sums are made in SQL where the rows are many (payments); accepted estimates' lines are read to
 * split the warranty cost by kind. Payments taken at the desk and received from the portal are
 * one source (`payments`).
 */

const amount = (v: number | string | null | undefined) => Number(v ?? 0);

/** Estimates of the site's currency with their case's product line, optionally of one line. */
function estimatesOf(db: Db, currency: string, productLine: string | null) {
  let query = db
    .selectFrom('estimates')
    .innerJoin('cases', 'cases.id', 'estimates.case_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .where('estimates.currency', '=', currency);
  if (productLine) query = query.where('products.product_line', '=', productLine);
  return query;
}

/** Every payment, taken at the desk or received from the portal: one row source for the sums. */
function payments(db: Db) {
  const columns = ['case_id', 'estimate_version', 'amount', 'currency', 'paid_at'] as const;
  return db.selectFrom('estimate_payments').select(columns).unionAll(db.selectFrom('portal_payments').select(columns));
}

/** Payments per product line in the range. */
async function paymentsByLine(db: Db, currency: string, range: { start: string; end: string }, productLine: string | null) {
  let query = db
    .selectFrom(payments(db).as('payment'))
    .innerJoin('cases', 'cases.id', 'payment.case_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .select((eb) => ['products.product_line', eb.fn.countAll<number>().as('payments'), eb.fn.sum<number | string>('payment.amount').as('amount')])
    .where('payment.currency', '=', currency)
    .where('payment.paid_at', '>=', range.start)
    .where('payment.paid_at', '<', range.end)
    .groupBy('products.product_line');
  if (productLine) query = query.where('products.product_line', '=', productLine);
  return query.execute();
}

/** What was paid for each (case, version) among the cases given. */
async function paidFor(db: Db, caseIds: readonly number[]): Promise<Map<string, number>> {
  const paid = new Map<string, number>();
  for (let i = 0; i < caseIds.length; i += 500) {
    const rows = await db
      .selectFrom(payments(db).as('payment'))
      .select((eb) => ['payment.case_id', 'payment.estimate_version', eb.fn.sum<number | string>('payment.amount').as('amount')])
      .where('payment.case_id', 'in', caseIds.slice(i, i + 500))
      .groupBy(['payment.case_id', 'payment.estimate_version'])
      .execute();
    for (const r of rows) paid.set(`${r.case_id}:${r.estimate_version}`, amount(r.amount));
  }
  return paid;
}

export async function moneyReport(ctx: ServiceContext, input: RangeInput): Promise<MoneyReport> {
  const { db } = ctx;
  const { site } = await reportSite(db, ctx.now);
  const range = rangeInstants(input, site.timeZone);
  const line = input.productLine;
  const openCases = db.selectFrom('cases').select('cases.id').where('cases.status', 'in', [...openStatuses]);
  const [accepted, closed, issued, paidInRange, ofOpenCases, acceptedOnPortal] = await Promise.all([
    estimatesOf(db, site.currency, line)
      .select(['estimates.lines', 'products.product_line'])
      .where('estimates.state', '=', 'accepted')
      .where('estimates.decided_at', '>=', range.start)
      .where('estimates.decided_at', '<', range.end)
      .where('estimates.covered_cost', '>', 0)
      .execute(),
    estimatesOf(db, site.currency, line)
      .select((eb) => ['estimates.state', 'products.product_line', eb.fn.countAll<number>().as('count'), eb.fn.sum<number | string>('estimates.total').as('amount')])
      .where('estimates.state', 'in', ['declined', 'expired'])
      .where('estimates.decided_at', '>=', range.start)
      .where('estimates.decided_at', '<', range.end)
      .groupBy(['estimates.state', 'products.product_line'])
      .execute(),
    estimatesOf(db, site.currency, line)
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.sum<number | string>('estimates.total').as('amount')])
      .where('estimates.state', '!=', 'superseded')
      .where('estimates.total', '>', 0)
      .where('estimates.issued_at', '>=', range.start)
      .where('estimates.issued_at', '<', range.end)
      .executeTakeFirstOrThrow(),
    paymentsByLine(db, site.currency, range, line),
    // The estimates of open cases (found by the status index, so those of closed ones are never read).
    estimatesOf(db, site.currency, line)
      .select(['cases.id', 'cases.rma', 'cases.status', 'estimates.version', 'estimates.total', 'estimates.decided_at', 'estimates.state'])
      .where('estimates.case_id', 'in', openCases)
      .where('estimates.total', '>', 0)
      .orderBy('estimates.decided_at')
      .execute(),
    db
      .selectFrom('portal_estimate_decisions')
      .select(['case_id', 'estimate_version'])
      .where('decision', '=', 'accepted')
      .where('case_id', 'in', openCases)
      .execute(),
  ]);

  const byLine = new Map<string | null, MoneyByLine>();
  const lineRow = (productLine: string | null): MoneyByLine => {
    let row = byLine.get(productLine);
    if (!row) {
      row = { productLine, warrantyCases: 0, warrantyCost: 0, payments: 0, revenue: 0, declined: 0, expired: 0 };
      byLine.set(productLine, row);
    }
    return row;
  };

  const warranty = { cases: 0, parts: 0, labor: 0, shipping: 0, total: 0 };
  for (const estimate of accepted) {
    let cost = 0;
    for (const entry of JSON.parse(estimate.lines) as PricedLine[]) {
      if (entry.kind === 'discount' || !entry.covered) continue;
      if (entry.kind === 'part') warranty.parts += entry.lineTotal;
      else if (entry.kind === 'labor') warranty.labor += entry.lineTotal;
      else warranty.shipping += entry.lineTotal;
      cost += entry.lineTotal;
    }
    warranty.cases++;
    warranty.total += cost;
    const row = lineRow(estimate.product_line);
    row.warrantyCases++;
    row.warrantyCost += cost;
  }

  const revenue = { payments: 0, amount: 0 };
  for (const r of paidInRange) {
    const row = lineRow(r.product_line);
    row.payments += Number(r.payments);
    row.revenue += amount(r.amount);
    revenue.payments += Number(r.payments);
    revenue.amount += amount(r.amount);
  }

  const declined = { count: 0, amount: 0 };
  const expired = { count: 0, amount: 0 };
  for (const r of closed) {
    const into = r.state === 'declined' ? declined : expired;
    into.count += Number(r.count);
    into.amount += amount(r.amount);
    lineRow(r.product_line)[r.state === 'declined' ? 'declined' : 'expired'] += Number(r.count);
  }

  // Accepted at the desk (or settled when repair started), or accepted on the portal and not yet acted on.
  const onPortal = new Set(acceptedOnPortal.map((d) => `${d.case_id}:${d.estimate_version}`));
  const owing = ofOpenCases.filter((e) => e.state === 'accepted' || (e.state === 'issued' && onPortal.has(`${e.id}:${e.version}`)));
  const paid = await paidFor(
    db,
    owing.map((o) => Number(o.id)),
  );
  const cases: OutstandingPayment[] = owing
    .map((o) => {
      const total = amount(o.total);
      const got = paid.get(`${o.id}:${o.version}`) ?? 0;
      return {
        rma: o.rma,
        status: o.status as Status,
        version: o.version,
        acceptedAt: o.state === 'accepted' ? o.decided_at : null,
        total,
        paid: got,
        outstanding: total - got,
      };
    })
    .filter((o) => o.outstanding > 0);

  const issuedCount = Number(issued.count);
  return {
    from: input.from,
    to: input.to,
    currency: site.currency,
    warranty,
    revenue,
    declined,
    expired,
    estimates: { count: issuedCount, average: issuedCount ? Math.round(amount(issued.amount) / issuedCount) : null },
    outstanding: { count: cases.length, amount: cases.reduce((sum, o) => sum + o.outstanding, 0), cases },
    productLines: [...byLine.values()].sort((a, b) => (a.productLine ?? '').localeCompare(b.productLine ?? '')),
  };
}
