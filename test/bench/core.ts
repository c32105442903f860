import fs from 'node:fs';
import { plainContext } from '../../src/base/node/handlers.ts';
import http from 'node:http';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createCore, type Core } from '../../src/base/node/core.ts';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import { loadDemo } from '../../src/features/setup/node/setup.ts';
import { getCase } from '../../src/features/cases/node/cases.ts';
import { startHost } from '../../src/apps/host/server.ts';
import { tempDir } from '../helpers.ts';
import { addSyntheticCases } from './data.ts';
import { median, percentile, sample } from './measure.ts';
import type { BenchResult } from './types.ts';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);

/** A client as a browser tab is one: one kept-alive connection, a JSON body, the JSON answer parsed. */
export function keepAlivePost(port: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return (pathname: string, headers: Record<string, string>, body: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: pathname, agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

/** What the API's figures are measured against: the same work straight through the database's own driver. */
export interface Floors {
  /** The driver, as the floor's name says it ("raw better-sqlite3"). */
  driver: string;
  /** The case lookup's two queries: the case with its joins, then its history. */
  lookup(rma: string): unknown;
  /** `count` committed transactions of eight small writes, one after another; their time in seconds. */
  receipts(count: number): Promise<number>;
  /** How those transactions commit, as the floor's name says it ("fsynced 8-row transactions"). */
  receiptsKind: string;
}

/** The case lookup's two queries, in either dialect. */
export const lookupSql = {
  kase: `select c.*, cu.name as customer_name, p.model, a.line1 from cases c join customers cu on cu.id = c.customer_id
    left join products p on p.id = c.product_id left join addresses a on a.id = c.return_address_id left join users u on u.id = c.assigned_to where c.rma = ?`,
  history: 'select h.*, u.name from case_history h left join users u on u.id = h.user_id where h.case_id = ? order by h.id',
};

/**
 * The core suite over a loaded depot of `cases` cases: lookup, scan, search, dashboard, locations and
 * 1,000 receipts, through the API directly and over HTTP. `targets` false leaves the targets out (they
 * are set for SQLite on one desk).
 */
export async function measureCore(core: Core, cases: number, floors: Floors, targets = true): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const target = (t: string) => (targets ? t : undefined);
  const count = cases.toLocaleString('en');
  const users = await core.db.selectFrom('users').select(['id', 'role']).execute();
  const idOf = (role: string) => Number(users.find((u) => u.role === role)!.id);
  const session = async (role: string) => {
    const r = await dispatch(core, 'session.signIn', { userId: idOf(role), pin: '1234' }, null);
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { token: string }).token;
  };
  const clerk = await session('clerk');
  const warehouse = await session('warehouse');
  const rmas = (await core.db.selectFrom('cases').select('rma').orderBy('id').execute()).map((r) => r.rma);
  const pick = (i: number) => rmas[(i * 7919) % rmas.length]!;

  const floor = median(await sample(20_000, (i) => floors.lookup(pick(i))));
  const caller = { kind: 'user' as const, user: { id: idOf('clerk'), name: 'clerk', role: 'clerk' as const } };
  const service = median(await sample(20_000, (i) => getCase(plainContext(core, caller), pick(i))));
  const direct = median(await sample(20_000, (i) => dispatch(core, 'cases.get', { rma: pick(i) }, clerk)));
  const host = await startHost({ core, rendererDir: null });
  const headers = { 'Content-Type': 'application/json', 'X-Depot-Token': host.token, 'X-Depot-Session': clerk };
  const post = keepAlivePost(host.port);
  const overHttp = median(await sample(3_000, (i) => post('/api/cases.get', headers, { rma: pick(i) })));
  results.push(
    { name: `case lookup: ${floors.driver} (floor)`, value: floor * 1000, unit: 'µs median' },
    { name: 'case lookup: core service', value: service * 1000, unit: 'µs median', note: `${(service / floor).toFixed(2)}× floor` },
    { name: 'case lookup: API, direct call', value: direct * 1000, unit: 'µs median', target: target('≤ 2× floor'), note: `${(direct / floor).toFixed(2)}× floor` },
    { name: 'case lookup: API over HTTP', value: overHttp, unit: 'ms median', target: target('≤ 1 ms'), note: `${(overHttp / floor).toFixed(1)}× floor` },
  );

  // Scan to case: by tracking number typed with spaces, as scanners of some carriers print it.
  const trackings = (await core.db.selectFrom('cases').select('inbound_tracking').where('inbound_tracking', 'is not', null).limit(50_000).execute()).map((r) => r.inbound_tracking!);
  const code = (i: number) => {
    const t = trackings[(i * 104_729) % trackings.length]!;
    return `${t.slice(0, 4)} ${t.slice(4, 8)} ${t.slice(8)}`;
  };
  const scanDirect = await sample(5_000, (i) => dispatch(core, 'receiving.scan', { code: code(i) }, warehouse));
  const whHeaders = { ...headers, 'X-Depot-Session': warehouse };
  const scanHttp = await sample(2_000, (i) => post('/api/receiving.scan', whHeaders, { code: code(i) }));
  results.push(
    { name: `scan to case over ${count} cases, direct`, value: percentile(scanDirect, 95), unit: 'ms p95', target: target('≤ 2 ms'), note: `median ${median(scanDirect).toFixed(3)} ms` },
    { name: `scan to case over ${count} cases, HTTP`, value: percentile(scanHttp, 95), unit: 'ms p95', target: target('≤ 5 ms'), note: `median ${median(scanHttp).toFixed(3)} ms` },
  );

  // Search by a 2-character Korean or Chinese given name, a phone's last digits, an e-mail.
  const queries = ['민수', '서연', '小明', '静怡', '하늘', 'c12345@example.com', '4321', 'Γιώργος'];
  const search = await sample(400, (i) => dispatch(core, 'cases.list', { query: queries[i % queries.length]!, limit: 50 }, clerk), 40);
  results.push({ name: `search ${count} cases (CJK given names, phone, e-mail)`, value: percentile(search, 95), unit: 'ms p95', target: target('≤ 5 ms') });

  const dashboard = await sample(50, () => dispatch(core, 'dashboard.counts', {}, clerk), 5);
  results.push({ name: `dashboard counts over ${count} cases`, value: median(dashboard), unit: 'ms median', target: target('≤ 10 ms') });

  // Where is it: 1,000 units moved by scans, then found by exact RMA or by serial typed with dashes.
  const admin = await session('admin');
  for (const [code, kind] of [['LOC-BENCH', 'bench'], ['LOC-QA', 'qa'], ['LOC-OUT', 'outbound']] as const) {
    const r = await dispatch(core, 'locations.save', { code, name: code, kind }, admin);
    if (!r.ok) throw new Error(r.error.message);
  }
  const technician = await session('technician');
  const placed = rmas.slice(-1000);
  const t3 = performance.now();
  for (const [i, rma] of placed.entries()) {
    const r = await dispatch(core, 'locations.move', { rma, placeVersion: 0, location: ['LOC-BENCH', 'LOC-QA', 'LOC-OUT'][i % 3]! }, technician);
    if (!r.ok) throw new Error(r.error.message);
  }
  const moveSeconds = (performance.now() - t3) / 1000;
  const serials = (await core.db.selectFrom('cases').select('serial').where('rma', 'in', placed.slice(0, 500)).execute()).map((r) => r.serial);
  const findRma = await sample(5_000, (i) => dispatch(core, 'locations.find', { query: pick(i) }, clerk));
  const findSerial = await sample(5_000, (i) => dispatch(core, 'locations.find', { query: serials[i % serials.length]!.replace(/(.{4})/, '$1-') }, clerk));
  results.push(
    { name: `move ${placed.length} units by scans through the API`, value: moveSeconds, unit: 's total', target: target('≤ 3 s') },
    { name: `find a unit by RMA over ${count} cases`, value: percentile(findRma, 95), unit: 'ms p95', target: target('≤ 2 ms'), note: `median ${median(findRma).toFixed(3)} ms` },
    { name: `find a unit by serial over ${count} cases`, value: percentile(findSerial, 95), unit: 'ms p95', target: target('≤ 2 ms'), note: `median ${median(findSerial).toFixed(3)} ms` },
  );


  // Receiving 1,000 units in a row through the API, each a durably committed transaction.
  const expected = await core.db.selectFrom('cases').select(['rma', 'version', 'serial']).where('status', 'in', ['authorized', 'in_transit']).limit(1000).execute();
  if (expected.length < 1000) throw new Error(`only ${expected.length} cases expect a parcel: add more synthetic cases`);
  const condition = { packaging: 'intact', physicalDamage: false, liquidDamage: false, accessories: ['cable'] };
  const t1 = performance.now();
  for (const c of expected) {
    const r = await dispatch(core, 'receiving.receive', { rma: c.rma, version: c.version, serial: c.serial, condition }, warehouse);
    if (!r.ok) throw new Error(r.error.message);
  }
  const receiveSeconds = (performance.now() - t1) / 1000;
  const floorSeconds = await floors.receipts(expected.length);
  results.push(
    { name: `receive ${expected.length} units: floor (${floors.receiptsKind})`, value: floorSeconds, unit: 's total' },
    { name: `receive ${expected.length} units in a row through the API`, value: receiveSeconds, unit: 's total', target: target('≤ 3 s'), note: `${(receiveSeconds / floorSeconds).toFixed(1)}× floor` },
  );

  // A distributor's return of 200 units: listed in one call, then its box received one serial scan at a time.
  const { model } = await core.db.selectFrom('products').select('model').where('active', '=', 1).orderBy('id').executeTakeFirstOrThrow();
  const boxSerials = Array.from({ length: 200 }, (_, i) => `BOX-${String(i).padStart(4, '0')}`);
  const t4 = performance.now();
  const created = await dispatch(
    core,
    'returns.create',
    {
      customer: { name: 'Hanbit Distribution', email: null, phone: null, locale: 'ko' },
      returnAddress: { name: 'Hanbit Distribution', line1: '1 Teheran-ro', line2: null, city: 'Seoul', region: null, postalCode: '06234', country: 'KR', phone: null },
      tracking: '5512 0000 9999',
      carrier: null,
      unitsCsv: ['model,serial,problem', ...boxSerials.map((serial) => `${model},${serial},No power`)].join('\n'),
    },
    clerk,
  );
  if (!created.ok) throw new Error(created.error.message);
  const createSeconds = (performance.now() - t4) / 1000;
  const returnId = (created.value as { id: number }).id;
  const t5 = performance.now();
  for (const serial of boxSerials) {
    const r = await dispatch(core, 'receiving.receiveInReturn', { returnId, serial, condition }, warehouse);
    if (!r.ok) throw new Error(r.error.message);
  }
  const boxSeconds = (performance.now() - t5) / 1000;
  const boxFloor = await floors.receipts(boxSerials.length);
  results.push(
    { name: 'list a return of 200 units through the API (one transaction)', value: createSeconds, unit: 's total' },
    { name: `receive 200 units of a box: floor (${floors.receiptsKind})`, value: boxFloor, unit: 's total' },
    { name: 'receive 200 units of a box by serial scans through the API', value: boxSeconds, unit: 's total', target: target('≤ 1 s'), note: `${(boxSeconds / boxFloor).toFixed(1)}× floor` },
  );
  await host.close();
  return results;
}

export async function run(): Promise<BenchResult[]> {
  const dir = tempDir('depot-bench-');
  const file = path.join(dir, 'depot.sqlite');
  {
    const database = await openSqlite(file);
    await loadDemo(createCore(database, { dataDir: dir }));
    await database.close();
  }
  addSyntheticCases(file, CASES);

  const t0 = performance.now();
  const database = await openSqlite(file);
  const openMs = performance.now() - t0;
  const opened: BenchResult = { name: `open a ${CASES.toLocaleString('en')}-case database and check migrations`, value: openMs, unit: 'ms', target: '≤ 300 ms' };

  // Floors: the lookup through better-sqlite3 with cached statements; receipts as fsynced transactions in a file of their own.
  const raw = new BetterSqlite3(file, { readonly: true });
  const caseStmt = raw.prepare(lookupSql.kase);
  const historyStmt = raw.prepare(lookupSql.history);
  const floors: Floors = {
    driver: 'raw better-sqlite3',
    receiptsKind: 'fsynced 8-row transactions',
    lookup(rma) {
      const row = caseStmt.get(rma) as { id: number };
      historyStmt.all(row.id);
    },
    async receipts(count) {
      const floorDb = new BetterSqlite3(path.join(dir, 'floor.sqlite'));
      floorDb.pragma('journal_mode = WAL');
      floorDb.pragma('synchronous = FULL');
      floorDb.exec('create table t (id integer primary key, v text)');
      const insert = floorDb.prepare('insert into t (v) values (?)');
      const eight = floorDb.transaction((i: number) => {
        for (let k = 0; k < 8; k++) insert.run(`row ${i}.${k}`);
      });
      const t2 = performance.now();
      for (let i = 0; i < count; i++) eight(i);
      const seconds = (performance.now() - t2) / 1000;
      floorDb.close();
      return seconds;
    },
  };
  const results = [opened, ...(await measureCore(createCore(database, { dataDir: dir }), CASES, floors))];
  raw.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return results;
}
