import { z } from 'zod';
import { daysBetween, isCalendarDate } from '../../../base/common/dates.ts';
import type { Role } from '../../../base/common/identity.ts';
import { zodMessage } from '../../../base/common/messages.ts';
import { empty, method } from '../../../base/common/rpc.ts';
import { dateSchema, optionalLine } from '../../../base/common/schemas.ts';
import { auditKinds } from '../../../base/common/audit.ts';
import { calendarSchema, type HolidayCalendar } from './calendar.ts';
import { reportsMessages as m } from './messages.ts';
import { saveUnitsSoldInput, type UnitsSold } from './units.ts';
import { EXPORT_PAGE_ROWS, type ExportPage } from './exports.ts';
import { exportKinds } from './tables.ts';
import type { AuditReport, CasesExport, FailuresReport, MoneyReport, OverdueReport, PeopleReport, TurnaroundReport } from './types.ts';

/** Who reads the reports: the roles that manage the depot. Admin is the one role that does today. */
export const reportRoles: readonly Role[] = ['admin'];

export const MAX_RANGE_DAYS = 1830;

/** Refuses a span that ends before it starts, or that is longer than a report covers. */
function checkRange(range: { from: string; to: string }, ctx: z.RefinementCtx): void {
  // A malformed date already has its own message at its field.
  if (!isCalendarDate(range.from) || !isCalendarDate(range.to)) return;
  const days = daysBetween(range.from, range.to);
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: zodMessage(m.rangeOrder()) });
  else if (days >= MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['from'], message: zodMessage(m.rangeTooLong({ max: MAX_RANGE_DAYS })) });
}

/** A span of the site's calendar days, both ends included, and optionally one product line. */
export const rangeInput = z.object({ from: dateSchema, to: dateSchema, productLine: optionalLine(64, 'productLine') }).superRefine(checkRange);
export type RangeInput = z.output<typeof rangeInput>;

/** A span of days without a product line: what people did. */
export const datesInput = z.object({ from: dateSchema, to: dateSchema }).superRefine(checkRange);
export type DatesInput = z.output<typeof datesInput>;

/** A range and product line, and whether the trend is by week or by month. */
export const failuresInput = z
  .object({ from: dateSchema, to: dateSchema, productLine: optionalLine(64, 'productLine'), period: z.enum(['week', 'month']).default('month') })
  .superRefine(checkRange);
export type FailuresInput = z.output<typeof failuresInput>;

/** A span of days, and optionally one person and one kind of action. */
export const auditInput = z
  .object({
    from: dateSchema,
    to: dateSchema,
    userId: z.number().int().positive().nullable().default(null),
    kind: z.enum(auditKinds).nullable().default(null),
  })
  .superRefine(checkRange);
export type AuditInput = z.output<typeof auditInput>;

/** One page of a long export: the range and product line, and where the page starts (null: the first). */
export const exportPageInput = z
  .object({
    kind: z.enum(exportKinds),
    from: dateSchema,
    to: dateSchema,
    productLine: optionalLine(64, 'productLine'),
    after: z.string().max(40).nullable().default(null),
    limit: z.number().int().min(1).max(EXPORT_PAGE_ROWS).default(EXPORT_PAGE_ROWS),
  })
  .superRefine(checkRange);
export type ExportPageInput = z.output<typeof exportPageInput>;

export const overdueInput = z.object({
  productLine: optionalLine(64, 'productLine'),
  /** Open cases with at most this many business days left (0: past due only); null: every open case. */
  dueWithin: z.number().int().min(0).max(60).nullable().default(2),
});

export const reportsMethods = {
  'reports.overdue': method<OverdueReport>()({
    input: overdueInput,
    access: reportRoles,
    summary: 'Open cases past or near their due date on the turnaround clock, with the status that used the most of it.',
  }),
  'reports.turnaround': method<TurnaroundReport>()({
    input: rangeInput,
    access: reportRoles,
    summary: 'Business days from receipt to shipment of the cases shipped in a date range, per product line and per status.',
  }),
  'reports.money': method<MoneyReport>()({
    input: rangeInput,
    access: reportRoles,
    summary: 'Warranty cost, payments received, estimates declined and expired, the average estimate, and payments outstanding, in the site’s currency.',
  }),
  'reports.people': method<PeopleReport>()({
    input: datesInput,
    access: reportRoles,
    summary: 'What each technician, dock worker and clerk did in a date range: facts side by side, not a ranking.',
  }),
  'reports.failures': method<FailuresReport>()({
    input: failuresInput,
    access: reportRoles,
    summary: 'Cases received in a date range per model, fault and damage level and purchase month; repeat repairs within 90 days; the no-fault-found rate; the trend per week or month.',
  }),
  'reports.cases': method<CasesExport>()({
    input: rangeInput,
    access: reportRoles,
    summary: 'The cases created in a date range, oldest first, as the cases list exports them (at most 100,000).',
  }),
  'reports.exportPage': method<ExportPage>()({
    input: exportPageInput,
    access: reportRoles,
    summary:
      'One page (at most 5,000 rows) of the customers created, the parts used for repairs, or the payments taken in the site’s currency (desk and portal) in a date range; the first page counts them all.',
  }),
  'reports.audit': method<AuditReport>()({
    input: auditInput,
    access: ['admin'],
    summary: 'Who did what and when in a date range: sign-ins, wrong PINs and lockouts, and every change and export, newest first (at most 5,000).',
  }),
  'reports.unitsSold': method<UnitsSold[]>()({
    input: empty,
    access: reportRoles,
    summary: 'The units sold per model and month that the failures report divides returns by.',
  }),
  'reports.saveUnitsSold': method<UnitsSold>()({
    writes: true,
    input: saveUnitsSoldInput,
    access: ['admin'],
    summary: 'Sets the units of a model sold in a month (YYYY-MM).',
  }),
  'reports.importUnitsSold': method<{ imported: number }>()({
    writes: true,
    input: z.object({ csv: z.string().max(2_000_000) }),
    access: ['admin'],
    summary: 'Sets the units sold of a CSV file (model, month, quantity per line); one unreadable line imports nothing.',
  }),
  'reports.calendar': method<HolidayCalendar>()({
    input: empty,
    access: 'signed-in',
    summary: 'The weekend days and holidays the turnaround clock skips.',
  }),
  'reports.saveCalendar': method<HolidayCalendar>()({
    writes: true,
    input: calendarSchema,
    access: ['admin'],
    summary: 'Sets the weekend days and the holidays.',
  }),
  'reports.importHolidays': method<{ calendar: HolidayCalendar; imported: number }>()({
    writes: true,
    input: z.object({ text: z.string().max(2_000_000) }),
    access: ['admin'],
    summary: 'Adds the holidays of a file (lines of date and name, or an .ics calendar); one unreadable line imports nothing.',
  }),
} as const;

type ReportsMethods = typeof reportsMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends ReportsMethods {}
}
