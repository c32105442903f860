/**
 * `npm run bench`: every benchmark of Depot, with its target. Figures are medians or percentiles
 * of many runs; ratios compare against a floor measured in the same run. Each suite runs in its own
 * process, so one suite's memory never counts against another's peak. `npm run bench -- core documents`
 * or BENCH_ONLY=core,documents picks some.
 */
import { spawnSync } from 'node:child_process';
import type { BenchResult } from './types.ts';

const suites = ['core', 'postgres', 'stations', 'documents', 'portal', 'reports', 'backup', 'ui'];
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
  // `npm run bench -- ui core` or BENCH_ONLY=ui,core.
  const named = [...process.argv.slice(2), ...(process.env.BENCH_ONLY?.split(',') ?? [])].filter(Boolean);
  const unknown = named.filter((name) => !suites.includes(name));
  if (unknown.length > 0) {
    console.error(`No bench suite ${unknown.join(', ')}; the suites are ${suites.join(', ')}.`);
    process.exit(2);
  }
  const only = named.length > 0 ? named : null;
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
