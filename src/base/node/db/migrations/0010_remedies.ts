import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * The remedies decided with the warranty: the facts of the purchase the regional consumer rules ask
 * about (a fault needing a major repair, a distance sale, the day the goods arrived) and the
 * decision itself, as JSON (`RemedyDecision`), beside the warranty decision of the diagnosis; and
 * the remedy the customer chose.
 */
export const m0010_remedies = {
  id: 10,
  name: 'remedies decided with the diagnosis',
  async up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
    const table = () => db.schema.alterTable('diagnoses');
    await table().addColumn('major_repair', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await table().addColumn('distance_sale', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await table().addColumn('goods_received_on', 'text').execute();
    await table().addColumn('remedies', 'text').execute();
    // The remedy the customer chose, when and who recorded it.
    await table().addColumn('remedy_chosen', 'text').execute();
    await table().addColumn('remedy_chosen_at', 'text').execute();
    await table().addColumn('remedy_chosen_by', 'integer', (c) => c.references('users.id')).execute();
  },
};
