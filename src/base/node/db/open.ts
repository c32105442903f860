import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect.ts';
import { migrate } from './migrate.ts';
import type { Migration } from './migrations/registry.ts';
import type { Database } from './schema.ts';

export interface DepotDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The SQLite file, for backups; null for PostgreSQL. */
  file: string | null;
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
}

export async function openSqlite(file: string, options: OpenOptions = {}): Promise<DepotDatabase> {
  const existed = file !== ':memory:' && fs.existsSync(file) && fs.statSync(file).size > 0;
  const raw = new BetterSqlite3(file);
  applyPragmas(raw);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(raw) as never }) });
  const handle: DepotDatabase = {
    db,
    dialect: 'sqlite',
    file: file === ':memory:' ? null : file,
    close: () => db.destroy(),
  };
  if (options.migrate !== false) {
    try {
      await migrate(db, 'sqlite', {
        migrations: options.migrations,
        backup: existed ? (label) => raw.backup(`${file}.${label}.bak`).then(() => undefined) : undefined,
      });
    } catch (error) {
      await db.destroy();
      throw error;
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
  return { db, dialect: 'postgres', file: null, close: () => db.destroy() };
}

/** DEPOT_DATABASE_URL=postgres://… selects PostgreSQL; otherwise the SQLite file. */
export function openDatabase(sqliteFile: string, options: OpenOptions = {}): Promise<DepotDatabase> {
  const url = process.env.DEPOT_DATABASE_URL;
  return url ? openPostgres(url, options) : openSqlite(sqliteFile, options);
}
