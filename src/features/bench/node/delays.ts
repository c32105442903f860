import type { RepairDelayWatch } from '../common/bench.ts';
import { benchStatuses, type Status } from '../../cases/common/index.ts';
import { regionalRulesFor, ruleOf } from '../../warranty/common/index.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { casesInCountries, statusMovesOf } from '../../cases/node/index.ts';
import { readBenchSettings, requireSite } from '../../settings/node/index.ts';
import { daysInStatuses } from './unit-history.ts';

/** How long before a repair passes the days its region allows the depot shows it: a week to act. */
export const repairDelayNoticeDays = 7;

/**
 * The covered units on the bench whose days in repair have passed, or will within a week, the days a
 * regional rule allows before the customer may ask for an exchange (China's 30 days, 三包 第十二条).
 * Longest in repair first.
 */
export async function repairDelayWatch(ctx: ServiceContext): Promise<RepairDelayWatch[]> {
  const db = ctx.db;
  const [site, settings] = await Promise.all([requireSite(db), readBenchSettings(db)]);
  const regional = settings.policy.regional;
  const regions = [...new Set(regional.filter((set) => set.rules.some((r) => r.kind === 'repair_delay')).map((set) => set.region))];
  const rows = await casesInCountries(db, benchStatuses, regions);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const [moves, covered] = await Promise.all([
    statusMovesOf(db, ids),
    db.selectFrom('diagnoses').select('case_id').where('case_id', 'in', ids).where('warranty_covered', '=', 1).execute(),
  ]);
  const coveredIds = new Set(covered.map((c) => Number(c.case_id)));
  const watch: RepairDelayWatch[] = [];
  for (const row of rows) {
    const id = Number(row.id);
    if (!coveredIds.has(id)) continue;
    const rule = ruleOf(regionalRulesFor(regional, row.country, row.product_line ?? ''), 'repair_delay');
    if (!rule) continue;
    const repairDays = daysInStatuses(
      moves.filter((m) => Number(m.case_id) === id),
      ctx.now,
      site.timeZone,
    ).repairing ?? 0;
    if (repairDays < rule.overDays - repairDelayNoticeDays) continue;
    watch.push({
      rma: row.rma,
      status: row.status as Status,
      region: row.country,
      repairDays,
      overDays: rule.overDays,
      daysLeft: rule.overDays - repairDays,
      clause: rule.clause,
    });
  }
  return watch.sort((a, b) => b.repairDays - a.repairDays);
}
