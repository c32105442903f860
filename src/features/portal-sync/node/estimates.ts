import type { Db } from '../../../base/node/core.ts';

/** What the portal told of a case's estimates: the tables the pull writes, read for the bench's estimate view. */

/** The customer's decisions on the portal about a case's estimates, oldest first. */
export async function portalEstimateDecisionsOf(db: Db, caseId: number) {
  return db.selectFrom('portal_estimate_decisions').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

/** The payments made on the portal for a case, oldest first. */
export async function portalPaymentsOf(db: Db, caseId: number) {
  return db.selectFrom('portal_payments').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}
