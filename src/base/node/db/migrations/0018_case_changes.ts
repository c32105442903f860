import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/**
 * The change feed of cases: one row per committed change to a case (its RMA number, the version it
 * reached, who made it and what kind of change), written in the change's own transaction, so a
 * rolled-back change leaves none. SQLite stations poll it; on PostgreSQL a trigger sends each row
 * as a NOTIFY, which PostgreSQL delivers only once the transaction commits.
 */
export const m0018_case_changes = {
  id: 18,
  name: 'case changes',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    await idColumn(db.schema.createTable('case_changes'), dialect)
      .addColumn('rma', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw("kind in ('created', 'status', 'updated')")))
      .addColumn('by_name', 'text')
      .execute();
    if (dialect === 'postgres') {
      await sql`
        create function depot_case_changed() returns trigger language plpgsql as $$
        begin
          perform pg_notify('depot_case_changes', json_build_object('rma', new.rma, 'version', new.version, 'kind', new.kind, 'by', new.by_name)::text);
          return new;
        end $$`.execute(db);
      await sql`create trigger case_changes_notify after insert on case_changes for each row execute function depot_case_changed()`.execute(db);
    }
  },
};
