import { createCore, type Core } from './core.ts';
import { makePrivateFolder } from './files.ts';
import { databaseFile } from './paths.ts';
import { openDatabase, openPostgres, openSqlite, type OpenOptions } from './db/open.ts';

export interface BootOptions {
  /** The data folder (attachments, backups); made, owner-only, if it is missing. */
  dataDir: string;
  /** The SQLite file; default depot.sqlite in the data folder. */
  databaseFile?: string;
  /**
   * A PostgreSQL URL to use instead of the file. Absent: DEPOT_DATABASE_URL decides, as everywhere;
   * null: the SQLite file whatever the environment says.
   */
  databaseUrl?: string | null;
  /** The clock (tests). */
  now?: () => Date;
  /** How the SQLite file is opened (`depot init` lets a 0-byte file become a new database). */
  open?: Pick<OpenOptions, 'allowEmpty' | 'fullCheckUpTo'>;
}

/**
 * Opens (creating and migrating as needed) the database of a data folder and builds the core on
 * it: the desktop app, browser mode, the CLI and the tests all start here.
 */
export async function bootCore(options: BootOptions): Promise<Core> {
  const { dataDir } = options;
  makePrivateFolder(dataDir);
  const file = options.databaseFile ?? databaseFile(dataDir);
  const database =
    options.databaseUrl === undefined
      ? await openDatabase(file, options.open)
      : options.databaseUrl === null
        ? await openSqlite(file, options.open)
        : await openPostgres(options.databaseUrl);
  return createCore(database, { dataDir, now: options.now });
}
