import type { Kysely } from 'kysely';

/**
 * An estimate keeps the warranty decision it was issued with as its rule, params and end date,
 * not only as an English sentence, so the estimate can say the reason in the customer's language.
 * Estimates issued before keep their English reason (the new columns stay null).
 */
export const m0016_estimate_warranty = {
  id: 16,
  name: 'estimate warranty decision',
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('estimates').addColumn('warranty_rule', 'text').execute();
    await db.schema.alterTable('estimates').addColumn('warranty_params', 'text').execute();
    await db.schema.alterTable('estimates').addColumn('warranty_until', 'text').execute();
  },
};
