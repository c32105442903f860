import type { Db } from '../../../base/node/core.ts';
import { normalizeTracking } from '../../../base/common/schemas.ts';
import { DepotError } from '../../../base/common/result.ts';
import type { Status } from '../../cases/common/index.ts';
import type { CaseReturn, CustomerReturn } from '../common/receiving.ts';
import { RETURN_PATTERN } from '../common/returns.ts';
import { receivingMessages as m } from '../common/messages.ts';

// Reads a return with its units and strays; what writes them is `returns.ts`.

/** A return with its units as their cases are now, in the order listed, and its strays. */
export async function returnById(db: Db, id: number): Promise<CustomerReturn> {
  const head = await db
    .selectFrom('customer_returns')
    .innerJoin('customers', 'customers.id', 'customer_returns.customer_id')
    .select([
      'customer_returns.id',
      'customer_returns.number',
      'customer_returns.version',
      'customers.name',
      'customer_returns.inbound_tracking',
      'customer_returns.created_at',
      'customer_returns.box_done_at',
    ])
    .where('customer_returns.id', '=', id)
    .executeTakeFirstOrThrow();
  const units = await db
    .selectFrom('customer_return_units')
    .innerJoin('cases', 'cases.id', 'customer_return_units.case_id')
    .leftJoin('products', 'products.id', 'cases.product_id')
    .select(['cases.rma', 'products.model', 'cases.serial', 'cases.status', 'cases.version', 'customer_return_units.missing'])
    .where('customer_return_units.return_id', '=', id)
    .orderBy('customer_return_units.line')
    .execute();
  const strays = await db
    .selectFrom('customer_return_strays')
    .leftJoin('users', 'users.id', 'customer_return_strays.scanned_by')
    .select(['customer_return_strays.serial', 'customer_return_strays.scanned_at', 'users.name'])
    .where('customer_return_strays.return_id', '=', id)
    .orderBy('customer_return_strays.id')
    .execute();
  return {
    id: Number(head.id),
    number: head.number,
    version: Number(head.version),
    customerName: head.name,
    tracking: head.inbound_tracking,
    createdAt: head.created_at,
    boxDoneAt: head.box_done_at,
    units: units.map((u) => ({
      rma: u.rma,
      model: u.model,
      serial: u.serial,
      status: u.status as Status,
      version: Number(u.version),
      missing: Number(u.missing) === 1,
    })),
    strays: strays.map((s) => ({ serial: s.serial, scannedAt: s.scanned_at, scannedBy: s.name })),
  };
}

/** The return a scanned code opens: its number, or the tracking number of its box. */
export async function returnOfCode(db: Db, code: string): Promise<CustomerReturn | null> {
  const upper = code.trim().toUpperCase();
  const row = RETURN_PATTERN.test(upper)
    ? await db.selectFrom('customer_returns').select('id').where('number', '=', upper).executeTakeFirst()
    : await db.selectFrom('customer_returns').select('id').where('inbound_tracking_norm', '=', normalizeTracking(code)).orderBy('id', 'desc').executeTakeFirst();
  return row ? returnById(db, Number(row.id)) : null;
}

export async function returnByNumber(db: Db, number: string): Promise<CustomerReturn> {
  const found = await db.selectFrom('customer_returns').select('id').where('number', '=', number).executeTakeFirst();
  if (!found) throw new DepotError('not_found', m.noReturn({ number }));
  return returnById(db, Number(found.id));
}


/** The return a case came in, if any: its number, how many units it holds, and whether this one was missing from the box. */
export async function returnOfCase(db: Db, rma: string): Promise<CaseReturn | null> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('customer_return_units as mine', 'mine.case_id', 'cases.id')
    .innerJoin('customer_returns', 'customer_returns.id', 'mine.return_id')
    .select((eb) => [
      'customer_returns.number',
      'mine.missing',
      eb
        .selectFrom('customer_return_units')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('customer_return_units.return_id', '=', 'customer_returns.id')
        .as('units'),
    ])
    .where('cases.rma', '=', rma)
    .executeTakeFirst();
  return row ? { number: row.number, units: Number(row.units), missing: Number(row.missing) === 1 } : null;
}
