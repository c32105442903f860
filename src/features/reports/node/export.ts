import type { z } from 'zod';
import { commonMessages, readSaid } from '../../../base/common/messages.ts';
import { DepotError } from '../../../base/common/result.ts';
import type { ServiceContext } from '../../../base/node/handlers.ts';
import { auditInput, datesInput, exportPageInput, failuresInput, overdueInput, rangeInput } from '../common/contract.ts';
import type { ExportPage } from '../common/exports.ts';
import type { ExportKind } from '../common/tables.ts';
import { exportPage } from './exports.ts';
import { codeWords, tableCsv, type CsvWords } from '../common/csv.ts';
import {
  auditTables,
  casesTables,
  failuresTables,
  moneyTables,
  overdueTables,
  peopleTables,
  tableIds,
  turnaroundTables,
  type ReportTable,
  type TableId,
} from '../common/tables.ts';
import { auditReport } from './audit.ts';
import { casesExport } from './cases.ts';
import { failuresReport } from './failures.ts';
import { moneyReport } from './money.ts';
import { peopleReport } from './people.ts';
import { overdueReport, turnaroundReport } from './turnaround.ts';

/** What an export is asked for: any report's filters, each checked by that report's own schema. */
export interface ExportRequest {
  from?: string | undefined;
  to?: string | undefined;
  productLine?: string | undefined;
  dueWithin?: number | null | undefined;
  period?: string | undefined;
}

/** Filters parsed by a report's schema; a bad one is refused with the schema's own message, at its field. */
function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const said = readSaid(issue.message) ?? commonMessages.invalid();
  throw new DepotError('invalid', said, { [issue.path.join('.') || '_']: said });
}

type Build = (ctx: ServiceContext, request: ExportRequest) => Promise<ReportTable[]>;

const range = (r: ExportRequest) => ({ from: r.from, to: r.to, productLine: r.productLine });
const overdue: Build = async (ctx, r) => overdueTables(await overdueReport(ctx, parsed(overdueInput, { productLine: r.productLine, dueWithin: r.dueWithin })));
const turnaround: Build = async (ctx, r) => turnaroundTables(await turnaroundReport(ctx, parsed(rangeInput, range(r))));
const money: Build = async (ctx, r) => moneyTables(await moneyReport(ctx, parsed(rangeInput, range(r))));
const people: Build = async (ctx, r) => peopleTables(await peopleReport(ctx, parsed(datesInput, { from: r.from, to: r.to })));
const failures: Build = async (ctx, r) => failuresTables(await failuresReport(ctx, parsed(failuresInput, { ...range(r), period: r.period })));
const cases: Build = async (ctx, r) => casesTables(await casesExport(ctx, parsed(rangeInput, range(r))));
const audit: Build = async (ctx, r) => auditTables(await auditReport(ctx, parsed(auditInput, { from: r.from, to: r.to })));

/** The report each table comes from. */
const reportOf: Record<TableId, Build> = {
  overdue,
  turnaround,
  'turnaround-statuses': turnaround,
  'turnaround-histogram': turnaround,
  money,
  'money-product-lines': money,
  'money-outstanding': money,
  'people-bench': people,
  'people-dock': people,
  'people-desk': people,
  'failures-models': failures,
  'failures-faults': failures,
  'failures-purchase-months': failures,
  'failures-lots': failures,
  'failures-repeats': failures,
  'failures-trend': failures,
  cases,
  audit,
};

export const isTableId = (name: string): name is TableId => (tableIds as readonly string[]).includes(name);

/** One report table as CSV; the command line words it with the column keys and codes. */
export async function exportCsv(ctx: ServiceContext, id: TableId, request: ExportRequest, words: CsvWords = codeWords): Promise<{ csv: string; rows: number }> {
  const table = (await reportOf[id](ctx, request)).find((t) => t.id === id)!;
  return { csv: tableCsv(table, words), rows: table.rows.length };
}

/** A page of a long export for filters the command line gave, checked by the method's schema. */
export function exportPageOf(ctx: ServiceContext, request: { kind: ExportKind; from: string; to: string; productLine?: string | undefined; after: string | null }): Promise<ExportPage> {
  return exportPage(ctx, parsed(exportPageInput, request));
}
