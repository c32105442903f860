import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../src/apps/api/contract.ts';
import type { Result } from '../../src/base/common/result.ts';
import type { Core } from '../../src/base/node/core.ts';
import { runService, trxOf } from '../../src/base/node/handlers.ts';
import { databaseFile } from '../../src/base/node/paths.ts';
import { addProduct } from '../../src/features/products/node/index.ts';
import { codeWords, csvHeader, csvRows, exportColumns, exportPageTable, type ExportKind, type ExportPage } from '../../src/features/reports/common/index.ts';
import { asUser, freshCore, seoulSite, tempDir, testDialect, unwrap } from '../helpers.ts';

/**
 * A small depot built through its services, so every row of the long exports is known. Seoul time.
 * Customers: 이서연 (February, before the range), 김민수 and one whose name reads as a formula (March).
 * 김민수's case: battery replaced out of warranty by 한지수, 2 battery packs taken on 03-05 10:00,
 * paid 19,900 at the desk on 03-04 11:00; the other case was paid 5,000 through the portal on 03-06
 * and USD 12.50 besides (another currency: left out).
 */

let clock = new Date();
const at = (wall: string) => (clock = new Date(`${wall}+09:00`));
type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
const condition = { packaging: 'intact' as const, physicalDamage: false, liquidDamage: false, accessories: [] };

async function buildDepot() {
  const core = await freshCore({ now: () => clock });
  at('2026-02-20T09:00:00');
  const site = seoulSite;
  const session = unwrap(await dispatch(core, 'setup.createSite', { ...site, adminName: 'Admin Park', adminPin: '1234' }, null)) as { user: { id: number } };
  const admin: Call = await asUser(core, session.user.id, '1234');
  const people: Record<string, Call> = {};
  for (const [name, role] of [['한지수', 'technician'], ['Minji Kim', 'warehouse'], ['Eleni Papadopoulou', 'clerk']] as const) {
    const user = unwrap(await admin('users.create', { name, role, pin: '1234' }));
    people[name] = await asUser(core, user.id, '1234');
  }
  const [tech, dock, clerk] = [people['한지수']!, people['Minji Kim']!, people['Eleni Papadopoulou']!];
  await runService(core, true, { caller: { kind: 'system' } }, async (ctx) => {
    await addProduct(trxOf(ctx), { model: 'AX-100', product_line: 'Headphones', name: 'AX-100 Headphones', warranty_months: 24, accessories: '[]' });
  });
  unwrap(await admin('parts.save', { sku: 'BAT-AX', name: '배터리 팩', price: 25_000, stock: 10, reason: 'Opening stock' }));
  const create = async (name: string, email: string | null, serial: string) =>
    unwrap(
      await clerk('cases.create', {
        customer: { name, email, phone: '010-1234-5678', locale: 'ko' },
        returnAddress: { name, line1: '월드컵북로 396', line2: null, city: 'Seoul', region: null, postalCode: '03925', country: 'KR', phone: null },
        model: 'AX-100',
        serial,
        purchaseDate: '2023-01-10',
        problemCategory: null,
        problemDescription: '소리가 안 나요',
      }),
    ).rma;
  const version = async (rma: string) => unwrap(await admin('cases.get', { rma })).version;

  at('2026-02-25T10:00:00');
  await create('이서연', null, 'S0');
  at('2026-03-02T10:00:00');
  const A = await create('김민수', 'minsu@example.com', 'S1');
  const B = await create('=HYPERLINK("http://evil")', null, 'S2');
  at('2026-03-03T09:00:00');
  unwrap(await dock('receiving.receive', { rma: A, version: await version(A), serial: 'S1', condition }));
  unwrap(await tech('bench.take', { rma: A, version: await version(A) }));
  unwrap(
    await tech('bench.diagnose', {
      rma: A,
      version: await version(A),
      diagnosis: {
        symptomConfirmed: true, faultCategory: 'Battery', fault: 'Does not hold charge', damageLevel: 1, physicalDamage: false, liquidDamage: false,
        tampering: false, testResults: null, internalNotes: null, customerNotes: null, proofOfPurchase: true, extendedUntil: null,
      },
    }),
  );
  unwrap(await tech('bench.issueEstimate', { rma: A, version: await version(A), lines: [{ kind: 'part', sku: 'BAT-AX', description: '배터리 팩', quantity: 1, unitPrice: 18_091, covered: false }] }));
  at('2026-03-04T11:00:00');
  unwrap(await clerk('bench.recordDecision', { rma: A, estimateVersion: 1, decision: 'accepted', note: null }));
  unwrap(await clerk('bench.recordPayment', { rma: A, estimateVersion: 1, amount: 19_900, reference: 'CARD-1' }));
  unwrap(await tech('bench.advance', { rma: A, version: await version(A), action: 'startRepair' }));
  at('2026-03-05T10:00:00');
  unwrap(await tech('bench.logWork', { rma: A, version: await version(A), workDone: 'Battery', minutes: 30, parts: [{ sku: 'BAT-AX', quantity: 2 }] }));
  // The portal's payments arrive as events; here they are put where the pull puts them.
  const caseB = await core.db.selectFrom('cases').select('id').where('rma', '=', B).executeTakeFirstOrThrow();
  const portal = (reference: string, amount: number, currency: string, eventId: string) => ({
    case_id: caseB.id, estimate_version: 1, amount, currency, reference, paid_at: '2026-03-06T03:00:00.000Z', event_id: eventId, created_at: '2026-03-06T03:00:01.000Z',
  });
  await core.db.insertInto('portal_payments').values([portal('PG-77', 5_000, 'KRW', 'ev-1'), portal('PG-78', 1_250, 'USD', 'ev-2')]).execute();
  at('2026-03-20T09:00:00');
  return { core, admin, rmas: { A, B } };
}

let depot: { core: Core; admin: Call; rmas: { A: string; B: string } };
beforeAll(async () => {
  depot = await buildDepot();
}, 120_000);
afterAll(() => depot.core.database.close());

/** Every page of an export, a page of `limit` rows at a time, as the screen reads them; the CSV they make. */
async function readAll(kind: ExportKind, limit: number, productLine: string | null = null) {
  const march = { from: '2026-03-01', to: '2026-03-31' };
  let csv = csvHeader(exportColumns[kind], codeWords);
  let after: string | null = null;
  const totals: (number | null)[] = [];
  do {
    const page: ExportPage = unwrap(await depot.admin('reports.exportPage', { kind, ...march, productLine, after, limit }));
    totals.push(page.total);
    csv += csvRows(exportPageTable(page), codeWords);
    after = page.next;
  } while (after !== null);
  return { csv, totals };
}

describe('long exports, page by page', () => {
  it('lists the customers added in the range, formula-safe, in pages that count them all on the first', async () => {
    const { csv, totals } = await readAll('customers', 1);
    // A full page cannot know it was the last: one more, empty, says so.
    expect(totals).toEqual([2, null, null]);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFcustomerId,name,email,phone,language,createdAt',
      '2,김민수,minsu@example.com,010-1234-5678,ko,2026-03-02T01:00:00.000Z',
      `3,"'=HYPERLINK(""http://evil"")",,010-1234-5678,ko,2026-03-02T01:00:00.000Z`,
      '',
    ]);
  });

  it('lists the parts taken for repairs with the case, the quantity and the technician', async () => {
    const { csv, totals } = await readAll('parts-used', 5_000);
    expect(totals).toEqual([1]);
    expect(csv.split('\r\n')).toEqual(['\uFEFFrma,sku,partName,quantity,at,technician', `${depot.rmas.A},BAT-AX,배터리 팩,2,2026-03-05T01:00:00.000Z,한지수`, '']);
    expect((await readAll('parts-used', 10, 'Speakers')).csv.split('\r\n')).toHaveLength(2);
  });

  it('lists the desk and portal payments in the site’s currency, money as typed, across pages', async () => {
    const { csv, totals } = await readAll('payments', 1);
    expect(totals).toEqual([2, null, null]);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFrma,estimateVersion,amount,reference,paidAt,source',
      `${depot.rmas.A},1,19900,CARD-1,2026-03-04T02:00:00.000Z,desk`,
      `${depot.rmas.B},1,5000,PG-77,2026-03-06T03:00:00.000Z,portal`,
      '',
    ]);
  });

  it('records an export once in the audit, at its first page, and is for the roles that manage the depot', async () => {
    const before = await depot.core.db.selectFrom('audit_log').select('id').where('method', '=', 'reports.exportPage').execute();
    await readAll('payments', 1);
    const after = await depot.core.db.selectFrom('audit_log').select(['id', 'kind']).where('method', '=', 'reports.exportPage').execute();
    expect(after.length - before.length).toBe(1);
    expect(after.at(-1)!.kind).toBe('exports');
  });

  it.skipIf(testDialect !== 'sqlite')('runs from the command line with progress on stderr: depot export payments', async () => {
    const out = path.join(tempDir(), 'payments.csv');
    const run = promisify(execFile);
    const { stdout, stderr } = await run(process.execPath, [
      '--import', 'tsx', 'src/apps/cli/main.ts', 'export', 'payments', '--db', databaseFile(depot.core.dataDir!), '-o', out, '--from', '2026-03-01', '--to', '2026-03-31',
    ]);
    expect(stdout).toBe(`${out}: 2 rows\n`);
    expect(stderr).toBe('payments: 2 of 2 rows\n');
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(`${depot.rmas.B},1,5000,PG-77,2026-03-06T03:00:00.000Z,portal\r\n`);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  }, 60_000);
});
