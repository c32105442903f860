/** Document speed and memory: warm 4×6 label, a 500-label batch, a 2-page A4 estimate. */
import { renderLabelBatch } from '../../src/core/documents/batch.ts';
import { shippingLabel } from '../../src/core/documents/labels.ts';
import { createDocumentRenderer } from '../../src/core/documents/render.ts';
import { sampleEstimate, sampleLanguages, sampleShippingLabel } from '../../src/core/documents/samples.ts';
import { estimate } from '../../src/core/documents/sheets.ts';
import type { BenchResult } from './types.ts';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function run(): Promise<BenchResult[]> {
  const renderer = createDocumentRenderer();
  const languageOf = (i: number) => sampleLanguages[i % sampleLanguages.length]!;

  for (let i = 0; i < 5; i++) await renderer.render(shippingLabel(sampleShippingLabel(languageOf(i), i)));
  let n = 0;
  const label = await timeRuns(21, () => renderer.render(shippingLabel(sampleShippingLabel(languageOf(n), n++))));
  const labelEn = await timeRuns(21, () => renderer.render(shippingLabel(sampleShippingLabel('en', n++))));

  const twoPages = sampleEstimate('en', 30);
  const pages = (await renderer.render(estimate(twoPages))).toString('latin1').match(/\/Type \/Page\b/g)?.length;
  const estimateMs = await timeRuns(15, () => renderer.render(estimate(twoPages)));

  const definitions = Array.from({ length: 500 }, (_, i) => shippingLabel(sampleShippingLabel(languageOf(i), i)));
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const start = performance.now();
  const pdf = await renderLabelBatch(renderer, definitions, {
    onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
  });
  const batchMs = performance.now() - start;
  clearInterval(sampler);

  return [
    { name: 'documents: 4×6 label, warm, en/ko/zh/el mix (median of 21)', value: label, unit: 'ms', target: '≤ 30 ms' },
    { name: 'documents: 4×6 label, warm, Latin only (median of 21)', value: labelEn, unit: 'ms' },
    { name: 'documents: 500-label batch', value: batchMs, unit: 'ms', target: '≤ 10000 ms', note: `${(pdf.length / 2 ** 20).toFixed(1)} MiB PDF` },
    { name: 'documents: 500-label batch, peak RSS', value: Math.round(peak / 2 ** 20), unit: 'MiB', target: '≤ 300 MiB' },
    { name: `documents: estimate, A4, ${pages} pages (median of 15)`, value: estimateMs, unit: 'ms', target: '≤ 60 ms' },
  ];
}
