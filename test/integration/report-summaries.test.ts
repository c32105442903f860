import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../src/apps/api/contract.ts';
import type { Core } from '../../src/base/node/core.ts';
import { runService, trxOf } from '../../src/base/node/handlers.ts';
import type { Result } from '../../src/base/common/result.ts';
import { addProduct } from '../../src/features/products/node/index.ts';
import { asUser, diagnosisWith, freshCore, seoulSite, unwrap } from '../helpers.ts';

/**
 * The reports read summaries of the case history kept since the last report: each read after a
 * change must show it, as a count from scratch would. One unit at a Seoul depot (target 7
 * business days, Saturday and Sunday off): received Monday 2026-04-06 09:00, repaired, failed QA
 * once, passed and shipped on Thursday 04-09 09:00; another received, its receipt undone, received
 * again and shipped. Each step is read between, and every answer is checked against the same
 * report counted again from the whole history.
 */

let clock = new Date();
const at = (wall: string) => (clock = new Date(`${wall}+09:00`));
type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;

const april = { from: '2026-04-01', to: '2026-04-30' };

let core: Core;
let admin: Call;
let tech: Call;
let dock: Call;
let clerk: Call;
let techName: string;

beforeAll(async () => {
  core = await freshCore({ now: () => clock });
  at('2026-04-01T09:00:00');
  const session = unwrap(await dispatch(core, 'setup.createSite', { ...seoulSite, adminName: 'Admin Park', adminPin: '1234' }, null)) as { user: { id: number } };
  admin = await asUser(core, session.user.id, '1234');
  const users: Call[] = [];
  for (const [name, role] of [['Jisoo Han', 'technician'], ['Minji Kim', 'warehouse'], ['Eleni Papadopoulou', 'clerk']] as const) {
    users.push(await asUser(core, unwrap(await admin('users.create', { name, role, pin: '1234' })).id, '1234'));
  }
  [tech, dock, clerk] = users as [Call, Call, Call];
  techName = 'Jisoo Han';
  await runService(core, true, { caller: { kind: 'system' } }, (ctx) =>
    addProduct(trxOf(ctx), { model: 'AX-100', product_line: 'Headphones', name: 'AX-100 Headphones', warranty_months: 24, accessories: '[]' }),
  );
}, 60_000);
afterAll(() => core.database.close());

const version = async (rma: string) => unwrap(await admin('cases.get', { rma })).version;
const create = async (serial: string) =>
  unwrap(
    await clerk('cases.create', {
      customer: { name: '김민수', email: null, phone: null, locale: 'ko' },
      returnAddress: { name: '김민수', line1: '월드컵북로 396', line2: null, city: 'Seoul', region: null, postalCode: '03925', country: 'KR', phone: null },
      model: 'AX-100',
      serial,
      purchaseDate: '2025-11-10',
      problemCategory: null,
      problemDescription: 'No sound',
    }),
  ).rma;
const receive = async (rma: string, serial: string) =>
  unwrap(await dock('receiving.receive', { rma, version: await version(rma), serial, condition: { packaging: 'intact', physicalDamage: false, liquidDamage: false, accessories: [] } }));
const advance = async (rma: string, action: MethodInput<'bench.advance'>['action'], note?: string) =>
  unwrap(await tech('bench.advance', { rma, version: await version(rma), action, ...(note ? { note } : {}) }));
const diagnose = async (rma: string, symptomConfirmed: boolean) =>
  unwrap(
    await tech('bench.diagnose', {
      rma,
      version: await version(rma),
      diagnosis: diagnosisWith(symptomConfirmed ? {} : { symptomConfirmed, faultCategory: null, fault: null, damageLevel: null }),
    }),
  );
const ship = async (rma: string, tracking: string) =>
  unwrap(await clerk('shipping.ship', { rma, version: await version(rma), shipment: { carrier: 'CJ Logistics', weightGrams: 900, tracking } }));

const turnaround = async () => unwrap(await admin('reports.turnaround', april));
const people = async () => unwrap(await admin('reports.people', april)).technicians.find((t) => t.name === techName);

/** Both reports as they read now, and as they read counted again from the whole history. */
async function readBoth() {
  const kept = { turnaround: await turnaround(), people: await people() };
  await core.db.updateTable('report_summary_state').set({ basis: null }).execute();
  const recounted = { turnaround: await turnaround(), people: await people() };
  expect(kept).toEqual(recounted);
  return kept;
}

describe('the report summaries', () => {
  let A: string;

  it('show a case shipped and its QA after a first read', async () => {
    at('2026-04-06T09:00:00');
    A = await create('A1');
    await receive(A, 'A1');
    at('2026-04-06T10:00:00');
    unwrap(await tech('bench.take', { rma: A, version: await version(A) }));
    await diagnose(A, true);
    await advance(A, 'startRepair');
    const before = await readBoth();
    expect(before.turnaround.total.shipped).toBe(0);
    expect(before.people).toMatchObject({ repaired: 0, qaFailures: 0, takenToQa: 0 });

    at('2026-04-07T09:00:00');
    unwrap(await tech('bench.logWork', { rma: A, version: await version(A), workDone: 'Battery replaced', minutes: 30, parts: [] }));
    await advance(A, 'toQa');
    await advance(A, 'qaFail', 'Crackle at high volume');
    // Read between the moves: the summary of A is counted again at each.
    expect((await readBoth()).people).toMatchObject({ qaFailures: 1, takenToQa: 1, medianTakeToQaDays: 0.96 });
    at('2026-04-08T09:00:00');
    await advance(A, 'toQa');
    await advance(A, 'qaPass');
    at('2026-04-09T09:00:00');
    await ship(A, '600000000011');
    at('2026-04-09T10:00:00');
    const after = await readBoth();
    // Monday 09:00 to Thursday 09:00: 3 business days.
    expect(after.turnaround.total).toMatchObject({ shipped: 1, withinTarget: 1, medianDays: 3 });
    expect(after.people).toMatchObject({ repaired: 1, qaFailures: 1, takenToQa: 1, medianTakeToQaDays: 0.96 });
  });

  it('count again the cases a holiday added or taken away falls in', async () => {
    unwrap(await admin('reports.saveCalendar', { weekendDays: [6, 0], holidays: [{ date: '2026-04-07', name: '휴일' }] }));
    const holiday = await readBoth();
    expect(holiday.turnaround.total.medianDays).toBe(2);
    // Taken Monday 10:00, first in QA Tuesday 09:00, the holiday's start: only Monday's 14 hours count.
    expect(holiday.people?.medianTakeToQaDays).toBe(0.58);
    // A holiday far from the case changes nothing.
    unwrap(await admin('reports.saveCalendar', { weekendDays: [6, 0], holidays: [{ date: '2026-04-07', name: '휴일' }, { date: '2026-12-25', name: '성탄절' }] }));
    expect((await readBoth()).turnaround.total.medianDays).toBe(2);
    unwrap(await admin('reports.saveCalendar', { weekendDays: [6, 0], holidays: [] }));
    expect((await readBoth()).turnaround.total.medianDays).toBe(3);
  });

  it('count every case again when the weekend or the time zone changes, and the target is applied as read', async () => {
    // Sunday to Wednesday the weekend: only Thursday's first 9 hours count.
    unwrap(await admin('reports.saveCalendar', { weekendDays: [1, 2, 3, 0], holidays: [] }));
    expect((await readBoth()).turnaround.total.medianDays).toBe(0.38);
    unwrap(await admin('reports.saveCalendar', { weekendDays: [6, 0], holidays: [] }));
    const settings = unwrap(await admin('settings.get', {}));
    unwrap(await admin('settings.update', { ...settings, timeZone: 'America/Los_Angeles', turnaroundDays: 2 }));
    // In Los Angeles the case came on Sunday 04-05 at 17:00 and left on Wednesday at 17:00: Monday to Wednesday 17:00.
    const los = await readBoth();
    expect(los.turnaround).toMatchObject({ targetDays: 2, total: { shipped: 1, withinTarget: 0, medianDays: 2.71 } });
    unwrap(await admin('settings.update', { ...settings, timeZone: 'Asia/Seoul', turnaroundDays: 7 }));
    expect((await readBoth()).turnaround.total).toMatchObject({ withinTarget: 1, medianDays: 3 });
  });

  it('follow a receipt undone and received again', async () => {
    at('2026-04-13T09:00:00');
    const B = await create('B1');
    await receive(B, 'B1');
    await readBoth();
    at('2026-04-13T09:10:00');
    unwrap(await dock('receiving.undo', { rma: B, version: await version(B), reason: 'Wrong parcel' }));
    await readBoth();
    at('2026-04-14T09:00:00');
    await receive(B, 'B1');
    unwrap(await tech('bench.take', { rma: B, version: await version(B) }));
    at('2026-04-14T15:00:00');
    await diagnose(B, false);
    await advance(B, 'noFault');
    at('2026-04-15T09:00:00');
    await ship(B, '600000000012');
    at('2026-04-15T10:00:00');
    const after = await readBoth();
    // The clock starts at the first receipt (10 minutes) and stands still while the case waited
    // for its parcel again, then runs from Tuesday 09:00 to Wednesday 09:00: 1.01 days beside A's 3.
    expect(after.turnaround.total).toMatchObject({ shipped: 2, slowestDays: 3 });
    expect(after.turnaround.histogram).toEqual([0, 1, 0, 1].map((cases, days) => ({ days, cases })));
    expect(after.turnaround.statuses.find((s) => s.status === 'authorized')).toMatchObject({ paused: true, cases: 1 });
  });

  it('answer two stations reading at once as one', async () => {
    at('2026-04-16T09:00:00');
    const C = await create('C1');
    await receive(C, 'C1');
    unwrap(await tech('bench.take', { rma: C, version: await version(C) }));
    await diagnose(C, false);
    await advance(C, 'noFault');
    await ship(C, '600000000013');
    at('2026-04-16T10:00:00');
    const [one, two] = await Promise.all([turnaround(), turnaround(), people()]);
    expect(one).toEqual(two);
    expect(one!.total.shipped).toBe(3);
    expect({ turnaround: one, people: await people() }).toEqual(await readBoth());
  });
});
