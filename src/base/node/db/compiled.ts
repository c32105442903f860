import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.ts';

const PREFIX = '\u0000depot-param-';
const marker = (i: number) => `${PREFIX}${i}`;

/**
 * A query built and compiled once per database, then run with new values: building and
 * compiling a kysely query costs more than running it, so hot lookups skip both. The builder
 * receives stand-in values; each must reach the SQL as a bound parameter, unchanged.
 */
export function compiledOnce<Row, Args extends unknown[]>(
  build: (db: Kysely<Database>, ...args: { [K in keyof Args]: any }) => Compilable<Row>,
): (db: Kysely<Database>, ...args: Args) => Promise<Row[]> {
  const cache = new WeakMap<Kysely<Database>, { query: CompiledQuery<Row>; slots: (number | null)[] }>();
  return async (db, ...args) => {
    let entry = cache.get(db);
    if (!entry) {
      const query = build(db, ...(args.map((_, i) => marker(i)) as never)).compile();
      const slots = query.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(PREFIX) ? Number(p.slice(PREFIX.length)) : null,
      );
      if (slots.filter((s) => s !== null).length !== args.length) {
        throw new Error('compiledOnce: every argument must appear once as a bound parameter');
      }
      entry = { query, slots };
      cache.set(db, entry);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((p, i) => (slots[i] === null ? p : args[slots[i]!]));
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}
