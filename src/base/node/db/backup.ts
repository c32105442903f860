import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { databaseMessages as m, type Said } from '../../common/messages.ts';
import { DepotError } from '../../common/result.ts';
import { ensurePrivateFile, fsyncFile, fsyncFolder, makePrivateFolder, restrictToOwner } from '../files.ts';
import { backupFileName, partialName, pruneBackups, removeStalePartials, type BackupFile } from './backup-files.ts';
import { migrations as registry } from './migrations/registry.ts';
import { fullCheck, headerProblem, sqliteProblem, type CheckProgress } from './sqlite-file.ts';

export interface BackupProgress {
  phase: 'copying' | 'checking';
  /** 0 to 1 while it can be told; null when it cannot (pg_dump). */
  fraction: number | null;
}

/** A database that can copy itself into a file: the open SQLite or PostgreSQL database. */
export interface BackupSource {
  /** What its backups are called (the file's name, or the PostgreSQL database's). */
  name: string;
  extension: 'sqlite' | 'dump';
  copyInto(target: string, onProgress: (progress: BackupProgress) => void): Promise<void>;
}

/**
 * Takes one backup into `folder`: written under a temporary name, flushed, then renamed, so a
 * backup killed halfway leaves only a `.partial` file (removed by the next backup), never a
 * damaged backup, and never touches the live database or the earlier backups. Then keeps the
 * `keep` newest.
 */
export async function takeBackup(
  source: BackupSource,
  folder: string,
  options: { now: Date; keep?: number; onProgress?: (progress: BackupProgress) => void },
): Promise<BackupFile> {
  makePrivateFolder(folder);
  removeStalePartials(folder);
  const file = path.join(folder, backupFileName(source.name, options.now, source.extension));
  const partial = partialName(file);
  ensurePrivateFile(partial);
  try {
    await source.copyInto(partial, options.onProgress ?? (() => {}));
    restrictToOwner(partial);
    fsyncFile(partial);
    fs.renameSync(partial, file);
    fsyncFolder(folder);
  } catch (error) {
    for (const leftover of [partial, `${partial}-journal`]) fs.rmSync(leftover, { force: true });
    throw error;
  }
  if (options.keep) pruneBackups(folder, source.name, options.keep);
  return { file, takenAt: options.now.toISOString(), bytes: fs.statSync(file).size };
}

// --- SQLite: VACUUM INTO on a connection of its own, in a worker thread --------------------

/*
 * VACUUM INTO reads one consistent snapshot however much the app writes meanwhile (the online
 * backup API starts again on every write from another connection), and reads every table through
 * its b-tree, so a damaged page fails the backup instead of being copied. It runs in a worker so
 * the serving process keeps answering; the copy is quick-checked there too.
 */
const vacuumWorker = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
try {
  const source = new Database(workerData.source, { fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  const pages = source.pragma('page_count', { simple: true }) - source.pragma('freelist_count', { simple: true });
  parentPort.postMessage({ expectedBytes: pages * source.pragma('page_size', { simple: true }) });
  source.prepare('VACUUM INTO ?').run(workerData.target);
  source.close();
  parentPort.postMessage({ checking: true });
  const copy = new Database(workerData.target, { fileMustExist: true });
  const problems = copy.pragma('quick_check').map((row) => row.quick_check).filter((line) => line !== 'ok');
  copy.close();
  parentPort.postMessage({ done: true, problems });
} catch (error) {
  parentPort.postMessage({ error: { code: error.code, message: String(error.message) } });
}
`;

const driverPath = () => createRequire(import.meta.url).resolve('better-sqlite3');

export function vacuumInto(sourceFile: string, target: string, onProgress: (progress: BackupProgress) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(vacuumWorker, { eval: true, workerData: { driver: driverPath(), source: sourceFile, target } });
    let expectedBytes = 0;
    const poll = setInterval(() => {
      if (!expectedBytes) return;
      const written = fs.statSync(target, { throwIfNoEntry: false })?.size ?? 0;
      onProgress({ phase: 'copying', fraction: Math.min(0.99, written / expectedBytes) });
    }, 250);
    const settle = (error: Error | null) => {
      clearInterval(poll);
      worker.removeAllListeners();
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    worker.on('message', (message: { expectedBytes?: number; checking?: true; done?: true; problems?: string[]; error?: { code?: string; message: string } }) => {
      if (message.expectedBytes !== undefined) {
        expectedBytes = message.expectedBytes;
        onProgress({ phase: 'copying', fraction: 0 });
      } else if (message.checking) {
        onProgress({ phase: 'checking', fraction: null });
      } else if (message.error) {
        const damaged = sqliteProblem(message.error, sourceFile);
        settle(new DepotError('internal', damaged ?? m.backupFailed({ detail: message.error.message })));
      } else if (message.done) {
        const first = message.problems?.[0];
        settle(first ? new DepotError('internal', m.backupFailed({ detail: `the copy does not pass its check (${first})` })) : null);
      }
    });
    worker.on('error', (error) => settle(new DepotError('internal', m.backupFailed({ detail: error.message }))));
    worker.on('exit', (code) => settle(new DepotError('internal', m.backupFailed({ detail: `the backup stopped (exit ${code})` }))));
  });
}

// --- PostgreSQL: pg_dump ------------------------------------------------------------------

function onPath(program: string): string | null {
  const names = process.platform === 'win32' ? [`${program}.exe`, program] : [program];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * pg_dump in its custom format. The connection goes through PG* variables, never the command
 * line (other users can read that) or a message: what pg_dump says is passed on without the password.
 */
export function pgDump(connectionString: string, target: string): Promise<void> {
  const program = onPath('pg_dump');
  if (!program) return Promise.reject(new DepotError('internal', m.noPgDump()));
  const url = new URL(connectionString);
  const password = decodeURIComponent(url.password);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: decodeURIComponent(url.hostname) || 'localhost',
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username),
    PGDATABASE: decodeURIComponent(url.pathname.slice(1)),
  };
  if (password) env.PGPASSWORD = password;
  for (const [key, value] of url.searchParams) if (key === 'sslmode') env.PGSSLMODE = value;
  return new Promise<void>((resolve, reject) => {
    const child = spawn(program, ['--format=custom', '--no-password', `--file=${target}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    child.stderr.on('data', (chunk: Buffer) => (said = (said + chunk.toString('utf8')).slice(-2000)));
    child.on('error', (error) => reject(new DepotError('internal', m.pgDumpFailed({ detail: error.message }))));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const last = said.trim().split('\n').at(-1) ?? `exit ${code}`;
      reject(new DepotError('internal', m.pgDumpFailed({ detail: password ? last.split(password).join('***') : last })));
    });
  });
}

// --- Restore ---------------------------------------------------------------------------------

export interface RestoreResult {
  /** Where the database that was replaced now is; null when there was none. */
  setAside: string | null;
}

/** Refuses a backup that is not a sound Depot database of a schema this Depot knows; says why with the backup's path. */
function verifyCopy(copy: string, backup: string, onProgress?: (progress: CheckProgress) => void): Said | null {
  const raw = new BetterSqlite3(copy, { fileMustExist: true });
  try {
    const hasMigrations = raw.prepare("select 1 from sqlite_schema where type = 'table' and name = 'depot_migrations'").get();
    if (!hasMigrations) return m.notDepot({ file: backup });
    const known = new Set(registry.map((migration) => migration.id));
    const unknown = (raw.prepare('select id from depot_migrations order by id').pluck().all() as number[]).filter((id) => !known.has(id));
    if (unknown.length > 0) return m.unknownSchema({ file: backup, ids: unknown.join(', ') });
    const found = fullCheck(raw, onProgress);
    return found.length > 0 ? m.damaged({ file: backup, detail: found.slice(0, 3).join('; ') }) : null;
  } catch (error) {
    const problem = sqliteProblem(error, backup);
    if (problem) return problem;
    throw error;
  } finally {
    raw.close();
  }
}

/** Whether another connection has `file` open: an exclusive lock cannot be had then. */
function inUse(file: string): boolean {
  let raw: BetterSqlite3.Database | null = null;
  try {
    raw = new BetterSqlite3(file, { fileMustExist: true, timeout: 0 });
    raw.pragma('locking_mode = EXCLUSIVE');
    raw.exec('begin exclusive');
    raw.exec('commit');
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'SQLITE_BUSY';
  } finally {
    // The last connection to close folds the WAL into the file and removes it.
    raw?.close();
  }
}

/**
 * Puts `backup` in the place of `target`. Nothing is replaced until a copy of the backup, beside
 * the target, has passed the full check and is a Depot database of a known schema; the database
 * it replaces is kept beside it, renamed with the time.
 */
export function restoreSqlite(
  backup: string,
  target: string,
  options: { now: Date; onProgress?: (progress: CheckProgress) => void },
): RestoreResult {
  if (!fs.statSync(backup, { throwIfNoEntry: false })?.isFile()) throw new DepotError('not_found', m.notABackup({ file: backup }));
  const header = headerProblem(backup);
  if (header) throw new DepotError('invalid', header);
  const exists = fs.existsSync(target);
  if (exists && inUse(target)) throw new DepotError('conflict', m.inUse({ file: target }));
  makePrivateFolder(path.dirname(target));
  const copy = partialName(`${target}.restoring`);
  ensurePrivateFile(copy);
  try {
    fs.copyFileSync(backup, copy);
    restrictToOwner(copy);
    const problem = verifyCopy(copy, backup, options.onProgress);
    if (problem) throw new DepotError('invalid', problem);
    fsyncFile(copy);
    let setAside: string | null = null;
    if (exists) {
      setAside = `${target}.replaced-${options.now.toISOString().replace(/:/g, '-')}`;
      fs.renameSync(target, setAside);
      for (const suffix of ['-wal', '-shm']) {
        if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, setAside + suffix);
      }
    }
    fs.renameSync(copy, target);
    fsyncFolder(path.dirname(target));
    return { setAside };
  } finally {
    for (const leftover of [copy, `${copy}-wal`, `${copy}-shm`, `${copy}-journal`]) fs.rmSync(leftover, { force: true });
  }
}
