import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * The dock's shelf holds every parcel that did not end in a receipt: why it is there (`reason`), the
 * case it came for (`for_case_id`), the serial scanned when it was set aside, and whether it is still
 * on the shelf (`state`). One tracking number is on the shelf once: a partial unique index on the
 * normalised tracking of the parcels still there. Duplicates an older Depot let in are kept as
 * `merged` (the oldest stays on the shelf and gets their photos), so the index can be built.
 */
export const m0007_shelf = {
  id: 7,
  name: 'one shelf entry per parcel',
  async up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
    const table = () => db.schema.alterTable('unmatched_parcels');
    await table().addColumn('state', 'text', (c) => c.notNull().defaultTo('on_shelf')).execute();
    await table().addColumn('reason', 'text', (c) => c.notNull().defaultTo('unmatched')).execute();
    await table().addColumn('for_case_id', 'integer', (c) => c.references('cases.id')).execute();
    await table().addColumn('serial_scanned', 'text').execute();
    await db.updateTable('unmatched_parcels').set({ state: 'linked' }).where('case_id', 'is not', null).execute();

    const onShelf: { id: number; tracking_norm: string }[] = await db
      .selectFrom('unmatched_parcels')
      .select(['id', 'tracking_norm'])
      .where(sql.ref('state'), '=', 'on_shelf')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const kept = new Map<string, number>();
    for (const parcel of onShelf) {
      const first = kept.get(parcel.tracking_norm);
      if (first === undefined) {
        kept.set(parcel.tracking_norm, parcel.id);
        continue;
      }
      await db.updateTable('unmatched_parcels').set({ state: 'merged' }).where('id', '=', parcel.id).execute();
      await db.updateTable('attachments').set({ parcel_id: first }).where('parcel_id', '=', parcel.id).execute();
    }

    await db.schema
      .createIndex('unmatched_parcels_on_shelf')
      .on('unmatched_parcels')
      .column('tracking_norm')
      .unique()
      .where(sql.ref('state'), '=', 'on_shelf')
      .execute();
    await db.schema.createIndex('unmatched_parcels_for_case').on('unmatched_parcels').columns(['for_case_id', 'state']).execute();
  },
};
