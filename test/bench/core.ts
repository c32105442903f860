import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createCore } from '../../src/core/context.ts';
import { openSqlite } from '../../src/core/db/open.ts';
import { dispatch } from '../../src/core/api/dispatch.ts';
import { loadDemo } from '../../src/core/services/setup.ts';
import { getCase } from '../../src/core/services/cases.ts';
import { startHost } from '../../src/host/server.ts';
import { tempDir } from '../helpers.ts';
import { addSyntheticCases } from './data.ts';
import { median, percentile, sample } from './measure.ts';
import type { BenchResult } from './types.ts';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
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
  results.push({ name: `open a ${CASES.toLocaleString('en')}-case database and check migrations`, value: openMs, unit: 'ms', target: '≤ 300 ms' });

  const core = createCore(database, { dataDir: dir });
  const users = await core.db.selectFrom('users').select(['id', 'role']).execute();
  const idOf = (role: string) => users.find((u) => u.role === role)!.id;
  const session = async (role: string) => {
    const r = await dispatch(core, 'session.signIn', { userId: idOf(role), pin: '1234' }, null);
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { token: string }).token;
  };
  const clerk = await session('clerk');
  const warehouse = await session('warehouse');
  const rmas = (await core.db.selectFrom('cases').select('rma').orderBy('id').execute()).map((r) => r.rma);
  const pick = (i: number) => rmas[(i * 7919) % rmas.length]!;

  // Floor: the same two queries (case with its joins, then its history) through better-sqlite3 with cached statements.
  const raw = new BetterSqlite3(file, { readonly: true });
  const caseStmt = raw.prepare(`select c.*, cu.name as customer_name, p.model, a.line1 from cases c join customers cu on cu.id = c.customer_id
    left join products p on p.id = c.product_id left join addresses a on a.id = c.return_address_id left join users u on u.id = c.assigned_to where c.rma = ?`);
  const historyStmt = raw.prepare('select h.*, u.name from case_history h left join users u on u.id = h.user_id where h.case_id = ? order by h.id');
  const floor = median(await sample(20_000, (i) => {
    const row = caseStmt.get(pick(i)) as { id: number };
    historyStmt.all(row.id);
  }));
  const caller = { kind: 'user' as const, user: { id: idOf('clerk'), name: 'clerk', role: 'clerk' as const } };
  const service = median(await sample(20_000, (i) => getCase(core, caller, pick(i))));
  const direct = median(await sample(20_000, (i) => dispatch(core, 'cases.get', { rma: pick(i) }, clerk)));
  const host = await startHost({ core, rendererDir: null });
  const headers = { 'Content-Type': 'application/json', 'X-Depot-Token': host.token, 'X-Depot-Session': clerk };
  const http = median(await sample(3_000, (i) =>
    fetch(`${host.url}/api/cases.get`, { method: 'POST', headers, body: JSON.stringify({ rma: pick(i) }) }).then((r) => r.json()),
  ));
  results.push(
    { name: 'case lookup: raw better-sqlite3 (floor)', value: floor * 1000, unit: 'µs median' },
    { name: 'case lookup: core service', value: service * 1000, unit: 'µs median', note: `${(service / floor).toFixed(2)}× floor` },
    { name: 'case lookup: API, direct call', value: direct * 1000, unit: 'µs median', target: '≤ 2× floor', note: `${(direct / floor).toFixed(2)}× floor` },
    { name: 'case lookup: API over HTTP', value: http, unit: 'ms median', target: '≤ 1 ms', note: `${(http / floor).toFixed(1)}× floor` },
  );

  // Scan to case: by tracking number typed with spaces, as scanners of some carriers print it.
  const trackings = (await core.db.selectFrom('cases').select('inbound_tracking').where('inbound_tracking', 'is not', null).limit(50_000).execute()).map((r) => r.inbound_tracking!);
  const code = (i: number) => {
    const t = trackings[(i * 104_729) % trackings.length]!;
    return `${t.slice(0, 4)} ${t.slice(4, 8)} ${t.slice(8)}`;
  };
  const scanDirect = await sample(5_000, (i) => dispatch(core, 'receiving.scan', { code: code(i) }, warehouse));
  const whHeaders = { ...headers, 'X-Depot-Session': warehouse };
  const scanHttp = await sample(2_000, (i) =>
    fetch(`${host.url}/api/receiving.scan`, { method: 'POST', headers: whHeaders, body: JSON.stringify({ code: code(i) }) }).then((r) => r.json()),
  );
  results.push(
    { name: `scan to case over ${CASES.toLocaleString('en')} cases, direct`, value: percentile(scanDirect, 95), unit: 'ms p95', target: '≤ 2 ms', note: `median ${median(scanDirect).toFixed(3)} ms` },
    { name: `scan to case over ${CASES.toLocaleString('en')} cases, HTTP`, value: percentile(scanHttp, 95), unit: 'ms p95', target: '≤ 5 ms', note: `median ${median(scanHttp).toFixed(3)} ms` },
  );

  // Search by a 2-character Korean or Chinese given name, a phone's last digits, an e-mail.
  const queries = ['민수', '서연', '小明', '静怡', '하늘', 'c12345@example.com', '4321', 'Γιώργος'];
  const search = await sample(400, (i) => dispatch(core, 'cases.list', { query: queries[i % queries.length]!, limit: 50 }, clerk), 40);
  results.push({ name: `search ${CASES.toLocaleString('en')} cases (CJK given names, phone, e-mail)`, value: percentile(search, 95), unit: 'ms p95', target: '≤ 5 ms' });

  const dashboard = await sample(50, () => dispatch(core, 'dashboard.counts', {}, clerk), 5);
  results.push({ name: `dashboard counts over ${CASES.toLocaleString('en')} cases`, value: median(dashboard), unit: 'ms median', target: '≤ 10 ms' });

  // Receiving 1,000 units in a row through the API, each a fsynced transaction.
  const expected = await core.db.selectFrom('cases').select(['rma', 'version', 'serial']).where('status', 'in', ['authorized', 'in_transit']).limit(1000).execute();
  const condition = { packaging: 'intact', physicalDamage: false, liquidDamage: false, accessories: ['cable'] };
  const t1 = performance.now();
  for (const c of expected) {
    const r = await dispatch(core, 'receiving.receive', { rma: c.rma, version: c.version, serial: c.serial, condition }, warehouse);
    if (!r.ok) throw new Error(r.error.message);
  }
  results.push({ name: `receive ${expected.length} units in a row through the API`, value: (performance.now() - t1) / 1000, unit: 's total', target: '≤ 3 s' });

  await host.close();
  raw.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return results;
}
