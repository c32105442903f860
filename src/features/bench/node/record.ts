import type { CalendarDate } from '../../../base/common/dates.ts';
import type { EstimateView, WarrantyView } from '../common/bench.ts';
import type { Remedy, RemedyOffer } from '../../warranty/common/index.ts';
import type { Language } from '../../../base/common/messages.ts';
import type { Db } from '../../../base/node/core.ts';
import { customerLanguageOf } from '../../cases/node/index.ts';
import { workLog } from './bench.ts';
import { diagnosisRow, remediesOf, warrantyOf } from './diagnosis.ts';
import { currentEstimate, estimateViews } from './estimates.ts';

/** What the bench recorded about a case that the customer may read: never the internal notes. */
export interface BenchRecord {
  diagnosis: {
    symptomConfirmed: boolean;
    faultCategory: string | null;
    fault: string | null;
    testResults: string | null;
    customerNotes: string | null;
  } | null;
  warranty: WarrantyView | null;
  /** Work done, oldest first, with the time it took. */
  work: { at: string; workDone: string; minutes: number }[];
  /** Parts taken from stock for the repair, one row per SKU. */
  parts: { sku: string; name: string; quantity: number }[];
  /** The serial of the last replacement unit recorded, if any. */
  replacementSerial: string | null;
  /** The estimate the customer decides or decided on: the newest version not superseded. */
  estimate: EstimateView | null;
  /** The remedies a regional rule gave beside the warranty (empty when none did), and the one the customer chose. */
  remedies: { offers: RemedyOffer[]; chosen: Remedy | null };
}

/**
 * What the portal's `completed` carries of the remedy (portal-api.md, v1.1): the one the customer
 * chose with the reason in the customer's language, where a regional rule offered it.
 */
export async function completedRemedyOf(db: Db, caseId: number): Promise<{ remedy: Remedy; remedyReason: string } | undefined> {
  const [saved, language] = await Promise.all([diagnosisRow(db, caseId), customerLanguageOf(db, caseId)]);
  const { offers, chosen } = remediesOf(saved, saved ? warrantyOf(saved) : null, language);
  const offer = offers.find((o) => o.remedy === chosen);
  return offer ? { remedy: offer.remedy, remedyReason: offer.reason } : undefined;
}

/**
 * The bench's record of a case, for the documents; `today` (site calendar) decides whether an open
 * estimate expired, and the remedies' reasons are in the document's `language`.
 */
export async function repairRecordOf(db: Db, caseId: number, today: CalendarDate, language: Language): Promise<BenchRecord> {
  const [saved, work, estimates] = await Promise.all([diagnosisRow(db, caseId), workLog(db, caseId), estimateViews(db, caseId, today)]);
  const parts = new Map<string, { sku: string; name: string; quantity: number }>();
  for (const used of work.flatMap((w) => w.parts)) {
    const row = parts.get(used.sku) ?? { sku: used.sku, name: used.name, quantity: 0 };
    row.quantity += used.quantity;
    parts.set(used.sku, row);
  }
  return {
    diagnosis: saved
      ? {
          symptomConfirmed: saved.symptom_confirmed === 1,
          faultCategory: saved.fault_category,
          fault: saved.fault,
          testResults: saved.test_results,
          customerNotes: saved.customer_notes,
        }
      : null,
    warranty: saved ? warrantyOf(saved) : null,
    remedies: remediesOf(saved, saved ? warrantyOf(saved) : null, language),
    work: work.map((w) => ({ at: w.at, workDone: w.workDone, minutes: w.minutes })),
    parts: [...parts.values()].filter((p) => p.quantity !== 0),
    replacementSerial: work.filter((w) => w.newSerial !== null).at(-1)?.newSerial ?? null,
    estimate: currentEstimate(estimates) ?? null,
  };
}
