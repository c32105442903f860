import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { databaseMessages } from '../../base/common/messages.ts';
import { createCore } from '../../base/node/core.ts';
import { restoreSqlite, type BackupProgress } from '../../base/node/db/backup.ts';
import { openPostgres, openSqlite, type DepotDatabase } from '../../base/node/db/open.ts';
import { fullCheck, headerProblem, openCheckProblem, refusal, sqliteProblem, type CheckProgress } from '../../base/node/db/sqlite-file.ts';
import { databaseFile, defaultDataDir } from '../../base/node/paths.ts';
import { backupFolderOf, runBackup } from '../../features/backup/node/index.ts';
import { setting } from '../../features/settings/node/index.ts';

export const backupHelp = `  check --db FILE              check every page, index and reference of a database (takes a while on a big one)
  backup [--db FILE] [--to DIR]
                               back the database up now, while Depot runs (default: the folder set in Settings,
                               or backups/ beside the database). PostgreSQL: runs pg_dump
  restore BACKUP --db FILE     put a backup in the place of a database, after checking it; the database it
                               replaces is kept beside it. Stop Depot first
`;

const dbFileOf = (db: unknown) => path.resolve(typeof db === 'string' ? db : databaseFile(defaultDataDir()));

/** One progress line that rewrites itself on a terminal; elsewhere (a log) a line every few seconds. */
function progressLine(): { show(text: string): void; end(): void } {
  let last = '';
  let loggedAt = performance.now();
  return {
    show(text) {
      if (text === last) return;
      last = text;
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
      else if (performance.now() - loggedAt >= 2000) {
        loggedAt = performance.now();
        process.stderr.write(`${text}\n`);
      }
    },
    end() {
      if (process.stderr.isTTY && last) process.stderr.write('\n');
    },
  };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `depot check`: the full check, table by table, then the way out if anything is wrong. */
export function checkCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' } } });
  const file = dbFileOf(values.db);
  if (!fs.existsSync(file)) {
    console.error(`No database at ${file}; give --db FILE.`);
    return 1;
  }
  const started = performance.now();
  const header = headerProblem(file);
  if (header) {
    console.error(refusal(file, header).message);
    return 1;
  }
  const raw = new BetterSqlite3(file, { fileMustExist: true });
  const progress = progressLine();
  try {
    raw.pragma('busy_timeout = 5000');
    const quick = openCheckProblem(raw, file, 0);
    if (quick?.code === 'database.notDepot') {
      console.error(refusal(file, quick).message);
      return 1;
    }
    console.error(`Checking ${file} (${megabytes(fs.statSync(file).size)})…`);
    const found = fullCheck(raw, ({ step, done, total }: CheckProgress) => progress.show(`[${done}/${total}] ${step}`));
    progress.end();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (found.length === 0) {
      console.log(`${file}: ok, every table, index, page and reference checked in ${seconds} s.`);
      return 0;
    }
    for (const line of found.slice(0, 50)) console.error(`  ${line}`);
    if (found.length > 50) console.error(`  … and ${found.length - 50} more`);
    console.error(refusal(file, databaseMessages.damaged({ file, detail: `${found.length} problems found in ${seconds} s` })).message);
    return 1;
  } catch (error) {
    progress.end();
    const problem = sqliteProblem(error, file);
    if (!problem) throw error;
    console.error(refusal(file, problem).message);
    return 1;
  } finally {
    raw.close();
  }
}

function showBackupProgress(progress: ReturnType<typeof progressLine>) {
  return ({ phase, fraction }: BackupProgress) =>
    progress.show(phase === 'checking' ? 'checking the copy…' : fraction === null ? 'copying…' : `copying ${Math.floor(fraction * 100)}%`);
}

/** `depot backup`: one backup now, consistent while Depot runs and writes. */
export async function backupCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, to: { type: 'string' } } });
  const file = dbFileOf(values.db);
  const url = process.env.DEPOT_DATABASE_URL;
  if (!url && !fs.existsSync(file)) {
    console.error(`No database at ${file}; give --db FILE.`);
    return 1;
  }
  const database: DepotDatabase = url ? await openPostgres(url, { migrate: false }) : await openSqlite(file, { migrate: false });
  const core = createCore(database, { dataDir: path.dirname(file) });
  const progress = progressLine();
  try {
    const settings = await setting.backup.read(core.db);
    const folder = values.to ? path.resolve(values.to) : backupFolderOf(core, settings);
    const started = performance.now();
    // A folder given here is the caller's: only the scheduled folder is kept to the set number.
    const backup = await runBackup(core, { folder, keep: values.to ? undefined : settings.keep, onProgress: showBackupProgress(progress) });
    progress.end();
    console.log(`Backed up to ${backup.file} (${megabytes(backup.bytes)}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    progress.end();
    await database.close();
  }
}

/** `depot restore`: the backup is checked whole before anything is replaced. */
export function restoreCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { db: { type: 'string' } } });
  if (process.env.DEPOT_DATABASE_URL) {
    console.error('Depot restores SQLite files only. Restore a PostgreSQL database with pg_restore.');
    return 1;
  }
  const backup = positionals[0];
  if (!backup || !values.db) {
    console.error('Usage: depot restore BACKUP --db FILE');
    return 1;
  }
  const target = path.resolve(values.db);
  const progress = progressLine();
  console.error(`Checking ${backup} before it replaces ${target}…`);
  const result = restoreSqlite(path.resolve(backup), target, {
    now: new Date(),
    onProgress: ({ step, done, total }) => progress.show(`[${done}/${total}] ${step}`),
  });
  progress.end();
  console.log(`Restored ${target} from ${backup}.`);
  if (result.setAside) console.log(`The database it replaced is kept as ${result.setAside}.`);
  return 0;
}
