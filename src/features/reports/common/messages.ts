import { defineMessages } from '../../../base/common/messages.ts';

/** What the reports say: the date range, the holiday calendar and its import. */
export const reportsMessages = defineMessages('reports', {
  rangeOrder: 'The end date is before the start date',
  rangeTooLong: 'A report covers at most {max} days',
  oneWorkingDay: 'At least one day of the week must be a working day',
  weekdayTwice: 'A day of the week is listed twice',
  holidayTwice: '{date} is already a holiday',
  tooManyHolidays: 'At most {max} holidays',
  holidayFileEmpty: 'The file has no holidays: write one date and name per line (2026-03-01,Independence Movement Day) or use an .ics calendar',
  holidayLine: 'Line {line}: "{text}" is not a date and a name (2026-03-01,Independence Movement Day)',
  holidayEvent: 'Event {event}: no date (DTSTART) that Depot can read',
  holidayFileProblems: '{count} lines of the file could not be read; nothing was imported',
});
