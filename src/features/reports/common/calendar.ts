import { z } from 'zod';
import { addDays, compareDates, isCalendarDate, makeDate, type CalendarDate } from '../../../base/common/dates.ts';
import { zodMessage, type Said } from '../../../base/common/messages.ts';
import { dateSchema, line } from '../../../base/common/schemas.ts';
import { reportsMessages as m } from './messages.ts';

/**
 * The depot's working calendar: which days of the week are the weekend and which dates are
 * holidays. The turnaround clock counts only the other days, on the site's wall calendar.
 */

/** Days of the week as `Date.getUTCDay()` numbers them: 0 is Sunday, 6 is Saturday. */
export const weekdays = [1, 2, 3, 4, 5, 6, 0] as const;
export const MAX_HOLIDAYS = 2000;

export const holidaySchema = z.object({ date: dateSchema, name: line(100, 'name') });
export type Holiday = z.output<typeof holidaySchema>;

export const calendarSchema = z.object({
  weekendDays: z
    .array(z.number().int().min(0).max(6))
    .max(6, zodMessage(m.oneWorkingDay()))
    .refine((days) => new Set(days).size === days.length, zodMessage(m.weekdayTwice())),
  holidays: z
    .array(holidaySchema)
    .max(MAX_HOLIDAYS, zodMessage(m.tooManyHolidays({ max: MAX_HOLIDAYS })))
    .superRefine((holidays, ctx) => {
      const seen = new Set<string>();
      holidays.forEach((holiday, index) => {
        if (seen.has(holiday.date)) {
          ctx.addIssue({ code: 'custom', path: [index, 'date'], message: zodMessage(m.holidayTwice({ date: holiday.date })) });
        }
        seen.add(holiday.date);
      });
    })
    .transform((holidays) => [...holidays].sort((a, b) => compareDates(a.date, b.date))),
});
export type HolidayCalendarInput = z.input<typeof calendarSchema>;
export type HolidayCalendar = z.output<typeof calendarSchema>;

/** Saturday and Sunday off, no holidays: what a site has until its admin sets the calendar. */
export const defaultCalendar: HolidayCalendar = { weekendDays: [6, 0], holidays: [] };

const weekdayOf = (date: CalendarDate) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Whether the clock counts this day: not a weekend day, not a holiday. */
export function businessDayTest(calendar: HolidayCalendar): (date: CalendarDate) => boolean {
  const weekend = new Set(calendar.weekendDays);
  const holidays = new Set(calendar.holidays.map((h) => h.date));
  return (date) => !weekend.has(weekdayOf(date)) && !holidays.has(date);
}

/** Holidays read from a file, or what kept it from being read (nothing is imported then). */
export type HolidayFile = { ok: true; holidays: Holiday[] } | { ok: false; problems: Said[] };

/**
 * Reads holidays from the two kinds of file a depot has at hand: lines of a date and a name
 * (CSV, semicolons or tabs; a header line is skipped), or an iCalendar file (.ics) whose all-day
 * events are holidays. An event over several days gives each of its days. A later entry for the
 * same date replaces an earlier one.
 */
export function parseHolidayFile(text: string): HolidayFile {
  const body = text.replace(/^\uFEFF/, '');
  const parsed = /^\s*BEGIN:VCALENDAR/i.test(body) ? parseIcs(body) : parseLines(body);
  if (!parsed.ok) return parsed;
  const byDate = new Map(parsed.holidays.map((h) => [h.date, h]));
  if (byDate.size === 0) return { ok: false, problems: [m.holidayFileEmpty()] };
  return { ok: true, holidays: [...byDate.values()].sort((a, b) => compareDates(a.date, b.date)) };
}

/** 2026-03-01, 2026/3/1, 2026.03.01 or 20260301. */
function readDate(text: string): CalendarDate | null {
  const match = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/.exec(text.trim());
  if (!match || (!/[-/.]/.test(text) && text.trim().length !== 8)) return null;
  const date = makeDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return isCalendarDate(date) ? date : null;
}

const cleanName = (name: string) => name.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/^"(.*)"$/, '$1').replace(/""/g, '"').trim().slice(0, 100);

function parseLines(text: string): HolidayFile {
  const holidays: Holiday[] = [];
  const problems: Said[] = [];
  let first = true;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const row = raw.trim();
    if (row === '' || row.startsWith('#')) return;
    const header = first && !/\d{4}/.test(row);
    first = false;
    const split = /^([^,;\t]+)[,;\t](.*)$/.exec(row);
    const date = readDate(split ? split[1]! : row);
    const name = split ? cleanName(split[2]!) : '';
    if (date && name) holidays.push({ date, name });
    // A first line naming its columns (date,name / 날짜,이름) is a header, not a mistake.
    else if (!header) problems.push(m.holidayLine({ line: index + 1, text: row.slice(0, 80) }));
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, holidays };
}

function parseIcs(text: string): HolidayFile {
  // Lines folded by the format (a continuation starts with a space or tab) are joined first.
  const lines = text.replace(/\r\n[ \t]|\n[ \t]|\r[ \t]/g, '').split(/\r\n|\r|\n/);
  const holidays: Holiday[] = [];
  const problems: Said[] = [];
  let event: { start: CalendarDate | null; end: CalendarDate | null; name: string } | null = null;
  let count = 0;
  for (const row of lines) {
    const colon = row.indexOf(':');
    if (colon < 0) continue;
    const key = row.slice(0, colon).split(';')[0]!.toUpperCase();
    const value = row.slice(colon + 1).trim();
    if (key === 'BEGIN' && value.toUpperCase() === 'VEVENT') {
      event = { start: null, end: null, name: '' };
      count++;
    } else if (event && key === 'DTSTART') event.start = readDate(value.slice(0, 8));
    else if (event && key === 'DTEND') event.end = readDate(value.slice(0, 8));
    else if (event && key === 'SUMMARY') event.name = cleanName(value.replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, ' '));
    else if (event && key === 'END' && value.toUpperCase() === 'VEVENT') {
      if (!event.start) problems.push(m.holidayEvent({ event: count }));
      else {
        // DTEND of an all-day event is the day after its last day.
        const last = event.end && compareDates(event.end, event.start) > 0 ? addDays(event.end, -1) : event.start;
        for (let day = event.start; compareDates(day, last) <= 0 && holidays.length <= MAX_HOLIDAYS; day = addDays(day, 1)) {
          holidays.push({ date: day, name: event.name || day });
        }
      }
      event = null;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, holidays };
}

/** Holidays after an import: the file's dates added, a date already there taking the file's name. */
export function mergeHolidays(kept: readonly Holiday[], imported: readonly Holiday[]): Holiday[] {
  const byDate = new Map(kept.map((h) => [h.date, h]));
  for (const h of imported) byDate.set(h.date, h);
  return [...byDate.values()].sort((a, b) => compareDates(a.date, b.date));
}
