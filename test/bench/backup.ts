import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createCore } from '../../src/base/node/core.ts';
import { restoreSqlite } from '../../src/base/node/db/backup.ts';
import { openSqlite } from '../../src/base/node/db/open.ts';
import { fullCheck, openCheckProblem } from '../../src/base/node/db/sqlite-file.ts';
import { runBackup } from '../../src/features/backup/node/index.ts';
import { loadDemo } from '../../src/features/setup/node/setup.ts';
import { tempDir } from '../helpers.ts';
import { addSyntheticCases } from './data.ts';
import { median, sample } from './measure.ts';
import type { BenchResult } from './types.ts';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);

/** The integrity check at open, the full check, and a backup and its restore, on a big database. */
export async function run(): Promise<BenchResult[]> {
  const dir = tempDir('depot-bench-backup-');
  const file = path.join(dir, 'depot.sqlite');
  {
    const database = await openSqlite(file);
    await loadDemo(createCore(database, { dataDir: dir }));
    await database.close();
  }
  addSyntheticCases(file, CASES);
  const cases = `${CASES.toLocaleString('en')}-case`;
  const size = fs.statSync(file).size;
  const results: BenchResult[] = [];

  const raw = new BetterSqlite3(file);
  const check = median(await sample(20, () => openCheckProblem(raw, file), 2));
  results.push({ name: `open check of a ${cases} database (${(size / 1e6).toFixed(0)} MB)`, value: check, unit: 'ms median', target: '≤ 50 ms' });
  const opens = await sample(5, async () => (await openSqlite(file)).close(), 1);
  results.push({ name: `open a ${cases} database, with its check`, value: median(opens), unit: 'ms median', target: '≤ 300 ms' });
  const t0 = performance.now();
  const found = fullCheck(raw);
  results.push({ name: `depot check (full) of a ${cases} database`, value: (performance.now() - t0) / 1000, unit: 's', note: found.length ? `${found.length} problems` : 'ok' });
  raw.close();

  const database = await openSqlite(file);
  const t1 = performance.now();
  const backup = await runBackup(createCore(database, { dataDir: dir }), { folder: path.join(dir, 'backups') });
  results.push({ name: `backup of a ${cases} database (and its check)`, value: (performance.now() - t1) / 1000, unit: 's', note: `${(backup.bytes / 1e6).toFixed(0)} MB` });
  await database.close();

  const t2 = performance.now();
  restoreSqlite(backup.file, path.join(dir, 'restored.sqlite'), { now: new Date() });
  results.push({ name: `restore of that backup (copy and full check first)`, value: (performance.now() - t2) / 1000, unit: 's' });

  fs.rmSync(dir, { recursive: true, force: true });
  return results;
}
