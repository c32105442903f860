import fs from 'node:fs';
import { bootCore } from '../../src/base/node/boot.ts';
import type { Core } from '../../src/base/node/core.ts';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import { api, type MethodName } from '../../src/apps/api/contract.ts';
import { startHost, type RunningHost } from '../../src/apps/host/server.ts';
import type { Result } from '../../src/base/common/result.ts';
import { normalizeSerial, normalizeTracking } from '../../src/base/common/schemas.ts';
import type { BenchCase, BenchQueue, DiagnosisInput } from '../../src/features/bench/common/bench.ts';
import { caseTerms } from '../../src/features/cases/node/search-terms.ts';
import type { ReceiveOutcome, ScanResult } from '../../src/features/receiving/common/receiving.ts';
import type { ShippingQueueRow } from '../../src/features/shipping/common/shipping.ts';
import { loadDemo } from '../../src/features/setup/node/setup.ts';
import { tempDir } from '../helpers.ts';
import { keepAlivePost } from './core.ts';
import { percentile } from './measure.ts';
import { createDatabase, startPostgres } from '../postgres-server.ts';
import type { BenchResult } from './types.ts';

/**
 * Many stations on one PostgreSQL database: docks receiving, benches repairing and desks deciding
 * estimates, taking payments and shipping, all at once. Each station is a Depot of its own (its own
 * core, so its own pool of connections, and its own HTTP host) with its own signed-in user, as
 * separate desks on one shared database are; they run concurrently as promises in one process.
 * Every acknowledged change is kept in a ledger and checked against the database afterwards.
 */

export type StationKind = 'dock' | 'bench' | 'desk';

export interface StationsOptions {
  url: string;
  /** The station kinds, one entry per station. */
  stations: readonly StationKind[];
  /** API calls each station makes. */
  operations: number;
  /** Cases on their way to the dock when the stations start. */
  cases: number;
}

/** One acknowledged write: the case as the answer gave it. */
export interface Ack {
  method: string;
  rma: string;
  version: number;
  status: string;
  /** Guarded by the version the station read: two of these never answer with the same version. */
  versioned: boolean;
  estimateVersion?: number;
}

export interface StationsReport {
  /** Milliseconds of each call, by API method. */
  latencies: Record<string, number[]>;
  seconds: number;
  calls: number;
  /** Refused as stale or no longer allowed (409): another station got there first. */
  conflicts: number;
  /** Refused for a reason the race explains (an estimate another desk decided or paid first), by method. */
  raced: Record<string, number>;
  /** Answers no station should get (internal errors, bad input, refused access). */
  failures: string[];
  acknowledged: Record<string, number>;
  /** What the check after the run found wrong; empty when every acknowledged change is there once. */
  findings: string[];
  /** What the check compares: the database before the run and every acknowledged change. */
  evidence: { before: Snapshot; ledger: Ack[] };
}

const LOAD_RMA_BASE = 800_000;

/** A loaded depot for the stations: the demo, then `count` cases in transit, half in warranty, each with a full return address. */
export async function prepareStations(url: string, count: number): Promise<void> {
  const dir = tempDir('depot-stations-');
  const core = await bootCore({ dataDir: dir, databaseUrl: url });
  try {
    await loadDemo(core);
    const product = await core.db.selectFrom('products').select('id').orderBy('id').executeTakeFirstOrThrow();
    const now = core.now();
    const recent = new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    await core.db.transaction().execute(async (trx) => {
      for (let i = 1; i <= count; i++) {
        const at = now.toISOString();
        const name = `Station Customer ${i}`;
        const email = `station${i}@example.com`;
        const phone = `010-5555-${String(i).padStart(4, '0')}`;
        const customer = await trx.insertInto('customers').values({ name, email, phone, locale: 'en', created_at: at }).returning('id').executeTakeFirstOrThrow();
        const address = await trx
          .insertInto('addresses')
          .values({ customer_id: customer.id, name, line1: `${i} Harbor Road`, line2: null, city: 'Busan', region: null, postal_code: '48058', country: 'KR', phone })
          .returning('id')
          .executeTakeFirstOrThrow();
        const rma = `RMA-2026-${LOAD_RMA_BASE + i}`;
        const serial = `ST${String(i).padStart(8, '0')}`;
        const tracking = `7${String(i).padStart(11, '0')}`;
        const kase = await trx
          .insertInto('cases')
          .values({
            rma, status: 'in_transit', version: 1, customer_id: customer.id, product_id: product.id, serial, serial_norm: normalizeSerial(serial),
            purchase_date: i % 2 ? recent : '2020-01-10', problem_category: 'hardware', problem_description: 'No power', inbound_carrier: 'CJ Logistics',
            inbound_tracking: tracking, inbound_tracking_norm: normalizeTracking(tracking), return_address_id: address.id, source: 'portal',
            created_at: at, updated_at: at, status_changed_at: at, portal_seq: 0,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const terms = caseTerms({ rma, serial, tracking, customerName: name, email, phone });
        await trx.insertInto('case_terms').values(terms.map((term) => ({ term, case_id: kase.id }))).onConflict((oc) => oc.doNothing()).execute();
      }
    });
  } finally {
    await core.database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const diagnosis: DiagnosisInput = {
  symptomConfirmed: true,
  faultCategory: 'Battery',
  fault: 'Cell swollen, does not hold charge',
  damageLevel: 2,
  physicalDamage: false,
  liquidDamage: false,
  tampering: false,
  testResults: 'Discharge test: 12 min',
  internalNotes: null,
  customerNotes: 'The battery was replaced.',
  proofOfPurchase: true,
  extendedUntil: null,
};
const condition = { packaging: 'intact', physicalDamage: false, liquidDamage: false, accessories: [] };
const estimateLines = [
  { kind: 'part', sku: 'BAT-AX', description: 'Battery pack AX series', quantity: 1, unitPrice: 30_000 },
  { kind: 'labor', damageLevel: 2 },
];

/** A seeded generator, so a run's choices repeat. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

interface Station {
  name: string;
  kind: StationKind;
  core: Core;
  host: RunningHost;
  /** One call over HTTP, timed and counted; a refusal matching `raced` is a race lost to another station, not a failure. */
  call<T>(method: string, input: unknown, raced?: RegExp): Promise<Result<T>>;
}

/** What a desk is told when another desk decided or paid the same estimate a moment before. */
const lostRace = /already (accepted|declined)|is outstanding|superseded/;

export async function runStations(options: StationsOptions): Promise<StationsReport> {
  const ledger: Ack[] = [];
  const report: StationsReport = { latencies: {}, seconds: 0, calls: 0, conflicts: 0, raced: {}, failures: [], acknowledged: {}, findings: [], evidence: { before: { historyId: 0, outboxId: 0, cases: new Map() }, ledger } };
  const dirs: string[] = [];
  const stations: Station[] = [];
  try {
    // The admin makes one user per station, as a depot gives each desk its own sign-in.
    const setupDir = tempDir('depot-stations-');
    dirs.push(setupDir);
    const setup = await bootCore({ dataDir: setupDir, databaseUrl: options.url });
    const adminId = (await setup.db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow()).id;
    const signIn = await dispatch(setup, 'session.signIn', { userId: Number(adminId), pin: '1234' }, null);
    if (!signIn.ok) throw new Error(signIn.error.message);
    const admin = (signIn.value as { token: string }).token;
    const roleOf = { dock: 'warehouse', bench: 'technician', desk: 'clerk' } as const;
    const userIds: number[] = [];
    for (const [i, kind] of options.stations.entries()) {
      const made = await dispatch(setup, 'users.create', { name: `${kind} station ${i + 1}`, role: roleOf[kind], pin: '1234' }, admin);
      if (!made.ok) throw new Error(made.error.message);
      userIds.push((made.value as { id: number }).id);
    }
    const before = await snapshot(setup);
    report.evidence.before = before;
    await setup.database.close();

    for (const [i, kind] of options.stations.entries()) {
      const dir = tempDir('depot-station-');
      dirs.push(dir);
      const core = await bootCore({ dataDir: dir, databaseUrl: options.url });
      const host = await startHost({ core, rendererDir: null });
      const post = keepAlivePost(host.port);
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Depot-Token': host.token };
      const token = (await post('/api/session.signIn', headers, { userId: userIds[i], pin: '1234' })) as Result<{ token: string }>;
      if (!token.ok) throw new Error(token.error.message);
      headers['X-Depot-Session'] = token.value.token;
      const name = `${kind} station ${i + 1}`;
      stations.push({
        name,
        kind,
        core,
        host,
        async call<T>(method: string, input: unknown, raced?: RegExp) {
          const t = performance.now();
          const result = (await post(`/api/${method}`, headers, input)) as Result<T>;
          (report.latencies[method] ??= []).push(performance.now() - t);
          report.calls++;
          if (result.ok) {
            const value = result.value as Partial<Ack> | null;
            if (api[method as MethodName].writes && value && typeof value === 'object' && 'rma' in value && 'version' in value && 'status' in value) {
              const versioned = typeof (input as { version?: unknown }).version === 'number';
              ledger.push({ method, rma: value.rma!, version: value.version!, status: value.status!, versioned, estimateVersion: (input as { estimateVersion?: number }).estimateVersion });
              report.acknowledged[method] = (report.acknowledged[method] ?? 0) + 1;
            }
          } else if (result.error.code === 'conflict' || result.error.code === 'illegal_transition') {
            report.conflicts++;
          } else if (raced?.test(result.error.message)) {
            report.raced[method] = (report.raced[method] ?? 0) + 1;
          } else {
            report.failures.push(`${name} ${method}: ${result.error.code}: ${result.error.message}`);
          }
          return result;
        },
      });
    }

    const trackings = Array.from({ length: options.cases }, (_, i) => `7${String(i + 1).padStart(11, '0')}`);
    const t0 = performance.now();
    await Promise.all(stations.map((s, i) => work(s, options.operations, random(i + 1), trackings)));
    report.seconds = (performance.now() - t0) / 1000;

    const checker = stations[0]!.core;
    report.findings = await check(checker, before, ledger);
  } finally {
    for (const s of stations) {
      await s.host.close();
      await s.core.database.close();
    }
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
  return report;
}

/** A desk's next entry on an estimate: the acceptance (no amount) or the payment of what is outstanding. */
interface Settle {
  rma: string;
  estimateVersion: number;
  amount: number | null;
}

/** One station's working day: `operations` calls, each the next step of its job (a look at a queue is a step). */
async function work(station: Station, operations: number, pick: (n: number) => number, trackings: string[]) {
  const { call } = station;
  let parcel: { rma: string; version: number; serial: string; tracking: string } | null = null;
  let kase: BenchCase | null = null;
  let toShip: ShippingQueueRow | null = null;
  let toDecide: string | null = null;
  let settle: Settle | null = null;
  let candidate: { show: 'awaiting' | 'diagnosis'; rma: string; version: number } | null = null;
  let lookAwaiting = false;
  let lookReady = false;
  let shipped = 0;
  const number = Number(station.name.replace(/\D/g, ''));
  for (let op = 0; op < operations; op++) {
    if (station.kind === 'dock') {
      if (parcel) {
        const r = await call<ReceiveOutcome>('receiving.receive', { rma: parcel.rma, version: parcel.version, serial: parcel.serial, condition });
        if (r.ok && trackings.includes(parcel.tracking)) trackings.splice(trackings.indexOf(parcel.tracking), 1);
        parcel = null;
      } else if (trackings.length > 0) {
        // Docks work one pile: a parcel scanned is often left on it, so another dock may scan it too and be refused.
        const i = pick(Math.min(4, trackings.length));
        const tracking = trackings[i]!;
        if (pick(3) === 0) trackings.splice(i, 1);
        const r = await call<ScanResult>('receiving.scan', { code: tracking });
        if (r.ok && r.value.kind === 'case' && (r.value.unit.status === 'in_transit' || r.value.unit.status === 'authorized')) parcel = { ...r.value.unit, tracking };
        else if (trackings.includes(tracking)) trackings.splice(trackings.indexOf(tracking), 1);
      }
    } else if (station.kind === 'bench') {
      if (!kase && candidate) {
        const r = candidate.show === 'awaiting' ? await call<BenchCase>('bench.get', { rma: candidate.rma }) : await call<BenchCase>('bench.take', { rma: candidate.rma, version: candidate.version });
        if (r.ok && (r.value.status === 'diagnosing' || r.value.repairGate.allowed)) kase = r.value;
        candidate = null;
        continue;
      }
      if (!kase) {
        // In turn: mine waiting on the customer (accepted and paid yet?), or the queue of received units.
        const show = (lookAwaiting = !lookAwaiting) ? 'awaiting' : 'diagnosis';
        const q = await call<BenchQueue>('bench.queue', { show, mine: show === 'awaiting' });
        const rows = q.ok ? q.value.rows : [];
        // The oldest received, often the same as another bench's; any of mine waiting, as the customers answer in no order.
        if (rows.length > 0) candidate = { show, ...rows[pick(show === 'awaiting' ? rows.length : Math.min(3, rows.length))]! };
        continue;
      }
      const ref: { rma: string; version: number } = { rma: kase.rma, version: kase.version };
      let r: Result<BenchCase>;
      if (kase.status === 'diagnosing' && !kase.warranty) r = await call('bench.diagnose', { ...ref, diagnosis });
      else if (kase.status === 'diagnosing' && !kase.warranty!.covered) r = await call('bench.issueEstimate', { ...ref, lines: estimateLines });
      else if (kase.status === 'diagnosing' || kase.status === 'awaiting_customer') r = await call('bench.advance', { ...ref, action: 'startRepair' });
      else if (kase.status === 'repairing' && kase.work.length === 0) {
        r = await call('bench.logWork', { ...ref, workDone: 'Replaced the battery', minutes: 25, parts: [{ sku: 'BAT-AX', quantity: 1 }], stockReason: 'Taken from the returns shelf' });
      } else if (kase.status === 'repairing') r = await call('bench.advance', { ...ref, action: 'toQa' });
      else r = await call('bench.advance', { ...ref, action: 'qaPass' });
      kase = r.ok && r.value.status !== 'ready_to_ship' && r.value.status !== 'awaiting_customer' ? r.value : null;
    } else {
      if (toShip) {
        const tracking = `5${String(number).padStart(2, '0')}${String(++shipped).padStart(9, '0')}`;
        await call('shipping.ship', { rma: toShip.rma, version: toShip.version, shipment: { carrier: 'CJ Logistics', weightGrams: 900, tracking } });
        toShip = null;
      } else if (settle) {
        const { rma, estimateVersion, amount }: Settle = settle;
        if (amount === null) await call('bench.recordDecision', { rma, estimateVersion, decision: 'accepted', note: null }, lostRace);
        else await call('bench.recordPayment', { rma, estimateVersion, amount, reference: `card ${station.name} ${op}` }, lostRace);
        // Once accepted, the desk looks again before taking the payment.
        toDecide = amount === null ? rma : null;
        settle = null;
      } else if (toDecide) {
        const r = await call<BenchCase>('bench.get', { rma: toDecide });
        const estimate = r.ok ? r.value.estimates.find((e) => e.state === 'issued' || e.state === 'accepted') : undefined;
        if (estimate?.state === 'issued') settle = { rma: toDecide, estimateVersion: estimate.version, amount: null };
        else if (estimate && estimate.paid < estimate.totals.total) settle = { rma: toDecide, estimateVersion: estimate.version, amount: estimate.totals.total - estimate.paid };
        toDecide = null;
      } else if ((lookReady = !lookReady)) {
        const q = await call<ShippingQueueRow[]>('shipping.queue', {});
        const ready = q.ok ? q.value.filter((row) => row.status === 'ready_to_ship') : [];
        if (ready.length > 0) toShip = ready[pick(Math.min(3, ready.length))]!;
      } else {
        const q = await call<BenchQueue>('bench.queue', { show: 'awaiting' });
        const waiting = q.ok ? q.value.rows.filter((row) => row.estimate && !row.estimate.expired) : [];
        // Customers call back in no order.
        if (waiting.length > 0) toDecide = waiting[pick(waiting.length)]!.rma;
      }
    }
  }
}

export interface Snapshot {
  historyId: number;
  outboxId: number;
  cases: Map<string, { status: string; version: number; portalSeq: number }>;
}

async function snapshot(core: Core): Promise<Snapshot> {
  const maxId = async (table: 'case_history' | 'portal_outbox') =>
    Number((await core.db.selectFrom(table).select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);
  const rows = await core.db.selectFrom('cases').select(['rma', 'status', 'version', 'portal_seq']).execute();
  return {
    historyId: await maxId('case_history'),
    outboxId: await maxId('portal_outbox'),
    cases: new Map(rows.map((r) => [r.rma, { status: r.status, version: Number(r.version), portalSeq: Number(r.portal_seq) }])),
  };
}

/**
 * Every acknowledged change present once: each receipt stands once; no two version-guarded answers
 * gave the same version; the case's status and version are those of its last acknowledged change;
 * its new history is exactly the moves the answers told of, in order; each acknowledged payment is
 * recorded once; stock is the sum of its moves; and the portal's status updates of each RMA number
 * 1, 2, 3 … on from where they were, without a gap or a repeat.
 */
export async function check(core: Core, before: Snapshot, ledger: readonly Ack[]): Promise<string[]> {
  const findings: string[] = [];
  const byRma = new Map<string, Ack[]>();
  for (const ack of ledger) byRma.set(ack.rma, [...(byRma.get(ack.rma) ?? []), ack]);
  for (const [rma, acks] of byRma) {
    const start = before.cases.get(rma);
    const kase = await core.db.selectFrom('cases').select(['id', 'status', 'version', 'portal_seq']).where('rma', '=', rma).executeTakeFirst();
    if (!start || !kase) {
      findings.push(`${rma}: acknowledged but not in the database`);
      continue;
    }
    const versioned = acks.filter((a) => a.versioned).map((a) => a.version);
    if (new Set(versioned).size !== versioned.length) findings.push(`${rma}: two acknowledged changes answered with the same version (${versioned.join(', ')})`);
    const ordered = [...acks].sort((a, b) => a.version - b.version);
    const last = ordered.at(-1)!;
    if (kase.status !== last.status || Number(kase.version) !== last.version) {
      findings.push(`${rma}: is ${kase.status} v${kase.version}, its last acknowledged change left it ${last.status} v${last.version}`);
    }
    const moves: string[] = [];
    let status = start.status;
    for (const ack of ordered) if (ack.status !== status) moves.push((status = ack.status));
    const history = await core.db.selectFrom('case_history').select('to_status').where('case_id', '=', kase.id).where('id', '>', before.historyId).orderBy('id').execute();
    if (history.map((h) => h.to_status).join(' → ') !== moves.join(' → ')) {
      findings.push(`${rma}: history has ${history.map((h) => h.to_status).join(' → ') || 'no moves'}, the acknowledged changes ${moves.join(' → ') || 'none'}`);
    }
    const receipts = acks.filter((a) => a.method === 'receiving.receive').length;
    if (receipts > 0) {
      const intakes = await core.db.selectFrom('intakes').select('id').where('case_id', '=', kase.id).where('undone_at', 'is', null).execute();
      if (receipts !== 1 || intakes.length !== 1) findings.push(`${rma}: ${receipts} acknowledged receipts, ${intakes.length} in the database`);
    }
    const decided = acks.filter((a) => a.method === 'bench.recordDecision').map((a) => a.estimateVersion!);
    if (new Set(decided).size !== decided.length) findings.push(`${rma}: one estimate's decision acknowledged twice (estimate versions ${decided.join(', ')})`);
    for (const estimateVersion of new Set(acks.filter((a) => a.method === 'bench.recordPayment').map((a) => a.estimateVersion!))) {
      const paid = acks.filter((a) => a.method === 'bench.recordPayment' && a.estimateVersion === estimateVersion).length;
      const rows = await core.db.selectFrom('estimate_payments').select('amount').where('case_id', '=', kase.id).where('estimate_version', '=', estimateVersion).execute();
      if (rows.length !== paid) findings.push(`${rma}: ${paid} acknowledged payments of estimate ${estimateVersion}, ${rows.length} recorded`);
      const estimate = await core.db.selectFrom('estimates').select('total').where('case_id', '=', kase.id).where('version', '=', estimateVersion).executeTakeFirstOrThrow();
      const sum = rows.reduce((total, r) => total + Number(r.amount), 0);
      if (sum > Number(estimate.total)) findings.push(`${rma}: ${sum} paid on estimate ${estimateVersion} of ${estimate.total}`);
    }
    const seqs = (await core.db.selectFrom('portal_outbox').select('seq').where('rma', '=', rma).where('kind', '=', 'status').where('id', '>', before.outboxId).orderBy('id').execute()).map((r) => Number(r.seq));
    const expected = Array.from({ length: Number(kase.portal_seq) - start.portalSeq }, (_, i) => start.portalSeq + i + 1);
    if (seqs.join(',') !== expected.join(',')) findings.push(`${rma}: portal status updates numbered ${seqs.join(', ') || 'none'}, expected ${expected.join(', ') || 'none'}`);
  }
  const parts = await core.db.selectFrom('parts').select(['id', 'sku', 'stock']).execute();
  for (const part of parts) {
    const moves = await core.db.selectFrom('stock_moves').select((eb) => eb.fn.sum<number>('delta').as('sum')).where('part_id', '=', part.id).executeTakeFirstOrThrow();
    if (Number(moves.sum ?? 0) !== Number(part.stock)) findings.push(`${part.sku}: stock ${part.stock}, its moves add up to ${moves.sum ?? 0}`);
  }
  return findings;
}

/** p50, p95 and p99 of each API method's calls, in milliseconds. */
export function latencyTable(report: StationsReport): { method: string; count: number; p50: number; p95: number; p99: number }[] {
  return Object.entries(report.latencies)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([method, times]) => ({ method, count: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) }));
}

const STATIONS: StationKind[] = ['dock', 'dock', 'dock', 'bench', 'bench', 'bench', 'bench', 'desk', 'desk', 'desk'];
const OPERATIONS = Number(process.env.BENCH_STATION_OPS ?? 1000);

/** `npm run bench`: ten stations on one PostgreSQL database of its own; a finding of the check fails the run. */
export async function run(): Promise<BenchResult[]> {
  const server = await startPostgres({ durable: true });
  try {
    const url = await createDatabase(server.url);
    const cases = Math.ceil((OPERATIONS * 3) / 2);
    await prepareStations(url, cases);
    const report = await runStations({ url, stations: STATIONS, operations: OPERATIONS, cases });
    const mix = `${STATIONS.filter((k) => k === 'dock').length} docks, ${STATIONS.filter((k) => k === 'bench').length} benches, ${STATIONS.filter((k) => k === 'desk').length} desks`;
    const results: BenchResult[] = [
      { name: `${STATIONS.length} stations (${mix}) × ${OPERATIONS} calls over HTTP`, value: report.calls / report.seconds, unit: 'calls/s', note: `${report.seconds.toFixed(1)} s` },
      ...latencyTable(report).map((m) => ({
        name: `  ${m.method} (${m.count})`,
        value: m.p50,
        unit: 'ms p50',
        note: `p95 ${m.p95.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms`,
      })),
      { name: 'conflicts (409: another station got there first)', value: report.conflicts, unit: 'calls' },
      { name: 'races lost on an estimate (decided or paid first)', value: Object.values(report.raced).reduce((a, b) => a + b, 0), unit: 'calls' },
      { name: 'acknowledged changes', value: Object.values(report.acknowledged).reduce((a, b) => a + b, 0), unit: 'changes', note: Object.entries(report.acknowledged).map(([m, n]) => `${m} ${n}`).join(', ') },
      { name: 'lost or duplicated updates, gaps in portal seq', value: report.findings.length, unit: 'findings', target: '0' },
    ];
    const wrong = [...report.failures.map((f) => `failed call: ${f}`), ...report.findings];
    if (wrong.length > 0) {
      throw new Error(`the stations' check failed:\n  ${wrong.slice(0, 40).join('\n  ')}${wrong.length > 40 ? `\n  … and ${wrong.length - 40} more` : ''}`);
    }
    return results;
  } finally {
    server.stop();
  }
}
