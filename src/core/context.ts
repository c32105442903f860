import type { Kysely, Transaction } from 'kysely';
import type { UserInfo } from '../shared/domain.ts';
import type { DepotDatabase } from './db/open.ts';
import type { Database } from './db/schema.ts';
import { Sessions } from './services/sessions.ts';

/** Everything a core service needs; built once per open database. */
export interface Core {
  database: DepotDatabase;
  db: Kysely<Database>;
  /** Folder for attachments and backups; null for in-memory test databases. */
  dataDir: string | null;
  now(): Date;
  sessions: Sessions;
}

/** Who is acting: a signed-in user, or the portal sync acting for a customer. */
export type Caller = { kind: 'user'; user: UserInfo } | { kind: 'system' };

export type Tx = Transaction<Database>;
export type Db = Kysely<Database> | Tx;

export function createCore(database: DepotDatabase, options: { dataDir?: string | null; now?: () => Date } = {}): Core {
  return {
    database,
    db: database.db,
    dataDir: options.dataDir ?? null,
    now: options.now ?? (() => new Date()),
    sessions: new Sessions(),
  };
}
