import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

// Constants of this file, never user input.
const events = "event in ('signed_in', 'wrong_pin', 'throttled', 'locked', 'lockout', 'unlock', 'user_updated', 'user_disabled', 'user_enabled', 'pin_reset')";

/**
 * Admins edit, disable and re-PIN users: `users.version` rises with every change, so two admins
 * editing one user end with one winner; `sign_in_audit` records each change with the admin who
 * made it (`actor_id`) and, for an edit, what changed (`detail`, JSON).
 */
export const m0011_user_admin = {
  id: 11,
  name: 'user administration',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    await db.schema.alterTable('users').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    if (dialect === 'postgres') {
      await sql`alter table sign_in_audit drop constraint sign_in_audit_event_check`.execute(db);
      await sql`alter table sign_in_audit add constraint sign_in_audit_event_check check (${sql.raw(events)})`.execute(db);
      await db.schema.alterTable('sign_in_audit').addColumn('detail', 'text').execute();
      return;
    }
    // SQLite cannot change a column's check: the table is built again with the new one and its rows copied.
    await idColumn(db.schema.createTable('sign_in_audit_next'), dialect)
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull().check(sql.raw(events)))
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('station', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
      .addColumn('detail', 'text')
      .execute();
    await sql`insert into sign_in_audit_next (id, at, event, user_id, station, actor_id)
      select id, at, event, user_id, station, actor_id from sign_in_audit`.execute(db);
    await db.schema.dropTable('sign_in_audit').execute();
    await db.schema.alterTable('sign_in_audit_next').renameTo('sign_in_audit').execute();
    await db.schema.createIndex('sign_in_audit_user').on('sign_in_audit').columns(['user_id', 'id']).execute();
    await db.schema.createIndex('sign_in_audit_station').on('sign_in_audit').columns(['station', 'at']).execute();
  },
};
