import type { CreateTableBuilder } from 'kysely';

/** The only place that knows which SQL dialect a database speaks. */
export type DialectName = 'sqlite' | 'postgres';

export function idColumn<T extends string>(table: CreateTableBuilder<T, never>, dialect: DialectName) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
