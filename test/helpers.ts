import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../src/base/node/core.ts';
import { bootCore } from '../src/base/node/boot.ts';
import { openPostgres, openSqlite, type DepotDatabase } from '../src/base/node/db/open.ts';
import type { Migration } from '../src/base/node/db/migrations/registry.ts';
import { createDatabase } from './postgres-server.ts';
import { inject } from 'vitest';
import { dispatch } from '../src/apps/api/dispatch.ts';
import { loadDemo } from '../src/features/setup/node/setup.ts';
import { DEMO_PIN } from '../src/features/setup/node/demo.ts';
import { readSite } from '../src/features/settings/node/index.ts';
import { DEFAULT_IDLE_MINUTES } from '../src/base/common/schemas.ts';
import type { MethodInput, MethodName, MethodOutput } from '../src/apps/api/contract.ts';
import type { Result } from '../src/base/common/result.ts';
import type { Role } from '../src/base/common/identity.ts';
import type { DiagnosisInput } from '../src/features/bench/common/bench.ts';

export function tempDir(prefix = 'depot-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The dialect this test run uses: the `postgres` vitest project runs the same suites on PostgreSQL. */
export const testDialect = process.env.DEPOT_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** A new, empty PostgreSQL database on the test server, by its URL. */
export const freshPostgresUrl = (): Promise<string> => createDatabase(inject('postgresUrl' as never) as string);

/** A fresh database of the run's dialect and a core on it for one test, optionally filled with demo data. */
export async function freshCore(options: { demo?: boolean; now?: () => Date; databaseUrl?: string } = {}): Promise<Core> {
  const dir = tempDir();
  const core = await bootCore({
    dataDir: dir,
    databaseUrl: testDialect === 'postgres' ? (options.databaseUrl ?? (await freshPostgresUrl())) : null,
    now: options.now,
  });
  if (options.demo) await loadDemo(core);
  return core;
}

/**
 * A fresh database of the run's dialect, opened with the migrations given (all by default) each time
 * the returned function is called: a migration's test fills it at one schema and opens it at the next.
 */
export async function freshDatabase(): Promise<(migrations?: readonly Migration[]) => Promise<DepotDatabase>> {
  const url = testDialect === 'postgres' ? await freshPostgresUrl() : null;
  const file = path.join(tempDir(), 'depot.sqlite');
  return (migrations) => (url ? openPostgres(url, { migrations }) : openSqlite(file, { migrations }));
}

/** Calls the API as a user of the given role (demo data: one user per role, PIN 1234). */
export async function asRole(core: Core, role: Role) {
  const user = await core.db.selectFrom('users').select('id').where('role', '=', role).executeTakeFirstOrThrow();
  return asUser(core, Number(user.id));
}

/**
 * Calls the API as one user. Like the person at the desk, it enters the PIN again when the test's
 * clock has moved past the site's idle limit since its last call; a session ended any other way
 * (disabled, new PIN, new role) stays ended.
 */
export async function asUser(core: Core, userId: number, pin = DEMO_PIN) {
  const open = async () => {
    const signIn = await dispatch(core, 'session.signIn', { userId, pin }, null);
    if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.error.message}`);
    return (signIn.value as { token: string }).token;
  };
  let session = await open();
  let lastCall = core.now().getTime();
  return async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    const idleMs = ((await readSite(core.db))?.idleMinutes ?? DEFAULT_IDLE_MINUTES) * 60_000;
    if (core.now().getTime() - lastCall > idleMs) session = await open();
    lastCall = core.now().getTime();
    return dispatch(core, method, input, session) as Promise<Result<MethodOutput<M>>>;
  };
}

/** Scans a unit of the case's model into replacement stock, as the clerk does before the bench takes it. */
export async function stockUnitFor(core: Core, rma: string, serial: string): Promise<void> {
  const { product_id } = await core.db.selectFrom('cases').select('product_id').where('rma', '=', rma).executeTakeFirstOrThrow();
  const clerk = await asRole(core, 'clerk');
  unwrap(await clerk('stock.receive', { productId: Number(product_id), grade: 'new', source: 'supplier', code: serial }));
}

/** The code of what a refused call says at one field ('accepted' when it was not refused). */
export const codeAtField = (result: Result<unknown>, field: string) => (result.ok ? 'accepted' : result.error.fieldReasons?.[field]?.code);
/** The code of a refused call's reason ('accepted' when it was not refused). */
export const reasonCode = (result: Result<unknown>) => (result.ok ? 'accepted' : result.error.reason.code);

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Row counts of every table: "nothing was written" is these staying equal. */
export async function tableCounts(core: Core): Promise<Record<string, number>> {
  const tables = [
    'site_settings', 'users', 'customers', 'addresses', 'products', 'cases', 'case_terms', 'case_history',
    'attachments', 'unmatched_parcels', 'portal_outbox', 'rma_counters', 'intakes', 'shipments', 'print_jobs',
    'locations', 'case_locations', 'location_moves', 'supplier_returns', 'supplier_return_items',
    'bench_work', 'stock_units', 'stock_minimums', 'customer_returns', 'customer_return_units', 'customer_return_strays', 'return_counters',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await core.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** The Seoul site the reports' tests set up: Korean won, a target of 7 business days. */
export const seoulSite = {
  siteName: 'Depot Seoul',
  address: { name: 'Depot Seoul', line1: '테헤란로 152', line2: null, city: 'Seoul', region: null, postalCode: '06236', country: 'KR', phone: null },
  currency: 'KRW' as const,
  timeZone: 'Asia/Seoul',
  turnaroundDays: 7,
};

/** A diagnosis of a battery fault under warranty, with what a test changes. */
export function diagnosisWith(overrides: Partial<DiagnosisInput>): DiagnosisInput {
  return {
    symptomConfirmed: true,
    faultCategory: 'Battery',
    fault: 'Does not hold charge',
    damageLevel: 1,
    physicalDamage: false,
    liquidDamage: false,
    tampering: false,
    testResults: null,
    internalNotes: null,
    customerNotes: null,
    proofOfPurchase: true,
    extendedUntil: null,
    ...overrides,
  };
}
