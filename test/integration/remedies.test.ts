import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/base/node/core.ts';
import type { Result } from '../../src/base/common/result.ts';
import type { BenchCase, DiagnosisInput } from '../../src/features/bench/common/bench.ts';
import type { RegionalRuleSet } from '../../src/features/warranty/common/index.ts';
import { asRole, freshCore, stockUnitFor, unwrap } from '../helpers.ts';

/** A fixed clock: 2026-03-10 12:00 in Seoul. */
let clock = new Date('2026-03-10T03:00:00Z');
const cores: Core[] = [];

async function start() {
  clock = new Date('2026-03-10T03:00:00Z');
  const core = await freshCore({ demo: true, now: () => clock });
  cores.push(core);
  return {
    core,
    tech: await asRole(core, 'technician'),
    admin: await asRole(core, 'admin'),
    clerk: await asRole(core, 'clerk'),
    warehouse: await asRole(core, 'warehouse'),
  };
}
type Depot = Awaited<ReturnType<typeof start>>;

/** Noon in Seoul on the day given. */
const noonOn = (day: string) => new Date(`${day}T03:00:00Z`);

const addresses = {
  CN: { name: '王小明', line1: '上海市浦东新区世纪大道100号', city: '上海', postalCode: '200120', country: 'CN', phone: '+86 138 0013 8000' },
  KR: { name: '김민수', line1: '서울특별시 마포구 월드컵북로 396', city: 'Seoul', postalCode: '03925', country: 'KR', phone: '010-1234-5678' },
  GR: { name: 'Μαρία Κωνσταντίνου', line1: 'Λεωφόρος Νίκης 12', city: 'Θεσσαλονίκη', postalCode: '54624', country: 'GR', phone: '+30 2310 555 111' },
};

/** A desk case for the unit, received at the dock and taken to the bench on the clock's day. */
async function onTheBench(
  depot: Depot,
  unit: { serial: string; region: keyof typeof addresses; purchaseDate: string; locale?: 'en' | 'ko' | 'zh' },
): Promise<BenchCase> {
  const address = addresses[unit.region];
  const created = unwrap(
    await depot.clerk('cases.create', {
      customer: { name: address.name, email: 'customer@example.com', phone: address.phone, locale: unit.locale ?? 'en' },
      returnAddress: address,
      model: 'AX-100',
      serial: unit.serial,
      purchaseDate: unit.purchaseDate,
      problemDescription: 'Stops after a few minutes',
    }),
  );
  const condition = { packaging: 'intact' as const, physicalDamage: false, liquidDamage: false, accessories: [] };
  unwrap(await depot.warehouse('receiving.receive', { rma: created.rma, version: created.version, serial: unit.serial, condition }));
  return unwrap(await depot.tech('bench.take', { rma: created.rma, version: created.version + 1 }));
}

const found = (faultCategory: string, more: Partial<DiagnosisInput> = {}): DiagnosisInput => ({
  symptomConfirmed: true,
  faultCategory,
  fault: `${faultCategory} fails under load`,
  damageLevel: 1,
  physicalDamage: false,
  liquidDamage: false,
  tampering: false,
  testResults: 'Fails the soak test',
  internalNotes: '',
  customerNotes: '',
  proofOfPurchase: true,
  extendedUntil: null,
  ...more,
});

const diagnose = async (depot: Depot, bench: BenchCase, diagnosis: DiagnosisInput) =>
  unwrap(await depot.tech('bench.diagnose', { rma: bench.rma, version: bench.version, diagnosis }));

let tracking = 601_000_000_000;

/** Repairs the unit (against a paid estimate when not covered), passes QA and ships it back. */
async function repairAndShip(depot: Depot, diagnosed: BenchCase): Promise<void> {
  const { rma } = diagnosed;
  let bench = diagnosed;
  if (!bench.warranty!.covered) {
    bench = unwrap(await depot.tech('bench.issueEstimate', { rma, version: bench.version, lines: [{ kind: 'labor', damageLevel: 2 }] }));
    unwrap(await depot.clerk('bench.recordDecision', { rma, estimateVersion: 1, decision: 'accepted' }));
    bench = unwrap(await depot.clerk('bench.recordPayment', { rma, estimateVersion: 1, amount: bench.estimates[0]!.totals.total, reference: 'Card 1234' }));
  }
  const actions = ['startRepair', 'toQa', 'qaPass'] as const;
  for (const action of bench.status === 'repairing' ? actions.slice(1) : actions) {
    if (action === 'toQa') bench = unwrap(await depot.tech('bench.logWork', { rma, version: bench.version, workDone: 'Replaced the cell', minutes: 30, parts: [] }));
    bench = unwrap(await depot.tech('bench.advance', { rma, version: bench.version, action }));
  }
  tracking += 1;
  unwrap(await depot.clerk('shipping.ship', { rma, version: bench.version, shipment: { carrier: 'CJ Logistics', weightGrams: 800, tracking: String(tracking) } }));
}

afterEach(async () => {
  for (const core of cores.splice(0)) await core.database.close();
});

function refusedAt<T>(result: Result<T>, field: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) return '';
  expect(Object.keys(result.error.fields ?? {})).toContain(field);
  return result.error.fields![field]!;
}

describe('the consumer rules in the bench settings', () => {
  it('come with China and Korea, and the admin changes any number of them', async () => {
    const { tech, admin } = await start();
    const { currency: _currency, ...settings } = unwrap(await tech('bench.settings', {}));
    expect(settings.policy.regional.map((set) => set.region)).toEqual(['CN', 'KR']);
    const kr = settings.policy.regional[1]!;
    expect(kr.rules.find((r) => r.kind === 'repeat_same_fault')).toMatchObject({ afterRepairs: 2, remedies: ['exchange', 'refund'] });

    const stricter: RegionalRuleSet = {
      ...kr,
      rules: kr.rules.map((r) => (r.kind === 'repeat_same_fault' ? { ...r, afterRepairs: 3 } : r)),
    };
    const speakers: RegionalRuleSet = { region: 'KR', productLine: 'Speakers', rules: [{ kind: 'exchange_restarts', clause: 'House rule 4' }] };
    const saved = unwrap(
      await admin('bench.updateSettings', { ...settings, policy: { ...settings.policy, regional: [settings.policy.regional[0]!, stricter, speakers] } }),
    );
    expect(saved.policy.regional[1]!.rules.find((r) => r.kind === 'repeat_same_fault')).toMatchObject({ afterRepairs: 3 });
    expect(unwrap(await tech('bench.settings', {})).policy.regional[2]).toEqual(speakers);
  });

  it('refuse a bad rule at its field and keep what was saved', async () => {
    const { tech, admin } = await start();
    const { currency: _currency, ...settings } = unwrap(await tech('bench.settings', {}));
    const cn = settings.policy.regional[0]!;
    const bad = (regional: unknown) => admin('bench.updateSettings', { ...settings, policy: { ...settings.policy, regional } } as never);
    expect(refusedAt(await bad([{ ...cn, rules: [{ kind: 'early_fault', within: { unit: 'months', count: 0 }, majorOnly: false, remedies: ['refund'], clause: 'x' }] }]), 'policy.regional.0.rules.0.within.count')).toBe(
      'Period must be between 1 and 120 months',
    );
    expect(refusedAt(await bad([cn, cn]), 'policy.regional.1.region')).toBe('CN is listed twice');
    expect(unwrap(await tech('bench.settings', {})).policy.regional).toEqual(settings.policy.regional);
  });
});

describe('remedies decided with the diagnosis', () => {
  it('offers return, exchange or repair for a Chinese unit that fails 6 days after purchase, and saves them', async () => {
    const depot = await start();
    let bench = await onTheBench(depot, { serial: 'CN-7D-0001', region: 'CN', purchaseDate: '2026-03-04' });
    expect(bench.remedies).toBeNull();
    bench = await diagnose(depot, bench, found('Battery'));
    expect(bench.warranty).toMatchObject({ covered: true, rule: 'standard' });
    expect(bench.remedies).toMatchObject({ region: 'CN', remedies: ['refund', 'exchange', 'repair'] });
    expect(bench.remedies!.grants[0]).toMatchObject({
      rule: 'early_fault',
      clause: '部分商品修理更换退货责任规定 第九条',
      reason: { code: 'warranty.earlyFaultDays', params: { reportedOn: '2026-03-10', day: 6, purchaseDate: '2026-03-04', count: 7 } },
    });
    const caseId = (await depot.core.db.selectFrom('cases').select('id').where('rma', '=', bench.rma).executeTakeFirstOrThrow()).id;
    const saved = await depot.core.db.selectFrom('diagnoses').select('remedies').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(JSON.parse(saved.remedies!)).toEqual(bench.remedies);

    // The day the fault was raised decides, not the day the bench looks again.
    clock = noonOn('2026-03-30');
    expect(unwrap(await depot.tech('bench.get', { rma: bench.rma })).remedies).toEqual(bench.remedies);
  });

  it('keeps the purchase facts the rules ask about, and refuses a receipt after today at its field', async () => {
    const depot = await start();
    let bench = await onTheBench(depot, { serial: 'KR-DS-0001', region: 'KR', purchaseDate: '2026-02-20' });
    const refused = await depot.tech('bench.diagnose', { rma: bench.rma, version: bench.version, diagnosis: found('Battery', { goodsReceivedOn: '2026-03-11' }) });
    expect(refused).toMatchObject({ ok: false, error: { fields: { 'diagnosis.goodsReceivedOn': 'Goods received 2026-03-11 is after today (2026-03-10)' } } });
    bench = await diagnose(depot, bench, found('Battery', { distanceSale: true, goodsReceivedOn: '2026-03-05', majorRepair: true }));
    expect(bench.diagnosis).toMatchObject({ distanceSale: true, goodsReceivedOn: '2026-03-05', majorRepair: true });
    // Bought 18 days ago with a major fault: exchange or free repair within the month.
    expect(bench.remedies!.grants.map((g) => g.rule)).toEqual(['early_fault']);
    expect(bench.remedies!.remedies).toEqual(['exchange', 'repair']);
  });

  it('gives a Greek unit the same fault only the warranty repair', async () => {
    const depot = await start();
    const bench = await diagnose(depot, await onTheBench(depot, { serial: 'GR-7D-0001', region: 'GR', purchaseDate: '2026-03-04' }), found('Battery'));
    expect(bench.remedies).toEqual({ region: null, remedies: ['repair'], grants: [] });
  });

  it('offers exchange or refund when a Korean unit comes back with the same fault a third time', async () => {
    const depot = await start();
    const unit = { serial: 'KR-3X-0001', region: 'KR' as const, purchaseDate: '2025-09-01' };
    clock = noonOn('2025-10-01');
    const first = await diagnose(depot, await onTheBench(depot, unit), found('Battery'));
    expect(first.remedies!.grants).toEqual([]);
    await repairAndShip(depot, first);

    clock = noonOn('2025-12-01');
    const second = await diagnose(depot, await onTheBench(depot, unit), found('Battery'));
    expect(second.remedies).toMatchObject({ remedies: ['repair'], grants: [] });
    await repairAndShip(depot, second);

    clock = noonOn('2026-03-10');
    let third = await onTheBench(depot, unit);
    // Another fault after two repairs is not yet the same defect again.
    third = await diagnose(depot, third, found('Display'));
    expect(third.remedies).toMatchObject({ remedies: ['repair'], grants: [] });
    third = await diagnose(depot, third, found('Battery'));
    expect(third.remedies).toMatchObject({
      region: 'KR',
      remedies: ['refund', 'exchange', 'repair'],
      grants: [{ rule: 'repeat_same_fault', remedies: ['refund', 'exchange'], reason: { params: { faultCategory: 'Battery', repairs: 2 } } }],
    });
  });

  it('covers a Korean paid repair whose fault is back within 2 months, and only that fault', async () => {
    const depot = await start();
    const { currency: _currency, ...settings } = unwrap(await depot.tech('bench.settings', {}));
    // The depot's own repair warranty off: the regional rule alone decides.
    unwrap(await depot.admin('bench.updateSettings', { ...settings, policy: { ...settings.policy, repairWarrantyDays: 0 } }));
    const unit = { serial: 'KR-2M-0001', region: 'KR' as const, purchaseDate: '2022-01-10' };
    clock = noonOn('2026-01-05');
    const paid = await diagnose(depot, await onTheBench(depot, unit), found('Battery'));
    expect(paid.warranty!.covered).toBe(false);
    await repairAndShip(depot, paid);

    clock = noonOn('2026-03-05');
    let back = await onTheBench(depot, unit);
    back = await diagnose(depot, back, found('Display'));
    expect(back.warranty).toMatchObject({ covered: false, rule: 'expired' });
    back = await diagnose(depot, back, found('Battery'));
    expect(back.warranty).toMatchObject({ covered: true, rule: 'paid_repair_recurrence', until: '2026-03-05', params: { deliveredOn: '2026-01-05' } });
    expect(back.remedies).toMatchObject({ remedies: ['repair'], grants: [{ rule: 'paid_repair_recurrence' }] });
    expect(back.repairGate.allowed).toBe(true);

    clock = noonOn('2026-03-06');
    const late = await diagnose(depot, back, found('Battery'));
    expect(late.warranty).toMatchObject({ covered: false });
  });

  it('adds an exchange while a Chinese unit waits for parts more than 90 days, and counts its days in repair later', async () => {
    const depot = await start();
    let bench = await diagnose(depot, await onTheBench(depot, { serial: 'CN-90-0001', region: 'CN', purchaseDate: '2025-12-01' }), found('Main board'));
    bench = unwrap(await depot.tech('bench.advance', { rma: bench.rma, version: bench.version, action: 'startRepair' }));
    bench = unwrap(await depot.tech('bench.advance', { rma: bench.rma, version: bench.version, action: 'waitParts' }));
    clock = noonOn('2026-06-08'); // 90 days after 2026-03-10
    expect(unwrap(await depot.tech('bench.get', { rma: bench.rma })).remedies!.grants).toEqual([]);
    clock = noonOn('2026-06-09');
    bench = unwrap(await depot.tech('bench.get', { rma: bench.rma }));
    expect(bench.remedies).toMatchObject({
      remedies: ['exchange', 'repair'],
      grants: [{ rule: 'parts_delay', remedies: ['exchange'], reason: { params: { sentOn: '2026-03-10', days: 91, overDays: 90 } } }],
    });

    // Repaired at last: on its next visit, the 91 days waiting for parts and in repair extend the warranty.
    bench = unwrap(await depot.tech('bench.advance', { rma: bench.rma, version: bench.version, action: 'resumeRepair' }));
    await repairAndShip(depot, bench);
    clock = noonOn('2027-12-20');
    const next = await diagnose(depot, await onTheBench(depot, { serial: 'CN-90-0001', region: 'CN', purchaseDate: '2025-12-01' }), found('Battery'));
    expect(next.warranty).toMatchObject({ covered: true, rule: 'standard', until: '2028-03-01', params: { pausedDays: 91 } });
  });
});

describe("the customer's choice", () => {
  it('closes a Chinese case as refunded when the customer takes the refund, and tells the portal', async () => {
    const depot = await start();
    const bench = await diagnose(depot, await onTheBench(depot, { serial: 'CN-RF-0001', region: 'CN', purchaseDate: '2026-03-05' }), found('Battery'));
    const refunded = unwrap(await depot.clerk('bench.chooseRemedy', { rma: bench.rma, version: bench.version, remedy: 'refund' }));
    expect(refunded).toMatchObject({ status: 'closed', resolution: 'refunded', remedyChosen: { remedy: 'refund', by: 'Eleni Papadopoulou' } });
    const detail = unwrap(await depot.clerk('cases.get', { rma: bench.rma }));
    expect(detail.history.at(-1)).toMatchObject({ from: 'diagnosing', to: 'closed', note: 'The customer chose a refund: closed as refunded' });
    const caseId = (await depot.core.db.selectFrom('cases').select('id').where('rma', '=', bench.rma).executeTakeFirstOrThrow()).id;
    const pushed = await depot.core.db.selectFrom('portal_outbox').select('body').where('case_id', '=', caseId).where('kind', '=', 'status').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(pushed.body)).toMatchObject({ status: 'completed', details: { resolution: 'refunded' } });
    // Closed: nothing more to choose.
    expect((await depot.clerk('bench.chooseRemedy', { rma: bench.rma, version: refunded.version, remedy: 'repair' })).ok).toBe(false);
  });

  it('refuses a remedy the rules do not offer at its field, and records one they do without moving the case', async () => {
    const depot = await start();
    const bench = await diagnose(depot, await onTheBench(depot, { serial: 'GR-RF-0001', region: 'GR', purchaseDate: '2026-03-05' }), found('Battery'));
    const before = await depot.core.db.selectFrom('diagnoses').select('remedy_chosen').where('remedy_chosen', 'is not', null).execute();
    expect(refusedAt(await depot.clerk('bench.chooseRemedy', { rma: bench.rma, version: bench.version, remedy: 'refund' }), 'remedy')).toBe(
      "This unit's warranty and regional rules do not offer that remedy",
    );
    expect(await depot.core.db.selectFrom('diagnoses').select('remedy_chosen').where('remedy_chosen', 'is not', null).execute()).toEqual(before);
    expect((await depot.warehouse('bench.chooseRemedy', { rma: bench.rma, version: bench.version, remedy: 'repair' })).ok).toBe(false);
    const repair = unwrap(await depot.tech('bench.chooseRemedy', { rma: bench.rma, version: bench.version, remedy: 'repair' }));
    expect(repair).toMatchObject({ status: 'diagnosing', version: bench.version + 1, remedyChosen: { remedy: 'repair', by: 'Wei Zhang' } });
    // Refunds close a case only through the bench, never as a plain status change.
    expect((await depot.clerk('cases.transition', { rma: bench.rma, version: repair.version, to: 'closed', resolution: 'refunded' })).ok).toBe(false);
  });
});

/** The text of a case's document as the customer holds it. */
async function documentText(depot: Depot, rma: string, kind: 'estimate' | 'repair_report'): Promise<string> {
  const { pdfBase64 } = unwrap(await depot.clerk('shipping.document', { rma, kind }));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'depot-remedy-')), `${kind}.pdf`);
  fs.writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

async function pushed(depot: Depot, rma: string, kind: 'status' | 'estimate') {
  const rows = await depot.core.db
    .selectFrom('portal_outbox')
    .innerJoin('cases', 'cases.id', 'portal_outbox.case_id')
    .select('portal_outbox.body')
    .where('cases.rma', '=', rma)
    .where('portal_outbox.kind', '=', kind)
    .orderBy('portal_outbox.id')
    .execute();
  return rows.map((r) => JSON.parse(r.body));
}

describe('what the customer is told of the remedies', () => {
  it('puts them on the estimate and the repair report, and sends them to the portal with the estimate and the completion', async () => {
    const depot = await start();
    let bench = await diagnose(depot, await onTheBench(depot, { serial: 'CN-DOC-0001', region: 'CN', purchaseDate: '2026-03-04' }), found('Battery'));
    bench = unwrap(await depot.tech('bench.issueEstimate', { rma: bench.rma, version: bench.version, lines: [{ kind: 'labor', damageLevel: 1 }] }));

    const [estimate] = await pushed(depot, bench.rma, 'estimate');
    expect(estimate.remedies.map((r: { remedy: string }) => r.remedy)).toEqual(['refund', 'exchange', 'repair']);
    expect(estimate.remedies[0].reason).toBe('Fault raised on 2026-03-10, day 6 after the purchase on 2026-03-04: within 7 days (部分商品修理更换退货责任规定 第九条)');
    const estimatePdf = await documentText(depot, bench.rma, 'estimate');
    expect(estimatePdf).toContain('Your remedies');
    expect(estimatePdf).toContain('You may ask for: Refund, Exchange, Repair');
    // A reason for all three at once, with its clause (the PDF's lines break inside Chinese text).
    expect(estimatePdf).toContain('Refund, Exchange, Repair: Fault raised on 2026-03-10, day 6 after the purchase on 2026-03-04: within 7 days');
    expect(estimatePdf.replace(/\s/g, '')).toContain('部分商品修理更换退货责任规定第九条');

    unwrap(await depot.clerk('bench.chooseRemedy', { rma: bench.rma, version: bench.version, remedy: 'refund' }));
    const completed = (await pushed(depot, bench.rma, 'status')).at(-1);
    expect(completed).toMatchObject({ status: 'completed', details: { resolution: 'refunded', remedy: 'refund', remedyReason: estimate.remedies[0].reason } });
    const report = await documentText(depot, bench.rma, 'repair_report');
    expect(report).toContain('Refunded');
    expect(report).toContain('You chose: Refund');
    expect(report).toContain('Refund, Exchange, Repair: Fault raised on 2026-03-10, day 6');
  });

  it("tells a Chinese customer in Chinese: the estimate, the portal's remedies, the completion and the repair report", async () => {
    const depot = await start();
    let bench = await diagnose(depot, await onTheBench(depot, { serial: 'CN-ZH-0001', region: 'CN', purchaseDate: '2026-03-04', locale: 'zh' }), found('Battery'));
    bench = unwrap(await depot.tech('bench.issueEstimate', { rma: bench.rma, version: bench.version, lines: [{ kind: 'labor', damageLevel: 1 }] }));

    const reason = '2026-03-10 报修，2026-03-04 购买后第 6 天：在 7 日内（部分商品修理更换退货责任规定 第九条）';
    const [estimate] = await pushed(depot, bench.rma, 'estimate');
    expect(estimate.remedies).toEqual([
      { remedy: 'refund', reason },
      { remedy: 'exchange', reason },
      { remedy: 'repair', reason },
    ]);
    expect(estimate.warranty.reason).toBe('2026-03-04 购买，在 24 个月保修期内（至 2028-03-04）');
    expect(estimate.lines[0].description).toBe('损坏等级 1');
    const estimatePdf = (await documentText(depot, bench.rma, 'estimate')).replace(/\s/g, '');
    for (const words of ['报价单', '第1版', '您可选择的处理方式', '您可以要求：退货退款、换货、修理', '退货退款、换货、修理：2026-03-10报修', '在保。', '损坏等级1']) {
      expect(estimatePdf).toContain(words);
    }
    expect(estimatePdf).not.toMatch(/Estimate|Yourremedies|Faultraised/);

    unwrap(await depot.clerk('bench.chooseRemedy', { rma: bench.rma, version: bench.version, remedy: 'exchange' }));
    unwrap(await depot.clerk('bench.recordDecision', { rma: bench.rma, estimateVersion: 1, decision: 'accepted' }));
    unwrap(await depot.clerk('bench.recordPayment', { rma: bench.rma, estimateVersion: 1, amount: bench.estimates[0]!.totals.total, reference: '支付宝' }));
    bench = unwrap(await depot.tech('bench.get', { rma: bench.rma }));
    bench = unwrap(await depot.tech('bench.advance', { rma: bench.rma, version: bench.version, action: 'startRepair' }));
    await stockUnitFor(depot.core, bench.rma, 'CN-ZH-0002');
    bench = unwrap(await depot.tech('bench.logWork', { rma: bench.rma, version: bench.version, workDone: '更换新机', minutes: 15, parts: [], replacementSerial: 'CN-ZH-0002' }));
    bench = unwrap(await depot.tech('bench.advance', { rma: bench.rma, version: bench.version, action: 'toQa' }));
    bench = unwrap(await depot.tech('bench.advance', { rma: bench.rma, version: bench.version, action: 'qaPass' }));
    const shipped = unwrap(await depot.clerk('shipping.ship', { rma: bench.rma, version: bench.version, shipment: { carrier: 'CJ Logistics', weightGrams: 800, tracking: '601999000001' } }));
    unwrap(await depot.clerk('shipping.close', { rma: bench.rma, version: shipped.version }));
    const completed = (await pushed(depot, bench.rma, 'status')).find((body) => body.status === 'completed');
    expect(completed).toMatchObject({ details: { remedy: 'exchange', remedyReason: reason } });
    const report = (await documentText(depot, bench.rma, 'repair_report')).replace(/\s/g, '');
    for (const words of ['维修报告', '处理结果已换新', '换新设备序列号CN-ZH-0002', '您的选择：换货', '第1版报价，已接受', '支付宝', '更换新机15分钟']) {
      expect(report).toContain(words);
    }
  });

  it('tells a customer whose region adds nothing only the warranty', async () => {
    const depot = await start();
    let bench = await diagnose(depot, await onTheBench(depot, { serial: 'GR-DOC-0001', region: 'GR', purchaseDate: '2026-03-04' }), found('Battery'));
    bench = unwrap(await depot.tech('bench.issueEstimate', { rma: bench.rma, version: bench.version, lines: [{ kind: 'labor', damageLevel: 1 }] }));
    const [estimate] = await pushed(depot, bench.rma, 'estimate');
    expect(estimate).not.toHaveProperty('remedies');
    expect(await documentText(depot, bench.rma, 'estimate')).not.toContain('Your remedies');
  });
});

describe('the repair time limit on the dashboard', () => {
  it('shows a covered Chinese unit a week before its 30 days in repair pass, and after; never a Korean or an uncovered one', async () => {
    const depot = await start();
    const inRepair = async (serial: string, region: keyof typeof addresses, purchaseDate: string) => {
      let bench = await diagnose(depot, await onTheBench(depot, { serial, region, purchaseDate }), found('Battery'));
      if (!bench.warranty!.covered) {
        bench = unwrap(await depot.tech('bench.issueEstimate', { rma: bench.rma, version: bench.version, lines: [{ kind: 'labor', damageLevel: 1 }] }));
        unwrap(await depot.clerk('bench.recordDecision', { rma: bench.rma, estimateVersion: 1, decision: 'accepted' }));
        bench = unwrap(await depot.clerk('bench.recordPayment', { rma: bench.rma, estimateVersion: 1, amount: bench.estimates[0]!.totals.total, reference: 'Card' }));
        if (bench.status === 'repairing') return bench.rma;
      }
      return unwrap(await depot.tech('bench.advance', { rma: bench.rma, version: bench.version, action: 'startRepair' })).rma;
    };
    const chinese = await inRepair('CN-30-0001', 'CN', '2025-12-01');
    const korean = await inRepair('KR-30-0001', 'KR', '2025-12-01');
    const uncovered = await inRepair('CN-30-0002', 'CN', '2020-01-01');
    const watched = async () => (unwrap(await depot.tech('bench.delayWatch', {})) as { rma: string }[]).filter((w) => [chinese, korean, uncovered].includes(w.rma));

    clock = noonOn('2026-04-01'); // 22 days in repair
    expect(await watched()).toEqual([]);
    clock = noonOn('2026-04-02');
    expect(await watched()).toEqual([
      { rma: chinese, status: 'repairing', region: 'CN', repairDays: 23, overDays: 30, daysLeft: 7, clause: '部分商品修理更换退货责任规定 第十二条' },
    ]);
    clock = noonOn('2026-04-12');
    expect(await watched()).toMatchObject([{ rma: chinese, repairDays: 33, daysLeft: -3 }]);
  });
});
