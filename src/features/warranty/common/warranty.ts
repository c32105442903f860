import { z } from 'zod';
import {
  addDays,
  addMonths,
  compareDates,
  isCalendarDate,
  isoWeekMonday,
  makeDate,
  type CalendarDate,
} from '../../../base/common/dates.ts';
import { fieldMessages, zodMessage, type Said } from '../../../base/common/messages.ts';
import { fieldError } from '../../../base/common/result.ts';
import { line, optionalLine } from '../../../base/common/schemas.ts';
import { warrantyMessages as m } from './messages.ts';
import { countryCode, sameText, wholeNumber } from './terms.ts';
import { coverageReasonIn, damageKinds, type DamageKind, type TermRule, type WarrantyParams, type WarrantyRule } from './coverage.ts';
import { defaultRegionalRules, endOfPeriod, regionalRuleSetSchema, regionalRulesFor, ruleOf, type RegionalRuleSet } from './regional.ts';

/**
 * The warranty rules engine: from what is known about a unit, decides whether the depot repairs it
 * at the company's cost, and says why in a sentence staff can read out and customers can check.
 *
 * Every coverage period is INCLUSIVE of its end date: "until 2026-03-02" means the unit is still
 * covered on 2026-03-02 (in the site's time zone) and no longer on 2026-03-03. A 24-month warranty
 * bought 2024-03-02 runs until 2026-03-02; months that lack the day end on the month's last day
 * (bought 2024-02-29, 12 months → until 2025-02-28).
 */


export const warrantyPolicySchema = z
  .object({
    /** Standard warranty for a product line without its own term. */
    standardMonths: wholeNumber('standardWarranty', 1, 120, 'months'),
    productLines: z.array(
      z.object({ productLine: line(64, 'productLine'), months: wholeNumber('warranty', 1, 120, 'months') }),
    ),
    /** Terms a region's law or contracts impose; one without a product line applies to all lines there. */
    regions: z.array(
      z.object({
        region: countryCode,
        productLine: optionalLine(64, 'productLine'),
        months: wholeNumber('warranty', 1, 120, 'months'),
      }),
    ),
    noReasonReturnDays: wholeNumber('noReasonReturn', 0, 365, 'days'),
    companyPaidShippingMonths: wholeNumber('companyPaidShipping', 0, 120, 'months'),
    extendedMaxYears: wholeNumber('extendedWarranty', 1, 10, 'years'),
    repairWarrantyDays: wholeNumber('repairWarranty', 0, 3650, 'days'),
    voidingDamage: z.array(z.enum(damageKinds, { error: zodMessage(m.damageKind()) })),
    /** Consumer rules per region (and product line): remedies, a clock paused in repair, a restart after an exchange. */
    regional: z.array(regionalRuleSetSchema).max(50).default(defaultRegionalRules),
  })
  .superRefine((policy, ctx) => {
    policy.productLines.forEach((entry, i) => {
      if (policy.productLines.findIndex((other) => sameText(other.productLine, entry.productLine)) < i) {
        ctx.addIssue({
          code: 'custom',
          path: ['productLines', i, 'productLine'],
          message: zodMessage(m.lineTwice({ productLine: entry.productLine })),
        });
      }
    });
    for (const list of ['regions', 'regional'] as const) {
      const entries: readonly { region: string; productLine: string | null }[] = policy[list];
      entries.forEach((entry, i) => {
        const first = entries.findIndex(
          (other) =>
            other.region === entry.region &&
            (other.productLine === null || entry.productLine === null
              ? other.productLine === entry.productLine
              : sameText(other.productLine, entry.productLine)),
        );
        if (first < i) {
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'region'],
            message: zodMessage(
              entry.productLine
                ? m.regionLineTwice({ region: entry.region, productLine: entry.productLine })
                : m.regionTwice({ region: entry.region }),
            ),
          });
        }
      });
    }
  });

export type WarrantyPolicyInput = z.input<typeof warrantyPolicySchema>;
export type WarrantyPolicy = z.output<typeof warrantyPolicySchema>;

/** The defaults of src/README.md §2 "Warranty policy". */
export const defaultWarrantyPolicy: WarrantyPolicy = {
  standardMonths: 24,
  productLines: [],
  regions: [],
  noReasonReturnDays: 30,
  companyPaidShippingMonths: 1,
  extendedMaxYears: 5,
  repairWarrantyDays: 180,
  voidingDamage: ['physical', 'liquid', 'tampering'],
  regional: defaultRegionalRules,
};

/**
 * How a model's serial tells when the unit was made: a regular expression with named groups
 * `year` (4, 2 or 1 digits) and either `week` (ISO week) or `month`, e.g. `^[A-Z]{2}(?<year>\d{2})(?<week>\d{2})`.
 * The unit counts as made on the Monday of that week, or the 1st of that month.
 */
export const dateCodeRuleSchema = z.object({
  pattern: z
    .string({ error: zodMessage(fieldMessages.required('dateCodePattern')) })
    .trim()
    .min(1, zodMessage(fieldMessages.required('dateCodePattern')))
    .max(200, zodMessage(fieldMessages.tooLong('dateCodePattern', { max: 200 })))
    .refine((source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    }, zodMessage(m.notRegex()))
    .refine(
      (source) => source.includes('(?<year>') && source.includes('(?<week>') !== source.includes('(?<month>'),
      zodMessage(m.patternGroups()),
    ),
});
export type DateCodeRule = z.output<typeof dateCodeRuleSchema>;

export interface WarrantyProduct {
  productLine: string;
  model: string;
  /** The model's own standard term; null falls back to its product line's term, then the policy's. */
  warrantyMonths: number | null;
  dateCode: DateCodeRule | null;
}

export interface RepairRecord {
  /** The day the repaired unit reached the customer. */
  deliveredOn: CalendarDate;
  /** Only a repair the customer paid for starts a repair warranty; a re-repair under warranty does not. */
  paid: boolean;
  /** The fault category the technician recorded; null when none was. */
  faultCategory?: string | null;
  /** Days the unit spent in repair, and waiting for parts, on that visit. */
  repairDays?: number;
  waitingPartsDays?: number;
}

export interface ReplacementRecord {
  replacedOn: CalendarDate;
  oldSerial: string;
  newSerial: string;
}

export interface WarrantyInput {
  product: WarrantyProduct;
  /** Serial of the unit on the bench. */
  serial: string;
  /** Country of purchase (ISO 3166-1 alpha-2); null when unknown. */
  region: string | null;
  /** The original purchase, as the customer states it. */
  purchaseDate: CalendarDate | null;
  proofOfPurchase: boolean;
  /** End of an extended warranty bought for the unit, if any. */
  extendedUntil: CalendarDate | null;
  /** Earlier repairs of this unit and of the units it replaced. */
  repairs: readonly RepairRecord[];
  /** Replacements that led to this unit, oldest first; the first names the unit originally bought. */
  replacements: readonly ReplacementRecord[];
  /** Damage the technician found. */
  damage: readonly DamageKind[];
  /** Receiving found the unit unused and complete (box, manual, accessories). */
  unusedAndComplete: boolean;
  /** Today in the site's time zone: see `calendarDateIn`. */
  today: CalendarDate;
  /** The fault category found on this visit, for rules about the same fault coming back. */
  faultCategory?: string | null;
}

export interface WarrantyDecision {
  covered: boolean;
  rule: WarrantyRule;
  /** English sentence with the dates, e.g. "purchased 2024-03-02, within the 24-month warranty until 2026-03-02". */
  reason: string;
  /** Last covered day (inclusive); for 'expired' the day coverage ended; null when nothing ever applied. */
  until: CalendarDate | null;
  params: WarrantyParams;
}

/** The standard term for a product in a region: region rule for the line, region rule, model, line, default. */
export function standardMonths(
  policy: WarrantyPolicy,
  product: Pick<WarrantyProduct, 'productLine' | 'warrantyMonths'>,
  region: string | null,
): number {
  const inRegion = region ? policy.regions.filter((r) => r.region === region.trim().toUpperCase()) : [];
  const regional =
    inRegion.find((r) => r.productLine !== null && sameText(r.productLine, product.productLine)) ??
    inRegion.find((r) => r.productLine === null);
  return (
    regional?.months ??
    product.warrantyMonths ??
    policy.productLines.find((p) => sameText(p.productLine, product.productLine))?.months ??
    policy.standardMonths
  );
}

/** Why a serial gives no manufacture date under a date-code rule. */
export type DateCodeMiss =
  /** The pattern is not a regular expression with `year` and `week` or `month`. */
  | 'badPattern'
  /** The serial does not match the pattern. */
  | 'noMatch'
  /** The `year` group is not 1, 2 or 4 digits. */
  | 'badYear'
  /** The `week` group is not an ISO week of that year. */
  | 'badWeek'
  /** The `month` group is not 1 to 12. */
  | 'badMonth'
  /** The date named is after today. */
  | 'future';

export type DateCodeReading = { made: CalendarDate; miss: null } | { made: null; miss: DateCodeMiss };

const missed = (miss: DateCodeMiss): DateCodeReading => ({ made: null, miss });

/**
 * Reads a serial's date code: the manufacture date, or why there is none. The warranty engine and
 * the products screen's test field both call it, so the admin sees exactly what the bench will decide.
 */
export function readDateCode(rule: DateCodeRule, serial: string, today: CalendarDate): DateCodeReading {
  return dateCodeReader(rule, today)(serial);
}

/** Reads many serials by one rule: the rule is checked and its pattern compiled once. */
export function dateCodeReader(rule: DateCodeRule, today: CalendarDate): (serial: string) => DateCodeReading {
  if (!dateCodeRuleSchema.safeParse(rule).success) return () => missed('badPattern');
  const pattern = new RegExp(rule.pattern.trim());
  return (serial) => readWith(pattern, serial, today);
}

function readWith(pattern: RegExp, serial: string, today: CalendarDate): DateCodeReading {
  const groups = pattern.exec(serial.trim())?.groups;
  if (!groups) return missed('noMatch');
  const yearText = groups.year;
  if (!yearText || !/^\d{1,4}$/.test(yearText) || yearText.length === 3) return missed('badYear');
  const thisYear = Number(today.slice(0, 4));
  // Short years name the latest such year not after today: '98' read in 2026 is 1998, '5' is 2025.
  const span = 10 ** yearText.length;
  const year =
    yearText.length === 4
      ? Number(yearText)
      : thisYear - ((((thisYear - Number(yearText)) % span) + span) % span);
  let made: CalendarDate | null;
  if (groups.week !== undefined) {
    made = /^\d{1,2}$/.test(groups.week) ? isoWeekMonday(year, Number(groups.week)) : null;
    if (made === null) return missed('badWeek');
  } else {
    const month = groups.month !== undefined && /^\d{1,2}$/.test(groups.month) ? Number(groups.month) : 0;
    if (month < 1 || month > 12) return missed('badMonth');
    made = makeDate(year, month, 1);
  }
  return compareDates(made, today) <= 0 ? { made, miss: null } : missed('future');
}

/** Manufacture date from a serial's date code; null when the serial does not match or names an impossible or future date. */
export function manufactureDate(rule: DateCodeRule, serial: string, today: CalendarDate): CalendarDate | null {
  return readDateCode(rule, serial, today).made;
}

/** Who pays the customer's shipment to the depot: the company within the policy period after purchase. */
export function shippingPaidBy(
  purchaseDate: CalendarDate | null,
  today: CalendarDate,
  policy: WarrantyPolicy,
): 'company' | 'customer' {
  requireDate('today', today);
  if (purchaseDate === null) return 'customer';
  requireDate('purchaseDate', purchaseDate);
  requireNotAfter('purchaseDate', purchaseDate, today, m.purchaseAfterToday({ date: purchaseDate, today }));
  return compareDates(today, addMonths(purchaseDate, policy.companyPaidShippingMonths)) <= 0 ? 'company' : 'customer';
}

function requireDate(field: string, value: CalendarDate): void {
  if (!isCalendarDate(value)) throw fieldError(field, m.notRealDate({ value }));
}

function requireNotAfter(field: string, value: CalendarDate, limit: CalendarDate, said: Said): void {
  if (compareDates(value, limit) > 0) throw fieldError(field, said);
}

function validate(input: WarrantyInput): void {
  const { today, purchaseDate } = input;
  requireDate('today', today);
  if (purchaseDate !== null) {
    requireDate('purchaseDate', purchaseDate);
    requireNotAfter('purchaseDate', purchaseDate, today, m.purchaseAfterToday({ date: purchaseDate, today }));
  }
  type BeforePurchase = typeof m.extendedBeforePurchase;
  const notBeforePurchase = (field: string, date: CalendarDate, said: BeforePurchase) => {
    requireDate(field, date);
    if (purchaseDate !== null && compareDates(date, purchaseDate) < 0) {
      throw fieldError(field, said({ date, purchaseDate }));
    }
  };
  if (input.extendedUntil !== null) {
    notBeforePurchase('extendedUntil', input.extendedUntil, m.extendedBeforePurchase);
  }
  input.repairs.forEach((repair, i) => {
    const field = `repairs.${i}.deliveredOn`;
    notBeforePurchase(field, repair.deliveredOn, m.repairBeforePurchase);
    const { deliveredOn } = repair;
    requireNotAfter(field, deliveredOn, today, m.repairAfterToday({ date: deliveredOn, today }));
  });
  input.replacements.forEach((replacement, i) => {
    const field = `replacements.${i}.replacedOn`;
    notBeforePurchase(field, replacement.replacedOn, m.replacementBeforePurchase);
    const { replacedOn } = replacement;
    requireNotAfter(field, replacedOn, today, m.replacementAfterToday({ date: replacedOn, today }));
  });
}

interface Coverage {
  rule: TermRule;
  until: CalendarDate;
  params: WarrantyParams;
}

const damageOrder: readonly DamageKind[] = ['tampering', 'liquid', 'physical'];
const damageRule: Record<DamageKind, WarrantyRule> = {
  tampering: 'tampering',
  liquid: 'damage_liquid',
  physical: 'damage_physical',
};

/** Decides coverage on `input.today`. Throws a field error for impossible dates (e.g. a purchase after today). */
export function decideWarranty(input: WarrantyInput, policy: WarrantyPolicy): WarrantyDecision {
  validate(input);
  const { today } = input;

  const voiding = damageOrder.filter((kind) => input.damage.includes(kind) && policy.voidingDamage.includes(kind));
  const worst = voiding[0];
  if (worst !== undefined) {
    return decision(false, damageRule[worst], null, { damage: voiding });
  }

  const proven = input.proofOfPurchase && input.purchaseDate !== null ? input.purchaseDate : null;

  if (proven !== null && input.unusedAndComplete) {
    const until = addDays(proven, policy.noReasonReturnDays);
    if (compareDates(today, until) <= 0) {
      return decision(true, 'no_reason_return', until, {
        purchaseDate: proven,
        days: policy.noReasonReturnDays,
        until,
      });
    }
  }

  const months = standardMonths(policy, input.product, input.region);
  const regional = regionalRulesFor(policy.regional, input.region, input.product.productLine);
  const lastReplacement = lastReplacementOf(input);
  // A replacement unit has a newer date code than the one bought: read the original's.
  const originalSerial = sortedReplacements(input)[0]?.oldSerial ?? input.serial;
  const manufactured =
    proven === null && input.product.dateCode ? manufactureDate(input.product.dateCode, originalSerial, today) : null;
  const start = proven ?? manufactured;
  const restart = lastReplacement !== undefined && ruleOf(regional, 'exchange_restarts') !== undefined;

  const coverages: Coverage[] = [];
  const term = (from: CalendarDate, rule: TermRule, params: WarrantyParams): Coverage => {
    const ends = addMonths(from, months);
    const paused = ruleOf(regional, 'pause_during_repair') ? pausedDays(input.repairs, from, ends) : 0;
    const until = addDays(ends, paused);
    return { rule, until, params: { ...params, months, until, ...(paused > 0 ? { pausedDays: paused } : {}) } };
  };
  if (restart) {
    // The region's warranty starts again with the exchanged unit; the purchase no longer matters.
    coverages.push(term(lastReplacement.replacedOn, 'exchange_restart', { replacedOn: lastReplacement.replacedOn }));
  } else if (start !== null) {
    const origin: WarrantyParams = proven !== null ? { purchaseDate: proven } : { manufactured: start };
    coverages.push(
      lastReplacement
        ? term(start, 'replacement_remainder', { replacedOn: lastReplacement.replacedOn, ...origin })
        : term(start, proven !== null ? 'standard' : 'no_proof_date_code', origin),
    );
  }
  if (input.extendedUntil !== null) {
    // The cap counts from the purchase the customer states: the extended-warranty sale vouches for it.
    const capStart = input.purchaseDate ?? start;
    const cap = capStart !== null ? addMonths(capStart, policy.extendedMaxYears * 12) : null;
    coverages.push(
      cap !== null && compareDates(input.extendedUntil, cap) > 0
        ? { rule: 'extended', until: cap, params: { until: cap, cappedYears: policy.extendedMaxYears } }
        : { rule: 'extended', until: input.extendedUntil, params: { until: input.extendedUntil } },
    );
  }
  const lastPaidRepair = input.repairs
    .filter((r) => r.paid)
    .map((r) => r.deliveredOn)
    .sort(compareDates)
    .at(-1);
  if (lastPaidRepair !== undefined) {
    const until = addDays(lastPaidRepair, policy.repairWarrantyDays);
    coverages.push({
      rule: 'repair_warranty',
      until,
      params: { deliveredOn: lastPaidRepair, days: policy.repairWarrantyDays, until },
    });
  }
  const recurrence = paidRepairRecurrence(input, regional);
  if (recurrence !== null && compareDates(today, recurrence.until) <= 0) {
    coverages.push({ rule: 'paid_repair_recurrence', until: recurrence.until, params: recurrence });
  }

  // The coverage that lasts longest decides; on a tie the earlier-listed (standard before extended before repair).
  const longest = coverages.reduce<Coverage | null>(
    (best, c) => (best === null || compareDates(c.until, best.until) > 0 ? c : best),
    null,
  );
  if (longest !== null && compareDates(today, longest.until) <= 0) {
    return decision(true, longest.rule, longest.until, longest.params);
  }
  if ((start === null && !restart) || longest === null) {
    return decision(false, 'no_proof', longest?.until ?? null, {
      dateCode: input.product.dateCode ? 'unreadable' : 'none',
    });
  }
  return decision(false, 'expired', longest.until, { ...longest.params, ended: longest.rule });
}

const sortedReplacements = (input: Pick<WarrantyInput, 'replacements'>) =>
  [...input.replacements].sort((a, b) => compareDates(a.replacedOn, b.replacedOn));

/** The exchange that produced the unit on the bench, if it is a replacement. */
export const lastReplacementOf = (input: Pick<WarrantyInput, 'replacements'>): ReplacementRecord | undefined =>
  sortedReplacements(input).at(-1);

/**
 * Days a term grows because it does not run while the unit is in repair or waiting for parts: the
 * repairs delivered from the term's start until its end, each one's days moving the end further.
 */
export function pausedDays(repairs: readonly RepairRecord[], from: CalendarDate, ends: CalendarDate): number {
  let until = ends;
  let paused = 0;
  for (const repair of [...repairs].sort((a, b) => compareDates(a.deliveredOn, b.deliveredOn))) {
    const days = (repair.repairDays ?? 0) + (repair.waitingPartsDays ?? 0);
    if (days === 0 || compareDates(repair.deliveredOn, from) < 0) continue;
    if (compareDates(repair.deliveredOn, addDays(until, days)) > 0) break;
    paused += days;
    until = addDays(until, days);
  }
  return paused;
}

/**
 * The region's free repair of a fault back soon after a paid repair of the same fault: the latest
 * such paid repair and the last day it holds; null when the region has no such rule or none fits.
 */
export function paidRepairRecurrence(
  input: Pick<WarrantyInput, 'repairs' | 'faultCategory'>,
  regional: RegionalRuleSet | null,
): { deliveredOn: CalendarDate; until: CalendarDate; faultCategory: string } | null {
  const rule = ruleOf(regional, 'paid_repair_recurrence');
  const fault = input.faultCategory;
  if (!rule || !fault) return null;
  const deliveredOn = input.repairs
    .filter((r) => r.paid && r.faultCategory && sameText(r.faultCategory, fault))
    .map((r) => r.deliveredOn)
    .sort(compareDates)
    .at(-1);
  return deliveredOn === undefined ? null : { deliveredOn, until: endOfPeriod(deliveredOn, rule.within), faultCategory: fault };
}

function decision(
  covered: boolean,
  rule: WarrantyRule,
  until: CalendarDate | null,
  params: WarrantyParams,
): WarrantyDecision {
  return { covered, rule, reason: coverageReasonIn('en', { rule, params, until }), until, params };
}
