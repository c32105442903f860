import type { Currency } from '../../../base/common/money.ts';
import { exportKinds, type Column, type ColumnKind, type ExportKind, type ReportTable } from './tables.ts';

/**
 * The long lists a depot takes out of Depot (customers, parts used, payments): too many rows for
 * one answer, so they come in pages of at most EXPORT_PAGE_ROWS, each after the last row of the
 * one before, and the screen and the command line show how far along they are.
 */
export const isExportKind = (name: string): name is ExportKind => (exportKinds as readonly string[]).includes(name);

export const EXPORT_PAGE_ROWS = 5_000;

export interface CustomerExportRow {
  customerId: number;
  name: string;
  email: string | null;
  phone: string | null;
  language: string | null;
  createdAt: string;
}

export interface PartUsedExportRow {
  rma: string;
  sku: string;
  partName: string;
  quantity: number;
  at: string;
  technician: string | null;
}

export type PaymentSource = 'desk' | 'portal';

export interface PaymentExportRow {
  rma: string;
  estimateVersion: number;
  /** Minor units of the site's currency. */
  amount: number;
  reference: string;
  paidAt: string;
  source: PaymentSource;
}

interface PageOf<K extends ExportKind, R> {
  kind: K;
  rows: R[];
  /** How many rows the whole export has: counted on the first page only (null after). */
  total: number | null;
  /** Where the next page starts, or null after the last one. */
  next: string | null;
  currency: Currency;
}

export type ExportPage =
  | PageOf<'customers', CustomerExportRow>
  | PageOf<'parts-used', PartUsedExportRow>
  | PageOf<'payments', PaymentExportRow>;

const col = (key: string, kind: ColumnKind): Column => ({ key, kind });

export const exportColumns: Record<ExportKind, readonly Column[]> = {
  customers: [col('customerId', 'count'), col('name', 'text'), col('email', 'text'), col('phone', 'text'), col('language', 'text'), col('createdAt', 'dateTime')],
  'parts-used': [col('rma', 'rma'), col('sku', 'text'), col('partName', 'text'), col('quantity', 'count'), col('at', 'dateTime'), col('technician', 'text')],
  payments: [col('rma', 'rma'), col('estimateVersion', 'count'), col('amount', 'money'), col('reference', 'text'), col('paidAt', 'dateTime'), col('source', 'paymentSource')],
};

/** One page as a table, to be written as CSV rows under the export's header. */
export function exportPageTable(page: ExportPage): ReportTable {
  return {
    id: page.kind,
    columns: exportColumns[page.kind],
    rows: (page.rows as readonly object[]).map((r) => ({ cells: { ...(r as Record<string, string | number | null>) } })),
    currency: page.currency,
  };
}
