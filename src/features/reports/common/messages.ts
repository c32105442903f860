import { defineMessages } from '../../../base/common/messages.ts';

/** What the reports say: the date range, the holiday calendar and its import, the units sold and their import. */
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
  month: 'Write the month as year and month (2026-03)',
  unitsQuantity: 'Units sold is a whole number, 0 or more',
  unknownModel: 'No product has the model {model}',
  unitsFileEmpty: 'The file has no units sold: write a model, a month and a quantity per line (X100,2026-03,1200)',
  unitsFileTooLong: 'A file holds at most {max} lines of units sold',
  unitsColumns: 'Line {line}: write a model, a month and a quantity (X100,2026-03,1200)',
  unitsLineModel: 'Line {line}: no product has the model {model}',
  unitsLineMonth: 'Line {line}: "{month}" is not a month (2026-03)',
  unitsLineQuantity: 'Line {line}: "{quantity}" is not a number of units (0 or more)',
  unitsLineTwice: 'Line {line}: {model} in {month} is already on line {first}',
});
