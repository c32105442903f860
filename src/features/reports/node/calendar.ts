import { DepotError } from '../../../base/common/result.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { mergeHolidays, parseHolidayFile, type HolidayCalendar } from '../common/calendar.ts';
import { calendarSchema } from '../common/calendar.ts';
import { reportsMessages as m } from '../common/messages.ts';
import { requireSite, setting } from '../../settings/node/index.ts';

/** The holiday calendar the admin keeps (settings key `calendar`). */

export function readCalendar(ctx: ServiceContext): Promise<HolidayCalendar> {
  return setting.calendar.read(ctx.db);
}

export async function saveCalendar(ctx: ServiceContext, calendar: HolidayCalendar): Promise<HolidayCalendar> {
  await requireSite(ctx.db);
  await setting.calendar.write(ctx.db, calendar);
  return setting.calendar.read(ctx.db);
}

/**
 * Adds a file's holidays to the calendar. Every line is read first: one that cannot be read
 * imports nothing, and each problem is its own message (`text.0`, `text.1`, …) for the screen.
 */
export async function importHolidays(ctx: ServiceContext, text: string): Promise<{ calendar: HolidayCalendar; imported: number }> {
  const file = parseHolidayFile(text);
  if (!file.ok) {
    const shown = file.problems.slice(0, 50);
    const summary = shown.length === 1 ? shown[0]! : m.holidayFileProblems({ count: file.problems.length });
    throw new DepotError('invalid', summary, { text: summary, ...Object.fromEntries(shown.map((p, i) => [`text.${i}`, p])) });
  }
  const kept = await setting.calendar.read(ctx.db);
  const merged = calendarSchema.safeParse({ ...kept, holidays: mergeHolidays(kept.holidays, file.holidays) });
  if (!merged.success) throw new DepotError('invalid', m.tooManyHolidays({ max: 2000 }), { text: m.tooManyHolidays({ max: 2000 }) });
  return { calendar: await saveCalendar(ctx, merged.data), imported: file.holidays.length };
}
