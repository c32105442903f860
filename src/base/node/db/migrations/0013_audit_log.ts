import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/**
 * Who did what and when, for the admin's audit view: every call by a signed-in person that changed
 * something or exported data, with the station it came from and the case it was about.
 */
export const m0013_audit_log = {
  id: 13,
  name: 'audit log',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    await idColumn(db.schema.createTable('audit_log'), dialect)
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('station', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      // Constants of base/common/audit.ts, never user input.
      .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw("kind in ('cases', 'settings', 'users', 'exports', 'other')")))
      .addColumn('rma', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();
  },
};
