import type { z } from 'zod';
import type {
  EstimatePayment,
  EstimateState,
  EstimateView,
  issueEstimateInput,
  recordDecisionInput,
  recordPaymentInput,
} from '../common/index.ts';
import type { CalendarDate } from '../../../base/common/dates.ts';
import {
  computeEstimate,
  estimateValidUntil,
  isExpired,
  portalEstimatePayload,
  type EstimateTotals,
  type PricedLine,
} from '../../estimates/common/index.ts';
import { formatMoney, type Currency } from '../../../base/common/money.ts';
import type { Said } from '../../../base/common/messages.ts';
import { DepotError, fieldError } from '../../../base/common/result.ts';
import { benchMessages as m } from '../common/messages.ts';
import { partsMessages } from '../../parts/common/index.ts';
import type { Status } from '../../cases/common/index.ts';
import type { Db, Tx } from '../../../base/node/core.ts';
import { trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import { enqueue } from '../../../base/node/outbox.ts';
import { diagnosisRow, remediesOf, warrantyOf } from './diagnosis.ts';
import { coverageReasonIn, type WarrantyParams, type WarrantyRule } from '../../warranty/common/index.ts';
import { applyTransition, caseRow, customerLanguageOf, requireStatus, requireVersion, touchCase, userIdOf } from '../../cases/node/index.ts';
import { readBenchSettings, requireSite, siteToday } from '../../settings/node/index.ts';
import { partIdBySku } from '../../parts/node/index.ts';
import { portalEstimateDecisionsOf, portalPaymentsOf } from '../../portal-sync/node/index.ts';

/**
 * Versioned estimates. Issuing one queues it for the portal before the awaiting_customer status,
 * in one transaction; a new version supersedes the last. The customer's decision and payment come
 * from the portal (portal_estimate_decisions, portal_payments) or are recorded at the desk.
 */

const num = (v: number | string) => Number(v);

export async function estimateViews(db: Db, caseId: number, today: CalendarDate): Promise<EstimateView[]> {
  const [rows, portalDecisions, desk, portal] = await Promise.all([
    db
      .selectFrom('estimates')
      .leftJoin('users', 'users.id', 'estimates.issued_by')
      .selectAll('estimates')
      .select('users.name as issued_name')
      .where('estimates.case_id', '=', caseId)
      .orderBy('estimates.version', 'desc')
      .execute(),
    portalEstimateDecisionsOf(db, caseId),
    db.selectFrom('estimate_payments').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
    portalPaymentsOf(db, caseId),
  ]);
  return rows.map((r): EstimateView => {
    const lines = JSON.parse(r.lines) as PricedLine[];
    const fromPortal = portalDecisions.filter((d) => d.estimate_version === r.version).at(-1);
    let state = r.state as EstimateState;
    let decision: EstimateView['decision'] = null;
    if (r.decision) {
      decision = {
        decision: r.decision as 'accepted' | 'declined',
        at: r.decided_at!,
        note: r.decision_note,
        source: r.decision_source === 'portal' ? 'portal' : 'desk',
      };
    } else if (fromPortal && state === 'issued') {
      decision = { decision: fromPortal.decision as 'accepted' | 'declined', at: fromPortal.decided_at, note: fromPortal.note, source: 'portal' };
      state = decision.decision;
    }
    const payments: EstimatePayment[] = [
      ...desk
        .filter((p) => p.estimate_version === r.version)
        .map((p) => ({ amount: num(p.amount), reference: p.reference, paidAt: p.paid_at, source: 'desk' as const })),
      ...portal
        .filter((p) => p.estimate_version === r.version)
        .map((p) => ({ amount: p.amount, reference: p.reference, paidAt: p.paid_at, source: 'portal' as const })),
    ];
    return {
      version: r.version,
      state,
      currency: r.currency as Currency,
      lines,
      totals: {
        subtotal: num(r.subtotal),
        discount: num(r.discount),
        taxable: num(r.subtotal) - num(r.discount),
        tax: num(r.tax),
        total: num(r.total),
        coveredCost: num(r.covered_cost),
      },
      taxRateBp: r.tax_rate_bp,
      validUntil: r.valid_until,
      expired: state === 'issued' && isExpired(r.valid_until, today),
      issuedAt: r.issued_at,
      issuedBy: r.issued_name,
      warranty: {
        covered: r.warranty_covered === 1,
        reason: r.warranty_reason,
        decided: r.warranty_rule
          ? { rule: r.warranty_rule as WarrantyRule, params: JSON.parse(r.warranty_params ?? '{}') as WarrantyParams, until: r.warranty_until }
          : null,
      },
      decision,
      payments,
      paid: payments.reduce((sum, p) => sum + p.amount, 0),
    };
  });
}

/** The version the customer is deciding on: the newest one not superseded. */
export const currentEstimate = (views: readonly EstimateView[]): EstimateView | undefined =>
  views.find((v) => v.state !== 'superseded');

/** Whether repair may start, and if not, why. */
export interface RepairGate {
  allowed: boolean;
  reason: Said | null;
}

/** Whether repair may start: in warranty at once; out of warranty only once the current estimate is accepted and paid. */
export function repairGate(
  status: Status,
  diagnosis: { covered: boolean; symptomConfirmed: boolean } | null,
  estimates: readonly EstimateView[],
  currency: Currency,
): RepairGate {
  const no = (reason: Said): RepairGate => ({ allowed: false, reason });
  if (status === 'waiting_parts') return { allowed: true, reason: null };
  if (status === 'diagnosing') {
    if (!diagnosis) return no(m.gateDiagnosis());
    if (!diagnosis.symptomConfirmed) return no(m.gateNoFault());
    if (!diagnosis.covered) return no(m.gateOutOfWarranty());
    return { allowed: true, reason: null };
  }
  if (status !== 'awaiting_customer') {
    return no(m.gateStatus({ status }));
  }
  const current = currentEstimate(estimates);
  if (!current) return no(m.gateNoEstimate());
  if (current.state === 'declined') return no(m.gateDeclined({ version: current.version }));
  if (current.state !== 'accepted') {
    return current.expired
      ? no(m.gateExpired({ version: current.version, date: current.validUntil }))
      : no(m.gateWaiting({ version: current.version }));
  }
  if (current.paid < current.totals.total) {
    return no(
      m.gateUnpaid({
        version: current.version,
        paid: formatMoney(current.paid, currency),
        total: formatMoney(current.totals.total, currency),
      }),
    );
  }
  return { allowed: true, reason: null };
}

function priced(lines: z.output<typeof issueEstimateInput>['lines'], rates: Parameters<typeof computeEstimate>[1], currency: Currency): EstimateTotals {
  try {
    return computeEstimate(lines, rates, currency);
  } catch (error) {
    if (error instanceof RangeError) throw fieldError('lines', m.totalTooLarge());
    throw error;
  }
}

/** Issues the next estimate version; from diagnosis the case goes to awaiting_customer. */
export async function issueEstimate(ctx: ServiceContext, input: z.output<typeof issueEstimateInput>): Promise<void> {
  const { caller } = ctx;
  const now = ctx.now;
  const at = now.toISOString();
  const trx = trxOf(ctx);
  const row = await caseRow(trx, input.rma);
  requireStatus(row, ['diagnosing', 'awaiting_customer'], m.doingEstimate());
  requireVersion(row, input.version);
  const diagnosis = await diagnosisRow(trx, row.id);
  if (!diagnosis) throw new DepotError('invalid', m.diagnosisBeforeEstimate());
  for (const [index, entry] of input.lines.entries()) {
    if (entry.kind !== 'part' || entry.sku === null) continue;
    const part = await partIdBySku(trx, entry.sku);
    if (!part) throw fieldError(`lines.${index}.sku`, partsMessages.unknownSku({ sku: entry.sku }));
  }
  const [site, settings, today] = await Promise.all([requireSite(trx), readBenchSettings(trx), siteToday(trx, now)]);
  const totals = priced(input.lines, settings.rates, site.currency);
  const validUntil = estimateValidUntil(today, settings.validityDays);
  const last = await trx
    .selectFrom('estimates')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('case_id', '=', row.id)
    .executeTakeFirst();
  const version = Number(last?.version ?? 0) + 1;
  await trx
    .updateTable('estimates')
    .set({ state: 'superseded' })
    .where('case_id', '=', row.id)
    .where('state', 'in', ['issued', 'accepted'])
    .execute();
  const warranty = warrantyOf(diagnosis);
  const language = await customerLanguageOf(trx, row.id);
  await trx
    .insertInto('estimates')
    .values({
      case_id: row.id,
      version,
      state: 'issued',
      currency: site.currency,
      lines: JSON.stringify(totals.lines),
      tax_rate_bp: settings.rates.taxRateBp,
      subtotal: totals.subtotal,
      discount: totals.discount,
      tax: totals.tax,
      total: totals.total,
      covered_cost: totals.coveredCost,
      valid_until: validUntil,
      warranty_covered: warranty.covered ? 1 : 0,
      warranty_reason: warranty.reason,
      warranty_rule: warranty.rule,
      warranty_params: JSON.stringify(warranty.params),
      warranty_until: warranty.until,
      issued_at: at,
      issued_by: userIdOf(caller),
      decision: null,
      decided_at: null,
      decision_note: null,
      decision_source: null,
      decided_by: null,
    })
    .execute();
  await enqueue(trx, now, {
    caseId: row.id,
    rma: row.rma,
    kind: 'estimate',
    method: 'PUT',
    path: `/rmas/${encodeURIComponent(row.rma)}/estimates/${version}`,
    body: portalEstimatePayload(
      { validUntil, totals },
      language,
      { covered: warranty.covered, reason: coverageReasonIn(language, warranty) },
      remediesOf(diagnosis, warranty, language).offers,
    ),
  });
  if (row.status === 'diagnosing') {
    await applyTransition(trx, now, caller, { rma: row.rma, version: row.version, to: 'awaiting_customer', note: null, said: [m.estimateIssued({ version })], carrier: null });
  } else {
    await touchCase(trx, at, { rma: row.rma, version: row.version });
  }
}

async function estimateFor(db: Db, caseId: number, version: number, today: CalendarDate): Promise<{ view: EstimateView; current: EstimateView }> {
  const views = await estimateViews(db, caseId, today);
  const view = views.find((v) => v.version === version);
  if (!view) throw fieldError('estimateVersion', m.noEstimateVersion({ version }));
  const current = currentEstimate(views)!;
  if (view.state === 'superseded') {
    throw fieldError('estimateVersion', m.superseded({ version, current: current.version }));
  }
  return { view, current };
}

/** The customer's decision taken at the desk ("accepted by phone"); a decline returns the unit unrepaired. */
export async function recordDecision(ctx: ServiceContext, input: z.output<typeof recordDecisionInput>): Promise<void> {
  const { caller } = ctx;
  const now = ctx.now;
  const at = now.toISOString();
  const trx = trxOf(ctx);
  // The case is written first: its row lock makes two desks deciding at once take turns, and the second reads the first's decision.
  const row = await touchCase(trx, at, { rma: input.rma, version: null });
  requireStatus(row, ['awaiting_customer'], m.doingDecision());
  const { view } = await estimateFor(trx, row.id, input.estimateVersion, await siteToday(trx, now));
  if (view.decision) {
    const already = view.decision.decision === 'accepted' ? m.alreadyAccepted : m.alreadyDeclined;
    throw fieldError('estimateVersion', already({ version: view.version }));
  }
  if (input.decision === 'accepted' && view.expired) {
    throw fieldError('estimateVersion', m.expiredIssueNew({ version: view.version, date: view.validUntil }));
  }
  await trx
    .updateTable('estimates')
    .set({
      state: input.decision,
      decision: input.decision,
      decided_at: at,
      decision_note: input.note,
      decision_source: 'desk',
      decided_by: userIdOf(caller),
    })
    .where('case_id', '=', row.id)
    .where('version', '=', view.version)
    .execute();
  if (input.decision === 'declined') {
    const declined = input.note
      ? m.customerDeclinedBecause({ version: view.version, note: input.note })
      : m.customerDeclined({ version: view.version });
    await applyTransition(trx, now, caller, {
      rma: row.rma,
      version: row.version,
      to: 'return_unrepaired',
      note: null,
      said: [declined],
      carrier: null,
      resolution: 'returned_unrepaired',
    });
  }
}

/** A payment taken at the desk for the accepted version; never more than is outstanding. */
export async function recordPayment(ctx: ServiceContext, input: z.output<typeof recordPaymentInput>): Promise<void> {
  const { caller } = ctx;
  const now = ctx.now;
  const at = now.toISOString();
  const trx = trxOf(ctx);
  // Written first, as a decision is: two payments at once take turns, and the second sees what the first paid.
  const row = await touchCase(trx, at, { rma: input.rma, version: null });
  requireStatus(row, ['awaiting_customer'], m.doingPayment());
  const { view } = await estimateFor(trx, row.id, input.estimateVersion, await siteToday(trx, now));
  if (view.state !== 'accepted') {
    throw fieldError('estimateVersion', m.notAccepted({ version: view.version }));
  }
  const outstanding = view.totals.total - view.paid;
  if (input.amount > outstanding) {
    throw fieldError('amount', m.onlyOutstanding({ amount: formatMoney(outstanding, view.currency), version: view.version }));
  }
  await trx
    .insertInto('estimate_payments')
    .values({
      case_id: row.id,
      estimate_version: view.version,
      amount: input.amount,
      currency: view.currency,
      reference: input.reference,
      paid_at: at,
      recorded_by: userIdOf(caller),
    })
    .execute();
}

/** Records a portal acceptance on the estimate itself when repair starts, so the case names the accepted version. */
export async function settleAcceptance(trx: Tx, caseId: number, view: EstimateView): Promise<void> {
  if (view.decision?.source !== 'portal') return;
  await trx
    .updateTable('estimates')
    .set({ state: 'accepted', decision: 'accepted', decided_at: view.decision.at, decision_note: view.decision.note, decision_source: 'portal' })
    .where('case_id', '=', caseId)
    .where('version', '=', view.version)
    .where('decision', 'is', null)
    .execute();
}

/** When the unit goes back unrepaired, the open estimate is closed as declined or expired. */
export async function closeEstimate(trx: Tx, caseId: number, view: EstimateView, state: 'declined' | 'expired', at: string): Promise<void> {
  await trx
    .updateTable('estimates')
    .set(
      state === 'declined' && view.decision?.source === 'portal'
        ? { state, decision: 'declined', decided_at: view.decision.at, decision_note: view.decision.note, decision_source: 'portal' }
        : { state, ...(view.decision ? {} : { decided_at: at }) },
    )
    .where('case_id', '=', caseId)
    .where('version', '=', view.version)
    .execute();
}
