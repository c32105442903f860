import type { z } from 'zod';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import type { Said } from '../../../base/common/messages.ts';
import { dateSchema, normalizeSerial, normalizeTracking, serialSchema } from '../../../base/common/schemas.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import { trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { receivingStatuses, type Status } from '../../cases/common/index.ts';
import { addDeskCustomer, caseRowsBySerial, openDeskCase } from '../../cases/node/index.ts';
import { parseCsv } from '../../parts/node/index.ts';
import { productByModel } from '../../products/node/index.ts';
import { receivingMessages as m } from '../common/messages.ts';
import type { CustomerReturn } from '../common/receiving.ts';
import {
  MAX_RETURN_UNITS,
  RETURN_CSV_HEADER,
  type BoxScan,
  type createReturnInput,
  type finishBoxInput,
  type receiveInReturnInput,
  type ReturnSummary,
} from '../common/returns.ts';
import { receive } from './receiving.ts';
import { returnById } from './return-store.ts';
export { returnByNumber, returnOfCode } from './return-store.ts';

// Owns customer_returns, customer_return_units, customer_return_strays and return_counters.

/** The next return number of a year; the counter row is locked by the update, so two desks never share one. */
async function nextReturnNumber(trx: Tx, year: number): Promise<string> {
  await trx
    .insertInto('return_counters')
    .values({ year, last: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  const row = await trx
    .updateTable('return_counters')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  return `RET-${year}-${String(row.last).padStart(6, '0')}`;
}

interface ListedUnit {
  line: number;
  product: { id: number; model: string };
  serial: string;
  problemDescription: string;
  purchaseDate: string | null;
}

/**
 * The units of a return as the distributor lists them. Every line is checked first; one bad line
 * refuses the list with each problem named by its line (the header is line 1), at the list's field.
 */
async function readUnits(trx: Tx, csv: string, today: string): Promise<ListedUnit[]> {
  const rows = parseCsv(csv).filter((r) => r.some((cell) => cell.trim() !== ''));
  const header = rows.shift()?.map((h) => h.trim().toLowerCase());
  if (!header) throw fieldError('unitsCsv', m.returnNoUnits());
  if (RETURN_CSV_HEADER.slice(0, 3).some((name, i) => header[i] !== name)) {
    throw fieldError('unitsCsv', m.returnHeader({ header: RETURN_CSV_HEADER.join(',') }));
  }
  if (rows.length === 0) throw fieldError('unitsCsv', m.returnNoUnits());
  if (rows.length > MAX_RETURN_UNITS) throw fieldError('unitsCsv', m.returnTooMany({ max: MAX_RETURN_UNITS }));
  const problems: Said[] = [];
  const units: ListedUnit[] = [];
  const lineOfSerial = new Map<string, number>();
  const products = new Map<string, Awaited<ReturnType<typeof productByModel>>>();
  for (const [index, cells] of rows.entries()) {
    const row = index + 2;
    if (cells.length < 3 || cells.length > RETURN_CSV_HEADER.length) {
      problems.push(m.returnRowColumns({ row, expected: RETURN_CSV_HEADER.length, found: cells.length }));
      continue;
    }
    const [model, serial, problem, purchase = ''] = cells.map((c) => c.trim()) as [string, string, string, string?];
    if (!products.has(model)) products.set(model, await productByModel(trx, model));
    const product = products.get(model);
    if (!product?.active) problems.push(m.returnRowModel({ row, model }));
    if (!serialSchema.safeParse(serial).success) problems.push(m.returnRowSerial({ row, serial }));
    if (problem === '') problems.push(m.returnRowProblem({ row }));
    if (purchase !== '' && (!dateSchema.safeParse(purchase).success || purchase > today)) problems.push(m.returnRowDate({ row, date: purchase }));
    const first = lineOfSerial.get(normalizeSerial(serial));
    if (first !== undefined && serial !== '') problems.push(m.returnRowTwice({ row, serial, first }));
    else lineOfSerial.set(normalizeSerial(serial), row);
    if (product?.active) units.push({ line: row - 1, product, serial, problemDescription: problem, purchaseDate: purchase === '' ? null : purchase });
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 50);
    const summary = problems.length === 1 ? problems[0]! : m.returnProblems({ count: problems.length });
    throw new DepotError('invalid', summary, {
      unitsCsv: { ...summary, text: shown.map((p) => p.text).join('\n') },
      ...Object.fromEntries(shown.map((p, i) => [`unitsCsv.${i}`, p])),
    });
  }
  return units;
}

/**
 * A return of many units from one customer (a distributor's carton): one customer and return
 * address, each unit its own case with its own RMA, all under one return number, in one transaction.
 */
export async function createReturn(ctx: ServiceContext, input: z.output<typeof createReturnInput>): Promise<CustomerReturn> {
  const { now, caller } = ctx;
  const trx = trxOf(ctx);
  const at = now.toISOString();
  const units = await readUnits(trx, input.unitsCsv, at.slice(0, 10));
  const owner = await addDeskCustomer(trx, at, input.customer, input.returnAddress);
  const number = await nextReturnNumber(trx, now.getUTCFullYear());
  const { id: returnId } = await trx
    .insertInto('customer_returns')
    .values({
      number,
      customer_id: owner.customerId,
      inbound_tracking: input.tracking,
      inbound_tracking_norm: input.tracking ? normalizeTracking(input.tracking) : null,
      created_at: at,
      created_by: caller.kind === 'user' ? caller.user.id : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const inbound = input.tracking ? { tracking: input.tracking, carrier: input.carrier } : undefined;
  for (const unit of units) {
    const { id } = await openDeskCase(trx, ctx, owner, { ...unit, problemCategory: null, inbound }, `Sent in return ${number}.`);
    await trx.insertInto('customer_return_units').values({ return_id: Number(returnId), case_id: id, line: unit.line }).execute();
  }
  return returnById(trx, Number(returnId));
}

/** The newest returns with how far their boxes got, for the desk's list. */
export async function recentReturns(db: Db, limit = 100): Promise<ReturnSummary[]> {
  const rows = await db
    .selectFrom('customer_returns')
    .innerJoin('customers', 'customers.id', 'customer_returns.customer_id')
    .select((eb) => [
      'customer_returns.number',
      'customers.name',
      'customer_returns.inbound_tracking',
      'customer_returns.created_at',
      'customer_returns.box_done_at',
      eb
        .selectFrom('customer_return_units')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('customer_return_units.return_id', '=', 'customer_returns.id')
        .as('units'),
      eb
        .selectFrom('customer_return_units')
        .innerJoin('cases', 'cases.id', 'customer_return_units.case_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('customer_return_units.return_id', '=', 'customer_returns.id')
        .where('cases.status', 'not in', receivingStatuses)
        .as('received'),
      eb
        .selectFrom('customer_return_units')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('customer_return_units.return_id', '=', 'customer_returns.id')
        .where('customer_return_units.missing', '=', 1)
        .as('missing'),
      eb
        .selectFrom('customer_return_strays')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('customer_return_strays.return_id', '=', 'customer_returns.id')
        .as('strays'),
    ])
    .orderBy('customer_returns.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    number: r.number,
    customerName: r.name,
    tracking: r.inbound_tracking,
    createdAt: r.created_at,
    boxDoneAt: r.box_done_at,
    units: Number(r.units),
    received: Number(r.received),
    missing: Number(r.missing),
    strays: Number(r.strays),
  }));
}

/**
 * One scan of a serial out of an open box. The return's unit with that serial is received with the
 * box's condition (the receipt is the dock's own, with its tag and its place). A serial no open case
 * knows is recorded with the box; one of a case outside the return is refused at the field, with
 * where it belongs, and nothing is written.
 */
export async function receiveInReturn(ctx: ServiceContext, input: z.output<typeof receiveInReturnInput>): Promise<BoxScan> {
  const ret = await returnById(ctx.db, input.returnId).catch(() => {
    throw new DepotError('not_found', m.noReturn({ number: String(input.returnId) }));
  });
  if (ret.boxDoneAt) throw fieldError('serial', m.boxDone());
  const norm = normalizeSerial(input.serial);
  const unit = ret.units.find((u) => normalizeSerial(u.serial) === norm);
  if (unit) {
    if (!receivingStatuses.includes(unit.status)) {
      throw fieldError('serial', m.alreadyReceivedInBox({ serial: input.serial, rma: unit.rma, status: unit.status }));
    }
    try {
      const outcome = await receive(ctx, {
        rma: unit.rma,
        version: unit.version,
        serial: input.serial,
        mismatchReason: null,
        condition: input.condition,
        parcelId: null,
        placeAt: input.placeAt,
      });
      return { kind: 'received', rma: unit.rma, outcome, ret: await returnById(ctx.db, ret.id) };
    } catch (error) {
      // Another station received it first: say so at the field, as a second scan here would.
      if (error instanceof DepotError && error.code === 'conflict') {
        const now = (await returnById(ctx.db, ret.id)).units.find((u) => u.rma === unit.rma)!;
        if (!receivingStatuses.includes(now.status)) {
          throw fieldError('serial', m.alreadyReceivedInBox({ serial: input.serial, rma: unit.rma, status: now.status }));
        }
      }
      throw error;
    }
  }
  const elsewhere = (await caseRowsBySerial(ctx.db, norm, 5)).find((c) => receivingStatuses.includes(c.status as Status));
  if (elsewhere) {
    const other = await ctx.db
      .selectFrom('customer_return_units')
      .innerJoin('customer_returns', 'customer_returns.id', 'customer_return_units.return_id')
      .select('customer_returns.number')
      .where('customer_return_units.case_id', '=', elsewhere.id)
      .executeTakeFirst();
    throw fieldError(
      'serial',
      other
        ? m.inAnotherReturn({ serial: input.serial, rma: elsewhere.rma, number: other.number })
        : m.ofAnotherCase({ serial: input.serial, rma: elsewhere.rma }),
    );
  }
  await ctx.db
    .insertInto('customer_return_strays')
    .values({
      return_id: ret.id,
      serial: input.serial,
      serial_norm: norm,
      scanned_at: ctx.now.toISOString(),
      scanned_by: ctx.caller.kind === 'user' ? ctx.caller.user.id : null,
    })
    .onConflict((oc) => oc.columns(['return_id', 'serial_norm']).doNothing())
    .execute();
  return { kind: 'stray', serial: input.serial, ret: await returnById(ctx.db, ret.id) };
}

/**
 * The dock is done with the box: each unit not received by now is recorded as missing from it (a
 * unit that turns up later is received by its RMA as any other). Against the version the dock
 * showed, so of two stations one finishes the box.
 */
export async function finishBox(ctx: ServiceContext, input: z.output<typeof finishBoxInput>): Promise<CustomerReturn> {
  const trx = trxOf(ctx);
  const done = await trx
    .updateTable('customer_returns')
    .set((eb) => ({ box_done_at: ctx.now.toISOString(), box_done_by: ctx.caller.kind === 'user' ? ctx.caller.user.id : null, version: eb('version', '+', 1) }))
    .where('id', '=', input.returnId)
    .where('version', '=', input.version)
    .where('box_done_at', 'is', null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) {
    const ret = await returnById(trx, input.returnId);
    throw new DepotError('conflict', ret.boxDoneAt ? m.boxDone() : m.returnChanged({ number: ret.number }));
  }
  const waiting = await trx
    .selectFrom('customer_return_units')
    .innerJoin('cases', 'cases.id', 'customer_return_units.case_id')
    .select('customer_return_units.case_id')
    .where('customer_return_units.return_id', '=', input.returnId)
    .where('cases.status', 'in', receivingStatuses)
    .execute();
  if (waiting.length > 0) {
    await trx
      .updateTable('customer_return_units')
      .set({ missing: 1 })
      .where(
        'case_id',
        'in',
        waiting.map((w) => w.case_id),
      )
      .execute();
  }
  return returnById(trx, input.returnId);
}
