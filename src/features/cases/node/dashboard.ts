import type { DashboardCounts } from '../common/types.ts';
import { openStatuses, pausedStatuses, type Status } from '../common/status.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { readSite } from '../../settings/node/index.ts';
import { caseCountsByStatus, countReceivedBefore } from './store.ts';

/** Subtracts business days (Monday to Friday) from a moment. */
export function businessDaysBefore(from: Date, days: number): Date {
  const d = new Date(from);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() - 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d;
}

/** Open statuses only, so the (status, created_at) index answers without reading case rows. */
export async function dashboardCounts(ctx: ServiceContext): Promise<DashboardCounts> {
  const rows = await caseCountsByStatus(ctx.db, openStatuses);
  const site = await readSite(ctx.db);
  const cutoff = businessDaysBefore(ctx.now, site?.turnaroundDays ?? 7).toISOString();
  const working = openStatuses.filter((s) => !pausedStatuses.includes(s) && s !== 'requested');
  const overdue = await countReceivedBefore(ctx.db, working, cutoff);
  const byStatus = new Map(rows.map((r) => [r.status, r]));
  return {
    open: openStatuses.map((status: Status) => ({
      status,
      count: Number(byStatus.get(status)?.count ?? 0),
      oldest: (byStatus.get(status)?.oldest as string | undefined) ?? null,
    })),
    overdue,
  };
}
