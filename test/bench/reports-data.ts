import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createCore } from '../../src/base/node/core.ts';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { loadDemo } from '../../src/features/setup/node/setup.ts';
import { normalizeSerial, normalizeTracking } from '../../src/base/common/schemas.ts';
import type { Status } from '../../src/features/cases/common/status.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small deterministic random source, so every run builds the same depot. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Adds `count` cases with their whole working life, straight through SQLite: history step by
 * step, receipt, diagnosis, estimates for those out of warranty (accepted and paid, declined, or
 * left to expire), work logged, QA failures now and then, shipment and closing. Cases are spread
 * evenly over `years` up to `now`, so the newest are still open, where a real depot's are; the
 * last `awaiting` cases were authorized a day ago and wait for the dock.
 */
export function addWorkingDepot(file: string, count: number, now: Date, options: { years: number; awaiting: number }): void {
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const rand = random(20_260_301);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const users = raw.prepare('select id, role from users').all() as { id: number; role: string }[];
  const hashes = (raw.prepare("select pin_hash from users where role = 'technician'").get() as { pin_hash: string }).pin_hash;
  const addUser = raw.prepare("insert into users (name, role, pin_hash, active, created_at) values (?, ?, ?, 1, '2023-01-01T00:00:00.000Z')");
  const techs = users.filter((u) => u.role === 'technician').map((u) => u.id);
  const dock = users.filter((u) => u.role === 'warehouse').map((u) => u.id);
  const desk = users.filter((u) => u.role === 'clerk').map((u) => u.id);
  for (let i = 0; i < 7; i++) techs.push(Number(addUser.run(`Technician ${i + 2}`, 'technician', hashes).lastInsertRowid));
  for (let i = 0; i < 2; i++) dock.push(Number(addUser.run(`Dock ${i + 2}`, 'warehouse', hashes).lastInsertRowid));
  for (let i = 0; i < 2; i++) desk.push(Number(addUser.run(`Clerk ${i + 2}`, 'clerk', hashes).lastInsertRowid));
  const products = raw.prepare('select id from products').all() as { id: number }[];
  const categories = ['Battery', 'Main board', 'Charging port', 'Speaker / driver', 'Display', 'Firmware', 'Other'];

  const customer = raw.prepare("insert into customers (name, email, phone, locale, created_at) values (?, ?, null, 'ko', ?)");
  const kase = raw.prepare(`insert into cases (rma, status, version, customer_id, product_id, serial, serial_norm, purchase_date,
      problem_category, problem_description, inbound_carrier, inbound_tracking, inbound_tracking_norm, source, resolution, assigned_to,
      created_at, updated_at, status_changed_at, received_at, portal_seq) values (?, ?, ?, ?, ?, ?, ?, ?, 'hardware', 'No power', 'CJ', ?, ?, 'portal', ?, ?, ?, ?, ?, ?, 0)`);
  const history = raw.prepare('insert into case_history (case_id, at, user_id, actor, from_status, to_status, note) values (?, ?, ?, ?, ?, ?, null)');
  const intake = raw.prepare(`insert into intakes (case_id, received_by, received_at, serial_scanned, serial_matches, mismatch_reason, packaging,
      physical_damage, liquid_damage, accessories, note) values (?, ?, ?, ?, ?, ?, 'intact', 0, 0, '{"received":[],"other":null}', null)`);
  const diagnosis = raw.prepare(`insert into diagnoses (case_id, symptom_confirmed, fault_category, fault, damage_level, physical_damage, liquid_damage,
      tampering, proof_of_purchase, warranty_covered, warranty_rule, warranty_reason, warranty_params, decided_on, diagnosed_by, diagnosed_at)
      values (?, ?, ?, null, ?, 0, 0, 0, 1, ?, ?, '', '{}', ?, ?, ?)`);
  const estimate = raw.prepare(`insert into estimates (case_id, version, state, currency, lines, tax_rate_bp, subtotal, discount, tax, total, covered_cost,
      valid_until, warranty_covered, warranty_reason, issued_at, issued_by, decision, decided_at, decision_source)
      values (?, 1, ?, 'KRW', ?, 1000, ?, 0, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, 'desk')`);
  const payment = raw.prepare("insert into estimate_payments (case_id, estimate_version, amount, currency, reference, paid_at, recorded_by) values (?, 1, ?, 'KRW', 'CARD', ?, ?)");
  const work = raw.prepare("insert into bench_work (case_id, kind, work_done, minutes, user_id, at) values (?, 'work', 'Repair', ?, ?, ?)");
  const parcel = raw.prepare("insert into unmatched_parcels (carrier, tracking, tracking_norm, created_at, created_by) values ('CJ Logistics', ?, ?, ?, ?)");
  const shipment = raw.prepare("insert into shipments (case_id, carrier, service, weight_grams, tracking, shipped_at, shipped_by) values (?, 'CJ Logistics', 'Standard', 900, ?, ?, ?)");

  const start = now.getTime() - options.years * 365 * DAY;
  const spread = count - options.awaiting;
  const units = Math.max(80_000, Math.round(count * 0.8));
  const insertAll = raw.transaction(() => {
    for (let n = 1; n <= count; n++) {
      const awaitingDock = n > spread;
      const created = awaitingDock ? now.getTime() - DAY - (n - spread) * 1000 : start + ((n - 1) / spread) * (now.getTime() - start - 2 * DAY);
      // One case in five is a unit back again, at any size of depot (at 1,000,000 cases a fixed
      // 80,000 units would bring every unit back twelve times, which no depot sees).
      const serial = `SN${(n % units).toString(36).toUpperCase().padStart(7, '0')}`;
      const tech = pick(techs);
      const covered = rand() < 0.7;
      const steps: { to: Status; at: number; user: number | null; actor: string }[] = [];
      let t = created;
      const step = (to: Status, after: number, user: number | null, actor: string) => {
        t += after;
        steps.push({ to, at: t, user, actor });
      };
      step('authorized', HOUR, null, 'system');
      if (!awaitingDock) {
        step('in_transit', 2 * HOUR, null, 'system');
        step('received', (1 + rand() * 3) * DAY, pick(dock), 'warehouse');
        step('diagnosing', rand() * 2 * DAY, tech, 'technician');
        const noFault = rand() < 0.08;
        let outcome: 'repaired' | 'no_fault_found' | 'returned_unrepaired' = noFault ? 'no_fault_found' : 'repaired';
        let estimateState: string | null = null;
        if (!noFault && (!covered || rand() < 0.2)) {
          step('awaiting_customer', rand() * DAY, tech, 'technician');
          const answer = rand();
          estimateState = answer < 0.75 ? 'accepted' : answer < 0.9 ? 'declined' : 'expired';
          if (estimateState === 'accepted') step('repairing', (1 + rand() * 4) * DAY, tech, 'technician');
          else {
            step('return_unrepaired', (1 + rand() * 14) * DAY, tech, 'technician');
            outcome = 'returned_unrepaired';
          }
        } else if (!noFault) step('repairing', rand() * DAY, tech, 'technician');
        if (outcome === 'repaired') {
          if (rand() < 0.15) {
            step('waiting_parts', rand() * DAY, tech, 'technician');
            step('repairing', (1 + rand() * 5) * DAY, tech, 'technician');
          }
          step('qa', (0.2 + rand() * 2) * DAY, tech, 'technician');
          if (rand() < 0.06) {
            step('repairing', HOUR, tech, 'technician');
            step('qa', (0.2 + rand()) * DAY, tech, 'technician');
          }
        }
        step('ready_to_ship', HOUR + rand() * DAY, outcome === 'returned_unrepaired' ? pick(desk) : tech, 'technician');
        step('shipped', rand() * 2 * DAY, pick(desk), 'clerk');
        step('closed', 7 * DAY, null, 'system');
        const done = steps.filter((s) => s.at <= now.getTime());
        const last = done.at(-1)!;
        const iso = (ms: number) => new Date(ms).toISOString();
        const received = done.find((s) => s.to === 'received');
        const c = customer.run(`고객 ${n}`, `c${n}@example.com`, iso(created));
        const tracking = String(600_000_000_000 + n * 7);
        const id = Number(
          kase.run(
            `RMA-${2023 + Math.floor(n / 1e6)}-${String(n % 1e6).padStart(6, '0')}`,
            last.to,
            done.length + 1,
            c.lastInsertRowid,
            pick(products).id,
            serial,
            normalizeSerial(serial),
            iso(created - (30 + rand() * 700) * DAY).slice(0, 10),
            tracking,
            normalizeTracking(tracking),
            done.some((s) => s.to === 'ready_to_ship') ? outcome : null,
            done.some((s) => s.to === 'diagnosing') ? tech : null,
            iso(created),
            iso(last.at),
            iso(last.at),
            received ? iso(received.at) : null,
          ).lastInsertRowid,
        );
        history.run(id, iso(created), null, 'system', null, 'requested');
        let from: Status = 'requested';
        for (const s of done) {
          history.run(id, iso(s.at), s.user, s.actor, from, s.to);
          from = s.to;
        }
        if (received) intake.run(id, received.user, iso(received.at), serial, rand() < 0.02 ? 0 : 1, null);
        if (received && n % 50 === 0) parcel.run(`7${n}`, `7${n}`, iso(received.at), received.user);
        const diagnosed = done.find((s) => s.to === 'diagnosing');
        if (diagnosed) {
          const at = diagnosed.at + HOUR;
          diagnosis.run(id, noFault ? 0 : 1, noFault ? null : pick(categories), noFault ? null : 1 + Math.floor(rand() * 3), covered ? 1 : 0, covered ? 'standard' : 'expired', iso(at).slice(0, 10), tech, iso(at));
        }
        const awaiting = done.find((s) => s.to === 'awaiting_customer');
        if (awaiting && estimateState) {
          const part = 10_000 + Math.floor(rand() * 90) * 1000;
          const labor = 30_000;
          const charged = covered ? 0 : part + labor;
          const lines = JSON.stringify([
            { kind: 'part', sku: null, description: 'Part', quantity: 1, unitPrice: part, covered, lineTotal: part, chargedTotal: covered ? 0 : part },
            { kind: 'labor', description: null, hours: 1, damageLevel: null, covered, lineTotal: labor, chargedTotal: covered ? 0 : labor },
          ]);
          const decided = done.find((s) => s.at > awaiting.at);
          const state = decided ? estimateState : 'issued';
          const tax = Math.round(charged / 10);
          estimate.run(id, state, lines, charged, tax, charged + tax, covered ? part + labor : 0, iso(awaiting.at + 14 * DAY).slice(0, 10), covered ? 1 : 0, iso(awaiting.at), tech, decided && state !== 'expired' ? state : null, decided ? iso(decided.at) : null);
          if (state === 'accepted' && charged > 0) payment.run(id, charged + tax, iso(decided!.at - HOUR), pick(desk));
        }
        for (const s of done.filter((s) => s.to === 'qa')) work.run(id, 20 + Math.floor(rand() * 100), tech, iso(s.at - HOUR));
        const shipped = done.find((s) => s.to === 'shipped');
        if (shipped) shipment.run(id, String(500_000_000_000 + n), iso(shipped.at), shipped.user);
      } else {
        const iso = (ms: number) => new Date(ms).toISOString();
        const c = customer.run(`고객 ${n}`, `c${n}@example.com`, iso(created));
        const tracking = String(600_000_000_000 + n * 7);
        const id = Number(
          kase.run(`RMA-2026-${String(900_000 + (n - spread)).padStart(6, '0')}`, 'authorized', 2, c.lastInsertRowid, pick(products).id, serial, normalizeSerial(serial),
            '2025-06-01', tracking, normalizeTracking(tracking), null, null, iso(created), iso(t), iso(t), null).lastInsertRowid,
        );
        history.run(id, iso(created), null, 'system', null, 'requested');
        history.run(id, iso(t), null, 'system', 'requested', 'authorized');
      }
    }
  });
  insertAll();
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
}

/** The moment the benchmarks' working depot was built for: its newest cases are a day old then. */
export const workingDepotNow = new Date('2026-06-30T03:00:00Z');
/** Cases authorized a day before then, for the dock to receive in the write benchmarks. */
const AWAITING = 1_200;
/** A depot this big takes minutes to build, so it is built once and kept under ~/.cache/depot. */
const CACHE_FROM = 1_000_000;
/** Bumped whenever addWorkingDepot builds something different, so a kept depot is never stale. */
const DATA_VERSION = 2;

/**
 * The demo and `count` working cases as of workingDepotNow (1,200 of them waiting for the dock) in
 * `file`: built there, or copied from the one kept from an earlier run. `buildSeconds` is 0 when copied.
 */
export async function workingDepotAt(file: string, count: number): Promise<{ buildSeconds: number; note: string }> {
  const now = workingDepotNow;
  const cached = count >= CACHE_FROM ? path.join(os.homedir(), '.cache', 'depot', `bench-reports-${count}-v${DATA_VERSION}.sqlite`) : null;
  if (cached && fs.existsSync(cached)) {
    fs.copyFileSync(cached, file);
    return { buildSeconds: 0, note: `built before, copied from ${cached}` };
  }
  const database = await openSqlite(file);
  await loadDemo(createCore(database, { dataDir: path.dirname(file), now: () => now }));
  await database.close();
  const t0 = performance.now();
  addWorkingDepot(file, count, now, { years: 3, awaiting: AWAITING });
  const buildSeconds = (performance.now() - t0) / 1000;
  if (!cached) return { buildSeconds, note: '' };
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  fs.copyFileSync(file, `${cached}.partial`);
  fs.renameSync(`${cached}.partial`, cached);
  return { buildSeconds, note: `kept in ${cached}` };
}
