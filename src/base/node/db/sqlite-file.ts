import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { databaseMessages as m, type Said } from '../../common/messages.ts';
import { DepotError } from '../../common/result.ts';
import { backupNameOf, defaultBackupFolder, newestBackup } from './backup-files.ts';

/**
 * What Depot checks of an SQLite file before it trusts it: at every open (fast, so a big database
 * still opens at once), before a restore, and in `depot check` (everything, however long it takes).
 */

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * A database up to this size gets a full `quick_check` at open (under 0.1 s at this size, about
 * 9 ms a MB on a busy machine); a bigger one gets its header, its schema and the small tables
 * checked, and the rest by `depot check` and by every backup, which reads every table.
 */
export const FULL_OPEN_CHECK_BYTES = 8 * 1024 * 1024;

/** The tables a damaged page would make Depot unusable in (sign-in, settings, the schema's history). */
const VITAL_TABLES = ['depot_migrations', 'site_settings', 'users'];

/** What the file's first 100 bytes and its size say is wrong with it, if anything. */
export function headerProblem(file: string): Said | null {
  const size = fs.statSync(file).size;
  if (size === 0) return m.empty({ file });
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (size < 100 || !header.subarray(0, 16).equals(MAGIC)) return m.notSqlite({ file });
  const stored = header.readUInt16BE(16);
  const pageSize = stored === 1 ? 65536 : stored;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return m.damaged({ file, detail: 'its header gives no valid page size' });
  }
  // The page count in the header is valid when its version number matches the change counter.
  const pages = header.readUInt32BE(28);
  const expected = pages * pageSize;
  const countValid = pages > 0 && header.readUInt32BE(92) === header.readUInt32BE(24);
  // A checkpoint cut short by a crash can leave the file shorter until its WAL is replayed.
  const walBytes = fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  if (countValid && size < expected && walBytes === 0) return m.truncated({ file, size, expected });
  return null;
}


/** The lines an integrity pragma gave that are not "ok", each naming the table or index of its b-tree. */
function problemLines(raw: BetterSqlite3.Database, rows: unknown[]): string[] {
  const lines = rows.flatMap((row) => Object.values(row as object).map(String)).filter((line) => line !== 'ok');
  if (lines.length === 0) return [];
  let trees = new Map<number, string>();
  try {
    const roots = raw.prepare('select type, name, rootpage from sqlite_schema where rootpage > 0').all() as { type: string; name: string; rootpage: number }[];
    trees = new Map(roots.map((r) => [r.rootpage, `${r.type} ${r.name}`]));
  } catch {
    // the schema itself is unreadable: the lines stay as SQLite wrote them
  }
  return lines.map((line) => {
    const text = line.replace(/\*\*\* in database \w+ \*\*\*\s*/g, '').replace(/\s+/g, ' ').trim();
    const tree = /^Tree (\d+) /.exec(text);
    const owner = tree ? trees.get(Number(tree[1])) : undefined;
    return (owner ? `${owner}: ${text}` : text).slice(0, 300);
  });
}

const tablesOf = (raw: BetterSqlite3.Database) =>
  raw.prepare("select name from sqlite_schema where type = 'table' order by name").pluck().all() as string[];

const quoted = (table: string) => `'${table.replace(/'/g, "''")}'`;

/**
 * What one integrity pragma found. SQLite stops some checks with an error instead of a report
 * (a page too garbled to walk): that error is what it found, named by where it was.
 */
function checkLines(raw: BetterSqlite3.Database, pragma: string, where: string): string[] {
  try {
    return problemLines(raw, raw.pragma(pragma) as unknown[]);
  } catch (error) {
    if (!sqliteProblem(error, '')) throw error;
    return [`${where}: ${(error as Error).message}`];
  }
}

/**
 * The check at every open: the schema reads, the file is Depot's (or has no tables yet), and the
 * vital tables, or the whole file when it is small, pass `quick_check`.
 */
export function openCheckProblem(raw: BetterSqlite3.Database, file: string, fullCheckUpTo = FULL_OPEN_CHECK_BYTES): Said | null {
  const tables = tablesOf(raw);
  if (tables.length > 0 && !tables.includes('depot_migrations')) return m.notDepot({ file });
  if (fs.statSync(file).size <= fullCheckUpTo) {
    const whole = checkLines(raw, 'quick_check', 'the file')[0];
    // A check SQLite had to stop is run again table by table, to say where the damage is.
    const found = whole?.startsWith('the file: ') ? (tables.map((t) => checkLines(raw, `quick_check(${quoted(t)})`, `table ${t}`)[0]).find(Boolean) ?? whole) : whole;
    if (found) return m.damaged({ file, detail: found });
  }
  for (const table of ['sqlite_schema', ...VITAL_TABLES.filter((t) => tables.includes(t))]) {
    const found = checkLines(raw, `quick_check(${quoted(table)})`, `table ${table}`)[0];
    if (found) return m.damaged({ file, detail: found });
  }
  return null;
}

export interface CheckProgress {
  /** The table being checked, or the pass over the whole file. */
  step: string;
  done: number;
  total: number;
}

/**
 * Everything SQLite can check: each table with its indexes (one at a time, so a big file shows
 * progress), the whole file's page accounting, and the foreign keys. Gives what it found, one
 * line each; empty when the file is sound.
 */
export function fullCheck(raw: BetterSqlite3.Database, onProgress?: (progress: CheckProgress) => void): string[] {
  const tables = tablesOf(raw);
  const total = tables.length + 2;
  const found = new Set<string>();
  tables.forEach((table, done) => {
    onProgress?.({ step: table, done, total });
    for (const line of checkLines(raw, `integrity_check(${quoted(table)})`, `table ${table}`)) found.add(line);
  });
  // Only a whole-file pass counts pages that belong to no table or to two.
  onProgress?.({ step: 'pages', done: tables.length, total });
  for (const line of checkLines(raw, 'quick_check', 'the file')) found.add(line);
  onProgress?.({ step: 'foreign keys', done: tables.length + 1, total });
  let orphans: { table: string; rowid: number | null; parent: string }[] = [];
  try {
    orphans = raw.pragma('foreign_key_check') as typeof orphans;
  } catch (error) {
    if (!sqliteProblem(error, '')) throw error;
    found.add(`foreign keys: ${(error as Error).message}`);
  }
  for (const row of orphans.slice(0, 20)) found.add(`${row.table} row ${row.rowid ?? '?'} refers to a ${row.parent} row that does not exist`);
  if (orphans.length > 20) found.add(`… and ${orphans.length - 20} more rows that refer to missing rows`);
  onProgress?.({ step: 'done', done: total, total });
  return [...found];
}

/** SQLite's own word that the file is damaged or not a database, as Depot says it; null for any other error. */
export function sqliteProblem(error: unknown, file: string): Said | null {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return m.damaged({ file, detail: (error as Error).message });
  return null;
}

/** A path as it can be pasted into a shell. */
export function shellWord(text: string): string {
  if (/^[\w./:@%+=,-]+$/.test(text)) return text;
  return process.platform === 'win32' ? `"${text}"` : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A database file Depot will not open: what is wrong with it, and what to do. */
export class DatabaseRefused extends DepotError {
  constructor(
    readonly problem: Said,
    readonly wayOut: Said,
  ) {
    super('conflict', problem);
    this.name = 'DatabaseRefused';
    this.message = `${problem.text}\n${wayOut.text}`;
  }
}

/** The refusal of `file` for `problem`, with the restore command for the newest backup beside it. */
export function refusal(file: string, problem: Said): DatabaseRefused {
  const folder = defaultBackupFolder(file);
  const newest = newestBackup(folder, backupNameOf(file));
  const wayOut = newest
    ? m.restoreNewest({ taken: newest.takenAt, backup: shellWord(newest.file), file: shellWord(file) })
    : m.noBackupFound({ folder, file: shellWord(file) });
  return new DatabaseRefused(problem, wayOut);
}
