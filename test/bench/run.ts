/**
 * `npm run bench`: every benchmark of Depot, with its target. Figures are medians or percentiles
 * of many runs; ratios compare against a floor measured in the same run. Each suite runs in its own
 * process, so one suite's memory never counts against another's peak. BENCH_ONLY=core,documents
 * picks some.
 */
import { spawnSync } from 'node:child_process';
import type { BenchResult } from './types.ts';

const suites = ['core', 'postgres', 'stations', 'documents', 'portal', 'reports', 'backup'];
const suite = process.env.BENCH_SUITE;

if (suite) {
  const { run } = (await import(`./${suite}.ts`)) as { run(): Promise<BenchResult[]> };
  const results = await run();
  console.log(`\n${suite}`);
  for (const r of results) {
    const value = r.value >= 100 || Number.isInteger(r.value) ? r.value.toFixed(0) : r.value.toFixed(r.value >= 10 ? 1 : 3);
    console.log(`  ${r.name.padEnd(62)} ${value.padStart(9)} ${r.unit.padEnd(10)} ${r.target ? `target ${r.target}` : ''}${r.note ? `  (${r.note})` : ''}`);
  }
} else {
  const only = process.env.BENCH_ONLY?.split(',');
  let failed = false;
  for (const name of suites) {
    if (only && !only.includes(name)) continue;
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_SUITE: name },
    });
    if (child.status !== 0) failed = true;
  }
  process.exit(failed ? 1 : 0);
}
