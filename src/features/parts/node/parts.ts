import type { z } from 'zod';
import { partSchema, type Part, type PartsImportResult, type savePartInput } from '../../bench/common/index.ts';
import { formatMoney, parseMoney, plainAmount, currencyExponent } from '../../../base/common/money.ts';
import { fieldLabels, readSaid, type FieldLabel, type Said } from '../../../base/common/messages.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { aboutField } from '../../estimates/common/index.ts';
import { partsMessages as m } from '../common/index.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import { trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { requireSite } from '../../settings/node/index.ts';
import { userIdOf } from '../../cases/node/index.ts';
import type { Caller } from '../../../base/common/identity.ts';

/** The parts catalog: price in minor units of the site's currency, stock on hand moved only with a recorded move. */


type PartRow = { id: number; sku: string; name: string; price: number | string; stock: number; updated_at: string; vendor: string | null };

const toPart = (r: PartRow): Part => ({
  id: Number(r.id),
  sku: r.sku,
  name: r.name,
  price: Number(r.price),
  stock: r.stock,
  updatedAt: r.updated_at,
  vendor: r.vendor,
});

export async function listParts(db: Db, query: string | null): Promise<Part[]> {
  let q = db.selectFrom('parts').selectAll();
  if (query) {
    const like = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['sku']), 'like', eb.val(like)),
        eb(eb.fn('lower', ['name']), 'like', eb.val(like)),
      ]),
    );
  }
  return (await q.orderBy('sku').limit(2000).execute()).map(toPart);
}

async function recordMove(
  trx: Tx,
  move: { partId: number; delta: number; kind: string; caseId?: number; workId?: number; reason: string | null },
  caller: Caller,
  at: string,
): Promise<void> {
  await trx
    .insertInto('stock_moves')
    .values({
      part_id: move.partId,
      delta: move.delta,
      kind: move.kind,
      case_id: move.caseId ?? null,
      work_id: move.workId ?? null,
      reason: move.reason,
      user_id: userIdOf(caller),
      at,
    })
    .execute();
}

export type SavePartInput = z.output<typeof savePartInput>;

/** Adds a part or changes one; a change of stock is a move with its reason, so stock history adds up. */
export async function savePart(ctx: ServiceContext, input: SavePartInput): Promise<Part> {
  const { caller } = ctx;
  const at = ctx.now.toISOString();
  const trx = trxOf(ctx);
  const sameSku = await trx.selectFrom('parts').select('id').where('sku', '=', input.sku).executeTakeFirst();
  if (sameSku && Number(sameSku.id) !== input.id) throw fieldError('sku', m.skuTaken({ sku: input.sku }));
  if (input.id === undefined) {
    const row = await trx
      .insertInto('parts')
      .values({ sku: input.sku, name: input.name, price: input.price, stock: input.stock, updated_at: at, vendor: input.vendor ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.stock !== 0) {
      await recordMove(trx, { partId: Number(row.id), delta: input.stock, kind: 'adjust', reason: input.reason ?? 'New part' }, caller, at);
    }
    return toPart((await trx.selectFrom('parts').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()) as PartRow);
  }
  const before = await trx.selectFrom('parts').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw new DepotError('not_found', m.noPart({ id: input.id }));
  const delta = input.stock - before.stock;
  if (delta !== 0 && !input.reason) throw fieldError('reason', m.sayWhyStock());
  await trx
    .updateTable('parts')
    .set({ sku: input.sku, name: input.name, price: input.price, stock: input.stock, updated_at: at, ...(input.vendor !== undefined ? { vendor: input.vendor } : {}) })
    .where('id', '=', input.id)
    .execute();
  if (delta !== 0) await recordMove(trx, { partId: input.id, delta, kind: 'adjust', reason: input.reason }, caller, at);
  return toPart((await trx.selectFrom('parts').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow()) as PartRow);
}

export const CSV_HEADER = ['sku', 'name', 'price', 'stock'] as const;

/** RFC 4180: commas, quotes doubled inside quoted fields, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const csvField = (value: string) => (/[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export async function exportParts(ctx: ServiceContext): Promise<string> {
  const { currency } = await requireSite(ctx.db);
  const parts = await ctx.db.selectFrom('parts').selectAll().orderBy('sku').execute();
  const lines = [CSV_HEADER.join(',')];
  for (const p of parts) lines.push([p.sku, p.name, plainAmount(Number(p.price), currency), String(p.stock)].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A schema's message about one cell, said of its row. A field's required or too-long message keeps
 * its label and values; another message names its code (its own sentence, without values).
 */
function rowIssue(row: number, message: string): Said {
  const said = readSaid(message);
  const label = said?.params.label;
  if (said && typeof label === 'string' && label in fieldLabels) {
    if (said.code === 'field.required') return aboutField(m.rowRequired, label as FieldLabel, { row });
    if (said.code === 'field.tooLong') return aboutField(m.rowTooLong, label as FieldLabel, { row, max: said.params.max ?? '' });
  }
  const english = m.rowProblem({ row, problem: said?.text ?? message });
  return said && Object.keys(said.params).length === 0 ? { ...english, params: { row, problem: said.code } } : english;
}

/**
 * Every problem of a refused import: the API's `csv` field has each one's English on its own line
 * (at most 50), and `csv.0`, `csv.1`, … each one as a message the UI words in the reader's language.
 */
function importRefused(problems: readonly Said[]): DepotError {
  const shown = problems.slice(0, 50);
  const summary = problems.length === 1 ? problems[0]! : m.problems({ count: problems.length });
  const all: Said = { ...summary, text: shown.map((p) => p.text).join('\n') };
  return new DepotError('invalid', summary, { csv: all, ...Object.fromEntries(shown.map((p, i) => [`csv.${i}`, p])) });
}

/**
 * Imports the catalog: rows create or update parts by SKU. Every row is checked first; one bad row
 * refuses the whole file with each problem named by its row number (the header is row 1).
 */
export async function importParts(ctx: ServiceContext, csv: string): Promise<PartsImportResult> {
  const { caller } = ctx;
  const at = ctx.now.toISOString();
  const { currency } = await requireSite(ctx.db);
  const rows = parseCsv(csv).filter((r) => r.some((cell) => cell.trim() !== ''));
  const header = rows.shift()?.map((h) => h.trim().toLowerCase());
  if (!header || CSV_HEADER.some((name, i) => header[i] !== name)) {
    throw fieldError('csv', m.header({ header: CSV_HEADER.join(',') }));
  }
  if (rows.length === 0) throw fieldError('csv', m.noRows());
  if (rows.length > 10_000) throw fieldError('csv', m.tooManyRows({ max: 10_000 }));
  const problems: Said[] = [];
  const parsed: z.output<typeof partSchema>[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const rowNumber = index + 2;
    if (cells.length !== CSV_HEADER.length) {
      problems.push(m.rowColumns({ row: rowNumber, expected: CSV_HEADER.length, found: cells.length }));
      return;
    }
    const [sku, name, price, stock] = cells.map((c) => c.trim()) as [string, string, string, string];
    const minor = parseMoney(price, currency);
    const result = partSchema.safeParse({
      sku,
      name,
      price: minor ?? Number.NaN,
      stock: /^-?\d+$/.test(stock) ? Number(stock) : Number.NaN,
    });
    if (minor === null) {
      const example = 45_000 * 10 ** currencyExponent(currency);
      problems.push(
        m.rowPrice({ row: rowNumber, price, currency, example: formatMoney(example, currency), plain: plainAmount(example, currency) }),
      );
    }
    if (!result.success) {
      for (const issue of result.error.issues) {
        if (issue.path[0] === 'price' && minor === null) continue;
        problems.push(
          issue.path[0] === 'stock' && !/^-?\d+$/.test(stock)
            ? m.rowStock({ row: rowNumber, stock })
            : rowIssue(rowNumber, issue.message),
        );
      }
      return;
    }
    const key = result.data.sku.toUpperCase();
    const first = seen.get(key);
    if (first !== undefined) problems.push(m.rowSkuTwice({ row: rowNumber, sku: result.data.sku, first }));
    seen.set(key, rowNumber);
    parsed.push(result.data);
  });
  if (problems.length > 0) throw importRefused(problems);
  const trx = trxOf(ctx);
  let created = 0;
  let updated = 0;
  for (const part of parsed) {
    const before = await trx.selectFrom('parts').select(['id', 'stock']).where('sku', '=', part.sku).executeTakeFirst();
    if (before) {
      await trx
        .updateTable('parts')
        .set({ name: part.name, price: part.price, stock: part.stock, updated_at: at })
        .where('id', '=', before.id)
        .execute();
      const delta = part.stock - before.stock;
      if (delta !== 0) await recordMove(trx, { partId: Number(before.id), delta, kind: 'import', reason: 'CSV import' }, caller, at);
      updated++;
    } else {
      const row = await trx
        .insertInto('parts')
        .values({ ...part, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (part.stock !== 0) await recordMove(trx, { partId: Number(row.id), delta: part.stock, kind: 'import', reason: 'CSV import' }, caller, at);
      created++;
    }
  }
  return { created, updated };
}

export interface PartUse {
  sku: string;
  quantity: number;
}

/**
 * Takes parts for a repair in the caller's transaction. Stock never goes below zero unless a reason
 * is given, and then the reason is kept with the move. Field paths name the offending entry.
 */
export async function takeParts(
  trx: Tx,
  at: string,
  caller: Caller,
  target: { caseId: number; workId: number },
  uses: readonly PartUse[],
  stockReason: string | null,
): Promise<void> {
  const wanted = new Map<number, { index: number; quantity: number; part: PartRow }>();
  for (const [index, use] of uses.entries()) {
    const part = (await trx.selectFrom('parts').selectAll().where('sku', '=', use.sku).executeTakeFirst()) as PartRow | undefined;
    if (!part) throw fieldError(`parts.${index}.sku`, m.unknownSku({ sku: use.sku }));
    const id = Number(part.id);
    const entry = wanted.get(id);
    if (entry) entry.quantity += use.quantity;
    else wanted.set(id, { index, quantity: use.quantity, part });
  }
  for (const [id, { index, quantity, part }] of wanted) {
    const left = part.stock - quantity;
    if (left < 0 && !stockReason) {
      throw fieldError(`parts.${index}.quantity`, m.shortStock({ stock: part.stock, sku: part.sku, quantity }));
    }
    // The where clause makes a concurrent taker see the stock it really leaves.
    const updated = await trx
      .updateTable('parts')
      .set({ stock: left, updated_at: at })
      .where('id', '=', id)
      .where('stock', '=', part.stock)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new DepotError('conflict', m.stockChanged({ sku: part.sku }));
    }
    await recordMove(
      trx,
      { partId: id, delta: -quantity, kind: 'repair', caseId: target.caseId, workId: target.workId, reason: left < 0 ? stockReason : null },
      caller,
      at,
    );
  }
}

/** The id of the part with this SKU (undefined: no such part). */
export async function partIdBySku(db: Db, sku: string) {
  return db.selectFrom('parts').select('id').where('sku', '=', sku).executeTakeFirst();
}

/** The parts taken for repairs on a case, in the order they were taken, with the work entry of each. */
export async function repairMovesOf(db: Db, caseId: number) {
  return db
    .selectFrom('stock_moves')
    .innerJoin('parts', 'parts.id', 'stock_moves.part_id')
    .select(['stock_moves.work_id', 'stock_moves.delta', 'stock_moves.reason', 'parts.sku', 'parts.name'])
    .where('stock_moves.case_id', '=', caseId)
    .where('stock_moves.kind', '=', 'repair')
    .orderBy('stock_moves.id')
    .execute();
}

/** Adds a part to the catalog (demo data) with its opening stock recorded as a move, in the caller's transaction. */
export async function addPartWithOpeningStock(
  trx: Tx,
  at: string,
  part: { sku: string; name: string; price: number; stock: number },
): Promise<void> {
  const row = await trx.insertInto('parts').values({ ...part, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  if (part.stock > 0) {
    await trx
      .insertInto('stock_moves')
      .values({ part_id: row.id, delta: part.stock, kind: 'adjust', case_id: null, work_id: null, reason: 'Opening stock', user_id: null, at })
      .execute();
  }
}

/** A part as a supplier return takes it: its vendor, and how many the repair of a case took. */
export async function partForSupplier(db: Db, sku: string, caseId: number) {
  const part = await db.selectFrom('parts').select(['id', 'sku', 'name', 'vendor']).where('sku', '=', sku).executeTakeFirst();
  if (!part) return undefined;
  const used = await db
    .selectFrom('stock_moves')
    .select((eb) => eb.fn.sum<number | string | null>('delta').as('delta'))
    .where('part_id', '=', part.id)
    .where('case_id', '=', caseId)
    .where('kind', '=', 'repair')
    .executeTakeFirst();
  return { id: Number(part.id), sku: part.sku, name: part.name, vendor: part.vendor, usedInRepair: -Number(used?.delta ?? 0) };
}

/** Every vendor named on a part. */
export async function partVendors(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('parts').select('vendor').distinct().where('vendor', 'is not', null).execute();
  return rows.map((r) => r.vendor!);
}
