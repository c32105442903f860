import { z } from 'zod';
import { addDays, compareDates, type CalendarDate } from '../../../base/common/dates.ts';
import { formatMoney, type Currency } from '../../../base/common/money.ts';
import { fieldError } from '../../../base/common/result.ts';
import { line, optionalLine } from '../../../base/common/schemas.ts';
import type { WarrantyDecision } from '../../warranty/common/index.ts';

/**
 * Estimate math. All money is integer minor units of the estimate's currency (won, cents): lines
 * multiply and add exactly, and the only rounding is the tax, once, on the total taxable amount.
 */

export const lineKinds = ['part', 'labor', 'shipping', 'discount'] as const;
export type LineKind = (typeof lineKinds)[number];

export const MAX_QUANTITY = 999;
export const MAX_HOURS = 999;
/** Far above any repair (10 billion dollars or won ×100), far below where integers lose precision. */
export const MAX_AMOUNT = 1_000_000_000_000;
export const DEFAULT_VALIDITY_DAYS = 14;

const money = (label: string) =>
  z
    .number({ error: `${label} is required` })
    .int(`${label} must be a whole number of the currency's smallest unit`)
    .min(0, `${label} cannot be negative`)
    .max(MAX_AMOUNT, `${label} is too large`);

const quantity = z
  .number({ error: 'Quantity is required' })
  .int('Quantity must be a whole number')
  .min(1, 'Quantity must be at least 1')
  .max(MAX_QUANTITY, `Quantity must be at most ${MAX_QUANTITY}`);

const hours = z
  .number({ error: 'Hours are required' })
  .positive('Hours must be more than 0')
  .max(MAX_HOURS, `Hours must be at most ${MAX_HOURS}`)
  .refine((h) => Math.abs(h * 100 - Math.round(h * 100)) < 1e-6, { message: 'Hours have at most two decimals' });

const damageLevel = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'Damage level is 1, 2 or 3' });

const covered = z.boolean().default(false);

const partLine = z.object({
  kind: z.literal('part'),
  sku: optionalLine(64, 'SKU'),
  description: line(200, 'Description'),
  quantity,
  unitPrice: money('Unit price'),
  covered,
});

/** Labor is either hours at the site's hourly rate or the preset fee of a damage level. */
const laborLine = z
  .object({
    kind: z.literal('labor'),
    description: optionalLine(200, 'Description'),
    hours: hours.nullish().transform((h) => h ?? null),
    damageLevel: damageLevel.nullish().transform((l) => l ?? null),
    covered,
  })
  .superRefine((labor, ctx) => {
    if ((labor.hours === null) === (labor.damageLevel === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['hours'],
        message:
          labor.hours === null ? 'Enter hours or choose a damage level' : 'Enter hours or a damage level, not both',
      });
    }
  });

const shippingLine = z.object({
  kind: z.literal('shipping'),
  description: optionalLine(200, 'Description'),
  amount: money('Shipping'),
  covered,
});

const discountLine = z.object({
  kind: z.literal('discount'),
  description: optionalLine(200, 'Description'),
  amount: money('Discount').min(1, 'Discount must be more than zero'),
});

export const estimateLineSchema = z.discriminatedUnion('kind', [partLine, laborLine, shippingLine, discountLine], {
  error: 'Line kind must be part, labor, shipping or discount',
});
export type EstimateLineInput = z.input<typeof estimateLineSchema>;
export type EstimateLine = z.output<typeof estimateLineSchema>;

const rateMoney = (label: string) => z.coerce.number({ error: `${label} is required` }).pipe(money(label));

/** The site's prices for estimates; Settings validates an admin's edit with this. */
export const estimateRatesSchema = z.object({
  /** Basis points: 1000 is 10 %. */
  taxRateBp: z.coerce
    .number({ error: 'Tax rate is required' })
    .int('Tax rate is a whole number of basis points (1000 = 10%)')
    .min(0, 'Tax rate cannot be negative')
    .max(10_000, 'Tax rate is at most 10000 basis points (100%)'),
  laborHourlyRate: rateMoney('Hourly rate'),
  laborLevelFees: z.tuple([rateMoney('Level 1 fee'), rateMoney('Level 2 fee'), rateMoney('Level 3 fee')]),
});
export type EstimateRates = z.output<typeof estimateRatesSchema>;

export type PricedLine = EstimateLine & {
  /** What the line costs, covered or not; negative for a discount. */
  lineTotal: number;
  /** What the customer pays for it: zero when covered. */
  chargedTotal: number;
};

export interface EstimateTotals {
  currency: Currency;
  lines: PricedLine[];
  /** Charged part, labor and shipping, before discount. */
  subtotal: number;
  /** Sum of discounts, as a positive amount. */
  discount: number;
  /** subtotal − discount: the sum of every line's chargedTotal. */
  taxable: number;
  tax: number;
  total: number;
  /** What covered lines cost the company, for reporting. */
  coveredCost: number;
}

function halfUpDivide(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

function toSafeNumber(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is out of range: ${value}`);
  return n;
}

/** Lines and rates reach here parsed; this catches a caller that skipped the schemas and passed floats. */
function requireWhole(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
}

function lineCost(entry: EstimateLine, rates: EstimateRates, index: number): number {
  switch (entry.kind) {
    case 'part':
      requireWhole(entry.unitPrice, `lines.${index}.unitPrice`);
      return toSafeNumber(BigInt(entry.quantity) * BigInt(entry.unitPrice), `lines.${index}`);
    case 'labor': {
      if (entry.damageLevel !== null) {
        const [level1, level2, level3] = rates.laborLevelFees;
        return { 1: level1, 2: level2, 3: level3 }[entry.damageLevel];
      }
      // Hours carry at most two decimals: count hundredths so the product stays exact.
      const hundredths = BigInt(Math.round((entry.hours ?? 0) * 100));
      return toSafeNumber(halfUpDivide(hundredths * BigInt(rates.laborHourlyRate), 100n), `lines.${index}`);
    }
    case 'shipping':
      requireWhole(entry.amount, `lines.${index}.amount`);
      return entry.amount;
    case 'discount':
      requireWhole(entry.amount, `lines.${index}.amount`);
      return -entry.amount;
  }
}

/**
 * Prices the lines and totals them. Throws a field error on the discount line that takes off more
 * than the chargeable subtotal.
 */
export function computeEstimate(
  lines: readonly EstimateLine[],
  rates: EstimateRates,
  currency: Currency,
): EstimateTotals {
  requireWhole(rates.taxRateBp, 'taxRateBp');
  requireWhole(rates.laborHourlyRate, 'laborHourlyRate');
  rates.laborLevelFees.forEach((fee, i) => requireWhole(fee, `laborLevelFees.${i}`));
  const priced: PricedLine[] = lines.map((entry, index) => {
    const lineTotal = lineCost(entry, rates, index);
    const isCovered = entry.kind !== 'discount' && entry.covered;
    return { ...entry, lineTotal, chargedTotal: isCovered ? 0 : lineTotal };
  });

  let subtotal = 0;
  let coveredCost = 0;
  for (const entry of priced) {
    if (entry.kind === 'discount') continue;
    subtotal += entry.chargedTotal;
    if (entry.covered) coveredCost += entry.lineTotal;
  }
  let discount = 0;
  priced.forEach((entry, index) => {
    if (entry.kind !== 'discount') return;
    discount += entry.amount;
    if (discount > subtotal) {
      throw fieldError(
        `lines.${index}.amount`,
        `Discounts cannot exceed the chargeable subtotal of ${formatMoney(subtotal, currency)}`,
      );
    }
  });

  const taxable = subtotal - discount;
  const tax = toSafeNumber(halfUpDivide(BigInt(taxable) * BigInt(rates.taxRateBp), 10_000n), 'tax');
  const total = taxable + tax;
  if (!Number.isSafeInteger(total)) throw new RangeError(`estimate total is out of range: ${total}`);
  return { currency, lines: priced, subtotal, discount, taxable, tax, total, coveredCost };
}

/** Last day an estimate issued on `issuedOn` can be accepted. */
export function estimateValidUntil(issuedOn: CalendarDate, days: number = DEFAULT_VALIDITY_DAYS): CalendarDate {
  return addDays(issuedOn, days);
}

/** An estimate can still be accepted on its validUntil day (site time zone), not the day after. */
export function isExpired(validUntil: CalendarDate, today: CalendarDate): boolean {
  return compareDates(today, validUntil) > 0;
}

export interface PortalEstimateLine {
  kind: LineKind;
  description: string;
  quantity: number;
  unitPrice: number;
  covered: boolean;
}

/** Body of `PUT /rmas/{rma}/estimates/{version}` (portal-api.md). */
export interface PortalEstimate {
  currency: Currency;
  validUntil: CalendarDate;
  warranty: { covered: boolean; reason: string };
  lines: PortalEstimateLine[];
  /** After discounts, so that subtotal + tax = total. */
  subtotal: number;
  tax: number;
  total: number;
}

function portalDescription(entry: PricedLine): string {
  switch (entry.kind) {
    case 'part':
      return entry.description;
    case 'labor': {
      const basis = entry.damageLevel !== null ? `Damage level ${entry.damageLevel}` : `Labor ${entry.hours} h`;
      return entry.description ? `${entry.description} (${basis})` : basis;
    }
    case 'shipping':
      return entry.description ?? 'Return shipping';
    case 'discount':
      return entry.description ?? 'Discount';
  }
}

/**
 * The estimate as the portal shows it to the customer. Each line's quantity × unitPrice is its
 * lineTotal (labor by the hour becomes one unit at its rounded price, a discount a negative price),
 * so the lines not covered add up to `subtotal`.
 */
export function portalEstimatePayload(
  estimate: { validUntil: CalendarDate; totals: EstimateTotals },
  warranty: Pick<WarrantyDecision, 'covered' | 'reason'>,
): PortalEstimate {
  const { totals } = estimate;
  return {
    currency: totals.currency,
    validUntil: estimate.validUntil,
    warranty: { covered: warranty.covered, reason: warranty.reason },
    lines: totals.lines.map((entry) => ({
      kind: entry.kind,
      description: portalDescription(entry),
      quantity: entry.kind === 'part' ? entry.quantity : 1,
      unitPrice: entry.kind === 'part' ? entry.unitPrice : entry.lineTotal,
      covered: entry.kind !== 'discount' && entry.covered,
    })),
    subtotal: totals.taxable,
    tax: totals.tax,
    total: totals.total,
  };
}
