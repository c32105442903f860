import type { Role } from '../../../base/common/identity.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import type { Status } from '../../cases/common/index.ts';
import { runningStatuses, toDays } from '../common/clock.ts';
import type { DatesInput } from '../common/contract.ts';
import type { DeskFacts, DockFacts, PeopleReport, TechnicianFacts } from '../common/types.ts';
import { clockFor, rangeInstants, reportSite } from './context.ts';
import { median } from './turnaround.ts';

/**
 * What people did in a range, from the records their work leaves: diagnoses, the QA moves of the
 * case history, the work log, receipts, unmatched parcels and shipments. A QA pass or failure
 * counts for the technician who sent the case to QA; the time from take to QA is the turnaround
 * clock's, so waiting on the customer or on parts is not held against anyone.
 */

type Counts = Map<number, number>;
const countsOf = (rows: readonly { user: number | string | null; n: number | string | null }[]): Counts =>
  new Map(rows.filter((r) => r.user !== null).map((r) => [Number(r.user), Number(r.n ?? 0)]));

interface QaRow {
  case_id: number | string;
  at: string;
  user_id: number | string | null;
  from_status: string | null;
  to_status: string;
}

export async function peopleReport(ctx: ServiceContext, input: DatesInput): Promise<PeopleReport> {
  const { db } = ctx;
  const report = await reportSite(db, ctx.now);
  const { start, end } = rangeInstants(input, report.site.timeZone);
  const inRange = (at: string) => at >= start && at < end;
  const [users, diagnosed, minutes, receipts, unmatched, shipments, history] = await Promise.all([
    db.selectFrom('users').select(['id', 'name', 'role', 'active']).execute(),
    db
      .selectFrom('diagnoses')
      .select((eb) => ['diagnosed_by as user', eb.fn.countAll<number>().as('n')])
      .where('diagnosed_at', '>=', start)
      .where('diagnosed_at', '<', end)
      .groupBy('diagnosed_by')
      .execute(),
    db
      .selectFrom('bench_work')
      .select((eb) => ['user_id as user', eb.fn.sum<number | string>('minutes').as('n')])
      .where('at', '>=', start)
      .where('at', '<', end)
      .groupBy('user_id')
      .execute(),
    db
      .selectFrom('intakes')
      .select((eb) => [
        'received_by as user',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number | string>(eb.case().when('serial_matches', '=', 0).then(1).else(0).end()).as('mismatches'),
      ])
      .where('received_at', '>=', start)
      .where('received_at', '<', end)
      .where('undone_at', 'is', null)
      .groupBy('received_by')
      .execute(),
    db
      .selectFrom('unmatched_parcels')
      .select((eb) => ['created_by as user', eb.fn.countAll<number>().as('n')])
      // Parcels whose case nobody knew (not those set aside for a known case, nor the duplicates merged since).
      .where('reason', 'in', ['unmatched', 'to_identify'])
      .where('state', '!=', 'merged')
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .groupBy('created_by')
      .execute(),
    db
      .selectFrom('shipments')
      .select((eb) => ['shipped_by as user', eb.fn.countAll<number>().as('n')])
      .where('shipped_at', '>=', start)
      .where('shipped_at', '<', end)
      .groupBy('shipped_by')
      .execute(),
    // The whole history of every case that reached or left QA in the range.
    db
      .selectFrom('case_history')
      .select(['case_id', 'at', 'user_id', 'from_status', 'to_status'])
      .where('case_id', 'in', (eb) =>
        eb
          .selectFrom('case_history')
          .select('case_id')
          .where((q) => q.or([q('to_status', '=', 'qa'), q.and([q('from_status', '=', 'qa'), q('to_status', 'in', ['ready_to_ship', 'repairing'])])]))
          .where('at', '>=', start)
          .where('at', '<', end),
      )
      .orderBy('case_id')
      .orderBy('id')
      .execute(),
  ]);

  const repaired: Counts = new Map();
  const failures: Counts = new Map();
  const takeToQa = new Map<number, number[]>();
  const add = (counts: Counts, user: number | null) => user !== null && counts.set(user, (counts.get(user) ?? 0) + 1);
  const byCase = new Map<number, QaRow[]>();
  for (const row of history as QaRow[]) {
    const list = byCase.get(Number(row.case_id)) ?? [];
    list.push(row);
    byCase.set(Number(row.case_id), list);
  }
  const now = ctx.now.getTime();
  const clock = clockFor(report, [now, ...history.map((h) => Date.parse(h.at))]);
  for (const rows of byCase.values()) {
    let sentBy: number | null = null;
    let firstQa = true;
    rows.forEach((row, index) => {
      const user = row.user_id === null ? null : Number(row.user_id);
      if (row.to_status === 'qa') {
        sentBy = user;
        if (firstQa && inRange(row.at)) {
          const taken = rows.findIndex((r) => r.to_status === 'diagnosing');
          const taker = taken >= 0 ? rows[taken]!.user_id : null;
          if (taken >= 0 && taken < index && taker !== null) {
            let ms = 0;
            for (let i = taken; i < index; i++) {
              if (runningStatuses.includes(rows[i]!.to_status as Status)) ms += clock.between(Date.parse(rows[i]!.at), Date.parse(rows[i + 1]!.at));
            }
            const times = takeToQa.get(Number(taker)) ?? [];
            times.push(ms);
            takeToQa.set(Number(taker), times);
          }
        }
        firstQa = false;
      } else if (row.from_status === 'qa' && inRange(row.at)) {
        add(row.to_status === 'ready_to_ship' ? repaired : failures, sentBy);
      }
    });
  }

  const counts = {
    diagnosed: countsOf(diagnosed),
    minutes: countsOf(minutes),
    receipts: countsOf(receipts),
    mismatches: countsOf(receipts.map((r) => ({ user: r.user, n: r.mismatches }))),
    unmatched: countsOf(unmatched),
    shipments: countsOf(shipments),
  };
  const byName = [...users].sort((a, b) => a.name.localeCompare(b.name));
  /** The people of a role still at work, and anyone else who did that work in the range. */
  const peopleFor = (role: Role, did: readonly Counts[]) =>
    byName.filter((u) => (u.role === role && u.active === 1) || did.some((c) => (c.get(Number(u.id)) ?? 0) > 0));

  const technicians: TechnicianFacts[] = peopleFor('technician', [counts.diagnosed, counts.minutes, repaired, failures]).map((u) => {
    const id = Number(u.id);
    const times = (takeToQa.get(id) ?? []).map(toDays).sort((a, b) => a - b);
    return {
      name: u.name,
      diagnosed: counts.diagnosed.get(id) ?? 0,
      repaired: repaired.get(id) ?? 0,
      qaFailures: failures.get(id) ?? 0,
      minutes: counts.minutes.get(id) ?? 0,
      takenToQa: times.length,
      medianTakeToQaDays: median(times),
    };
  });
  const dock: DockFacts[] = peopleFor('warehouse', [counts.receipts, counts.unmatched]).map((u) => ({
    name: u.name,
    receipts: counts.receipts.get(Number(u.id)) ?? 0,
    mismatches: counts.mismatches.get(Number(u.id)) ?? 0,
    unmatched: counts.unmatched.get(Number(u.id)) ?? 0,
  }));
  const desk: DeskFacts[] = peopleFor('clerk', [counts.shipments]).map((u) => ({ name: u.name, shipments: counts.shipments.get(Number(u.id)) ?? 0 }));
  return { from: input.from, to: input.to, technicians, dock, desk };
}
