import { signInEvents, type AuditKind } from '../../../base/common/audit.ts';
import { stationName } from '../../../base/browser/station.ts';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resolution, Status } from '../../cases/common/index.ts';
import { formatMoney, type Currency } from '../../../base/common/money.ts';
import { useAnnounce, useFormat, useSigned } from '../../../base/browser/context.tsx';
import { localeTag } from '../../../base/browser/i18n.ts';
import { href } from '../../../base/browser/router.ts';
import { tableCsv, type CsvWords } from '../common/csv.ts';
import type { Cell, Column, MoneyMeasure, ReportTable, TableRow } from '../common/tables.ts';
import type { DaysInStatus } from '../common/types.ts';
import type { PaymentSource } from '../common/exports.ts';
import type { reportsStrings } from './strings.ts';
import { shippedWord } from '../../../base/browser/shipped.ts';

type ColumnKey = keyof (typeof reportsStrings)['en']['reports']['column'];

/** The words of the screen, in the reader's language: what the tables show and what their CSV says. */
export function useReportWords() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { site } = useSigned();
  const locale = localeTag(i18n.language);
  return useMemo(() => {
    const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const count = new Intl.NumberFormat(locale);
    const wallClock = new Intl.DateTimeFormat('sv-SE', {
      timeZone: site?.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const csv: CsvWords = {
      header: (key) => t(`reports.column.${key as ColumnKey}`),
      status: (code) => t(`status.${code as Status}`),
      boolean: (value) => t(value ? 'reports.yes' : 'reports.no'),
      productLine: (line, total) => (total ? t('reports.allLines') : line === null ? t('reports.noLine') : shippedWord(i18n.language, 'productLine', line)),
      // Spreadsheets read "2026-03-09 09:00" as a date and time: the site's wall clock.
      dateTime: (iso) => wallClock.format(new Date(iso)),
      measure: (key) => t(`reports.measure.${key as MoneyMeasure}`),
      resolution: (code) => t(`resolution.${code as Resolution}`),
      auditKind: (code) => t(`reports.audit.kinds.${code as AuditKind}`),
      auditAction: (code) => ((signInEvents as readonly string[]).includes(code) ? t(`reports.audit.events.${code as (typeof signInEvents)[number]}`) : code),
      paymentSource: (code) => t(`reports.paymentSource.${code as PaymentSource}`),
    };
    return {
      t,
      language: i18n.language,
      format,
      csv,
      days: (value: number) => t('reports.days', { value: days.format(value) }),
      count: (value: number) => count.format(value),
      money: (minor: number, currency: Currency) => formatMoney(minor, currency, locale),
    };
  }, [t, i18n.language, format, locale, site?.timeZone]);
}

type Words = ReturnType<typeof useReportWords>;

function statusDays(list: readonly DaysInStatus[], words: Words): ReactNode {
  return list.map((s, i) => (
    <span key={s.status} className={s.paused ? 'muted' : undefined}>
      {i > 0 ? ' · ' : ''}
      {words.t(`status.${s.status}`)} {words.days(s.days)}
      {s.paused ? ` (${words.t('reports.paused')})` : ''}
    </span>
  ));
}

function cellView(column: Column, value: Cell, row: TableRow, words: Words, currency: Currency | undefined): ReactNode {
  if (column.kind === 'productLine') return words.csv.productLine(value as string | null, row.total === true);
  if (value === null) return words.t('common.none');
  switch (column.kind) {
    case 'rma':
      return (
        <a className="mono" href={href({ screen: 'case', rma: value as string })}>
          {value as string}
        </a>
      );
    case 'status':
      return <span className={`badge badge-${value as string}`}>{words.t(`status.${value as Status}`)}</span>;
    case 'count':
      return words.count(value as number);
    case 'days':
      return words.days(value as number);
    case 'percent':
      return words.t('reports.percent', { value: value as number });
    case 'date':
      return words.format.date(value as string);
    case 'dateTime':
      return words.format.dateTime(value as string);
    case 'boolean':
      return words.csv.boolean(value as boolean);
    case 'statusDays':
      return statusDays(value as readonly DaysInStatus[], words);
    case 'money':
      return words.money(value as number, currency!);
    case 'measure':
      return words.csv.measure(value as string);
    case 'resolution':
      return words.csv.resolution(value as string);
    case 'auditKind':
      return words.csv.auditKind(value as string);
    case 'auditAction':
      return <span className="mono">{words.csv.auditAction(value as string)}</span>;
    default:
      if (column.key === 'faultCategory') return shippedWord(words.language, 'faultCategory', String(value));
      if (column.key === 'station') return stationName(String(value), words.t);
      return String(value);
  }
}

const numeric = new Set(['count', 'days', 'percent', 'money']);

function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** Saves text as a file the way a browser does: a download. */
export function download(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

interface Props {
  table: ReportTable;
  /** Names the CSV file: the table's id and this (the dates it covers). */
  fileSuffix: string;
  /** A chart of the same figures, shown beside the table. */
  chart?: ReactNode;
}

/** One report table: sortable by any column (the summing row stays last), and its CSV one click away. */
export function ReportTableView({ table, fileSuffix, chart }: Props) {
  const words = useReportWords();
  const announce = useAnnounce();
  const [sort, setSort] = useState<{ key: string; descending: boolean } | null>(null);
  const title = words.t(`reports.table.${table.id}`);
  const captionId = `table-${table.id}`;

  const rows = useMemo(() => {
    if (!sort) return table.rows;
    const body = table.rows.filter((r) => !r.total);
    const totals = table.rows.filter((r) => r.total);
    body.sort((a, b) => compareCells(a.cells[sort.key] ?? null, b.cells[sort.key] ?? null) * (sort.descending ? -1 : 1));
    return [...body, ...totals];
  }, [table.rows, sort]);

  const exportCsv = () => {
    const fileName = `${table.id}-${fileSuffix}.csv`;
    download(fileName, tableCsv(table, words.csv));
    announce(words.t('reports.exported', { file: fileName }));
  };

  return (
    <section className="panel report" aria-labelledby={captionId}>
      <div className="report-head">
        <h2 id={captionId}>{title}</h2>
        <button type="button" onClick={exportCsv} aria-label={words.t('reports.exportTable', { table: title })}>
          {words.t('reports.exportCsv')}
        </button>
      </div>
      {table.rows.length === 0 ? (
        <p className="empty">{words.t('reports.empty')}</p>
      ) : (
        <div className={chart ? 'report-with-chart' : undefined}>
        <div className="report-scroll">
          <table aria-labelledby={captionId}>
            <thead>
              <tr>
                {table.columns.map((column) => {
                  const label = words.t(`reports.column.${column.key as ColumnKey}`);
                  const sorted = sort?.key === column.key ? (sort.descending ? 'descending' : 'ascending') : undefined;
                  return (
                    <th key={column.key} scope="col" aria-sort={sorted} className={numeric.has(column.kind) ? 'num' : undefined}>
                      {column.kind === 'statusDays' ? (
                        label
                      ) : (
                        <button
                          type="button"
                          className="sort"
                          title={words.t('reports.sortBy', { column: label })}
                          onClick={() => setSort({ key: column.key, descending: sort?.key === column.key ? !sort.descending : false })}
                        >
                          {label}
                          <span aria-hidden="true">{sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}</span>
                        </button>
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} className={row.total ? 'total' : undefined}>
                  {table.columns.map((column) => (
                    <td key={column.key} className={numeric.has(column.kind) ? 'num' : undefined}>
                      {cellView(column, row.cells[column.key] ?? null, row, words, table.currency)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {chart}
        </div>
      )}
    </section>
  );
}
