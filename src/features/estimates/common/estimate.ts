import { z } from 'zod';
import { addDays, compareDates, type CalendarDate } from '../../../base/common/dates.ts';
import { formatMoney, type Currency } from '../../../base/common/money.ts';
import { fieldMessages, fill, zodMessage, type FieldLabel, type Language } from '../../../base/common/messages.ts';
import { fieldError } from '../../../base/common/result.ts';
import { line, optionalLine } from '../../../base/common/schemas.ts';
import { aboutField, estimatesMessages as m } from './messages.ts';
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

/** An amount of money in minor units; the bench's amounts say the same with their own labels. */
export const moneySchema = (label: FieldLabel) =>
  z
    .number({ error: zodMessage(fieldMessages.required(label)) })
    .int(zodMessage(aboutField(m.moneyWhole, label)))
    .min(0, zodMessage(aboutField(m.moneyNegative, label)))
    .max(MAX_AMOUNT, zodMessage(aboutField(m.moneyTooLarge, label)));

export const quantitySchema = z
  .number({ error: zodMessage(m.quantityRequired()) })
  .int(zodMessage(m.quantityWhole()))
  .min(1, zodMessage(m.quantityMin()))
  .max(MAX_QUANTITY, zodMessage(m.quantityMax({ max: MAX_QUANTITY })));

const hours = z
  .number({ error: zodMessage(m.hoursRequired()) })
  .positive(zodMessage(m.hoursPositive()))
  .max(MAX_HOURS, zodMessage(m.hoursMax({ max: MAX_HOURS })))
  .refine((h) => Math.abs(h * 100 - Math.round(h * 100)) < 1e-6, { message: zodMessage(m.hoursDecimals()) });

export const damageLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: zodMessage(m.damageLevel()) });

const covered = z.boolean().default(false);

const partLine = z.object({
  kind: z.literal('part'),
  sku: optionalLine(64, 'sku'),
  description: line(200, 'description'),
  quantity: quantitySchema,
  unitPrice: moneySchema('unitPrice'),
  covered,
});

/** Labor is either hours at the site's hourly rate or the preset fee of a damage level. */
const laborLine = z
  .object({
    kind: z.literal('labor'),
    description: optionalLine(200, 'description'),
    hours: hours.nullish().transform((h) => h ?? null),
    damageLevel: damageLevelSchema.nullish().transform((l) => l ?? null),
    covered,
  })
  .superRefine((labor, ctx) => {
    if ((labor.hours === null) === (labor.damageLevel === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['hours'],
        message: zodMessage(labor.hours === null ? m.hoursOrLevel() : m.notBoth()),
      });
    }
  });

const shippingLine = z.object({
  kind: z.literal('shipping'),
  description: optionalLine(200, 'description'),
  amount: moneySchema('shipping'),
  covered,
});

const discountLine = z.object({
  kind: z.literal('discount'),
  description: optionalLine(200, 'description'),
  amount: moneySchema('discount').min(1, zodMessage(aboutField(m.moreThanZero, 'discount'))),
});

export const estimateLineSchema = z.discriminatedUnion('kind', [partLine, laborLine, shippingLine, discountLine], {
  error: zodMessage(m.lineKind()),
});
export type EstimateLineInput = z.input<typeof estimateLineSchema>;
export type EstimateLine = z.output<typeof estimateLineSchema>;

const rateMoney = (label: FieldLabel) => z.number({ error: zodMessage(fieldMessages.required(label)) }).pipe(moneySchema(label));

/** The site's prices for estimates; Settings validates an admin's edit with this. */
export const estimateRatesSchema = z.object({
  /** Basis points: 1000 is 10 %. */
  taxRateBp: z
    .number({ error: zodMessage(m.taxRateRequired()) })
    .int(zodMessage(m.taxRateWhole()))
    .min(0, zodMessage(m.taxRateNegative()))
    .max(10_000, zodMessage(m.taxRateMax())),
  laborHourlyRate: rateMoney('hourlyRate'),
  laborLevelFees: z.tuple([rateMoney('level1Fee'), rateMoney('level2Fee'), rateMoney('level3Fee')]),
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
      throw fieldError(`lines.${index}.amount`, m.discountExceeds({ subtotal: formatMoney(subtotal, currency) }));
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

/** Body of `PUT /rmas/{rma}/estimates/{version}` (src/features/portal-sync/portal-api.md). */
export interface PortalEstimate {
  currency: Currency;
  validUntil: CalendarDate;
  warranty: { covered: boolean; reason: string };
  /** The remedies the customer's region gives beside the warranty (v1.1); absent when no regional rule added one. */
  remedies?: { remedy: string; reason: string }[];
  lines: PortalEstimateLine[];
  /** After discounts, so that subtotal + tax = total. */
  subtotal: number;
  tax: number;
  total: number;
}

/** The words of the lines Depot describes itself, in the customer's language. */
const lineWords: Record<Language, { damageLevel: string; laborHours: string; shipping: string; discount: string; withBasis: string }> = {
  en: { damageLevel: 'Damage level {level}', laborHours: 'Labor {hours} h', shipping: 'Return shipping', discount: 'Discount', withBasis: '{description} ({basis})' },
  ko: { damageLevel: '손상 등급 {level}', laborHours: '작업 {hours}시간', shipping: '반송 배송비', discount: '할인', withBasis: '{description}({basis})' },
  zh: { damageLevel: '损坏等级 {level}', laborHours: '工时 {hours} 小时', shipping: '回寄运费', discount: '折扣', withBasis: '{description}（{basis}）' },
};

function portalDescription(entry: PricedLine, language: Language): string {
  const words = lineWords[language];
  switch (entry.kind) {
    case 'part':
      return entry.description;
    case 'labor': {
      const basis = entry.damageLevel !== null ? fill(words.damageLevel, { level: entry.damageLevel }) : fill(words.laborHours, { hours: entry.hours ?? 0 });
      return entry.description ? fill(words.withBasis, { description: entry.description, basis }) : basis;
    }
    case 'shipping':
      return entry.description ?? words.shipping;
    case 'discount':
      return entry.description ?? words.discount;
  }
}

/**
 * The estimate as the portal shows it to the customer. Each line's quantity × unitPrice is its
 * lineTotal (labor by the hour becomes one unit at its rounded price, a discount a negative price),
 * so the lines not covered add up to `subtotal`. The words Depot writes itself (a line's basis, the
 * warranty's and the remedies' reasons, given already worded) are in the customer's `language`.
 */
export function portalEstimatePayload(
  estimate: { validUntil: CalendarDate; totals: EstimateTotals },
  language: Language,
  warranty: Pick<WarrantyDecision, 'covered' | 'reason'>,
  remedies: readonly { remedy: string; reason: string }[] = [],
): PortalEstimate {
  const { totals } = estimate;
  return {
    currency: totals.currency,
    validUntil: estimate.validUntil,
    warranty: { covered: warranty.covered, reason: warranty.reason },
    ...(remedies.length > 0 ? { remedies: remedies.map(({ remedy, reason }) => ({ remedy, reason })) } : {}),
    lines: totals.lines.map((entry) => ({
      kind: entry.kind,
      description: portalDescription(entry, language),
      quantity: entry.kind === 'part' ? entry.quantity : 1,
      unitPrice: entry.kind === 'part' ? entry.unitPrice : entry.lineTotal,
      covered: entry.kind !== 'discount' && entry.covered,
    })),
    subtotal: totals.taxable,
    tax: totals.tax,
    total: totals.total,
  };
}
