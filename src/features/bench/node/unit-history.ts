import { calendarDateIn, daysBetween, type CalendarDate } from '../../../base/common/dates.ts';
import { normalizeSerial } from '../../../base/common/schemas.ts';
import type { Db } from '../../../base/node/core.ts';
import type { Status } from '../../cases/common/index.ts';
import { repairedShipmentsOfSerial, statusMovesOf } from '../../cases/node/index.ts';
import type { RepairRecord, ReplacementRecord, Visit } from '../../warranty/common/index.ts';

/** What the warranty and the regional rules read of a unit's past, from what Depot holds of its cases. */

/** Replacements on other cases that produced a unit of this serial, with the serial they replaced. */
export async function replacementsProducing(db: Db, serialNorm: string, exceptCaseId: number) {
  return db
    .selectFrom('bench_work')
    .innerJoin('cases', 'cases.id', 'bench_work.case_id')
    .select(['bench_work.at', 'bench_work.new_serial', 'cases.serial'])
    .where('bench_work.new_serial_norm', '=', serialNorm)
    .where('bench_work.case_id', '!=', exceptCaseId)
    .orderBy('bench_work.id')
    .execute();
}

/** Whole days a case spent in each status, counted on the site's calendar up to `until`. */
export function daysInStatuses(
  moves: readonly { at: string; to_status: string }[],
  until: Date,
  timeZone: string,
): Partial<Record<Status, number>> {
  const day = (iso: string): CalendarDate => calendarDateIn(new Date(iso), timeZone);
  const days: Partial<Record<Status, number>> = {};
  moves.forEach((move, i) => {
    const status = move.to_status as Status;
    const left = moves[i + 1]?.at ?? until.toISOString();
    days[status] = (days[status] ?? 0) + Math.max(0, daysBetween(day(move.at), day(left)));
  });
  return days;
}

/**
 * The unit's earlier life: the exchanges that led to it (oldest first, the first naming the unit
 * bought) and the repairs of it and of the units it replaced, each with its fault category, whether
 * the customer paid, and its days in repair and waiting for parts.
 */
export async function unitHistory(db: Db, caseId: number, serialNorm: string, timeZone: string) {
  const dateIn = (iso: string) => calendarDateIn(new Date(iso), timeZone);
  const replacements: ReplacementRecord[] = [];
  const serials = [serialNorm];
  // The unit on the bench may have replaced one that itself replaced another: walk back, at most ten.
  for (let current = serialNorm; serials.length <= 10; ) {
    const produced = (await replacementsProducing(db, current, caseId)).at(-1);
    if (!produced) break;
    replacements.unshift({ replacedOn: dateIn(produced.at), oldSerial: produced.serial, newSerial: produced.new_serial! });
    current = normalizeSerial(produced.serial);
    if (serials.includes(current)) break;
    serials.push(current);
  }
  const repaired = (await Promise.all(serials.map((serial) => repairedShipmentsOfSerial(db, serial, caseId)))).flat();
  const ids = repaired.map((r) => Number(r.id));
  if (ids.length === 0) return { repairs: [], replacements };
  const [faults, paid, moves] = await Promise.all([
    db.selectFrom('diagnoses').select(['case_id', 'fault_category']).where('case_id', 'in', ids).execute(),
    db
      .selectFrom('estimates')
      .select('case_id')
      .where('case_id', 'in', ids)
      .where('state', '=', 'accepted')
      .where('total', '>', 0)
      .execute(),
    statusMovesOf(db, ids),
  ]);
  const repairs: RepairRecord[] = repaired.map((r) => {
    const id = Number(r.id);
    const days = daysInStatuses(
      moves.filter((m) => Number(m.case_id) === id),
      new Date(r.at),
      timeZone,
    );
    return {
      deliveredOn: dateIn(r.at),
      paid: paid.some((p) => Number(p.case_id) === id),
      faultCategory: faults.find((f) => Number(f.case_id) === id)?.fault_category ?? null,
      repairDays: days.repairing ?? 0,
      waitingPartsDays: days.waiting_parts ?? 0,
    };
  });
  return { repairs, replacements };
}

/** This visit so far: the day the unit was received, and its days in repair and waiting for parts up to now. */
export async function visitOf(db: Db, caseId: number, receivedAt: string | null, now: Date, timeZone: string): Promise<Visit> {
  const days = daysInStatuses(await statusMovesOf(db, [caseId]), now, timeZone);
  return {
    sentOn: receivedAt ? calendarDateIn(new Date(receivedAt), timeZone) : null,
    repairDays: days.repairing ?? 0,
    waitingPartsDays: days.waiting_parts ?? 0,
  };
}
