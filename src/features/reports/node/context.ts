import { addDays, calendarDateIn, type CalendarDate } from '../../../base/common/dates.ts';
import type { Site } from '../../../base/common/schemas.ts';
import type { Db } from '../../../base/node/core.ts';
import { BusinessClock, clockSpan, DAY_MS, startOfDayIn } from '../common/clock.ts';
import type { HolidayCalendar } from '../common/calendar.ts';
import { requireSite, setting } from '../../settings/node/index.ts';

/** What every report starts from: the site (time zone, currency, target) and its calendar. */
export interface ReportSite {
  site: Site;
  calendar: HolidayCalendar;
  today: CalendarDate;
  targetMs: number;
}

export async function reportSite(db: Db, now: Date): Promise<ReportSite> {
  const [site, calendar] = await Promise.all([requireSite(db), setting.calendar.read(db)]);
  return { site, calendar, today: calendarDateIn(now, site.timeZone), targetMs: site.turnaroundDays * DAY_MS };
}

/** A range of the site's calendar days as ISO instants: from the first day's midnight to the midnight after the last. */
export function rangeInstants(range: { from: CalendarDate; to: CalendarDate }, timeZone: string): { start: string; end: string } {
  return {
    start: new Date(startOfDayIn(range.from, timeZone)).toISOString(),
    end: new Date(startOfDayIn(addDays(range.to, 1), timeZone)).toISOString(),
  };
}

/**
 * A business clock covering every instant given, and far enough past the last for a due date:
 * the target in calendar days with a weekend in each week, and a season of holidays besides.
 */
export function clockFor(report: ReportSite, instants: readonly number[]): BusinessClock {
  const span = clockSpan(instants, report.site.timeZone, report.site.turnaroundDays * 2 + 120);
  return new BusinessClock(report.calendar, report.site.timeZone, span.first, span.last);
}
