import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import { ensurePrivateFile, restrictToOwner } from '../files.ts';
import { pgDump, vacuumInto, type BackupSource } from './backup.ts';
import { backupNameOf } from './backup-files.ts';
import type { DialectName } from './dialect.ts';
import { migrate } from './migrate.ts';
import type { Migration } from './migrations/registry.ts';
import type { Database } from './schema.ts';
import { headerProblem, openCheckProblem, refusal, sqliteProblem } from './sqlite-file.ts';

export interface DepotDatabase extends BackupSource {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The SQLite file, for backups; null for PostgreSQL. */
  file: string | null;
  /**
   * PostgreSQL only: LISTEN on a channel over one connection of its own (the pool's connections
   * come and go). `onPayload` gets each NOTIFY's payload; the connection is opened again after it
   * drops. Resolves once listening; the returned function stops.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Set on every open: they are per connection in SQLite, not stored in the file. */
export function applyPragmas(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
}

/**
 * kysely's SQLite driver prepares every statement again on each call; most of a lookup's time
 * goes there. Statements are cached by their SQL text (kysely's output never inlines values).
 */
function withStatementCache(raw: BetterSqlite3.Database, limit = 500) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement) {
        cache.delete(sqlText); // re-insert: Map order is the least-recently-used order
      } else {
        statement = raw.prepare(sqlText);
        if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sqlText, statement);
      return statement;
    },
    close() {
      cache.clear();
      raw.close();
    },
  };
}

/**
 * Write transactions take SQLite's write lock at BEGIN: a deferred transaction that reads and
 * then writes can fail with SQLITE_BUSY instead of waiting when another writer got in between.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly driverConfig: SqliteDialectConfig) {
    super(driverConfig);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.driverConfig);
  }
}

export interface OpenOptions {
  /** Run pending migrations (after a backup copy of an existing file). Default true. */
  migrate?: boolean;
  /** For tests: a different list of migrations. */
  migrations?: readonly Migration[];
  /** An existing 0-byte file may become a new database (`depot init`); otherwise it is refused. */
  allowEmpty?: boolean;
  /** Files up to this size get a full quick_check at open (tests lower it). */
  fullCheckUpTo?: number;
}

/**
 * A new database file: made owner-only and in WAL mode under a temporary name, then linked into
 * place, so another Depot starting on the same path at the same moment never sees it empty.
 */
function createDatabaseFile(file: string): void {
  const fresh = `${file}.${process.pid}.new`;
  ensurePrivateFile(fresh);
  try {
    const raw = new BetterSqlite3(fresh);
    raw.pragma('journal_mode = WAL');
    raw.close();
    try {
      fs.linkSync(fresh, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return; // made by the other Depot: that one is used
      // A file system without hard links: a rename, which cannot tell if one appeared meanwhile.
      if (!fs.existsSync(file)) fs.renameSync(fresh, file);
    }
  } finally {
    fs.rmSync(fresh, { force: true });
  }
}

/**
 * Opens Depot's SQLite file, refusing one it cannot trust (see sqlite-file.ts) with the path, what
 * is wrong and the restore command. Every file of it (database, WAL, shared memory, the copy
 * before a migration) is owner-only.
 */
export async function openSqlite(file: string, options: OpenOptions = {}): Promise<DepotDatabase> {
  const onDisk = file !== ':memory:';
  const existed = onDisk && fs.existsSync(file) && fs.statSync(file).size > 0;
  if (onDisk) {
    if (!fs.existsSync(file)) createDatabaseFile(file);
    else if (!(options.allowEmpty && fs.statSync(file).size === 0)) {
      const problem = headerProblem(file);
      if (problem) throw refusal(file, problem);
    }
    restrictToOwner(file);
  }
  let raw: BetterSqlite3.Database | null = null;
  try {
    raw = new BetterSqlite3(file);
    if (onDisk) {
      // Checked before the pragmas: setting WAL would write into a file that may not be Depot's.
      raw.pragma('busy_timeout = 5000');
      const problem = openCheckProblem(raw, file, options.fullCheckUpTo);
      if (problem) throw refusal(file, problem);
    }
    applyPragmas(raw);
    if (onDisk) for (const suffix of ['-wal', '-shm']) restrictToOwner(file + suffix);
  } catch (error) {
    raw?.close();
    const damaged = onDisk ? sqliteProblem(error, file) : null;
    throw damaged ? refusal(file, damaged) : error;
  }
  const connection = raw;
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(connection) as never }) });
  const handle: DepotDatabase = {
    db,
    dialect: 'sqlite',
    file: onDisk ? file : null,
    name: onDisk ? backupNameOf(file) : 'memory',
    extension: 'sqlite',
    copyInto: (target, onProgress) => (onDisk ? vacuumInto(path.resolve(file), target, onProgress) : connection.backup(target).then(() => undefined)),
    close: () => db.destroy(),
  };
  if (options.migrate !== false) {
    try {
      await migrate(db, 'sqlite', {
        migrations: options.migrations,
        backup: existed
          ? async (label) => {
              const copy = `${file}.${label}.bak`;
              ensurePrivateFile(copy);
              await connection.backup(copy);
            }
          : undefined,
      });
    } catch (error) {
      await db.destroy();
      const damaged = onDisk ? sqliteProblem(error, file) : null;
      throw damaged ? refusal(file, damaged) : error;
    }
  }
  return handle;
}

export async function openPostgres(connectionString: string, options: OpenOptions = {}): Promise<DepotDatabase> {
  const pool = new pg.Pool({ connectionString, max: 8 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (options.migrate !== false) {
    try {
      await migrate(db, 'postgres', { migrations: options.migrations });
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    dialect: 'postgres',
    file: null,
    async listen(channel, onPayload) {
      const stop = await listenOn(connectionString, channel, onPayload);
      const stopOnce = async () => {
        if (listeners.delete(stopOnce)) await stop();
      };
      listeners.add(stopOnce);
      return stopOnce;
    },
    name: decodeURIComponent(new URL(connectionString).pathname.slice(1)) || 'postgres',
    extension: 'dump',
    copyInto: (target, onProgress) => {
      onProgress({ phase: 'copying', fraction: null });
      return pgDump(connectionString, target);
    },
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await db.destroy();
    },
  };
}

/** How long a dropped listening connection waits before it connects again. */
const RELISTEN_MS = 1000;

/** One client that LISTENs on `channel`, connecting again whenever its connection drops. */
async function listenOn(connectionString: string, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    const lost = () => {
      if (stopped || client !== next) return;
      client = null;
      retry = setTimeout(() => void connect().catch(() => undefined), RELISTEN_MS);
      retry.unref();
    };
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on('error', lost);
    next.on('end', lost);
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      lost();
      throw error;
    }
  };
  try {
    await connect();
  } catch (error) {
    stopped = true;
    if (retry) clearTimeout(retry);
    throw error;
  }
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
    client = null;
  };
}

/** DEPOT_DATABASE_URL=postgres://… selects PostgreSQL; otherwise the SQLite file. */
export function openDatabase(sqliteFile: string, options: OpenOptions = {}): Promise<DepotDatabase> {
  const url = process.env.DEPOT_DATABASE_URL;
  return url ? openPostgres(url, options) : openSqlite(sqliteFile, options);
}
