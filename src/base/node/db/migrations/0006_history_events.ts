import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * History notes as data: `note_parts` keeps each line of a note as the message Depot wrote
 * (code, params and English) or the words a person typed, so every reader sees the note in their
 * language. `note` keeps the English lines, as before, for integrators and older rows.
 */
export const m0006_history_events = {
  id: 6,
  name: 'history notes as message codes',
  async up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
    await db.schema.alterTable('case_history').addColumn('note_parts', 'text').execute();
  },
};
