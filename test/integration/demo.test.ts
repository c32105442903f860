import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDateIn } from '../../src/base/common/dates.ts';
import type { Core } from '../../src/base/node/core.ts';
import { findTransition, statuses, type Status } from '../../src/features/cases/common/status.ts';
import { packagingStates } from '../../src/features/receiving/common/receiving.ts';
import { trackingProblem } from '../../src/features/shipping/common/shipping.ts';
import { freshCore } from '../helpers.ts';

/**
 * The demo is a true story: read back from the database, every case holds what its status implies,
 * in the words its customer would use, and nothing the app itself could not have written.
 */

let core: Core;
beforeAll(async () => {
  core = await freshCore({ demo: true });
});
afterAll(() => core.database.close());

const afterReceipt: readonly Status[] = ['received', 'diagnosing', 'awaiting_customer', 'repairing', 'waiting_parts', 'qa', 'ready_to_ship', 'return_unrepaired', 'shipped', 'closed'];
const onTheBenchForRepair: readonly Status[] = ['repairing', 'waiting_parts', 'qa'];
const fixed = (resolution: string | null) => resolution === 'repaired' || resolution === 'replaced';

async function demoCases() {
  return core.db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .innerJoin('products', 'products.id', 'cases.product_id')
    .select([
      'cases.id',
      'cases.rma',
      'cases.status',
      'cases.resolution',
      'cases.assigned_to',
      'cases.received_at',
      'cases.inbound_tracking',
      'cases.outbound_carrier',
      'cases.outbound_tracking',
      'cases.portal_seq',
      'cases.problem_description',
      'customers.locale',
      'products.product_line',
    ])
    .orderBy('cases.id')
    .execute();
}

const rowsOf = <T extends { case_id: number | null }>(rows: T[], caseId: number) => rows.filter((r) => Number(r.case_id) === Number(caseId));

describe('the demo data', () => {
  it('has cases in every status, each reached by legal moves in the order they were made', async () => {
    const cases = await demoCases();
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(statuses));
    const history = await core.db.selectFrom('case_history').selectAll().orderBy('id').execute();
    for (const c of cases) {
      const moves = rowsOf(history, c.id);
      expect(moves[0]!.from_status, c.rma).toBeNull();
      for (const [k, move] of moves.entries()) {
        if (k === 0) continue;
        expect(move.from_status, `${c.rma} move ${k}`).toBe(moves[k - 1]!.to_status);
        expect(findTransition(move.from_status as Status, move.to_status as Status), `${c.rma}: ${move.from_status} → ${move.to_status}`).toBeDefined();
        expect(move.at >= moves[k - 1]!.at, `${c.rma} move ${k} is in order`).toBe(true);
      }
      expect(moves.at(-1)!.to_status, c.rma).toBe(c.status);
    }
  });

  it('has the intake of every unit that reached the dock, and a technician on every case at the bench', async () => {
    const cases = await demoCases();
    const intakes = await core.db.selectFrom('intakes').selectAll().where('undone_at', 'is', null).execute();
    for (const c of cases) {
      const [intake, ...more] = rowsOf(intakes, c.id);
      if (!afterReceipt.includes(c.status as Status)) {
        expect(intake, c.rma).toBeUndefined();
        continue;
      }
      expect(more, c.rma).toEqual([]);
      expect(c.received_at, c.rma).toBe(intake!.received_at);
      expect(packagingStates, c.rma).toContain(intake!.packaging);
      expect(JSON.parse(intake!.accessories).received.length, `${c.rma} accessories`).toBeGreaterThan(0);
      if (c.status !== 'received') expect(c.assigned_to, c.rma).not.toBeNull();
    }
    for (const c of cases.filter((c) => c.status === 'in_transit')) expect(c.inbound_tracking, c.rma).not.toBeNull();
  });

  it('gives every case awaiting the customer a diagnosis, a warranty decision and an issued, valid estimate the portal has', async () => {
    const cases = (await demoCases()).filter((c) => c.status === 'awaiting_customer');
    expect(cases.length).toBeGreaterThan(0);
    const today = calendarDateIn(core.now(), 'Asia/Seoul');
    for (const c of cases) {
      const diagnosis = await core.db.selectFrom('diagnoses').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
      expect(diagnosis, c.rma).toMatchObject({ symptom_confirmed: 1, warranty_covered: 0 });
      expect(diagnosis.fault, c.rma).toBeTruthy();
      expect(diagnosis.warranty_reason, c.rma).toBeTruthy();
      const estimates = await core.db.selectFrom('estimates').selectAll().where('case_id', '=', c.id).orderBy('version').execute();
      const current = estimates.at(-1)!;
      expect(current, c.rma).toMatchObject({ state: 'issued', decision: null });
      expect(Number(current.total), c.rma).toBeGreaterThan(0);
      expect(current.valid_until >= today, `${c.rma} estimate still valid`).toBe(true);
      const outbox = await core.db.selectFrom('portal_outbox').selectAll().where('case_id', '=', c.id).orderBy('id').execute();
      const pushed = outbox.find((o) => o.path.endsWith(`/estimates/${current.version}`));
      expect(JSON.parse(pushed!.body).total, c.rma).toBe(Number(current.total));
      const status = JSON.parse(outbox.filter((o) => o.kind === 'status').at(-1)!.body);
      expect(status, c.rma).toMatchObject({ status: 'awaiting_customer', details: { estimateVersion: current.version } });
    }
  });

  it('repairs only what was diagnosed and, out of warranty, accepted and paid; with work, time and parts or a replacement serial', async () => {
    const cases = (await demoCases()).filter((c) => onTheBenchForRepair.includes(c.status as Status) || fixed(c.resolution));
    expect(cases.length).toBeGreaterThan(0);
    const work = await core.db.selectFrom('bench_work').selectAll().execute();
    const moves = await core.db.selectFrom('stock_moves').selectAll().where('kind', '=', 'repair').execute();
    for (const c of cases) {
      const diagnosis = await core.db.selectFrom('diagnoses').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
      expect(diagnosis.symptom_confirmed, c.rma).toBe(1);
      if (diagnosis.warranty_covered === 0) {
        const accepted = await core.db.selectFrom('estimates').selectAll().where('case_id', '=', c.id).where('state', '=', 'accepted').executeTakeFirstOrThrow();
        const desk = await core.db.selectFrom('estimate_payments').select('amount').where('case_id', '=', c.id).where('estimate_version', '=', accepted.version).execute();
        const portal = await core.db.selectFrom('portal_payments').select('amount').where('case_id', '=', c.id).where('estimate_version', '=', accepted.version).execute();
        const paid = [...desk, ...portal].reduce((sum, p) => sum + Number(p.amount), 0);
        expect(paid, `${c.rma} paid`).toBe(Number(accepted.total));
      }
      const entries = rowsOf(work, c.id);
      expect(entries.length, `${c.rma} work`).toBeGreaterThan(0);
      expect(entries.every((w) => w.minutes > 0), `${c.rma} time`).toBe(true);
      if (c.status === 'waiting_parts') continue;
      const replacement = entries.find((w) => w.kind === 'replacement');
      if (c.resolution === 'replaced' || replacement) {
        expect(replacement?.new_serial, `${c.rma} replacement serial`).toBeTruthy();
      } else {
        expect(rowsOf(moves, c.id).length, `${c.rma} parts used`).toBeGreaterThan(0);
      }
    }
  });

  it('resolves the other cases off the bench the way their story went', async () => {
    const cases = await demoCases();
    for (const c of cases.filter((c) => c.resolution === 'no_fault_found')) {
      const diagnosis = await core.db.selectFrom('diagnoses').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
      expect(diagnosis.symptom_confirmed, c.rma).toBe(0);
    }
    for (const c of cases.filter((c) => c.resolution === 'returned_unrepaired')) {
      const estimate = await core.db.selectFrom('estimates').selectAll().where('case_id', '=', c.id).orderBy('version', 'desc').executeTakeFirstOrThrow();
      expect(['declined', 'expired'], c.rma).toContain(estimate.state);
    }
    for (const c of cases.filter((c) => ['ready_to_ship', 'shipped', 'closed'].includes(c.status))) expect(c.resolution, c.rma).not.toBeNull();
  });

  it('ships with a shipment whose tracking number its carrier would accept', async () => {
    const cases = (await demoCases()).filter((c) => c.status === 'shipped' || c.status === 'closed');
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const shipment = await core.db.selectFrom('shipments').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
      expect(trackingProblem(shipment.carrier, shipment.tracking), c.rma).toBeNull();
      expect({ carrier: c.outbound_carrier, tracking: c.outbound_tracking }, c.rma).toEqual({ carrier: shipment.carrier, tracking: shipment.tracking });
      expect(shipment.delivered_at !== null, `${c.rma} delivered`).toBe(c.status === 'closed');
    }
  });

  it('keeps stock as the sum of its moves and never below zero', async () => {
    const parts = await core.db.selectFrom('parts').select(['id', 'sku', 'stock']).execute();
    for (const part of parts) {
      const moves = await core.db.selectFrom('stock_moves').select('delta').where('part_id', '=', part.id).execute();
      expect(moves.reduce((sum, m) => sum + m.delta, 0), part.sku).toBe(part.stock);
      expect(part.stock, part.sku).toBeGreaterThanOrEqual(0);
    }
  });

  it('has told the portal everything, each RMA in one unbroken run of updates', async () => {
    const cases = await demoCases();
    const outbox = await core.db.selectFrom('portal_outbox').selectAll().orderBy('id').execute();
    expect(outbox.filter((o) => o.state !== 'sent')).toEqual([]);
    for (const c of cases) {
      const seqs = outbox.filter((o) => o.rma === c.rma && o.kind === 'status').map((o) => o.seq);
      expect(seqs, c.rma).toEqual(Array.from({ length: c.portal_seq }, (_, k) => k + 1));
    }
  });
});

describe('the demo customers’ words', () => {
  /** Things only some product lines have: a symptom naming one belongs to those lines. */
  const things = [
    { lines: ['Headphones'], words: [/\bear\b/i, /이어/, /耳/, /ακουστικ/i] },
    { lines: ['Headphones'], words: [/noise cancelling/i, /노이즈 캔슬링/, /降噪/, /ακύρωση θορύβου/i] },
    { lines: ['Tablets'], words: [/screen/i, /화면/, /屏幕/, /οθόνη/i] },
  ];

  it('fit the product: no case complains of a part its product does not have, and no two product lines share a complaint', async () => {
    const cases = await demoCases();
    for (const c of cases) {
      for (const thing of things) {
        if (thing.words.some((w) => w.test(c.problem_description))) {
          expect(thing.lines, `${c.rma} (${c.product_line}): ${c.problem_description}`).toContain(c.product_line);
        }
      }
    }
    const linesOf = new Map<string, Set<string>>();
    for (const c of cases) linesOf.set(c.problem_description, (linesOf.get(c.problem_description) ?? new Set()).add(c.product_line));
    expect([...linesOf].filter(([, lines]) => lines.size > 1).map(([text]) => text)).toEqual([]);
  });

  it('are in the customer’s own language', async () => {
    const script = { ko: /\p{Script=Hangul}/u, zh: /\p{Script=Han}/u, el: /\p{Script=Greek}/u } as const;
    for (const c of await demoCases()) {
      const text = c.problem_description;
      const own = script[c.locale as keyof typeof script];
      if (own) expect(own.test(text), `${c.rma} (${c.locale}): ${text}`).toBe(true);
      if (c.locale === 'zh' || c.locale === 'en') expect(script.ko.test(text), `${c.rma} (${c.locale}): ${text}`).toBe(false);
      if (c.locale === 'en') expect(/^[\p{Script=Latin}\p{N}\p{P}\p{Zs}]+$/u.test(text), `${c.rma}: ${text}`).toBe(true);
    }
  });
});
