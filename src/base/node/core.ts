import type { Kysely, Transaction } from 'kysely';
import type { DepotDatabase } from './db/open.ts';
import type { Database } from './db/schema.ts';
import { Sessions } from './sessions.ts';

/**
 * State that one feature keeps per open database (the printer it was given, its running sync
 * worker, its label batches). The slot object is the key: only the feature that made it can reach
 * the value, and the value lives exactly as long as its core.
 */
export class Slot<T> {
  constructor(
    readonly name: string,
    readonly initial: () => T,
  ) {}
}

/** Everything a core service needs; built once per open database. */
export interface Core {
  database: DepotDatabase;
  db: Kysely<Database>;
  /** Folder for attachments and backups; null for in-memory test databases. */
  dataDir: string | null;
  now(): Date;
  sessions: Sessions;
  /** The feature state behind a slot, made on first use. */
  slot<T>(slot: Slot<T>): T;
}

export type Tx = Transaction<Database>;
export type Db = Kysely<Database> | Tx;

export function createCore(database: DepotDatabase, options: { dataDir?: string | null; now?: () => Date } = {}): Core {
  const slots = new Map<Slot<unknown>, unknown>();
  const now = options.now ?? (() => new Date());
  return {
    database,
    db: database.db,
    dataDir: options.dataDir ?? null,
    now,
    sessions: new Sessions(now),
    slot<T>(slot: Slot<T>): T {
      if (!slots.has(slot)) slots.set(slot, slot.initial());
      return slots.get(slot) as T;
    },
  };
}
