import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/** What the dock found when it opened a parcel: one row per receipt (an undone receipt keeps its row). */
export const m0003_receiving = {
  id: 3,
  name: 'receiving intakes',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    await idColumn(db.schema.createTable('intakes'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('received_by', 'integer', (c) => c.references('users.id'))
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('serial_scanned', 'text', (c) => c.notNull())
      .addColumn('serial_matches', 'integer', (c) => c.notNull())
      .addColumn('mismatch_reason', 'text')
      .addColumn('packaging', 'text', (c) => c.notNull())
      .addColumn('physical_damage', 'integer', (c) => c.notNull())
      .addColumn('liquid_damage', 'integer', (c) => c.notNull())
      .addColumn('accessories', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('undone_at', 'text')
      .addColumn('undo_reason', 'text')
      .execute();
    await db.schema.createIndex('intakes_case').on('intakes').columns(['case_id', 'id']).execute();
    // The dashboard's overdue count reads only this index.
    await db.schema.createIndex('cases_status_received').on('cases').columns(['status', 'received_at']).execute();
  },
};
