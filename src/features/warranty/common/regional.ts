import { z } from 'zod';
import { addDays, addMonths, type CalendarDate } from '../../../base/common/dates.ts';
import { zodMessage } from '../../../base/common/messages.ts';
import { line, optionalLine } from '../../../base/common/schemas.ts';
import { warrantyMessages as m } from './messages.ts';
import { countryCode, sameText, wholeNumber } from './terms.ts';

/**
 * The consumer rules of a region, beside the depot's own warranty: which remedies (refund,
 * exchange, repair) the customer may ask for and when, whether the warranty clock stops while the
 * unit is in repair, and whether an exchange starts a new warranty. Each rule carries its clause,
 * which Depot cites in the reason. A region without rules gets repair under warranty and a paid
 * repair otherwise. Periods include their end date, like every warranty period.
 */

/** What the customer may ask for: `paid_repair` is what remains when nothing else applies. */
export const remedyKinds = ['refund', 'exchange', 'repair', 'paid_repair'] as const;
export type Remedy = (typeof remedyKinds)[number];

/** What a regional rule can give. */
export const regionalRemedies = ['refund', 'exchange', 'repair'] as const;
export type RegionalRemedy = (typeof regionalRemedies)[number];

export const periodUnits = ['days', 'months'] as const;

const periodSchema = z.discriminatedUnion(
  'unit',
  [
    z.object({ unit: z.literal('days'), count: wholeNumber('rulePeriod', 1, 365, 'days') }),
    z.object({ unit: z.literal('months'), count: wholeNumber('rulePeriod', 1, 120, 'months') }),
  ],
  { error: zodMessage(m.periodUnit()) },
);
export type Period = z.output<typeof periodSchema>;

/** The last day of a period that starts on `start` (the start day itself is day 0). */
export const endOfPeriod = (start: CalendarDate, period: Period): CalendarDate =>
  period.unit === 'days' ? addDays(start, period.count) : addMonths(start, period.count);

const remedies = z
  .array(z.enum(regionalRemedies, { error: zodMessage(m.remedyKind()) }))
  .min(1, zodMessage(m.chooseRemedy()));
const clause = line(200, 'clause');
const freight = z.enum(['customer', 'company'], { error: zodMessage(m.freightPayer()) });
const days = wholeNumber('ruleDays', 1, 365, 'days');
const repairs = wholeNumber('ruleRepairs', 1, 20, 'count');

export const regionalRuleSchema = z.discriminatedUnion(
  'kind',
  [
    /** A performance fault raised within the period after the sale; the tightest period that holds decides. */
    z.object({ kind: z.literal('early_fault'), within: periodSchema, majorOnly: z.boolean(), remedies, clause }),
    /** The same fault category back after this many repairs under warranty. */
    z.object({ kind: z.literal('repeat_same_fault'), afterRepairs: repairs, remedies, clause }),
    /** Any fault back after this many repairs under warranty. */
    z.object({ kind: z.literal('repeat_any_fault'), afterRepairs: repairs, remedies, clause }),
    /** This visit has been in repair longer than this, through the repairer's own delay. */
    z.object({ kind: z.literal('repair_delay'), overDays: days, remedies, clause }),
    /** This visit waits for parts, and is unrepaired longer than this since it was sent in. */
    z.object({ kind: z.literal('parts_delay'), overDays: days, remedies, clause }),
    /** The depot lost the unit while it was in its care. */
    z.object({ kind: z.literal('lost_unit'), remedies, clause }),
    /** A distance sale returned unused and complete within this many days of receipt, with no reason. */
    z.object({ kind: z.literal('distance_withdrawal'), withinDays: days, freight, clause }),
    /** A quality defect returned within this many days of receipt. */
    z.object({ kind: z.literal('defect_return'), withinDays: days, freight, clause }),
    /** The fault a paid repair fixed is back within the period after its delivery: repaired free. */
    z.object({ kind: z.literal('paid_repair_recurrence'), within: periodSchema, clause }),
    /** The warranty does not run while the unit is in repair or waiting for parts. */
    z.object({ kind: z.literal('pause_during_repair'), clause }),
    /** An exchange starts a new warranty from the day of the exchange, instead of keeping the remainder. */
    z.object({ kind: z.literal('exchange_restarts'), clause }),
  ],
  { error: zodMessage(m.ruleKind()) },
);
export type RegionalRule = z.output<typeof regionalRuleSchema>;
export type RegionalRuleKind = RegionalRule['kind'];
export type RuleOf<K extends RegionalRuleKind> = Extract<RegionalRule, { kind: K }>;

export const regionalRuleKinds = regionalRuleSchema.options.map((o) => o.shape.kind.value);

/** Kinds a region may list several times: the early-fault periods are tiers. */
const tiered: readonly RegionalRuleKind[] = ['early_fault'];

export const regionalRuleSetSchema = z
  .object({
    region: countryCode,
    /** A set for one product line replaces the region's general set for that line. */
    productLine: optionalLine(64, 'productLine'),
    rules: z.array(regionalRuleSchema).max(30, zodMessage(m.tooManyRules({ max: 30 }))),
  })
  .superRefine((set, ctx) => {
    set.rules.forEach((rule, i) => {
      if (!tiered.includes(rule.kind) && set.rules.findIndex((other) => other.kind === rule.kind) < i) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'kind'], message: zodMessage(m.ruleTwice()) });
      }
    });
  });
export type RegionalRuleSet = z.output<typeof regionalRuleSetSchema>;
export type RegionalRuleSetInput = z.input<typeof regionalRuleSetSchema>;

const sanbao = '部分商品修理更换退货责任规定';
const consumerLaw = '消费者权益保护法';
const disputeStandards = '소비자분쟁해결기준 별표 Ⅱ 품목별 해결기준';
const generalStandards = '소비자기본법 시행령 별표 1 일반적 소비자분쟁해결기준 1.다';

/**
 * China: the three-guarantees rules (部分商品修理更换退货责任规定, arts. 8–14) and the Consumer
 * Rights Protection Law (arts. 24, 25). Korea: the Consumer Dispute Settlement Standards and the
 * E-commerce Consumer Protection Act (art. 17).
 */
export const defaultRegionalRules: RegionalRuleSet[] = [
  {
    region: 'CN',
    productLine: null,
    rules: [
      { kind: 'early_fault', within: { unit: 'days', count: 7 }, majorOnly: false, remedies: ['refund', 'exchange', 'repair'], clause: `${sanbao} 第九条` },
      { kind: 'early_fault', within: { unit: 'days', count: 15 }, majorOnly: false, remedies: ['exchange', 'repair'], clause: `${sanbao} 第十条` },
      { kind: 'repeat_any_fault', afterRepairs: 2, remedies: ['exchange', 'refund'], clause: `${sanbao} 第十一条` },
      { kind: 'repair_delay', overDays: 30, remedies: ['exchange'], clause: `${sanbao} 第十二条` },
      { kind: 'parts_delay', overDays: 90, remedies: ['exchange'], clause: `${sanbao} 第十二条` },
      { kind: 'pause_during_repair', clause: `${sanbao} 第八条` },
      { kind: 'exchange_restarts', clause: `${sanbao} 第十四条` },
      { kind: 'defect_return', withinDays: 7, freight: 'company', clause: `${consumerLaw} 第二十四条` },
      { kind: 'distance_withdrawal', withinDays: 7, freight: 'customer', clause: `${consumerLaw} 第二十五条` },
    ],
  },
  {
    region: 'KR',
    productLine: null,
    rules: [
      { kind: 'early_fault', within: { unit: 'days', count: 10 }, majorOnly: true, remedies: ['exchange', 'refund'], clause: disputeStandards },
      { kind: 'early_fault', within: { unit: 'months', count: 1 }, majorOnly: true, remedies: ['exchange', 'repair'], clause: disputeStandards },
      { kind: 'repeat_same_fault', afterRepairs: 2, remedies: ['exchange', 'refund'], clause: disputeStandards },
      { kind: 'repeat_any_fault', afterRepairs: 4, remedies: ['exchange', 'refund'], clause: disputeStandards },
      { kind: 'lost_unit', remedies: ['exchange', 'refund'], clause: disputeStandards },
      { kind: 'paid_repair_recurrence', within: { unit: 'months', count: 2 }, clause: generalStandards },
      { kind: 'distance_withdrawal', withinDays: 7, freight: 'customer', clause: '전자상거래법 제17조 제1항' },
    ],
  },
];

/** The rules for a product in a region: the set for its line, else the region's set; null when the region has none. */
export function regionalRulesFor(
  sets: readonly RegionalRuleSet[],
  region: string | null,
  productLine: string,
): RegionalRuleSet | null {
  const inRegion = region ? sets.filter((s) => s.region === region.trim().toUpperCase()) : [];
  return (
    inRegion.find((s) => s.productLine !== null && sameText(s.productLine, productLine)) ??
    inRegion.find((s) => s.productLine === null) ??
    null
  );
}

/** The set's rule of a kind listed once. */
export function ruleOf<K extends RegionalRuleKind>(set: RegionalRuleSet | null, kind: K): RuleOf<K> | undefined {
  return set?.rules.find((r): r is RuleOf<K> => r.kind === kind);
}

/** Every rule of a kind in the set, as listed. */
export function rulesOf<K extends RegionalRuleKind>(set: RegionalRuleSet | null, kind: K): RuleOf<K>[] {
  return (set?.rules ?? []).filter((r): r is RuleOf<K> => r.kind === kind);
}
