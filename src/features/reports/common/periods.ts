import { addDays, compareDates, daysBetween, type CalendarDate } from '../../../base/common/dates.ts';
import type { TrendPeriod } from './types.ts';

/** The ISO-8601 week of a date, written 2026-W11 (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(date: CalendarDate): string {
  const mondayBased = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const thursday = addDays(date, 3 - mondayBased);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The week (2026-W11) or month (2026-03) a date belongs to. */
export const periodOf = (date: CalendarDate, period: TrendPeriod): string => (period === 'week' ? isoWeekOf(date) : date.slice(0, 7));

/** Every period that a range of dates touches, oldest first. */
export function periodsBetween(from: CalendarDate, to: CalendarDate, period: TrendPeriod): string[] {
  const periods: string[] = [];
  for (let day = from; compareDates(day, to) <= 0; day = addDays(day, 1)) {
    const name = periodOf(day, period);
    if (periods.at(-1) !== name) periods.push(name);
  }
  return periods;
}
