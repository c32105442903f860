import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { migrations } from '../../src/base/node/db/migrations/registry.ts';
import type { Migration } from '../../src/base/node/db/migrations/registry.ts';
import { tempDir } from '../helpers.ts';

describe('SQLite database', () => {
  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout on every open', async () => {
    const file = path.join(tempDir(), 'depot.sqlite');
    for (let open = 0; open < 2; open++) {
      const database = await openSqlite(file);
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2); // FULL
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
      await database.close();
    }
  });

  it('enforces foreign keys', async () => {
    const database = await openSqlite(':memory:');
    await expect(
      database.db
        .insertInto('addresses')
        .values({ customer_id: 999, name: 'x', line1: 'x', city: 'x', postal_code: '1', country: 'KR', line2: null, region: null, phone: null })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
    await database.close();
  });

  it('leaves no trace of a migration that fails halfway', async () => {
    const file = path.join(tempDir(), 'depot.sqlite');
    const failing: Migration = {
      id: 1000,
      name: 'fails halfway',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        await db.insertInto('half_done').values({ id: 1 }).execute();
        throw new Error('disk on fire');
      },
    };
    await expect(openSqlite(file, { migrations: [...migrations, failing] })).rejects.toThrow('disk on fire');
    const raw = new BetterSqlite3(file);
    expect(raw.prepare("select name from sqlite_master where name = 'half_done'").all()).toEqual([]);
    expect(raw.prepare('select id from depot_migrations order by id').all()).toEqual(migrations.map((m) => ({ id: m.id })));
    raw.close();
  });

  it('backs the file up before migrating an existing database', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'depot.sqlite');
    await (await openSqlite(file)).close();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
    const next: Migration = {
      id: 1000,
      name: 'adds a column',
      async up(db) {
        await db.schema.alterTable('products').addColumn('color', 'text').execute();
      },
    };
    await (await openSqlite(file, { migrations: [...migrations, next] })).close();
    const backups = fs.readdirSync(dir).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    const copy = new BetterSqlite3(path.join(dir, backups[0]!));
    expect(copy.prepare('select max(id) as id from depot_migrations').get()).toEqual({ id: migrations.at(-1)!.id });
    copy.close();
  });

  it('refuses a database written by a newer Depot and leaves it untouched', async () => {
    const file = path.join(tempDir(), 'depot.sqlite');
    await (await openSqlite(file)).close();
    const raw = new BetterSqlite3(file);
    raw.prepare("insert into depot_migrations (id, name, applied_at) values (999, 'from the future', 'x')").run();
    raw.close();
    const before = fs.readFileSync(file);
    await expect(openSqlite(file)).rejects.toThrow(/newer Depot \(schema 999; this Depot knows up to \d+\)/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
