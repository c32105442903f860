import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/**
 * Where every unit is: the locations the admin defines (shelf, bench, QA, outbound, supplier cage),
 * each case's current location, and the trail of every move.
 */
export const m0014_locations = {
  id: 14,
  name: 'locations',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    await idColumn(db.schema.createTable('locations'), dialect)
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw("kind in ('shelf', 'bench', 'qa', 'outbound', 'supplier_cage')")))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    // A code is what the scanner reads: unique whatever its case.
    await db.schema.createIndex('locations_code_folded').on('locations').unique().expression(sql`lower(code)`).execute();

    await db.schema
      .createTable('case_locations')
      .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id'))
      .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id'))
      .addColumn('since', 'text', (c) => c.notNull())
      .addColumn('moved_by', 'integer', (c) => c.notNull().references('users.id'))
      // Rises with every move, so of two stations moving one unit at once one wins.
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_locations_location').on('case_locations').columns(['location_id', 'case_id']).execute();

    await idColumn(db.schema.createTable('location_moves'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id'))
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('location_moves_case').on('location_moves').columns(['case_id', 'id']).execute();
  },
};
