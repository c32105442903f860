import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { createCore, type Core } from '../../src/base/node/core.ts';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import type { MethodInput, MethodName } from '../../src/apps/api/contract.ts';
import { DEMO_PIN } from '../../src/features/setup/node/demo.ts';
import { reportIndexes } from '../../src/base/node/db/migrations/0009_reports.ts';
import { tempDir } from '../helpers.ts';
import { median } from './measure.ts';
import { workingDepotAt, workingDepotNow } from './reports-data.ts';
import type { BenchResult } from './types.ts';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const NOW = workingDepotNow;

async function session(core: Core, role: string): Promise<string> {
  const user = await core.db.selectFrom('users').select('id').where('role', '=', role).orderBy('id').executeTakeFirstOrThrow();
  const r = await dispatch(core, 'session.signIn', { userId: user.id, pin: DEMO_PIN }, null);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { token: string }).token;
}

/** Receives the next `count` awaited units through the API, each a fsynced transaction; seconds in all. */
async function receive(core: Core, warehouse: string, count: number): Promise<number> {
  const expected = await core.db.selectFrom('cases').select(['rma', 'version', 'serial']).where('status', '=', 'authorized').orderBy('id').limit(count).execute();
  if (expected.length < count) throw new Error(`only ${expected.length} cases expect a parcel`);
  const condition = { packaging: 'intact', physicalDamage: false, liquidDamage: false, accessories: ['cable'] };
  const t = performance.now();
  for (const c of expected) {
    const r = await dispatch(core, 'receiving.receive', { rma: c.rma, version: c.version, serial: c.serial, condition }, warehouse);
    if (!r.ok) throw new Error(r.error.message);
  }
  return (performance.now() - t) / 1000;
}

/**
 * Every report over a depot of CASES cases with their whole history (three years, the newest
 * still open), through the API as the Reports screen asks: the last 30 days (the screen's
 * default) and a whole year. Then what the report indexes cost the dock: 1,000 receipts with
 * them, and on a copy of the same database without them.
 */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dir = tempDir('depot-bench-reports-');
  const file = path.join(dir, 'depot.sqlite');
  const { buildSeconds, note: buildNote } = await workingDepotAt(file, CASES);
  const bare = path.join(dir, 'bare.sqlite');
  fs.copyFileSync(file, bare);

  const database = await openSqlite(file);
  const core = createCore(database, { dataDir: dir, now: () => NOW });
  const admin = await session(core, 'admin');
  const counts = await core.db
    .selectFrom('cases')
    .select((eb) => [eb.fn.countAll<number>().as('cases'), eb.fn.sum<number>(eb.case().when('status', 'not in', ['shipped', 'closed', 'cancelled', 'rejected']).then(1).else(0).end()).as('open')])
    .executeTakeFirstOrThrow();
  const history = await core.db.selectFrom('case_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  results.push({
    name: `build ${Number(counts.cases).toLocaleString('en')} cases, ${Number(history.n).toLocaleString('en')} history rows`,
    value: buildSeconds,
    unit: 's',
    note: `${Number(counts.open).toLocaleString('en')} open${buildNote ? `; ${buildNote}` : ''}`,
  });

  const month = { from: '2026-06-01', to: '2026-06-30' };
  const year = { from: '2025-07-01', to: '2026-06-30' };
  const reports: [string, MethodName, (range: typeof month) => unknown][] = [
    ['overdue view, every open case', 'reports.overdue', () => ({ dueWithin: null })],
    ['turnaround', 'reports.turnaround', (r) => r],
    ['money', 'reports.money', (r) => r],
    ['people', 'reports.people', (r) => r],
    ['failures, by week', 'reports.failures', (r) => ({ ...r, period: 'week' })],
    ['cases list for CSV', 'reports.cases', (r) => r],
  ];
  const once = (method: MethodName, input: unknown) =>
    dispatch(core, method, input as MethodInput<typeof method>, admin).then((r) => {
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    });
  const time = async (method: MethodName, input: unknown, runs: number) => {
    const call = () => once(method, input);
    for (let i = 0; i < 2; i++) await call();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await call();
      times.push(performance.now() - t);
    }
    return median(times);
  };
  // Floor: the rows the turnaround report reads (every history step of the month's shipped cases), straight from better-sqlite3.
  const raw = new BetterSqlite3(file, { readonly: true });
  const steps = raw.prepare(
    "select case_id, at, to_status from case_history where case_id in (select case_id from case_history where to_status = 'shipped' and at >= ? and at < ?) order by case_id, id",
  );
  const floorTimes: number[] = [];
  let stepCount = 0;
  for (let i = 0; i < 17; i++) {
    const t = performance.now();
    stepCount = steps.all('2026-05-31T15:00:00.000Z', '2026-06-30T15:00:00.000Z').length;
    if (i >= 2) floorTimes.push(performance.now() - t);
  }
  raw.close();
  results.push({ name: `floor: read the ${stepCount.toLocaleString('en')} history steps of a month's shipped cases`, value: median(floorTimes), unit: 'ms median' });
  // The first report after the upgrade counts the summaries from the whole history, in batches.
  const built = performance.now();
  await once('reports.turnaround', month);
  const summaries = await core.db.selectFrom('report_case_clocks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  results.push({ name: `count the report summaries (${Number(summaries.n).toLocaleString('en')} clocks) from the history`, value: (performance.now() - built) / 1000, unit: 's', note: 'once, at the first report after the upgrade' });
  for (const [name, method, input] of reports) {
    results.push({ name: `${name}, last 30 days`, value: await time(method, input(month), 15), unit: 'ms median', target: '≤ 200 ms' });
  }
  for (const [name, method, input] of reports.slice(1)) {
    results.push({ name: `${name}, a whole year`, value: await time(method, input(year), 5), unit: 'ms median' });
  }

  // The same 1,000 receipts on both databases, in alternating rounds, so a busy moment of the
  // machine falls on both alike.
  const bareDatabase = await openSqlite(bare);
  for (const index of reportIndexes) await bareDatabase.db.schema.dropIndex(index.name).execute();
  const bareCore = createCore(bareDatabase, { dataDir: dir, now: () => NOW });
  const docks = { indexed: await session(core, 'warehouse'), bare: await session(bareCore, 'warehouse') };
  let withIndexes = 0;
  let withoutIndexes = 0;
  for (let round = 0; round < 5; round++) {
    withoutIndexes += await receive(bareCore, docks.bare, 200);
    withIndexes += await receive(core, docks.indexed, 200);
  }
  // What the receipts cost the next report instead: the summaries of the 1,000 cases counted again.
  const caughtUp = performance.now();
  await once('reports.turnaround', month);
  const catchUp = performance.now() - caughtUp;
  const afterReceipts = await time('reports.turnaround', month, 5);
  await bareDatabase.close();
  await database.close();
  results.push(
    { name: 'receive 1000 units, without the report indexes', value: withoutIndexes, unit: 's total' },
    {
      name: 'receive 1000 units, with the report indexes',
      value: withIndexes,
      unit: 's total',
      target: '≤ 3 s',
      note: `${(withIndexes / withoutIndexes).toFixed(2)}× the time without them`,
    },
    { name: 'the next turnaround report, catching up the 1000 receipts', value: catchUp, unit: 'ms', note: `${afterReceipts.toFixed(0)} ms once caught up` },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  return results;
}
