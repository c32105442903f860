import type { Db } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import type { ExportPageInput } from '../common/contract.ts';
import type { CustomerExportRow, ExportPage, PartUsedExportRow, PaymentExportRow, PaymentSource } from '../common/exports.ts';
import { rangeInstants, reportSite } from './context.ts';

type Range = { start: string; end: string };

/**
 * A page of a long export. Each page starts after the last row of the one before (by id, so a
 * page reads only its own rows whatever the export's length), and the first page counts them all.
 */
export async function exportPage(ctx: ServiceContext, input: ExportPageInput): Promise<ExportPage> {
  const { site } = await reportSite(ctx.db, ctx.now);
  const range = rangeInstants(input, site.timeZone);
  const first = input.after === null;
  const productLine = input.productLine ?? null;
  switch (input.kind) {
    case 'customers': {
      const after = Number(input.after ?? 0);
      const rows = await customers(ctx.db, range).where('customers.id', '>', after).selectAll().orderBy('customers.id').limit(input.limit).execute();
      const page: CustomerExportRow[] = rows.map((r) => ({
        customerId: r.id,
        name: r.name,
        email: r.email,
        phone: r.phone,
        language: r.locale,
        createdAt: r.created_at,
      }));
      const total = first ? Number((await customers(ctx.db, range).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n) : null;
      return { kind: 'customers', rows: page, total, next: rows.length === input.limit ? String(rows.at(-1)!.id) : null, currency: site.currency };
    }
    case 'parts-used': {
      const after = Number(input.after ?? 0);
      const rows = await partsUsed(ctx.db, range, productLine)
        .innerJoin('parts', 'parts.id', 'stock_moves.part_id')
        .leftJoin('bench_work', 'bench_work.id', 'stock_moves.work_id')
        .leftJoin('users', (join) => join.on((eb) => eb('users.id', '=', eb.fn.coalesce('bench_work.user_id', 'stock_moves.user_id'))))
        .select(['stock_moves.id', 'cases.rma', 'parts.sku', 'parts.name as part_name', 'stock_moves.delta', 'stock_moves.at', 'users.name as technician'])
        .where('stock_moves.id', '>', after)
        .orderBy('stock_moves.id')
        .limit(input.limit)
        .execute();
      const page: PartUsedExportRow[] = rows.map((r) => ({
        rma: r.rma,
        sku: r.sku,
        partName: r.part_name,
        // A part taken for a repair leaves the shelf: its move is negative.
        quantity: -Number(r.delta),
        at: r.at,
        technician: r.technician,
      }));
      const total = first ? Number((await partsUsed(ctx.db, range, productLine).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n) : null;
      return { kind: 'parts-used', rows: page, total, next: rows.length === input.limit ? String(rows.at(-1)!.id) : null, currency: site.currency };
    }
    case 'payments': {
      // The desk's payments by id, then the portal's: the cursor names the source and the id.
      const [source, id] = parseCursor(input.after);
      const page: PaymentExportRow[] = [];
      let next: string | null = null;
      for (const from of paymentSources) {
        if (from === 'desk' && source === 'portal') continue;
        const after = from === source ? id : 0;
        const rows = await payments(ctx.db, from, site.currency, range, productLine)
          .select(['payment.id', 'cases.rma', 'payment.estimate_version', 'payment.amount', 'payment.reference', 'payment.paid_at'])
          .where('payment.id', '>', after)
          .orderBy('payment.id')
          .limit(input.limit - page.length)
          .execute();
        for (const r of rows) {
          page.push({ rma: r.rma, estimateVersion: r.estimate_version, amount: Number(r.amount), reference: r.reference, paidAt: r.paid_at, source: from });
        }
        if (page.length === input.limit) {
          next = `${from}:${rows.at(-1)!.id}`;
          break;
        }
      }
      let total: number | null = null;
      if (first) {
        total = 0;
        for (const from of paymentSources) {
          total += Number((await payments(ctx.db, from, site.currency, range, productLine).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
        }
      }
      return { kind: 'payments', rows: page, total, next, currency: site.currency };
    }
  }
}

const paymentSources: readonly PaymentSource[] = ['desk', 'portal'];

function parseCursor(after: string | null): [PaymentSource, number] {
  const match = after ? /^(desk|portal):(\d+)$/.exec(after) : null;
  return match ? [match[1] as PaymentSource, Number(match[2])] : ['desk', 0];
}

/** Customers added in the range. */
function customers(db: Db, range: Range) {
  return db.selectFrom('customers').where('customers.created_at', '>=', range.start).where('customers.created_at', '<', range.end);
}

/** Parts taken for repairs in the range, of cases of the product line. */
function partsUsed(db: Db, range: Range, productLine: string | null) {
  let query = db
    .selectFrom('stock_moves')
    .innerJoin('cases', 'cases.id', 'stock_moves.case_id')
    .where('stock_moves.kind', '=', 'repair')
    .where('stock_moves.at', '>=', range.start)
    .where('stock_moves.at', '<', range.end);
  if (productLine) query = query.leftJoin('products', 'products.id', 'cases.product_id').where('products.product_line', '=', productLine);
  return query;
}

/** Payments in the site's currency in the range, taken at the desk or received from the portal. */
function payments(db: Db, source: PaymentSource, currency: string, range: Range, productLine: string | null) {
  // Both tables have these columns alike; the desk's names the type.
  const table = (source === 'desk' ? 'estimate_payments' : 'portal_payments') as 'estimate_payments';
  let query = db
    .selectFrom(`${table} as payment`)
    .innerJoin('cases', 'cases.id', 'payment.case_id')
    .where('payment.currency', '=', currency)
    .where('payment.paid_at', '>=', range.start)
    .where('payment.paid_at', '<', range.end);
  if (productLine) query = query.leftJoin('products', 'products.id', 'cases.product_id').where('products.product_line', '=', productLine);
  return query;
}
