import { openSqlite } from '../../src/base/node/db/open.ts';

/**
 * Depot writing while a backup runs, in its own process: backup-writer-child.ts DB_FILE. Each
 * transaction adds a customer and their address, a few milliseconds apart, until told to stop;
 * then it answers how many it wrote.
 */
const [file] = process.argv.slice(2) as [string];
const database = await openSqlite(file);
let stop = false;
let written = 0;
process.once('message', () => (stop = true));
process.send!('ready');
while (!stop) {
  await database.db.transaction().execute(async (trx) => {
    const customer = await trx
      .insertInto('customers')
      .values({ name: `Writer ${written}`, email: null, phone: null, locale: 'en', created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('addresses')
      .values({ customer_id: customer.id, name: `Writer ${written}`, line1: '1 Way', line2: null, city: 'Athens', region: null, postal_code: '10431', country: 'GR', phone: null })
      .execute();
  });
  written += 1;
  if (written % 20 === 0) process.send!({ written });
  await new Promise((resolve) => setTimeout(resolve, 2));
}
await database.close();
process.send!({ written, stopped: true }, () => process.exit(0));
