import { plainAmount, type Currency } from '../../../base/common/money.ts';
import type { Cell, Column, ColumnKind, ReportTable } from './tables.ts';

/**
 * A report table as CSV that Excel opens as it is: UTF-8 with a byte-order mark (so Korean and
 * Chinese read right), CRLF line ends, and every cell quoted that needs it. Text that a
 * spreadsheet would take for a formula (=, +, -, @ first) is kept as text.
 */

/** How the values of one CSV are worded: the screen passes the reader's language, the command line the codes. */
export interface CsvWords {
  header(key: string): string;
  status(code: string): string;
  boolean(value: boolean): string;
  /** A row of every product line (the total), or a case without a product. */
  productLine(line: string | null, total: boolean): string;
  dateTime(iso: string): string;
  /** The name of a summary's figure. */
  measure(key: string): string;
  resolution(code: string): string;
  auditKind(code: string): string;
  /** A sign-in event by its code; a method's name as it is. */
  auditAction(code: string): string;
  /** Where a payment came in, by its code (desk, portal). */
  paymentSource(code: string): string;
}

const quoted = (text: string) => (/[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const asText = (text: string) => quoted(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function cellText(kind: ColumnKind, value: Cell, words: CsvWords, total: boolean, currency: Currency | undefined): string {
  if (kind === 'productLine') return asText(words.productLine(value as string | null, total));
  if (value === null) return '';
  switch (kind) {
    case 'count':
    case 'percent':
      return String(value);
    case 'days':
      return (value as number).toFixed(2);
    // As a person types it (86900, 19.99): a number to a spreadsheet, in the table's currency.
    case 'money':
      return plainAmount(value as number, currency!);
    case 'measure':
      return asText(words.measure(value as string));
    case 'resolution':
      return asText(words.resolution(value as string));
    case 'auditKind':
      return asText(words.auditKind(value as string));
    case 'auditAction':
      return asText(words.auditAction(value as string));
    case 'status':
      return asText(words.status(value as string));
    case 'paymentSource':
      return asText(words.paymentSource(value as string));
    case 'boolean':
      return asText(words.boolean(value as boolean));
    case 'dateTime':
      return asText(words.dateTime(value as string));
    case 'statusDays':
      return asText(
        (value as readonly { status: string; days: number }[]).map((s) => `${words.status(s.status)} ${s.days.toFixed(2)}`).join('; '),
      );
    default:
      return asText(String(value));
  }
}

/** The first line of a CSV: the byte-order mark and the column headers. */
export function csvHeader(columns: readonly Column[], words: CsvWords): string {
  return `\uFEFF${columns.map((c) => asText(words.header(c.key))).join(',')}\r\n`;
}

/** A table's rows as CSV lines, each ended by CRLF: a page of a long export is written under one header. */
export function csvRows(table: ReportTable, words: CsvWords): string {
  let text = '';
  for (const row of table.rows) {
    text += `${table.columns.map((c) => cellText(c.kind, row.cells[c.key] ?? null, words, row.total === true, table.currency)).join(',')}\r\n`;
  }
  return text;
}

export function tableCsv(table: ReportTable, words: CsvWords): string {
  return csvHeader(table.columns, words) + csvRows(table, words);
}

/** The command line's wording: column keys, status codes, ISO times. */
export const codeWords: CsvWords = {
  header: (key) => key,
  status: (code) => code,
  boolean: (value) => (value ? 'yes' : 'no'),
  productLine: (line, total) => (total ? '*' : (line ?? '')),
  dateTime: (iso) => iso,
  measure: (key) => key,
  resolution: (code) => code,
  auditKind: (code) => code,
  auditAction: (code) => code,
  paymentSource: (code) => code,
};
