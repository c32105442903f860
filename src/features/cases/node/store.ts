import { DepotError } from '../../../base/common/result.ts';
import type { Caller } from '../../../base/common/identity.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import type { Status } from '../common/status.ts';

/**
 * The case store: the only code that reads or writes the `cases` and `case_history` tables.
 * Other features call it; a change that is not a status change goes through `touch`, a status
 * change through `applyTransition` (cases.ts), which also queues the portal outbox row.
 */

export const userIdOf = (caller: Caller): number | null => (caller.kind === 'user' ? caller.user.id : null);

export interface CaseRow {
  id: number;
  rma: string;
  status: Status;
  version: number;
  assigned_to: number | null;
}

export async function caseRow(db: Db, rma: string): Promise<CaseRow> {
  const row = await db
    .selectFrom('cases')
    .select(['id', 'rma', 'status', 'version', 'assigned_to'])
    .where('rma', '=', rma)
    .executeTakeFirst();
  if (!row) throw new DepotError('not_found', `No case ${rma}`);
  return { ...row, id: Number(row.id), status: row.status as Status, assigned_to: row.assigned_to === null ? null : Number(row.assigned_to) };
}

const stale = (rma: string) => new DepotError('conflict', `${rma} was changed by someone else meanwhile; reload it and try again`);

/**
 * A change to a case that is not a status change (assignment, diagnosis, estimate decision): the
 * version rises so other stations notice, and a stale version is refused. Null version: no check.
 */
export async function touchCase(
  trx: Tx,
  at: string,
  ref: { rma: string; version: number | null },
  set: { assigned_to?: number | null } = {},
): Promise<CaseRow> {
  const row = await caseRow(trx, ref.rma);
  if (ref.version !== null && row.version !== ref.version) throw stale(ref.rma);
  const updated = await trx
    .updateTable('cases')
    .set({ ...set, version: row.version + 1, updated_at: at })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw stale(ref.rma);
  return { ...row, ...set, version: row.version + 1 };
}

export function requireStatus(row: CaseRow, allowed: readonly Status[], doing: string): void {
  if (!allowed.includes(row.status)) {
    throw new DepotError('invalid', `${row.rma} is ${row.status.replace(/_/g, ' ')}: ${doing} is not possible now`);
  }
}

