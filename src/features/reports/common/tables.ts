import type { DaysInStatus, OverdueReport, TurnaroundReport, TurnaroundRow } from './types.ts';

/**
 * Every report as tables: the screen shows them, and each exports to CSV under its id (from the
 * screen in the reader's language, from `depot export <id>` with the column keys as headers).
 */

export type Cell = string | number | boolean | null | readonly DaysInStatus[];

/** How a column's values are written: the screen and the CSV format each kind their own way. */
export type ColumnKind =
  | 'text'
  | 'rma'
  | 'status'
  | 'productLine'
  | 'count'
  | 'days'
  | 'percent'
  | 'date'
  | 'dateTime'
  | 'boolean'
  | 'statusDays';

export interface Column {
  key: string;
  kind: ColumnKind;
}

export interface TableRow {
  cells: Record<string, Cell>;
  /** The row that sums up the others; it stays last when the table is sorted. */
  total?: boolean;
}

export const tableIds = ['overdue', 'turnaround', 'turnaround-statuses'] as const;
export type TableId = (typeof tableIds)[number];

export interface ReportTable {
  id: TableId;
  columns: readonly Column[];
  rows: TableRow[];
}

const col = (key: string, kind: ColumnKind): Column => ({ key, kind });
const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export function overdueTables(report: OverdueReport): ReportTable[] {
  return [
    {
      id: 'overdue',
      columns: [
        col('rma', 'rma'),
        col('status', 'status'),
        col('leftDays', 'days'),
        col('dueDate', 'date'),
        col('usedDays', 'days'),
        col('mostTimeStatus', 'status'),
        col('mostTimeDays', 'days'),
        col('paused', 'boolean'),
        col('productLine', 'productLine'),
        col('model', 'text'),
        col('customerName', 'text'),
        col('assignedTo', 'text'),
        col('receivedAt', 'dateTime'),
        col('statuses', 'statusDays'),
      ],
      rows: report.cases.map((c) => ({
        cells: {
          rma: c.rma,
          status: c.status,
          leftDays: c.leftDays,
          dueDate: c.dueDate,
          usedDays: c.usedDays,
          mostTimeStatus: c.mostTime?.status ?? null,
          mostTimeDays: c.mostTime?.days ?? null,
          paused: c.paused,
          productLine: c.productLine,
          model: c.model,
          customerName: c.customerName,
          assignedTo: c.assignedTo,
          receivedAt: c.receivedAt,
          statuses: c.statuses,
        },
      })),
    },
  ];
}

const turnaroundCells = (row: TurnaroundRow): Record<string, Cell> => ({
  productLine: row.productLine,
  shipped: row.shipped,
  withinTarget: row.withinTarget,
  withinTargetShare: share(row.withinTarget, row.shipped),
  medianDays: row.medianDays,
  averageDays: row.averageDays,
  slowestDays: row.slowestDays,
});

export function turnaroundTables(report: TurnaroundReport): ReportTable[] {
  return [
    {
      id: 'turnaround',
      columns: [
        col('productLine', 'productLine'),
        col('shipped', 'count'),
        col('withinTarget', 'count'),
        col('withinTargetShare', 'percent'),
        col('medianDays', 'days'),
        col('averageDays', 'days'),
        col('slowestDays', 'days'),
      ],
      rows: [...report.productLines.map((row) => ({ cells: turnaroundCells(row) })), { cells: turnaroundCells(report.total), total: true }],
    },
    {
      id: 'turnaround-statuses',
      columns: [col('status', 'status'), col('paused', 'boolean'), col('cases', 'count'), col('totalDays', 'days'), col('averageDays', 'days')],
      rows: report.statuses.map((s) => ({
        cells: { status: s.status, paused: s.paused, cases: s.cases, totalDays: s.totalDays, averageDays: s.averageDays },
      })),
    },
  ];
}
