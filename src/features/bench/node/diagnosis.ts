import type { Db } from '../../../base/node/core.ts';
import type { WarrantyView } from '../common/bench.ts';
import type { Language } from '../../../base/common/messages.ts';
import { coverageReasonIn, remedyOffers, type Remedy, type RemedyDecision, type RemedyOffer, type WarrantyParams, type WarrantyRule } from '../../warranty/common/index.ts';

/** The diagnosis of a case as stored, and the warranty decision recorded with it. */
export type DiagnosisRow = NonNullable<Awaited<ReturnType<typeof diagnosisRow>>>;

export async function diagnosisRow(db: Db, caseId: number) {
  return db
    .selectFrom('diagnoses')
    .leftJoin('users', 'users.id', 'diagnoses.diagnosed_by')
    .selectAll('diagnoses')
    .select('users.name as diagnosed_name')
    .where('diagnoses.case_id', '=', caseId)
    .executeTakeFirst();
}

export const warrantyOf = (d: DiagnosisRow): WarrantyView => ({
  covered: d.warranty_covered === 1,
  rule: d.warranty_rule as WarrantyRule,
  reason: d.warranty_reason,
  until: d.warranty_until,
  params: JSON.parse(d.warranty_params) as WarrantyParams,
  decidedOn: d.decided_on,
});

/**
 * The dock's latest receipt of a case, which the warranty decision and a new diagnosis start from.
 * `intakes` is receiving's table, read here because receiving's node code reaches the bench's (its
 * unit tag prints through shipping, whose documents read the bench's record).
 */
export async function receiptOf(db: Db, caseId: number) {
  return db
    .selectFrom('intakes')
    .select(['packaging', 'physical_damage', 'liquid_damage', 'accessories'])
    .where('case_id', '=', caseId)
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The remedies of a saved diagnosis as the customer is told them, in the customer's language. */
export function remediesOf(
  saved: DiagnosisRow | undefined,
  warranty: WarrantyView | null,
  language: Language,
): { offers: RemedyOffer[]; chosen: Remedy | null } {
  const decision = saved?.remedies ? (JSON.parse(saved.remedies) as RemedyDecision) : null;
  return {
    offers: decision && warranty ? remedyOffers(decision, coverageReasonIn(language, warranty), language) : [],
    chosen: (saved?.remedy_chosen as Remedy | null | undefined) ?? null,
  };
}
