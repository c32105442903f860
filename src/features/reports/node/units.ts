import { DepotError, fieldError } from '../../../base/common/result.ts';
import type { Said } from '../../../base/common/messages.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import { trxOf, userOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { reportsMessages as m } from '../common/messages.ts';
import { parseUnitsSoldFile, type SaveUnitsSoldInput, type UnitsSold } from '../common/units.ts';

/** Units sold per model and month (table `units_sold`, the reports feature's own), entered or imported by the admin. */

export async function listUnitsSold(ctx: ServiceContext): Promise<UnitsSold[]> {
  const rows = await ctx.db
    .selectFrom('units_sold')
    .innerJoin('products', 'products.id', 'units_sold.product_id')
    .select(['products.model', 'products.product_line', 'units_sold.period', 'units_sold.quantity'])
    .orderBy('products.model')
    .orderBy('units_sold.period')
    .execute();
  return rows.map((r) => ({ model: r.model, productLine: r.product_line, period: r.period, quantity: Number(r.quantity) }));
}

/** The units sold of each model (by id) and month: the key is `<product id> <YYYY-MM>`. */
export async function unitsSoldByLot(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('units_sold').select(['product_id', 'period', 'quantity']).execute();
  return new Map(rows.map((r) => [`${Number(r.product_id)} ${r.period}`, Number(r.quantity)]));
}

/** Product ids by model, as the unique index compares them (trimmed, any case), retired models too. */
async function productIdsByModel(db: Db): Promise<Map<string, { id: number; model: string; productLine: string }>> {
  const rows = await db.selectFrom('products').select(['id', 'model', 'product_line']).execute();
  return new Map(rows.map((r) => [r.model.trim().toLowerCase(), { id: Number(r.id), model: r.model, productLine: r.product_line }]));
}

async function writeUnits(trx: Tx, ctx: ServiceContext, productId: number, period: string, quantity: number): Promise<void> {
  const values = { quantity, updated_at: ctx.now.toISOString(), updated_by: userOf(ctx).id };
  await trx
    .insertInto('units_sold')
    .values({ product_id: productId, period, ...values })
    .onConflict((oc) => oc.columns(['product_id', 'period']).doUpdateSet(values))
    .execute();
}

export async function saveUnitsSold(ctx: ServiceContext, input: SaveUnitsSoldInput): Promise<UnitsSold> {
  const trx = trxOf(ctx);
  const product = (await productIdsByModel(trx)).get(input.model.trim().toLowerCase());
  if (!product) throw fieldError('model', m.unknownModel({ model: input.model }));
  await writeUnits(trx, ctx, product.id, input.period, input.quantity);
  return { model: product.model, productLine: product.productLine, period: input.period, quantity: input.quantity };
}

/**
 * Every problem of a refused file: `csv` has the summary, and `csv.0`, `csv.1`, … each line's
 * problem as a message the screen words in the reader's language.
 */
function importRefused(problems: readonly Said[]): DepotError {
  const shown = problems.slice(0, 50);
  const summary = problems.length === 1 ? problems[0]! : m.holidayFileProblems({ count: problems.length });
  return new DepotError('invalid', summary, { csv: summary, ...Object.fromEntries(shown.map((p, i) => [`csv.${i}`, p])) });
}

/**
 * Sets the units sold of a file. Every line is checked first, its model too, and every problem is
 * named by its line; one bad line imports nothing.
 */
export async function importUnitsSold(ctx: ServiceContext, csv: string): Promise<{ imported: number }> {
  const file = parseUnitsSoldFile(csv);
  const trx = trxOf(ctx);
  const products = await productIdsByModel(trx);
  const unknown = file.lines
    .filter((l) => !products.has(l.model.trim().toLowerCase()))
    .map((l) => ({ line: l.line, said: m.unitsLineModel({ line: l.line, model: l.model.slice(0, 64) }) }));
  const problems = [...file.problems, ...unknown].sort((a, b) => a.line - b.line);
  if (problems.length > 0) throw importRefused(problems.map((p) => p.said));
  for (const l of file.lines) await writeUnits(trx, ctx, products.get(l.model.trim().toLowerCase())!.id, l.period, l.quantity);
  return { imported: file.lines.length };
}
