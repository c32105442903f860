/** `depot export`: a report table, or the cases list, to a CSV file that Excel opens. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bootCore } from '../../base/node/boot.ts';
import { addDays, calendarDateIn, isCalendarDate } from '../../base/common/dates.ts';
import { plainContext, type ServiceContext } from '../../base/node/handlers.ts';
import { databaseFile, defaultDataDir } from '../../base/node/paths.ts';
import { codeWords, csvHeader, csvRows, exportColumns, exportKinds, exportPageTable, isExportKind, tableIds, type ExportKind } from '../../features/reports/common/index.ts';
import { exportCsv, exportPageOf, isTableId } from '../../features/reports/node/index.ts';
import { requireSite } from '../../features/settings/node/index.ts';

export const exportHelp = `  export <report> -o FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--product-line NAME]
         [--due-within N|all] [--period week|month]
                               a report as CSV (UTF-8 with a BOM; headers are the column keys,
                               statuses their codes); the dates default to the last 30 days;
                               report: ${tableIds.join(', ')};
                               or a long list, written page by page with progress on stderr:
                               ${exportKinds.join(', ')}`;

const fail = (message: string): number => {
  process.stderr.write(`depot export: ${message}\n`);
  return 1;
};

export async function runExport(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      output: { type: 'string', short: 'o' },
      from: { type: 'string' },
      to: { type: 'string' },
      'product-line': { type: 'string' },
      'due-within': { type: 'string' },
      period: { type: 'string' },
    },
  });
  const [name] = positionals;
  if (!name) return fail(`say which report.\n${exportHelp}`);
  if (!isTableId(name) && !isExportKind(name)) return fail(`unknown report "${name}"; one of: ${[...tableIds, ...exportKinds].join(', ')}`);
  if (!values.output) return fail('give the file to write with -o FILE');
  const due = values['due-within'];
  if (due !== undefined && due !== 'all' && !/^\d+$/.test(due)) return fail('--due-within is a number of business days, or all');
  const output = path.resolve(values.output);
  const dbFile = path.resolve(values.db ?? databaseFile(defaultDataDir()));
  if (!process.env.DEPOT_DATABASE_URL && !fs.existsSync(dbFile)) return fail(`no database at ${dbFile}`);
  const core = await bootCore({ dataDir: path.dirname(dbFile), databaseFile: dbFile });
  try {
    const ctx = plainContext(core);
    const today = calendarDateIn(ctx.now, (await requireSite(core.db)).timeZone);
    const to = values.to ?? today;
    const from = values.from ?? (isCalendarDate(to) ? addDays(to, -29) : to);
    if (isExportKind(name)) {
      const rows = await writePaged(ctx, name, { from, to, productLine: values['product-line'] }, output);
      process.stdout.write(`${output}: ${rows} rows\n`);
      return 0;
    }
    const { csv, rows } = await exportCsv(ctx, name, {
      from,
      to,
      productLine: values['product-line'],
      dueWithin: due === undefined ? undefined : due === 'all' ? null : Number(due),
      period: values.period,
    });
    fs.writeFileSync(output, csv);
    process.stdout.write(`${output}: ${rows} rows\n`);
    return 0;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  } finally {
    await core.database.close();
  }
}

/**
 * A long export written as it is read, a page at a time, with "n of N rows" on stderr after each
 * page. It goes to a temporary file that takes the name only when complete.
 */
async function writePaged(ctx: ServiceContext, kind: ExportKind, filters: { from: string; to: string; productLine: string | undefined }, output: string): Promise<number> {
  const partial = `${output}.partial`;
  const file = fs.openSync(partial, 'w');
  let done = 0;
  try {
    fs.writeSync(file, csvHeader(exportColumns[kind], codeWords));
    let after: string | null = null;
    let total = 0;
    do {
      const page = await exportPageOf(ctx, { kind, ...filters, after });
      if (page.total !== null) total = page.total;
      fs.writeSync(file, csvRows(exportPageTable(page), codeWords));
      done += page.rows.length;
      process.stderr.write(`${kind}: ${done.toLocaleString('en')} of ${Math.max(total, done).toLocaleString('en')} rows\n`);
      after = page.next;
    } while (after !== null);
    fs.closeSync(file);
    fs.renameSync(partial, output);
    return done;
  } catch (error) {
    fs.closeSync(file);
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
