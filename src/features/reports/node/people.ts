import type { Role } from '../../../base/common/identity.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { toDays } from '../common/clock.ts';
import type { DatesInput } from '../common/contract.ts';
import type { DeskFacts, DockFacts, PeopleReport, TechnicianFacts } from '../common/types.ts';
import { rangeInstants, type ReportSite } from './context.ts';
import { withSummaries } from './summaries.ts';
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

export function peopleReport(ctx: ServiceContext, input: DatesInput): Promise<PeopleReport> {
  return withSummaries(ctx, (report) => peopleOf(ctx, input, report));
}

async function peopleOf(ctx: ServiceContext, input: DatesInput, report: ReportSite): Promise<PeopleReport> {
  const { db } = ctx;
  const { start, end } = rangeInstants(input, report.site.timeZone);
  const qaMoves = db.selectFrom('report_qa_moves as m').where('m.at', '>=', start).where('m.at', '<', end);
  const [users, diagnosed, minutes, receipts, unmatched, shipments, outOfQa, firstQa] = await Promise.all([
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
    // Passes and failures by who sent the case to QA. A case that left QA otherwise (closed,
    // cancelled) counts as a failure when it also went into QA or passed or failed it in the range.
    qaMoves
      .select((eb) => ['m.kind', 'm.user_id as user', eb.fn.countAll<number>().as('n')])
      .where('m.user_id', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('m.kind', 'in', ['passed', 'failed']),
          eb.and([
            eb('m.kind', '=', 'left'),
            eb.exists(
              eb
                .selectFrom('report_qa_moves as q')
                .select('q.case_id')
                .whereRef('q.case_id', '=', 'm.case_id')
                .where('q.kind', '!=', 'left')
                .where('q.at', '>=', start)
                .where('q.at', '<', end),
            ),
          ]),
        ]),
      )
      .groupBy(['m.kind', 'm.user_id'])
      .execute(),
    // Each case's first move into QA in the range, with who took it and the business time since.
    qaMoves.select(['m.user_id', 'm.ms']).where('m.kind', '=', 'sent').where('m.ms', 'is not', null).execute(),
  ]);

  const repaired = countsOf(outOfQa.filter((r) => r.kind === 'passed'));
  const failures: Counts = new Map();
  for (const r of outOfQa) if (r.kind !== 'passed') failures.set(Number(r.user), (failures.get(Number(r.user)) ?? 0) + Number(r.n));
  const takeToQa = new Map<number, number[]>();
  for (const r of firstQa) {
    const times = takeToQa.get(Number(r.user_id)) ?? [];
    times.push(Number(r.ms));
    takeToQa.set(Number(r.user_id), times);
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
