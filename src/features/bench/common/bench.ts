import { z } from 'zod';
import type { CalendarDate } from '../../../base/common/dates.ts';
import {
  DEFAULT_VALIDITY_DAYS,
  MAX_AMOUNT,
  MAX_QUANTITY,
  estimateLineSchema,
  estimateRatesSchema,
  type EstimateRates,
  type EstimateTotals,
  type PricedLine,
} from '../../estimates/common/index.ts';
import type { Currency } from '../../../base/common/money.ts';
import { dateSchema, line, optionalLine, optionalText, rmaSchema, serialSchema } from '../../../base/common/schemas.ts';
import type { Resolution, Status } from '../../cases/common/index.ts';
import {
  defaultWarrantyPolicy,
  warrantyPolicySchema,
  type WarrantyParams,
  type WarrantyPolicy,
  type WarrantyRule,
} from '../../warranty/common/index.ts';

/** The technician's bench: queue, diagnosis, warranty, parts, estimates, repair and QA. */

const version = z.number({ error: 'The case version is required' }).int().positive();

// --- settings -------------------------------------------------------------------------------

export const benchSettingsSchema = z.object({
  policy: warrantyPolicySchema,
  rates: estimateRatesSchema,
  returnShippingFee: z.coerce
    .number({ error: 'Return shipping fee is required' })
    .int('Return shipping fee must be a whole number of the smallest unit')
    .min(0, 'Return shipping fee cannot be negative')
    .max(MAX_AMOUNT, 'Return shipping fee is too large'),
  validityDays: z.coerce
    .number({ error: 'Validity is required' })
    .int('Validity is a whole number of days')
    .min(1, 'Validity must be between 1 and 365 days')
    .max(365, 'Validity must be between 1 and 365 days'),
  faultCategories: z.array(line(64, 'Fault category')).max(100, 'At most 100 fault categories'),
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
  show: z.enum(benchQueueFilters, { error: 'Show diagnosis, bench, awaiting or all' }).default('all'),
  productLine: optionalLine(64, 'Product line'),
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

export interface BenchQueue {
  rows: BenchQueueRow[];
  productLines: string[];
}

export const caseRef = z.object({ rma: rmaSchema, version });

// --- diagnosis -----------------------------------------------------------------------------

export const damageLevels = [1, 2, 3] as const;
const damageLevel = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'Damage level is 1, 2 or 3' });

export const diagnosisSchema = z.object({
  symptomConfirmed: z.boolean({ error: 'Say whether the symptom was confirmed' }),
  faultCategory: optionalLine(64, 'Fault category'),
  fault: optionalText(4000, 'Fault found'),
  damageLevel: damageLevel.nullish().transform((l) => l ?? null),
  physicalDamage: z.boolean(),
  liquidDamage: z.boolean(),
  tampering: z.boolean(),
  testResults: optionalText(4000, 'Test results'),
  internalNotes: optionalText(4000, 'Internal notes'),
  customerNotes: optionalText(4000, 'Notes for the customer'),
  proofOfPurchase: z.boolean(),
  extendedUntil: dateSchema.nullish().transform((s) => s ?? null),
});
export type DiagnosisInput = z.input<typeof diagnosisSchema>;
export type Diagnosis = z.output<typeof diagnosisSchema>;

export const diagnoseInput = caseRef.extend({ diagnosis: diagnosisSchema }).superRefine((value, ctx) => {
  const d = value.diagnosis;
  if (d.symptomConfirmed && !d.fault && !d.faultCategory) {
    ctx.addIssue({ code: 'custom', path: ['diagnosis', 'fault'], message: 'Describe the fault found' });
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
  lines: z.array(estimateLineSchema).min(1, 'Add at least one line').max(50, 'At most 50 lines'),
});

export const estimateStates = ['issued', 'superseded', 'accepted', 'declined', 'expired'] as const;
export type EstimateState = (typeof estimateStates)[number];

export const recordDecisionInput = z.object({
  rma: rmaSchema,
  estimateVersion: z.number({ error: 'Estimate version is required' }).int().positive('Choose the estimate version'),
  decision: z.enum(['accepted', 'declined'], { error: 'The customer accepted or declined' }),
  note: optionalText(1000, 'Note'),
});

export const recordPaymentInput = z.object({
  rma: rmaSchema,
  estimateVersion: z.number({ error: 'Estimate version is required' }).int().positive('Choose the estimate version'),
  amount: z
    .number({ error: 'Amount is required' })
    .int("Amount must be a whole number of the currency's smallest unit")
    .min(1, 'Amount must be more than zero')
    .max(MAX_AMOUNT, 'Amount is too large'),
  reference: line(200, 'Payment reference'),
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
  warranty: { covered: boolean; reason: string };
  decision: { decision: 'accepted' | 'declined'; at: string; note: string | null; source: 'desk' | 'portal' } | null;
  payments: EstimatePayment[];
  paid: number;
}

// --- repair --------------------------------------------------------------------------------

export const partUseSchema = z.object({
  sku: line(64, 'SKU'),
  quantity: z
    .number({ error: 'Quantity is required' })
    .int('Quantity must be a whole number')
    .min(1, 'Quantity must be at least 1')
    .max(MAX_QUANTITY, `Quantity must be at most ${MAX_QUANTITY}`),
});

export const logWorkInput = caseRef.extend({
  workDone: line(4000, 'Work done'),
  minutes: z
    .number({ error: 'Time spent is required' })
    .int('Time spent is a whole number of minutes')
    .min(0, 'Time spent cannot be negative')
    .max(24 * 60, 'Time spent is at most 1440 minutes per entry'),
  parts: z.array(partUseSchema).max(30, 'At most 30 parts per entry'),
  /** Why stock may go below zero (a part taken from an uncounted shelf); without it, a shortfall is refused. */
  stockReason: optionalText(500, 'Stock reason'),
  replacementSerial: serialSchema.nullish().transform((s) => s ?? null),
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
  action: z.enum(benchActions, { error: 'Unknown bench action' }),
  note: optionalText(2000, 'Note'),
  resolution: z.enum(['repaired', 'replaced'], { error: 'Resolution is repaired or replaced' }).optional(),
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
  estimates: EstimateView[];
  work: WorkEntry[];
  minutesSpent: number;
  /** Whether repair may start now, and if not, why. */
  repairGate: { allowed: boolean; reason: string | null };
  rates: EstimateRates;
  returnShippingFee: number;
  faultCategories: string[];
}

// --- parts ---------------------------------------------------------------------------------

export const skuSchema = line(64, 'SKU').pipe(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9\-_./]*$/, 'A SKU has only letters, digits and - _ . /'),
);

export const partSchema = z.object({
  sku: skuSchema,
  name: line(200, 'Part name'),
  price: z
    .number({ error: 'Price is required' })
    .int("Price must be a whole number of the currency's smallest unit")
    .min(0, 'Price cannot be negative')
    .max(MAX_AMOUNT, 'Price is too large'),
  stock: z
    .number({ error: 'Stock is required' })
    .int('Stock is a whole number')
    .min(0, 'Stock cannot be negative')
    .max(1_000_000, 'Stock is at most 1000000'),
});
export type PartInput = z.input<typeof partSchema>;

export const savePartInput = partSchema.extend({
  /** Absent for a new part. */
  id: z.number().int().positive().optional(),
  reason: optionalText(500, 'Reason'),
});

export const partsListInput = z.object({ query: optionalLine(100, 'Search') });

export const importPartsInput = z.object({
  csv: z.string({ error: 'Choose a CSV file' }).min(1, 'The CSV file is empty').max(5_000_000, 'The CSV file is too large (5 MB at most)'),
});

export interface Part {
  id: number;
  sku: string;
  name: string;
  price: number;
  stock: number;
  updatedAt: string;
}

export interface PartsImportResult {
  created: number;
  updated: number;
}

export type { WarrantyPolicy };
