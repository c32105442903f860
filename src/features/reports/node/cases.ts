import type { ServiceContext } from '../../../base/node/handlers.ts';
import type { Resolution, Status } from '../../cases/common/index.ts';
import type { RangeInput } from '../common/contract.ts';
import type { CasesExport } from '../common/types.ts';
import { rangeInstants, reportSite } from './context.ts';

/** One export holds at most this many cases; a longer list says so. */
export const MAX_EXPORTED_CASES = 100_000;

/** The cases created in the range, oldest first (the `cases_created_at` index finds them). */
export async function casesExport(ctx: ServiceContext, input: RangeInput): Promise<CasesExport> {
  const { site } = await reportSite(ctx.db, ctx.now);
  const { start, end } = rangeInstants(input, site.timeZone);
  let query = ctx.db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .leftJoin('users', 'users.id', 'cases.assigned_to')
    .select([
      'cases.rma',
      'cases.status',
      'cases.created_at',
      'cases.received_at',
      'customers.name as customer_name',
      'products.model',
      'products.product_line',
      'cases.serial',
      'cases.resolution',
      'users.name as assigned_name',
      'cases.source',
    ])
    .where('cases.created_at', '>=', start)
    .where('cases.created_at', '<', end);
  if (input.productLine) query = query.where('products.product_line', '=', input.productLine);
  const rows = await query.orderBy('cases.id').limit(MAX_EXPORTED_CASES + 1).execute();
  return {
    from: input.from,
    to: input.to,
    more: rows.length > MAX_EXPORTED_CASES,
    rows: rows.slice(0, MAX_EXPORTED_CASES).map((r) => ({
      rma: r.rma,
      status: r.status as Status,
      createdAt: r.created_at,
      receivedAt: r.received_at,
      customerName: r.customer_name,
      model: r.model,
      productLine: r.product_line,
      serial: r.serial,
      resolution: r.resolution as Resolution | null,
      assignedTo: r.assigned_name,
      source: r.source,
    })),
  };
}
