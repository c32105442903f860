import { addDays, compareDates, daysBetween, type CalendarDate } from '../../../base/common/dates.ts';
import type { Said } from '../../../base/common/messages.ts';
import { fieldError } from '../../../base/common/result.ts';
import { warrantyMessages as m } from './messages.ts';
import {
  endOfPeriod,
  regionalRulesFor,
  remedyKinds,
  ruleOf,
  rulesOf,
  type RegionalRuleKind,
  type RegionalRuleSet,
  type Remedy,
} from './regional.ts';
import { sameText } from './terms.ts';
import {
  lastReplacementOf,
  paidRepairRecurrence,
  type WarrantyDecision,
  type WarrantyInput,
  type WarrantyPolicy,
} from './warranty.ts';

/**
 * The remedies a customer may ask for, beside the coverage decision: a repair under warranty or a
 * paid repair everywhere, and what the region's consumer rules add (a refund, an exchange) with the
 * rule, its clause, and the dates and counts that decided. Pure, like the coverage rules.
 */

/** This visit of the unit: when it was sent in, and the days it has spent in repair and waiting for parts. */
export interface Visit {
  sentOn: CalendarDate | null;
  repairDays: number;
  waitingPartsDays: number;
}

export interface RemedyFacts {
  /** The day the customer raised the fault: the case was opened. */
  reportedOn: CalendarDate;
  /** The technician confirmed a fault of the unit (not a cosmetic matter), and whether it needs a major repair. */
  fault: { confirmed: boolean; major: boolean };
  /** Bought online, by phone or by mail. */
  distanceSale: boolean;
  /** The day the customer received the goods; null when it was the purchase date. */
  goodsReceivedOn: CalendarDate | null;
  visit: Visit;
  /** The depot lost the unit while in its care. */
  lostByBusiness?: boolean;
}

export type RemedyInput = WarrantyInput & RemedyFacts;

/** The rules that give remedies (the others change coverage only). */
export type RemedyRule = Exclude<RegionalRuleKind, 'pause_during_repair' | 'exchange_restarts'>;

export interface RemedyGrant {
  rule: RemedyRule;
  remedies: Remedy[];
  clause: string;
  /** Why, with the dates and counts that decided: each language words it from its code and params. */
  reason: Said;
}

export interface RemedyDecision {
  /** The region whose rules applied; null when none did. */
  region: string | null;
  /** Everything the customer may ask for, refund first. */
  remedies: Remedy[];
  grants: RemedyGrant[];
}

const ordered = (list: Iterable<Remedy>): Remedy[] => {
  const set = new Set(list);
  if (set.has('repair')) set.delete('paid_repair');
  return remedyKinds.filter((r) => set.has(r));
};

/** The union of the grants and the warranty's own remedy: repair when covered, paid repair otherwise. */
function remediesOf(covered: boolean, grants: readonly RemedyGrant[]): Remedy[] {
  return ordered([covered ? 'repair' : 'paid_repair', ...grants.flatMap((g) => g.remedies)]);
}

function validate(input: RemedyInput): void {
  const received = input.goodsReceivedOn;
  if (received === null) return;
  if (input.purchaseDate !== null && compareDates(received, input.purchaseDate) < 0) {
    throw fieldError('goodsReceivedOn', m.goodsReceivedBeforePurchase({ date: received, purchaseDate: input.purchaseDate }));
  }
  if (compareDates(received, input.today) > 0) {
    throw fieldError('goodsReceivedOn', m.goodsReceivedAfterToday({ date: received, today: input.today }));
  }
}

/** Decides the remedies on `input.today`, next to the coverage decision made from the same input. */
export function decideRemedies(input: RemedyInput, warranty: WarrantyDecision, policy: WarrantyPolicy): RemedyDecision {
  validate(input);
  const rules = regionalRulesFor(policy.regional, input.region, input.product.productLine);
  const grants: RemedyGrant[] = [];
  const grant = (rule: RemedyRule, remedies: Remedy[], clause: string, reason: Said) =>
    grants.push({ rule, remedies: ordered(remedies), clause, reason });

  // Consumer rules speak of normal use: any damage found, voiding or not, takes these away.
  const normalUse = input.damage.length === 0;
  const fault = input.fault.confirmed && normalUse;
  const proven = input.proofOfPurchase ? input.purchaseDate : null;
  // The receipt counts from a date on record: the one the technician saw, else the proven purchase.
  const received = input.goodsReceivedOn ?? proven;
  const { reportedOn } = input;

  if (fault && proven !== null) {
    const tier = rulesOf(rules, 'early_fault')
      .filter((r) => !r.majorOnly || input.fault.major)
      .map((r) => ({ rule: r, ends: endOfPeriod(proven, r.within) }))
      .sort((a, b) => compareDates(a.ends, b.ends))
      .find((t) => compareDates(reportedOn, t.ends) <= 0);
    if (tier) {
      const { within, remedies, clause } = tier.rule;
      const params = { reportedOn, day: Math.max(0, daysBetween(proven, reportedOn)), purchaseDate: proven, count: within.count, clause };
      grant('early_fault', remedies, clause, within.unit === 'days' ? m.earlyFaultDays(params) : m.earlyFaultMonths(params));
    }
  }

  const defect = ruleOf(rules, 'defect_return');
  if (defect && fault && received !== null && compareDates(reportedOn, addDays(received, defect.withinDays)) <= 0) {
    const { withinDays, clause } = defect;
    grant('defect_return', ['refund'], clause, withFreight(m.defectReturn, { reportedOn, receivedOn: received, count: withinDays, clause }, defect.freight));
  }

  const withdrawal = ruleOf(rules, 'distance_withdrawal');
  if (
    withdrawal &&
    input.distanceSale &&
    input.unusedAndComplete &&
    normalUse &&
    received !== null &&
    compareDates(reportedOn, addDays(received, withdrawal.withinDays)) <= 0
  ) {
    const { withinDays, clause } = withdrawal;
    grant(
      'distance_withdrawal',
      ['refund'],
      clause,
      withFreight(m.distanceWithdrawal, { receivedOn: received, reportedOn, count: withinDays, clause }, withdrawal.freight),
    );
  }

  if (warranty.covered && fault) {
    const counted = repairsUnderWarranty(input, rules);
    const category = input.faultCategory;
    const same = ruleOf(rules, 'repeat_same_fault');
    const sameCount = category ? counted.filter((r) => r.faultCategory && sameText(r.faultCategory, category)).length : 0;
    if (same && category && sameCount >= same.afterRepairs) {
      grant('repeat_same_fault', same.remedies, same.clause, m.repeatSameFault({ faultCategory: category, repairs: sameCount, clause: same.clause }));
    }
    const any = ruleOf(rules, 'repeat_any_fault');
    if (any && counted.length >= any.afterRepairs) {
      grant('repeat_any_fault', any.remedies, any.clause, m.repeatAnyFault({ repairs: counted.length, clause: any.clause }));
    }
  }

  const recurrence = fault ? paidRepairRecurrence(input, rules) : null;
  const recurrenceRule = ruleOf(rules, 'paid_repair_recurrence');
  if (recurrence && recurrenceRule && compareDates(input.today, recurrence.until) <= 0) {
    grant('paid_repair_recurrence', ['repair'], recurrenceRule.clause, m.paidRepairRecurrence({ ...recurrence, clause: recurrenceRule.clause }));
  }

  const lost = ruleOf(rules, 'lost_unit');
  if (lost && input.lostByBusiness && warranty.covered) {
    grant('lost_unit', lost.remedies, lost.clause, m.lostUnit({ clause: lost.clause }));
  }

  grants.push(...delayGrants(rules, input.visit, input.today, warranty.covered));
  return { region: rules?.region ?? null, remedies: remediesOf(warranty.covered, grants), grants };
}

/** A reason that says who pays the freight: the English names the payer, the params keep its message's code to translate. */
function withFreight<P extends Record<string, string | number>>(
  make: (params: P & { freight: string }) => Said,
  params: P,
  payer: 'customer' | 'company',
): Said {
  const freight = payer === 'customer' ? m.freightCustomer() : m.freightCompany();
  const said = make({ ...params, freight: freight.text });
  return { ...said, params: { ...said.params, freight: freight.code } };
}

/**
 * Earlier repairs the rules count: under warranty (a paid repair was not a defect the warranty
 * answers for) and, where an exchange starts a new warranty, only those since the exchange.
 */
function repairsUnderWarranty(input: RemedyInput, rules: RegionalRuleSet | null) {
  const exchange = ruleOf(rules, 'exchange_restarts') ? lastReplacementOf(input) : undefined;
  return input.repairs.filter((r) => !r.paid && (exchange === undefined || compareDates(r.deliveredOn, exchange.replacedOn) >= 0));
}

/**
 * What a visit that takes too long gives, under warranty: the repairer's own delay, or parts that
 * do not come. It changes while the unit waits, so the bench asks again each time it shows the case.
 */
export function delayGrants(rules: RegionalRuleSet | null, visit: Visit, today: CalendarDate, covered: boolean): RemedyGrant[] {
  if (!covered) return [];
  const grants: RemedyGrant[] = [];
  const own = ruleOf(rules, 'repair_delay');
  if (own && visit.repairDays > own.overDays) {
    const { overDays, clause } = own;
    grants.push({ rule: 'repair_delay', remedies: ordered(own.remedies), clause, reason: m.repairDelay({ days: visit.repairDays, overDays, clause }) });
  }
  const parts = ruleOf(rules, 'parts_delay');
  const days = visit.sentOn !== null ? daysBetween(visit.sentOn, today) : 0;
  if (parts && visit.sentOn !== null && visit.waitingPartsDays > 0 && days > parts.overDays) {
    const { overDays, clause } = parts;
    grants.push({ rule: 'parts_delay', remedies: ordered(parts.remedies), clause, reason: m.partsDelay({ sentOn: visit.sentOn, days, overDays, clause }) });
  }
  return grants;
}

/** A saved decision with the delays of the visit as they stand today (replacing those it was saved with). */
export function withDelays(
  decision: RemedyDecision,
  policy: WarrantyPolicy,
  facts: { region: string | null; productLine: string; visit: Visit; today: CalendarDate; covered: boolean },
): RemedyDecision {
  const rules = regionalRulesFor(policy.regional, facts.region, facts.productLine);
  const kept = decision.grants.filter((g) => g.rule !== 'repair_delay' && g.rule !== 'parts_delay');
  const grants = [...kept, ...delayGrants(rules, facts.visit, facts.today, facts.covered)];
  return { region: rules?.region ?? decision.region, remedies: remediesOf(facts.covered, grants), grants };
}
