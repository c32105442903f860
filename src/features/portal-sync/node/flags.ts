import { DepotError } from '../../../base/common/result.ts';
import { portalSyncMessages as m } from '../common/index.ts';
import type { Core, Db, Tx } from '../../../base/node/core.ts';
import { caseFlagRows } from '../../cases/node/index.ts';

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
  message: string;
  createdAt: string;
  resolvedAt: string | null;
}

export async function flagCase(db: Db | Tx, now: Date, caseId: number, kind: FlagKind, message: string): Promise<void> {
  await db
    .insertInto('case_flags')
    .values({ case_id: caseId, kind, message, created_at: now.toISOString(), resolved_at: null, resolved_by: null })
    .execute();
}

/** Open flags (all cases, or one case), oldest first. */
export async function listFlags(core: Core, filter: { caseId?: number; includeResolved?: boolean } = {}): Promise<CaseFlag[]> {
  const rows = await caseFlagRows(core.db, filter);
  return rows.map((r) => ({
    id: Number(r.id),
    caseId: Number(r.case_id),
    rma: r.rma,
    kind: r.kind as FlagKind,
    message: r.message,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
  }));
}

export async function resolveFlag(core: Core, id: number, userId: number | null): Promise<void> {
  const result = await core.db
    .updateTable('case_flags')
    .set({ resolved_at: core.now().toISOString(), resolved_by: userId })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new DepotError('not_found', m.noFlag({ id }));
}
