import { z } from 'zod';
import { placeAtSchema } from '../../locations/common/index.ts';
import type { CalendarDate } from '../../../base/common/dates.ts';
import {
  DEFAULT_VALIDITY_DAYS,
  MAX_AMOUNT,
  aboutField,
  damageLevelSchema,
  estimateLineSchema,
  estimateRatesSchema,
  estimatesMessages,
  quantitySchema,
  type EstimateRates,
  type EstimateTotals,
  type PricedLine,
} from '../../estimates/common/index.ts';
import type { Currency } from '../../../base/common/money.ts';
import { commonMessages, fieldMessages, zodMessage, type Said } from '../../../base/common/messages.ts';
import { dateSchema, line, optionalLine, optionalText, rmaSchema, serialSchema } from '../../../base/common/schemas.ts';
import type { Resolution, Status } from '../../cases/common/index.ts';
import {
  defaultWarrantyPolicy,
  remedyKinds,
  warrantyPolicySchema,
  type Remedy,
  type RemedyDecision,
  type WarrantyParams,
  type WarrantyPolicy,
  type WarrantyRule,
} from '../../warranty/common/index.ts';
import { benchMessages as m } from './messages.ts';

/** The technician's bench: queue, diagnosis, warranty, parts, estimates, repair and QA. */

const version = z.number({ error: zodMessage(commonMessages.versionRequired()) }).int().positive();

// --- settings -------------------------------------------------------------------------------

export const benchSettingsSchema = z.object({
  policy: warrantyPolicySchema,
  rates: estimateRatesSchema,
  returnShippingFee: z
    .number({ error: zodMessage(fieldMessages.required('returnShippingFee')) })
    .int(zodMessage(m.returnFeeWhole()))
    .min(0, zodMessage(aboutField(estimatesMessages.moneyNegative, 'returnShippingFee')))
    .max(MAX_AMOUNT, zodMessage(aboutField(estimatesMessages.moneyTooLarge, 'returnShippingFee'))),
  validityDays: z
    .number({ error: zodMessage(m.validityRequired()) })
    .int(zodMessage(m.validityWhole()))
    .min(1, zodMessage(m.validityRange({ min: 1, max: 365 })))
    .max(365, zodMessage(m.validityRange({ min: 1, max: 365 }))),
  faultCategories: z.array(line(64, 'faultCategory')).max(100, zodMessage(m.tooManyFaultCategories({ max: 100 }))),
});
export type BenchSettingsInput = z.input<typeof benchSettingsSchema>;
export type BenchSettings = z.output<typeof benchSettingsSchema>;

export const defaultBenchSettings: BenchSettings = {
  policy: defaultWarrantyPolicy,
  rates: { taxRateBp: 1000, laborHourlyRate: 30_000, laborLevelFees: [20_000, 30_000, 50_000] },
  returnShippingFee: 4000,
  validityDays: DEFAULT_VALIDITY_DAYS,
  faultCategories: ['Battery', 'Main board', 'Charging port', 'Speaker / driver', 'Display', 'Firmware', 'Other'],
};

export interface BenchSettingsView extends BenchSettings {
  currency: Currency;
}

// --- queue ---------------------------------------------------------------------------------

export const benchQueueFilters = ['diagnosis', 'bench', 'awaiting', 'all'] as const;
export type BenchQueueFilter = (typeof benchQueueFilters)[number];

export const benchQueueInput = z.object({
  show: z.enum(benchQueueFilters, { error: zodMessage(m.showFilter()) }).default('all'),
  productLine: optionalLine(64, 'productLine'),
  mine: z.boolean().default(false),
});

export interface BenchQueueRow {
  rma: string;
  version: number;
  status: Status;
  customerName: string;
  model: string | null;
  productLine: string | null;
  serial: string;
  receivedAt: string | null;
  assignedTo: { id: number; name: string } | null;
  /** The issued estimate's last valid day, when the case waits on the customer. */
  estimate: { version: number; validUntil: CalendarDate; expired: boolean } | null;
}

/** A covered unit whose days in repair near or pass what its region's repair-delay rule allows. */
export interface RepairDelayWatch {
  rma: string;
  status: Status;
  region: string;
  repairDays: number;
  /** The rule's limit: past it the customer may ask for an exchange. */
  overDays: number;
  /** Negative once passed. */
  daysLeft: number;
  clause: string;
}

export interface BenchQueue {
  rows: BenchQueueRow[];
  productLines: string[];
}

export const caseRef = z.object({ rma: rmaSchema, version });
/** Taking a case at a bench: the unit goes to the bench's location, when the station has one. */
export const takeInput = caseRef.extend({ placeAt: placeAtSchema });

// --- diagnosis -----------------------------------------------------------------------------

export const damageLevels = [1, 2, 3] as const;

export const diagnosisSchema = z.object({
  symptomConfirmed: z.boolean({ error: zodMessage(m.saySymptom()) }),
  faultCategory: optionalLine(64, 'faultCategory'),
  fault: optionalText(4000, 'faultFound'),
  damageLevel: damageLevelSchema.nullish().transform((l) => l ?? null),
  physicalDamage: z.boolean(),
  liquidDamage: z.boolean(),
  tampering: z.boolean(),
  testResults: optionalText(4000, 'testResults'),
  internalNotes: optionalText(4000, 'internalNotes'),
  customerNotes: optionalText(4000, 'customerNotes'),
  proofOfPurchase: z.boolean(),
  extendedUntil: dateSchema.nullish().transform((s) => s ?? null),
  /** What a region's consumer rules ask: the fault needs a major repair, and how and when the goods were bought. */
  majorRepair: z.boolean().default(false),
  distanceSale: z.boolean().default(false),
  goodsReceivedOn: dateSchema.nullish().transform((s) => s ?? null),
});
export type DiagnosisInput = z.input<typeof diagnosisSchema>;
export type Diagnosis = z.output<typeof diagnosisSchema>;

export const diagnoseInput = caseRef.extend({ diagnosis: diagnosisSchema }).superRefine((value, ctx) => {
  const d = value.diagnosis;
  if (d.symptomConfirmed && !d.fault && !d.faultCategory) {
    ctx.addIssue({ code: 'custom', path: ['diagnosis', 'fault'], message: zodMessage(m.describeFault()) });
  }
});

export interface WarrantyView {
  covered: boolean;
  rule: WarrantyRule;
  reason: string;
  until: CalendarDate | null;
  /** The rule's values, so each language can say the reason its own way. */
  params: WarrantyParams;
  decidedOn: CalendarDate;
}

// --- estimates -----------------------------------------------------------------------------

export const issueEstimateInput = caseRef.extend({
  lines: z.array(estimateLineSchema).min(1, zodMessage(m.addLine())).max(50, zodMessage(m.tooManyLines({ max: 50 }))),
});

export const estimateStates = ['issued', 'superseded', 'accepted', 'declined', 'expired'] as const;
export type EstimateState = (typeof estimateStates)[number];

const estimateVersion = z
  .number({ error: zodMessage(m.estimateVersionRequired()) })
  .int()
  .positive(zodMessage(m.chooseEstimateVersion()));

export const recordDecisionInput = z.object({
  rma: rmaSchema,
  estimateVersion,
  decision: z.enum(['accepted', 'declined'], { error: zodMessage(m.acceptedOrDeclined()) }),
  note: optionalText(1000, 'note'),
});

export const recordPaymentInput = z.object({
  rma: rmaSchema,
  estimateVersion,
  amount: z
    .number({ error: zodMessage(fieldMessages.required('amount')) })
    .int(zodMessage(aboutField(estimatesMessages.moneyWhole, 'amount')))
    .min(1, zodMessage(aboutField(estimatesMessages.moreThanZero, 'amount')))
    .max(MAX_AMOUNT, zodMessage(aboutField(estimatesMessages.moneyTooLarge, 'amount'))),
  reference: line(200, 'paymentReference'),
});

export interface EstimatePayment {
  amount: number;
  reference: string;
  paidAt: string;
  source: 'desk' | 'portal';
}

export interface EstimateView {
  version: number;
  state: EstimateState;
  currency: Currency;
  lines: PricedLine[];
  totals: Omit<EstimateTotals, 'lines' | 'currency'>;
  taxRateBp: number;
  validUntil: CalendarDate;
  expired: boolean;
  issuedAt: string;
  issuedBy: string | null;
  /**
   * The warranty decision the estimate was issued with: its English reason, and its rule, params
   * and end date to say it in another language (null on estimates issued before Depot kept them).
   */
  warranty: { covered: boolean; reason: string; decided: Pick<WarrantyView, 'rule' | 'params' | 'until'> | null };
  decision: { decision: 'accepted' | 'declined'; at: string; note: string | null; source: 'desk' | 'portal' } | null;
  payments: EstimatePayment[];
  paid: number;
}

// --- repair --------------------------------------------------------------------------------

export const partUseSchema = z.object({
  sku: line(64, 'sku'),
  quantity: quantitySchema,
});

export const logWorkInput = caseRef.extend({
  workDone: line(4000, 'workDone'),
  minutes: z
    .number({ error: zodMessage(m.timeRequired()) })
    .int(zodMessage(m.timeWhole()))
    .min(0, zodMessage(m.timeNegative()))
    .max(24 * 60, zodMessage(m.timeMax({ max: 24 * 60 }))),
  parts: z.array(partUseSchema).max(30, zodMessage(m.tooManyParts({ max: 30 }))),
  /** Why stock may go below zero (a part taken from an uncounted shelf); without it, a shortfall is refused. */
  stockReason: optionalText(500, 'stockReason'),
  replacementSerial: serialSchema.nullish().transform((s) => s ?? null),
});

/** The customer's choice among the remedies offered; a refund closes the case as refunded. */
export const chooseRemedyInput = caseRef.extend({
  remedy: z.enum(remedyKinds, { error: zodMessage(m.chooseRemedyKind()) }),
  note: optionalText(1000, 'note'),
});

export const benchActions = [
  'startRepair',
  'waitParts',
  'resumeRepair',
  'toQa',
  'qaPass',
  'qaFail',
  'noFault',
  'returnUnrepaired',
] as const;
export type BenchAction = (typeof benchActions)[number];

export const advanceInput = caseRef.extend({
  action: z.enum(benchActions, { error: zodMessage(m.unknownAction()) }),
  note: optionalText(2000, 'note'),
  resolution: z.enum(['repaired', 'replaced'], { error: zodMessage(m.resolution()) }).optional(),
});

export interface WorkEntry {
  id: number;
  at: string;
  userName: string | null;
  kind: 'work' | 'replacement';
  workDone: string;
  minutes: number;
  newSerial: string | null;
  parts: { sku: string; name: string; quantity: number; stockReason: string | null }[];
}

export interface BenchCase {
  rma: string;
  version: number;
  status: Status;
  resolution: Resolution | null;
  assignedTo: { id: number; name: string } | null;
  currency: Currency;
  /** Saved diagnosis, or what receiving found to start from. */
  diagnosis: Diagnosis;
  diagnosed: { at: string; by: string | null } | null;
  warranty: WarrantyView | null;
  /** What the customer may ask for beside the warranty, with the delays of the visit as they stand today. */
  remedies: RemedyDecision | null;
  /** The remedy the customer chose, once recorded. */
  remedyChosen: { remedy: Remedy; at: string; by: string | null } | null;
  estimates: EstimateView[];
  work: WorkEntry[];
  minutesSpent: number;
  /** Whether repair may start now, and if not, why (in English, for integrators and logs). */
  repairGate: { allowed: boolean; reason: string | null };
  /** Why repair may not start, as a message the UI words in the reader's language; null when it may. */
  repairGateSaid: Said | null;
  rates: EstimateRates;
  returnShippingFee: number;
  faultCategories: string[];
}

// --- parts ---------------------------------------------------------------------------------

export const skuSchema = line(64, 'sku').pipe(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9\-_./]*$/, zodMessage(m.skuChars())),
);

export const partSchema = z.object({
  sku: skuSchema,
  name: line(200, 'partName'),
  price: z
    .number({ error: zodMessage(fieldMessages.required('price')) })
    .int(zodMessage(m.priceWhole()))
    .min(0, zodMessage(m.priceNegative()))
    .max(MAX_AMOUNT, zodMessage(m.priceTooLarge())),
  stock: z
    .number({ error: zodMessage(m.stockRequired()) })
    .int(zodMessage(m.stockWhole()))
    .min(0, zodMessage(m.stockNegative()))
    .max(1_000_000, zodMessage(m.stockMax({ max: 1_000_000 }))),
});
export type PartInput = z.input<typeof partSchema>;

export const savePartInput = partSchema.extend({
  /** Absent for a new part. */
  id: z.number().int().positive().optional(),
  reason: optionalText(500, 'reason'),
  /** Who faulty parts go back to; left out: unchanged (a new part has none). */
  vendor: optionalLine(100, 'vendor').optional(),
});

export const partsListInput = z.object({ query: optionalLine(100, 'search') });

export const importPartsInput = z.object({
  csv: z
    .string({ error: zodMessage(m.chooseCsv()) })
    .min(1, zodMessage(m.csvEmpty()))
    .max(5_000_000, zodMessage(m.csvTooLarge())),
});

export interface Part {
  id: number;
  sku: string;
  name: string;
  price: number;
  stock: number;
  updatedAt: string;
  vendor: string | null;
}

export interface PartsImportResult {
  created: number;
  updated: number;
}

export type { WarrantyPolicy };
