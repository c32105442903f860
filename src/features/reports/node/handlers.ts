import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { reportsMethods } from '../common/contract.ts';
import { auditReport } from './audit.ts';
import { importHolidays, readCalendar, saveCalendar } from './calendar.ts';
import { casesExport } from './cases.ts';
import { exportPage } from './exports.ts';
import { failuresReport } from './failures.ts';
import { moneyReport } from './money.ts';
import { peopleReport } from './people.ts';
import { overdueReport, turnaroundReport } from './turnaround.ts';
import { importUnitsSold, listUnitsSold, saveUnitsSold } from './units.ts';

export const reportsHandlers: HandlersFor<typeof reportsMethods> = {
  'reports.overdue': (ctx, input) => overdueReport(ctx, input),
  'reports.turnaround': (ctx, input) => turnaroundReport(ctx, input),
  'reports.money': (ctx, input) => moneyReport(ctx, input),
  'reports.people': (ctx, input) => peopleReport(ctx, input),
  'reports.failures': (ctx, input) => failuresReport(ctx, input),
  'reports.cases': (ctx, input) => casesExport(ctx, input),
  'reports.exportPage': (ctx, input) => exportPage(ctx, input),
  'reports.audit': (ctx, input) => auditReport(ctx, input),
  'reports.unitsSold': (ctx) => listUnitsSold(ctx),
  'reports.saveUnitsSold': (ctx, input) => saveUnitsSold(ctx, input),
  'reports.importUnitsSold': (ctx, input) => importUnitsSold(ctx, input.csv),
  'reports.calendar': (ctx) => readCalendar(ctx),
  'reports.saveCalendar': (ctx, input) => saveCalendar(ctx, input),
  'reports.importHolidays': (ctx, input) => importHolidays(ctx, input.text),
};
