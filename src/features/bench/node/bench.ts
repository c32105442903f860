import type { z } from 'zod';
import {
  type BenchCase,
  type BenchQueue,
  type BenchQueueFilter,
  type BenchSettings,
  type BenchSettingsView,
  type Diagnosis,
  type WorkEntry,
  type benchQueueInput,
  type diagnoseInput,
} from '../common/bench.ts';
import { calendarDateIn } from '../../../base/common/dates.ts';
import { isExpired } from '../../estimates/common/index.ts';
import type { Accessory } from '../../receiving/common/index.ts';
import { DepotError } from '../../../base/common/result.ts';
import { benchMessages } from '../common/messages.ts';
import { benchStatuses, casesMessages, type Resolution, type Status } from '../../cases/common/index.ts';
import { decideRemedies, decideWarranty, withDelays, type DamageKind, type Remedy, type RemedyDecision } from '../../warranty/common/index.ts';
import type { Db } from '../../../base/node/core.ts';
import { trxOf, type ServiceContext } from '../../../base/node/handlers.ts';
import {
  applyTransition,
  benchCaseHead,
  benchQueueRows,
  caseRow,
  requireStatus,
  touchCase,
  userIdOf,
  warrantyFactsOf,
} from '../../cases/node/index.ts';
import { diagnosisRow, receiptOf, warrantyOf, type DiagnosisRow } from './diagnosis.ts';
import { unitHistory, visitOf } from './unit-history.ts';
import { estimateViews, repairGate } from './estimates.ts';
import { readBenchSettings, requireSite, setting, siteToday } from '../../settings/node/index.ts';
import { productLines } from '../../products/node/index.ts';
import { repairMovesOf } from '../../parts/node/index.ts';
import { userNameOf } from '../../users/node/index.ts';
import { placeAtDesk } from '../../locations/node/index.ts';

/** The technician's bench: the work queue, taking cases, diagnosis and the warranty decision. */

const shown: Record<BenchQueueFilter, readonly Status[]> = {
  diagnosis: ['received'],
  bench: ['diagnosing', 'repairing', 'waiting_parts', 'qa'],
  awaiting: ['awaiting_customer'],
  all: benchStatuses,
};

export async function benchSettingsView(db: Db): Promise<BenchSettingsView> {
  const [settings, site] = await Promise.all([readBenchSettings(db), requireSite(db)]);
  return { ...settings, currency: site.currency };
}

export async function updateBenchSettings(ctx: ServiceContext, settings: BenchSettings): Promise<BenchSettingsView> {
  await requireSite(ctx.db);
  await setting.bench.write(ctx.db, settings);
  return benchSettingsView(ctx.db);
}

export async function benchQueue(ctx: ServiceContext, input: z.output<typeof benchQueueInput>): Promise<BenchQueue> {
  const { caller } = ctx;
  const [rows, lines, today] = await Promise.all([
    benchQueueRows(ctx.db, {
      statuses: shown[input.show],
      productLine: input.productLine,
      ...(input.mine ? { assignedTo: userIdOf(caller) } : {}),
    }),
    productLines(ctx.db),
    siteToday(ctx.db, ctx.now),
  ]);
  return {
    rows: rows.map((r) => ({
      rma: r.rma,
      version: r.version,
      status: r.status as Status,
      customerName: r.customer_name,
      model: r.model,
      productLine: r.product_line,
      serial: r.serial,
      receivedAt: r.received_at,
      assignedTo: r.assigned_to !== null && r.assigned_name !== null ? { id: Number(r.assigned_to), name: r.assigned_name } : null,
      estimate:
        r.estimate_version !== null && r.valid_until !== null
          ? {
              version: r.estimate_version,
              validUntil: r.valid_until,
              expired: r.estimate_state === 'issued' && isExpired(r.valid_until, today),
            }
          : null,
    })),
    productLines: lines.map((l) => l.product_line),
  };
}

/** Assigns the case to the caller; a received case goes into diagnosis in the same transaction. */
export async function takeCase(ctx: ServiceContext, ref: { rma: string; version: number; placeAt?: string | undefined }): Promise<void> {
  const { caller } = ctx;
  const now = ctx.now;
  const trx = trxOf(ctx);
  const row = await caseRow(trx, ref.rma);
  requireStatus(row, benchStatuses, benchMessages.doingTake());
  const me = userIdOf(caller);
  if (row.assigned_to !== null && row.assigned_to !== me && !(caller.kind === 'user' && caller.user.role === 'admin')) {
    const holder = await userNameOf(trx, row.assigned_to);
    throw new DepotError(
      'conflict',
      holder ? benchMessages.takenBy({ rma: row.rma, name: holder.name }) : benchMessages.takenBySomeone({ rma: row.rma }),
    );
  }
  const touched = await touchCase(trx, now.toISOString(), ref, { assigned_to: me });
  if (row.status === 'received') {
    await applyTransition(trx, now, caller, { rma: row.rma, version: touched.version, to: 'diagnosing', note: null, carrier: null });
  }
  if (ref.placeAt && me !== null) await placeAtDesk(trx, row.rma, ref.placeAt, me, now.toISOString());
}

export async function releaseCase(ctx: ServiceContext, ref: { rma: string; version: number }): Promise<void> {
  const { caller } = ctx;
  const trx = trxOf(ctx);
  const row = await caseRow(trx, ref.rma);
  const admin = caller.kind === 'user' && caller.user.role === 'admin';
  if (row.assigned_to === null) throw new DepotError('invalid', benchMessages.notAssigned({ rma: row.rma }));
  if (row.assigned_to !== userIdOf(caller) && !admin) {
    throw new DepotError('forbidden', benchMessages.onlyHolderReleases());
  }
  await touchCase(trx, ctx.now.toISOString(), ref, { assigned_to: null });
}

const damageOf = (d: Pick<Diagnosis, 'physicalDamage' | 'liquidDamage' | 'tampering'>): DamageKind[] => [
  ...(d.physicalDamage ? (['physical'] as const) : []),
  ...(d.liquidDamage ? (['liquid'] as const) : []),
  ...(d.tampering ? (['tampering'] as const) : []),
];

async function decide(trx: Db, now: Date, caseId: number, diagnosis: Diagnosis) {
  const [site, settings] = await Promise.all([requireSite(trx), readBenchSettings(trx)]);
  const today = calendarDateIn(now, site.timeZone);
  const c = await warrantyFactsOf(trx, caseId);
  const intake = await receiptOf(trx, caseId);
  const expected = (c.accessories ? (JSON.parse(c.accessories) as Accessory[]) : []).filter((a) => a !== 'other');
  const received = intake ? ((JSON.parse(intake.accessories) as { received?: Accessory[] }).received ?? []) : [];
  const unusedAndComplete =
    intake !== undefined &&
    intake.packaging === 'intact' &&
    !intake.physical_damage &&
    !intake.liquid_damage &&
    expected.every((a) => received.includes(a));
  const [history, visit] = await Promise.all([
    unitHistory(trx, caseId, c.serial_norm, site.timeZone),
    visitOf(trx, caseId, c.received_at, now, site.timeZone),
  ]);
  const input = {
    product: {
      productLine: c.product_line ?? '',
      model: c.model ?? '',
      warrantyMonths: c.warranty_months,
      dateCode: c.date_code_pattern ? { pattern: c.date_code_pattern } : null,
    },
    serial: c.serial,
    region: c.country,
    purchaseDate: c.purchase_date,
    proofOfPurchase: diagnosis.proofOfPurchase,
    extendedUntil: diagnosis.extendedUntil,
    repairs: history.repairs,
    replacements: history.replacements,
    damage: damageOf(diagnosis),
    unusedAndComplete,
    today,
    faultCategory: diagnosis.faultCategory,
  };
  const decision = decideWarranty(input, settings.policy);
  const remedies = decideRemedies(
    {
      ...input,
      // The customer raised the fault when the case was opened, whenever the bench looks at it.
      reportedOn: calendarDateIn(new Date(c.created_at), site.timeZone),
      fault: { confirmed: diagnosis.symptomConfirmed, major: diagnosis.majorRepair },
      distanceSale: diagnosis.distanceSale,
      goodsReceivedOn: diagnosis.goodsReceivedOn,
      visit,
    },
    decision,
    settings.policy,
  );
  return { decision, remedies, today };
}

/** Fields the rules name, as the diagnosis form names them. */
const diagnosisFields = ['extendedUntil', 'goodsReceivedOn'] as const;

/** Saves the diagnosis and the warranty decision made from it, with its reason. */
export async function diagnose(ctx: ServiceContext, input: z.output<typeof diagnoseInput>): Promise<void> {
  const { caller } = ctx;
  const now = ctx.now;
  const at = now.toISOString();
  const trx = trxOf(ctx);
  const row = await caseRow(trx, input.rma);
  requireStatus(row, ['diagnosing'], benchMessages.doingDiagnosis());
  const d = input.diagnosis;
  const { decision, remedies, today } = await decide(trx, now, row.id, d).catch((error: unknown) => {
    // The warranty rules name their inputs; the form names them under diagnosis.
    const field = error instanceof DepotError ? diagnosisFields.find((f) => error.fieldsSaid?.[f]) : undefined;
    if (error instanceof DepotError && field) {
      throw new DepotError('invalid', error.said, { [`diagnosis.${field}`]: error.fieldsSaid![field]! });
    }
    throw error;
  });
  await touchCase(trx, at, input);
  const values = {
    symptom_confirmed: d.symptomConfirmed ? 1 : 0,
    fault_category: d.faultCategory,
    fault: d.fault,
    damage_level: d.damageLevel,
    physical_damage: d.physicalDamage ? 1 : 0,
    liquid_damage: d.liquidDamage ? 1 : 0,
    tampering: d.tampering ? 1 : 0,
    test_results: d.testResults,
    internal_notes: d.internalNotes,
    customer_notes: d.customerNotes,
    proof_of_purchase: d.proofOfPurchase ? 1 : 0,
    extended_until: d.extendedUntil,
    warranty_covered: decision.covered ? 1 : 0,
    warranty_rule: decision.rule,
    warranty_reason: decision.reason,
    warranty_until: decision.until,
    warranty_params: JSON.stringify(decision.params),
    major_repair: d.majorRepair ? 1 : 0,
    distance_sale: d.distanceSale ? 1 : 0,
    goods_received_on: d.goodsReceivedOn,
    remedies: JSON.stringify(remedies),
    decided_on: today,
    diagnosed_by: userIdOf(caller),
    diagnosed_at: at,
  };
  await trx
    .insertInto('diagnoses')
    .values({ case_id: row.id, ...values })
    .onConflict((oc) => oc.column('case_id').doUpdateSet(values))
    .execute();
}

const diagnosisOf = (d: DiagnosisRow): Diagnosis => ({
  symptomConfirmed: d.symptom_confirmed === 1,
  faultCategory: d.fault_category,
  fault: d.fault,
  damageLevel: d.damage_level as 1 | 2 | 3 | null,
  physicalDamage: d.physical_damage === 1,
  liquidDamage: d.liquid_damage === 1,
  tampering: d.tampering === 1,
  testResults: d.test_results,
  internalNotes: d.internal_notes,
  customerNotes: d.customer_notes,
  proofOfPurchase: d.proof_of_purchase === 1,
  extendedUntil: d.extended_until,
  majorRepair: d.major_repair === 1,
  distanceSale: d.distance_sale === 1,
  goodsReceivedOn: d.goods_received_on,
});

export async function workLog(db: Db, caseId: number): Promise<WorkEntry[]> {
  const rows = await db
    .selectFrom('bench_work')
    .leftJoin('users', 'users.id', 'bench_work.user_id')
    .selectAll('bench_work')
    .select('users.name as user_name')
    .where('bench_work.case_id', '=', caseId)
    .orderBy('bench_work.id')
    .execute();
  const moves = await repairMovesOf(db, caseId);
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    userName: r.user_name,
    kind: r.kind as WorkEntry['kind'],
    workDone: r.work_done,
    minutes: r.minutes,
    newSerial: r.new_serial,
    parts: moves
      .filter((m) => Number(m.work_id) === Number(r.id))
      .map((m) => ({ sku: m.sku, name: m.name, quantity: -m.delta, stockReason: m.reason })),
  }));
}

/** The remedies saved with the diagnosis, with the delays of a visit still on the bench as they stand today. */
async function remediesToday(ctx: ServiceContext, caseId: number, status: Status, saved: RemedyDecision, covered: boolean) {
  if (!benchStatuses.includes(status)) return saved;
  const [site, settings, facts] = await Promise.all([requireSite(ctx.db), readBenchSettings(ctx.db), warrantyFactsOf(ctx.db, caseId)]);
  const visit = await visitOf(ctx.db, caseId, facts.received_at, ctx.now, site.timeZone);
  const today = calendarDateIn(ctx.now, site.timeZone);
  return withDelays(saved, settings.policy, { region: facts.country, productLine: facts.product_line ?? '', visit, today, covered });
}

/** Everything the bench shows about a case. */
export async function getBenchCase(ctx: ServiceContext, rma: string): Promise<BenchCase> {
  const db = ctx.db;
  const row = await benchCaseHead(db, rma);
  if (!row) throw new DepotError('not_found', casesMessages.noCase({ rma }));
  const caseId = Number(row.id);
  const [site, settings, saved, work] = await Promise.all([
    requireSite(db),
    readBenchSettings(db),
    diagnosisRow(db, caseId),
    workLog(db, caseId),
  ]);
  const today = calendarDateIn(ctx.now, site.timeZone);
  const estimates = await estimateViews(db, caseId, today);
  let diagnosis: Diagnosis;
  if (saved) diagnosis = diagnosisOf(saved);
  else {
    const intake = await receiptOf(db, caseId);
    diagnosis = {
      symptomConfirmed: true,
      faultCategory: null,
      fault: null,
      damageLevel: null,
      physicalDamage: intake?.physical_damage === 1,
      liquidDamage: intake?.liquid_damage === 1,
      tampering: false,
      testResults: null,
      internalNotes: null,
      customerNotes: null,
      proofOfPurchase: row.purchase_date !== null,
      extendedUntil: null,
      majorRepair: false,
      distanceSale: false,
      goodsReceivedOn: null,
    };
  }
  const status = row.status as Status;
  const warranty = saved ? warrantyOf(saved) : null;
  const remedies = saved?.remedies && warranty ? await remediesToday(ctx, caseId, status, JSON.parse(saved.remedies) as RemedyDecision, warranty.covered) : null;
  const chooser = saved?.remedy_chosen_by ? await userNameOf(db, saved.remedy_chosen_by) : undefined;
  const remedyChosen =
    saved?.remedy_chosen && saved.remedy_chosen_at
      ? { remedy: saved.remedy_chosen as Remedy, at: saved.remedy_chosen_at, by: chooser?.name ?? null }
      : null;
  const gate = repairGate(status, saved ? { covered: warranty!.covered, symptomConfirmed: diagnosis.symptomConfirmed } : null, estimates, site.currency);
  return {
    rma: row.rma,
    version: row.version,
    status,
    resolution: row.resolution as Resolution | null,
    assignedTo: row.assigned_to !== null && row.name !== null ? { id: Number(row.assigned_to), name: row.name } : null,
    currency: site.currency,
    diagnosis,
    diagnosed: saved ? { at: saved.diagnosed_at, by: saved.diagnosed_name } : null,
    warranty,
    remedies,
    remedyChosen,
    estimates,
    work,
    minutesSpent: work.reduce((sum, w) => sum + w.minutes, 0),
    repairGate: { allowed: gate.allowed, reason: gate.reason?.text ?? null },
    repairGateSaid: gate.reason,
    rates: settings.rates,
    returnShippingFee: settings.returnShippingFee,
    faultCategories: settings.faultCategories,
  };
}
