import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { idColumn } from '../dialect.ts';

/** Portal sync: pull cursor and pause switch, worker lease, applied and parked events, what customers sent. */
export const m0002_portal_sync = {
  id: 2,
  name: 'portal sync',
  async up(db: Kysely<any>, dialect: DialectName): Promise<void> {
    const s = db.schema;
    // One row: where the event pull stands, and whether sync is paused (e.g. the portal refused the token).
    await s
      .createTable('portal_sync_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('cursor', 'text')
      .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pause_reason', 'text')
      .addColumn('paused_at', 'text')
      .addColumn('last_push_at', 'text')
      .addColumn('last_pull_at', 'text')
      .execute();
    await db.insertInto('portal_sync_state').values({ id: 1, paused: 0 }).execute();

    // One sync worker per database: whoever holds an unexpired lease.
    await s
      .createTable('portal_lease')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();

    await s
      .createTable('portal_applied_events')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('rma', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();

    // Events Depot could not apply (unknown RMA, invalid data): kept for staff, never blocking later ones.
    await idColumn(s.createTable('portal_parked_events'), dialect)
      .addColumn('event_id', 'text', (c) => c.notNull().unique())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('rma', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .execute();

    // Something about a case staff must look at: the portal closed it, an address change came after shipping...
    await idColumn(s.createTable('case_flags'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('resolved_by', 'integer', (c) => c.references('users.id'))
      .execute();
    await s.createIndex('case_flags_case').on('case_flags').columns(['case_id', 'id']).execute();
    await s.createIndex('case_flags_open').on('case_flags').columns(['resolved_at', 'id']).execute();

    // Files the customer uploaded stay on the portal; the case keeps links to them.
    await idColumn(s.createTable('portal_attachment_links'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('portal_attachment_links_case').on('portal_attachment_links').column('case_id').execute();

    await idColumn(s.createTable('portal_estimate_decisions'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('estimate_version', 'integer', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('portal_estimate_decisions_case').on('portal_estimate_decisions').column('case_id').execute();

    await idColumn(s.createTable('portal_payments'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('estimate_version', 'integer', (c) => c.notNull())
      .addColumn('amount', 'integer', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('paid_at', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('portal_payments_case').on('portal_payments').column('case_id').execute();

    // Messages between the customer (via the portal) and the depot.
    await idColumn(s.createTable('case_messages'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('event_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('case_messages_case').on('case_messages').columns(['case_id', 'id']).execute();
  },
};
