import type { AuditKind } from '../../../base/common/audit.ts';
import type { CalendarDate } from '../../../base/common/dates.ts';
import type { Currency } from '../../../base/common/money.ts';
import type { Resolution, Status } from '../../cases/common/index.ts';

/** What the reports answer. Business days carry two decimals; times are ISO-8601 UTC, dates the site's calendar. */

/** Business days a case spent in one status since its receipt. */
export interface DaysInStatus {
  status: Status;
  days: number;
  /** The clock stood still in it (waiting on the customer or on parts). */
  paused: boolean;
}

/** An open case on its turnaround clock. */
export interface OverdueCase {
  rma: string;
  status: Status;
  customerName: string;
  model: string | null;
  productLine: string | null;
  assignedTo: string | null;
  receivedAt: string;
  usedDays: number;
  /** Negative once past the target. */
  leftDays: number;
  /** The day the target is (or was) reached; null when no business day lies within reach. */
  dueDate: CalendarDate | null;
  /** The clock stands still now. */
  paused: boolean;
  /** Why it is late: the working status that used the most of the clock. */
  mostTime: DaysInStatus | null;
  statuses: DaysInStatus[];
}

export interface OverdueReport {
  today: CalendarDate;
  targetDays: number;
  /** Cases with at most this many business days left; null: every open case. */
  dueWithin: number | null;
  /** Fewest days left first. */
  cases: OverdueCase[];
}

/** Turnaround of the cases shipped in a date range, for one product line or all. */
export interface TurnaroundRow {
  /** Null: every product line (or a case without a product). */
  productLine: string | null;
  shipped: number;
  withinTarget: number;
  medianDays: number | null;
  averageDays: number | null;
  /** The 90th percentile: nine in ten shipped cases took at most this long. */
  slowestDays: number | null;
}

/** Where the time of shipped cases went, per status. */
export interface StatusTurnaround {
  status: Status;
  paused: boolean;
  /** Shipped cases that passed through the status. */
  cases: number;
  totalDays: number;
  /** Per case that passed through it. */
  averageDays: number;
}

export interface TurnaroundReport {
  from: CalendarDate;
  to: CalendarDate;
  targetDays: number;
  total: TurnaroundRow;
  productLines: TurnaroundRow[];
  statuses: StatusTurnaround[];
  /** Shipped cases by whole business days used (0 to under 1, 1 to under 2, …), every count up to the slowest. */
  histogram: { days: number; cases: number }[];
}

/** Money in integer minor units of the site's currency; amounts in other currencies are left out. */
export interface MoneyReport {
  from: CalendarDate;
  to: CalendarDate;
  currency: Currency;
  /** What covered lines of the estimates accepted in the range cost the company, by kind of line. */
  warranty: { cases: number; parts: number; labor: number; shipping: number; total: number };
  /** Payments received in the range, at the desk and on the portal. */
  revenue: { payments: number; amount: number };
  /** Estimates closed in the range as declined, and as expired without a decision. */
  declined: { count: number; amount: number };
  expired: { count: number; amount: number };
  /** Estimates issued in the range with something to pay (versions superseded since left out). */
  estimates: { count: number; average: number | null };
  /** Accepted estimates of open cases not paid in full: as of now, whatever the range. */
  outstanding: { count: number; amount: number; cases: OutstandingPayment[] };
  productLines: MoneyByLine[];
}

export interface OutstandingPayment {
  rma: string;
  status: Status;
  version: number;
  /** When the desk recorded the acceptance; null for one accepted on the portal, not yet acted on. */
  acceptedAt: string | null;
  total: number;
  paid: number;
  outstanding: number;
}

export interface MoneyByLine {
  productLine: string | null;
  warrantyCases: number;
  warrantyCost: number;
  payments: number;
  revenue: number;
  declined: number;
  expired: number;
}

/** What one technician did in a range. Facts side by side, in name order: not a ranking. */
export interface TechnicianFacts {
  name: string;
  diagnosed: number;
  /** QA passes of cases this technician sent to QA. */
  repaired: number;
  /** QA failures of cases this technician sent to QA. */
  qaFailures: number;
  minutes: number;
  /** Cases taken by this technician that first reached QA in the range. */
  takenToQa: number;
  /** Business days from taking such a case to its first QA, the clock's pauses left out. */
  medianTakeToQaDays: number | null;
}

export interface DockFacts {
  name: string;
  /** Receipts not undone. */
  receipts: number;
  /** Of them, with a serial that did not match the RMA. */
  mismatches: number;
  unmatched: number;
}

export interface DeskFacts {
  name: string;
  shipments: number;
}

/** One thing a person did: a sign-in (or a wrong PIN, a lockout), or a call that changed something or exported data. */
export interface AuditRow {
  at: string;
  /** Null for a sign-in attempt that named nobody Depot knows. */
  name: string | null;
  station: string;
  kind: AuditKind;
  /** The sign-in event, or the method called. */
  action: string;
  rma: string | null;
}

export interface AuditReport {
  from: CalendarDate;
  to: CalendarDate;
  /** Newest first. */
  rows: AuditRow[];
  /** More happened in the range than the rows listed: narrow it. */
  more: boolean;
}

export interface PeopleReport {
  from: CalendarDate;
  to: CalendarDate;
  technicians: TechnicianFacts[];
  dock: DockFacts[];
  desk: DeskFacts[];
}

/** Returns of cases received in a range, by what failed, of what, and when it was bought. */
export interface FailuresReport {
  from: CalendarDate;
  to: CalendarDate;
  period: TrendPeriod;
  received: number;
  /** Of them, resolved (repaired, replaced, returned unrepaired, no fault found, refunded). */
  resolved: number;
  noFaultFound: number;
  /** Of them, units back within 90 days of being shipped repaired. */
  repeats: number;
  models: FailuresByModel[];
  faults: FailuresByFault[];
  purchaseMonths: { month: string | null; cases: number }[];
  lots: FailuresByLot[];
  repeatRepairs: RepeatRepair[];
  /** Every week or month of the range, oldest first, the empty ones too. */
  trend: { period: string; received: number; noFaultFound: number }[];
}

export type TrendPeriod = 'week' | 'month';

export interface FailuresByModel {
  model: string | null;
  productLine: string | null;
  received: number;
  resolved: number;
  noFaultFound: number;
  repeats: number;
}

/**
 * The returns of one model's manufacturing lot: the month its serial's date code names, or, for a
 * model without one (or a serial it cannot read), the month of purchase.
 */
export interface FailuresByLot {
  model: string | null;
  productLine: string | null;
  /** YYYY-MM; null when neither the serial nor a purchase date tells. */
  lot: string | null;
  received: number;
  /** Of them, the lot read from the serial's date code. */
  fromDateCode: number;
  /** What the admin entered as sold of the model in that month; null when nothing was. */
  unitsSold: number | null;
}

export interface FailuresByFault {
  faultCategory: string | null;
  damageLevel: number | null;
  cases: number;
}

/** A unit received again within 90 days of being shipped back repaired. */
export interface RepeatRepair {
  rma: string;
  serial: string;
  model: string | null;
  receivedAt: string;
  earlierRma: string;
  earlierShippedAt: string;
  /** Calendar days on the site's calendar from the shipment back to the new receipt. */
  days: number;
}

/** The cases created in a range, as the cases list exports them. */
export interface CasesExport {
  from: CalendarDate;
  to: CalendarDate;
  rows: CaseExportRow[];
  /** More cases than one export holds matched; the rows are the oldest. */
  more: boolean;
}

export interface CaseExportRow {
  rma: string;
  status: Status;
  createdAt: string;
  receivedAt: string | null;
  customerName: string;
  model: string | null;
  productLine: string | null;
  serial: string;
  resolution: Resolution | null;
  assignedTo: string | null;
  source: string;
}
