/**
 * `npm run bench`: every benchmark of Depot, with its target. Figures are medians or percentiles
 * of many runs; ratios compare against a floor measured in the same run. BENCH_ONLY=core,documents
 * picks some.
 */
import type { BenchResult } from './types.ts';

const suites = ['core', 'documents', 'portal'];
const load = (name: string): Promise<{ run(): Promise<BenchResult[]> }> => import(`./${name}.ts`);

const only = process.env.BENCH_ONLY?.split(',');
for (const name of suites) {
  if (only && !only.includes(name)) continue;
  const results = await (await load(name)).run();
  console.log(`\n${name}`);
  for (const r of results) {
    const value = r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(r.value >= 10 ? 1 : 3);
    console.log(`  ${r.name.padEnd(62)} ${value.padStart(9)} ${r.unit.padEnd(10)} ${r.target ? `target ${r.target}` : ''}${r.note ? `  (${r.note})` : ''}`);
  }
}
