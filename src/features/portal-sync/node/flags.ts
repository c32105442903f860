import { DepotError } from '../../../base/common/result.ts';
import { readStored, storeSaid, type Said } from '../../../base/common/messages.ts';
import { portalSyncMessages as m } from '../common/index.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';

/** Why a case was flagged for staff by the portal sync. */
export type FlagKind =
  | 'portal_closed'
  | 'unknown_model'
  | 'address_changed'
  | 'address_after_shipment'
  | 'customer_cancelled'
  | 'shipment_unexpected';

export interface CaseFlag {
  id: number;
  caseId: number;
  rma: string;
  kind: FlagKind;
  message: Said;
  createdAt: string;
  resolvedAt: string | null;
}

export async function flagCase(db: Db | Tx, now: Date, caseId: number, kind: FlagKind, said: Said): Promise<void> {
  await db
    .insertInto('case_flags')
    .values({ case_id: caseId, kind, message: storeSaid(said), created_at: now.toISOString(), resolved_at: null, resolved_by: null })
    .execute();
}

/** Case flags (all cases, or one; open only unless asked), oldest first, with their RMA numbers. */
export async function caseFlagRows(db: Db, filter: { caseId?: number | undefined; includeResolved?: boolean | undefined } = {}) {
  let q = db
    .selectFrom('case_flags')
    .innerJoin('cases', 'cases.id', 'case_flags.case_id')
    .select([
      'case_flags.id',
      'case_flags.case_id',
      'cases.rma',
      'case_flags.kind',
      'case_flags.message',
      'case_flags.created_at',
      'case_flags.resolved_at',
    ]);
  if (filter.caseId !== undefined) q = q.where('case_flags.case_id', '=', filter.caseId);
  if (!filter.includeResolved) q = q.where('case_flags.resolved_at', 'is', null);
  return q.orderBy('case_flags.id').execute();
}

/** Open flags (all cases, or one case), oldest first. */
export async function listFlags(ctx: ServiceContext, filter: { caseId?: number | undefined; includeResolved?: boolean } = {}): Promise<CaseFlag[]> {
  const rows = await caseFlagRows(ctx.db, filter);
  return rows.map((r) => ({
    id: Number(r.id),
    caseId: Number(r.case_id),
    rma: r.rma,
    kind: r.kind as FlagKind,
    message: readStored(r.message),
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
  }));
}

export async function resolveFlag(ctx: ServiceContext, id: number): Promise<null> {
  const result = await ctx.db
    .updateTable('case_flags')
    .set({ resolved_at: ctx.now.toISOString(), resolved_by: ctx.caller.kind === 'user' ? ctx.caller.user.id : null })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new DepotError('not_found', m.noFlag({ id }));
  return null;
}
