import type { CalendarDate } from '../../../base/common/dates.ts';
import type { Status } from '../../cases/common/index.ts';

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
}
