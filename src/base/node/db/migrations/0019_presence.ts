import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * Who is working: one row per signed-in window (its id is a hash of the session token, never the
 * token), with the station it works from and when it was last used. Sessions live in the memory of
 * each Depot process; this table is how stations on one database see each other's people.
 */
export const m0019_presence = {
  id: 19,
  name: 'presence',
  async up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
    await db.schema
      .createTable('presence')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('station', 'text', (c) => c.notNull())
      .addColumn('signed_in_at', 'text', (c) => c.notNull())
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('presence_by_last_seen').on('presence').column('last_seen').execute();
  },
};
