import { z } from 'zod';
import { zodMessage, type Said } from '../../../base/common/messages.ts';
import { line } from '../../../base/common/schemas.ts';
import { reportsMessages as m } from './messages.ts';

/** Units sold per model and month: what the failures report divides a lot's returns by. */

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const monthSchema = z.string().regex(MONTH_PATTERN, zodMessage(m.month()));

export const MAX_UNITS = 1_000_000_000;
export const MAX_UNITS_LINES = 10_000;

export const saveUnitsSoldInput = z.object({
  model: line(64, 'model'),
  period: monthSchema,
  quantity: z.number({ error: zodMessage(m.unitsQuantity()) }).int(zodMessage(m.unitsQuantity())).min(0, zodMessage(m.unitsQuantity())).max(MAX_UNITS, zodMessage(m.unitsQuantity())),
});
export type SaveUnitsSoldInput = z.output<typeof saveUnitsSoldInput>;

export interface UnitsSold {
  model: string;
  productLine: string;
  period: string;
  quantity: number;
}

/** One line of an import, with its number in the file (the first line is 1). */
export interface UnitsSoldLine {
  line: number;
  model: string;
  period: string;
  quantity: number;
}

/** The lines read, and a problem for each line that could not be (in the file's order); nothing is imported unless there are none. */
export interface UnitsSoldFile {
  lines: UnitsSoldLine[];
  problems: { line: number; said: Said }[];
}

/** The cells of one line: comma, semicolon or tab between them, a cell in double quotes may hold them. */
function cellsOf(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (quoted) {
      if (c === '"' && row[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';' || c === '\t') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Reads a file of units sold (UTF-8, a byte-order mark tolerated): one model, month and quantity per
 * line, and a first line naming its columns if the file has one. Every problem is named by its line.
 */
export function parseUnitsSoldFile(text: string): UnitsSoldFile {
  const rows = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const lines: UnitsSoldLine[] = [];
  const problems: UnitsSoldFile['problems'] = [];
  const seen = new Map<string, number>();
  let first = true;
  rows.forEach((raw, index) => {
    const row = raw.trim();
    if (row === '' || row.startsWith('#')) return;
    const number = index + 1;
    const cells = cellsOf(row);
    // A first line without a month in it names the columns (model,month,units / 모델,월,판매 수량).
    const header = first && !/\d{4}-\d{1,2}/.test(row);
    first = false;
    if (header) return;
    if (cells.length !== 3 || cells[0] === '') {
      problems.push({ line: number, said: m.unitsColumns({ line: number }) });
      return;
    }
    const [model, period, quantity] = cells as [string, string, string];
    const month = /^(\d{4})[-/.](\d{1,2})$/.exec(period);
    const normalMonth = month ? `${month[1]}-${month[2]!.padStart(2, '0')}` : '';
    const amount = quantity.replace(/[,\s_]/g, '');
    const okMonth = MONTH_PATTERN.test(normalMonth);
    const okQuantity = /^\d+$/.test(amount) && Number(amount) <= MAX_UNITS;
    if (!okMonth) problems.push({ line: number, said: m.unitsLineMonth({ line: number, month: period.slice(0, 40) }) });
    if (!okQuantity) problems.push({ line: number, said: m.unitsLineQuantity({ line: number, quantity: quantity.slice(0, 40) }) });
    if (!okMonth || !okQuantity) return;
    const key = `${model.toLowerCase()}\u0000${normalMonth}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push({ line: number, said: m.unitsLineTwice({ line: number, model, month: normalMonth, first: earlier }) });
    else seen.set(key, number);
    lines.push({ line: number, model, period: normalMonth, quantity: Number(amount) });
  });
  if (problems.length === 0 && lines.length === 0) problems.push({ line: 0, said: m.unitsFileEmpty() });
  if (lines.length > MAX_UNITS_LINES) problems.push({ line: 0, said: m.unitsFileTooLong({ max: MAX_UNITS_LINES }) });
  return { lines, problems };
}
