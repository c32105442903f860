import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/**
 * The change feed of cases also says when a unit moved to another location, so a case page's place
 * and a list filtered by location follow a move made at another station. SQLite cannot change a
 * check constraint in place: the table is copied with its ids (a station polling it keeps its place
 * in the feed), then takes the old one's name.
 */
export const m0020_case_moves_on_feed = {
  id: 20,
  name: 'case moves on the feed',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    const kinds = sql.raw("kind in ('created', 'status', 'updated', 'moved')");
    if (dialect === 'postgres') {
      await sql`alter table case_changes drop constraint case_changes_kind_check`.execute(db);
      await sql`alter table case_changes add constraint case_changes_kind_check check (${kinds})`.execute(db);
      return;
    }
    await idColumn(db.schema.createTable('case_changes_moved'), dialect)
      .addColumn('rma', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(kinds))
      .addColumn('by_name', 'text')
      .execute();
    await sql`insert into case_changes_moved (id, rma, version, kind, by_name) select id, rma, version, kind, by_name from case_changes`.execute(db);
    await db.schema.dropTable('case_changes').execute();
    await db.schema.alterTable('case_changes_moved').renameTo('case_changes').execute();
  },
};
