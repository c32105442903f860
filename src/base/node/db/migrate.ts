import { sql, type Kysely, type Transaction } from 'kysely';
import { databaseMessages } from '../../common/messages.ts';
import { DepotError } from '../../common/result.ts';
import type { DialectName } from './dialect.ts';
import { migrations as registry, type Migration } from './migrations/registry.ts';

/** The PostgreSQL advisory lock that makes two Depots starting at once migrate one after the other. */
const MIGRATION_LOCK = 0x6465706f; // "depo"

export interface MigrateOptions {
  /** Copies the database aside before the first pending migration runs. */
  backup?: (label: string) => Promise<void>;
  /** For tests: a different list of migrations. */
  migrations?: readonly Migration[];
}

/**
 * Applies pending migrations, each in its own transaction together with its bookkeeping row,
 * so a migration that fails halfway leaves no trace. A database that has migrations this app
 * does not know was written by a newer Depot and is refused untouched.
 */
export async function migrate(db: Kysely<any>, dialect: DialectName, options: MigrateOptions = {}): Promise<number[]> {
  const list = options.migrations ?? registry;
  // Another Depot starting on the same database at the same moment may be migrating it too:
  // each step takes the write lock (SQLite) or an advisory lock (PostgreSQL), then looks again.
  const exclusively = <T>(step: (trx: Transaction<any>) => Promise<T>) =>
    db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      return step(trx);
    });
  await exclusively((trx) =>
    trx.schema
      .createTable('depot_migrations')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute(),
  );
  const applied = new Set(
    (await db.selectFrom('depot_migrations').select('id').execute()).map((row: { id: number }) => Number(row.id)),
  );
  const known = Math.max(0, ...list.map((m) => m.id));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new DepotError('conflict', databaseMessages.newerSchema({ newest, known }));
  }
  const pending = list.filter((m) => !applied.has(m.id));
  if (pending.length > 0 && applied.size > 0 && options.backup) {
    await options.backup(`before-schema-${pending[0]!.id}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  }
  for (const migration of pending) {
    await exclusively(async (trx) => {
      const done = await trx.selectFrom('depot_migrations').select('id').where('id', '=', migration.id).executeTakeFirst();
      if (done) return;
      await migration.up(trx, dialect);
      await trx
        .insertInto('depot_migrations')
        .values({ id: migration.id, name: migration.name, applied_at: new Date().toISOString() })
        .execute();
    });
  }
  return pending.map((m) => m.id);
}
