import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/**
 * Sign-in attempts, for throttling, lockout and the admin's record: every wrong PIN, every
 * attempt refused while throttled or locked, every lockout and unlock, and every sign-in (which
 * ends a run of wrong PINs). `user_id` is the id the attempt named, known or not, so an unknown
 * user is throttled and locked exactly like a real one; the PIN is never kept.
 */
export const m0008_sign_in_audit = {
  id: 8,
  name: 'sign-in audit',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    await idColumn(db.schema.createTable('sign_in_audit'), dialect)
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) =>
        // Constants of this file, never user input.
        c.notNull().check(sql.raw("event in ('signed_in', 'wrong_pin', 'throttled', 'locked', 'lockout', 'unlock')")),
      )
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('station', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
      .execute();
    await db.schema.createIndex('sign_in_audit_user').on('sign_in_audit').columns(['user_id', 'id']).execute();
    await db.schema.createIndex('sign_in_audit_station').on('sign_in_audit').columns(['station', 'at']).execute();
  },
};
