import fs from 'node:fs';
import pg from 'pg';
import { bootCore } from '../../src/base/node/boot.ts';
import { createCore } from '../../src/base/node/core.ts';
import { openPostgres } from '../../src/base/node/db/open.ts';
import { loadDemo } from '../../src/features/setup/node/setup.ts';
import { tempDir } from '../helpers.ts';
import { createDatabase, startPostgres } from '../postgres-server.ts';
import { lookupSql, measureCore, type Floors } from './core.ts';
import { addSyntheticCasesPostgres } from './data.ts';
import type { BenchResult } from './types.ts';

/** Fewer cases than on SQLite by default, so the suite takes a few minutes on two cores; 3% of them expect a parcel, enough for 1,000 receipts. */
const CASES = Number(process.env.BENCH_CASES ?? 40_000);

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/**
 * The core suite on PostgreSQL: a cluster of its own on this machine (commits flushed to disk, as
 * in production), the demo loaded through Depot, then the same synthetic cases as on SQLite.
 */
export async function run(): Promise<BenchResult[]> {
  const server = await startPostgres({ durable: true });
  const dir = tempDir('depot-bench-pg-');
  try {
    const url = await createDatabase(server.url);
    const loader = await bootCore({ dataDir: dir, databaseUrl: url });
    await loadDemo(loader);
    await loader.database.close();
    await addSyntheticCasesPostgres(url, CASES);

    const t0 = performance.now();
    const database = await openPostgres(url);
    const openMs = performance.now() - t0;

    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    const kase = { name: 'bench_case', text: numbered(lookupSql.kase) };
    const history = { name: 'bench_history', text: numbered(lookupSql.history) };
    const floors: Floors = {
      driver: 'raw pg, prepared',
      receiptsKind: 'flushed 8-row transactions, pg',
      async lookup(rma) {
        const row = (await raw.query({ ...kase, values: [rma] })).rows[0] as { id: number };
        await raw.query({ ...history, values: [row.id] });
      },
      async receipts(count) {
        await raw.query('create table bench_floor (id serial primary key, v text)');
        const insert = { name: 'bench_floor_insert', text: 'insert into bench_floor (v) values ($1)' };
        const t = performance.now();
        for (let i = 0; i < count; i++) {
          await raw.query('begin');
          for (let k = 0; k < 8; k++) await raw.query({ ...insert, values: [`row ${i}.${k}`] });
          await raw.query('commit');
        }
        const seconds = (performance.now() - t) / 1000;
        await raw.query('drop table bench_floor');
        return seconds;
      },
    };
    const results: BenchResult[] = [
      { name: `open a ${CASES.toLocaleString('en')}-case database and check migrations`, value: openMs, unit: 'ms' },
      ...(await measureCore(createCore(database, { dataDir: dir }), CASES, floors, false)),
    ];
    await raw.end();
    await database.close();
    return results;
  } finally {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
