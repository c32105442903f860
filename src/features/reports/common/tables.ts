import type { Currency } from '../../../base/common/money.ts';
import type { AuditReport, CasesExport, DaysInStatus, FailuresReport, MoneyByLine, MoneyReport, OverdueReport, PeopleReport, TurnaroundReport, TurnaroundRow } from './types.ts';

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
  | 'resolution'
  | 'statusDays'
  /** Integer minor units of the table's currency. */
  | 'money'
  /** The name of a figure (a row of a summary), by its key. */
  | 'measure'
  /** What the audit sorts an action under (base/common/audit.ts). */
  | 'auditKind'
  /** A sign-in event, or the name of the method called. */
  | 'auditAction'
  /** Where a payment came in: the desk or the portal. */
  | 'paymentSource';

export interface Column {
  key: string;
  kind: ColumnKind;
}

export interface TableRow {
  cells: Record<string, Cell>;
  /** The row that sums up the others; it stays last when the table is sorted. */
  total?: boolean;
}

export const tableIds = [
  'overdue',
  'turnaround',
  'turnaround-statuses',
  'turnaround-histogram',
  'money',
  'money-product-lines',
  'money-outstanding',
  'people-bench',
  'people-dock',
  'people-desk',
  'failures-models',
  'failures-faults',
  'failures-purchase-months',
  'failures-lots',
  'failures-repeats',
  'failures-trend',
  'cases',
  'audit',
] as const;
export type TableId = (typeof tableIds)[number];

/** The long lists, read page by page (exports.ts). */
export const exportKinds = ['customers', 'parts-used', 'payments'] as const;
export type ExportKind = (typeof exportKinds)[number];

export interface ReportTable {
  id: TableId | ExportKind;
  columns: readonly Column[];
  rows: TableRow[];
  /** The currency of its money columns. */
  currency?: Currency;
}

const col = (key: string, kind: ColumnKind): Column => ({ key, kind });
const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
/** Returns per hundred units sold, to two decimals: failure rates are small. */
const rate = (returns: number, sold: number | null): number | null => (sold ? Math.round((returns / sold) * 10000) / 100 : null);

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
    {
      id: 'turnaround-histogram',
      columns: [col('businessDays', 'count'), col('shipped', 'count'), col('share', 'percent')],
      rows: report.histogram.map((h) => ({ cells: { businessDays: h.days, shipped: h.cases, share: share(h.cases, report.total.shipped) } })),
    },
  ];
}

/** The figures of the money summary, in the order a manager reads them. */
export const moneyMeasures = [
  'warrantyParts',
  'warrantyLabor',
  'warrantyShipping',
  'warrantyTotal',
  'revenue',
  'declined',
  'expired',
  'averageEstimate',
  'outstanding',
] as const;
export type MoneyMeasure = (typeof moneyMeasures)[number];

export function moneyTables(report: MoneyReport): ReportTable[] {
  const { warranty, revenue, declined, expired, estimates, outstanding, currency } = report;
  const figures: Record<MoneyMeasure, [count: number | null, amount: number | null]> = {
    warrantyParts: [null, warranty.parts],
    warrantyLabor: [null, warranty.labor],
    warrantyShipping: [null, warranty.shipping],
    warrantyTotal: [warranty.cases, warranty.total],
    revenue: [revenue.payments, revenue.amount],
    declined: [declined.count, declined.amount],
    expired: [expired.count, expired.amount],
    averageEstimate: [estimates.count, estimates.average],
    outstanding: [outstanding.count, outstanding.amount],
  };
  const lineCells = (row: MoneyByLine): Record<string, Cell> => ({ ...row });
  return [
    {
      id: 'money',
      currency,
      columns: [col('measure', 'measure'), col('count', 'count'), col('amount', 'money')],
      rows: moneyMeasures.map((measure) => ({ cells: { measure, count: figures[measure][0], amount: figures[measure][1] } })),
    },
    {
      id: 'money-product-lines',
      currency,
      columns: [
        col('productLine', 'productLine'),
        col('warrantyCases', 'count'),
        col('warrantyCost', 'money'),
        col('payments', 'count'),
        col('revenue', 'money'),
        col('declined', 'count'),
        col('expired', 'count'),
      ],
      rows: report.productLines.map((row) => ({ cells: lineCells(row) })),
    },
    {
      id: 'money-outstanding',
      currency,
      columns: [
        col('rma', 'rma'),
        col('status', 'status'),
        col('version', 'count'),
        col('acceptedAt', 'dateTime'),
        col('total', 'money'),
        col('paid', 'money'),
        col('outstanding', 'money'),
      ],
      rows: outstanding.cases.map((o) => ({ cells: { ...o } })),
    },
  ];
}

export function peopleTables(report: PeopleReport): ReportTable[] {
  return [
    {
      id: 'people-bench',
      columns: [
        col('name', 'text'),
        col('diagnosed', 'count'),
        col('repaired', 'count'),
        col('qaFailures', 'count'),
        col('minutes', 'count'),
        col('takenToQa', 'count'),
        col('medianTakeToQaDays', 'days'),
      ],
      rows: report.technicians.map((t) => ({ cells: { ...t } })),
    },
    {
      id: 'people-dock',
      columns: [col('name', 'text'), col('receipts', 'count'), col('mismatches', 'count'), col('unmatched', 'count')],
      rows: report.dock.map((d) => ({ cells: { ...d } })),
    },
    {
      id: 'people-desk',
      columns: [col('name', 'text'), col('shipments', 'count')],
      rows: report.desk.map((d) => ({ cells: { ...d } })),
    },
  ];
}

export function failuresTables(report: FailuresReport): ReportTable[] {
  const ofReceived = (cases: number) => share(cases, report.received);
  return [
    {
      id: 'failures-models',
      columns: [
        col('productLine', 'productLine'),
        col('model', 'text'),
        col('received', 'count'),
        col('resolved', 'count'),
        col('noFaultFound', 'count'),
        col('noFaultFoundShare', 'percent'),
        col('repeats', 'count'),
      ],
      rows: [
        ...report.models.map((m) => ({ cells: { ...m, noFaultFoundShare: share(m.noFaultFound, m.resolved) } })),
        {
          total: true,
          cells: {
            productLine: null,
            model: null,
            received: report.received,
            resolved: report.resolved,
            noFaultFound: report.noFaultFound,
            noFaultFoundShare: share(report.noFaultFound, report.resolved),
            repeats: report.repeats,
          },
        },
      ],
    },
    {
      id: 'failures-faults',
      columns: [col('faultCategory', 'text'), col('damageLevel', 'count'), col('cases', 'count'), col('share', 'percent')],
      rows: report.faults.map((f) => ({ cells: { ...f, share: ofReceived(f.cases) } })),
    },
    {
      id: 'failures-purchase-months',
      columns: [col('purchaseMonth', 'text'), col('cases', 'count'), col('share', 'percent')],
      rows: report.purchaseMonths.map((m) => ({ cells: { purchaseMonth: m.month, cases: m.cases, share: ofReceived(m.cases) } })),
    },
    {
      id: 'failures-lots',
      columns: [
        col('productLine', 'productLine'),
        col('model', 'text'),
        col('lot', 'text'),
        col('received', 'count'),
        col('fromDateCode', 'count'),
        col('unitsSold', 'count'),
        col('failureRate', 'percent'),
      ],
      rows: report.lots.map((l) => ({ cells: { ...l, failureRate: rate(l.received, l.unitsSold) } })),
    },
    {
      id: 'failures-repeats',
      columns: [
        col('rma', 'rma'),
        col('serial', 'text'),
        col('model', 'text'),
        col('receivedAt', 'dateTime'),
        col('earlierRma', 'rma'),
        col('earlierShippedAt', 'dateTime'),
        col('daysBetween', 'count'),
      ],
      rows: report.repeatRepairs.map((r) => ({
        cells: { rma: r.rma, serial: r.serial, model: r.model, receivedAt: r.receivedAt, earlierRma: r.earlierRma, earlierShippedAt: r.earlierShippedAt, daysBetween: r.days },
      })),
    },
    {
      id: 'failures-trend',
      columns: [col('period', 'text'), col('received', 'count'), col('noFaultFound', 'count')],
      rows: report.trend.map((t) => ({ cells: { ...t } })),
    },
  ];
}

export function casesTables(report: CasesExport): ReportTable[] {
  return [
    {
      id: 'cases',
      columns: [
        col('rma', 'rma'),
        col('status', 'status'),
        col('createdAt', 'dateTime'),
        col('receivedAt', 'dateTime'),
        col('customerName', 'text'),
        col('productLine', 'productLine'),
        col('model', 'text'),
        col('serial', 'text'),
        col('resolution', 'resolution'),
        col('assignedTo', 'text'),
        col('source', 'text'),
      ],
      rows: report.rows.map((r) => ({ cells: { ...r } })),
    },
  ];
}

export function auditTables(report: AuditReport): ReportTable[] {
  return [
    {
      id: 'audit',
      columns: [col('at', 'dateTime'), col('name', 'text'), col('station', 'text'), col('kind', 'auditKind'), col('action', 'auditAction'), col('rma', 'rma')],
      rows: report.rows.map((r) => ({ cells: { ...r } })),
    },
  ];
}
