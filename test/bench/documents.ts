/**
 * Document speed and memory: warm 4×6 label, a 500-label batch, a 2-page A4 estimate, and the floor:
 * bare pdfmake (font files in its virtual file system, no Depot typesetting or caches) on the same label.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { defaultFontsDir } from '../../src/features/documents/node/fonts.ts';
import { renderLabelBatch } from '../../src/features/documents/node/batch.ts';
import { shippingLabel } from '../../src/features/documents/node/labels.ts';
import { createDocumentRenderer } from '../../src/features/documents/node/render.ts';
import { sampleEstimate, sampleLanguages, sampleShippingLabel } from '../../src/features/documents/node/samples.ts';
import { estimate } from '../../src/features/documents/node/sheets.ts';
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

  const floor = await bareFloor(renderer.fonts.pdfmakeFonts, () => shippingLabel(sampleShippingLabel('en', n++)));

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
    { name: 'documents: 4×6 label, warm, Latin only (median of 21)', value: labelEn, unit: 'ms', note: `${(labelEn / floor).toFixed(2)}× bare pdfmake` },
    { name: 'documents: floor: bare pdfmake, same Latin label (median of 21)', value: floor, unit: 'ms' },
    { name: 'documents: 500-label batch', value: batchMs, unit: 'ms', target: '≤ 10000 ms', note: `${(pdf.length / 2 ** 20).toFixed(1)} MiB PDF` },
    { name: 'documents: 500-label batch, peak RSS', value: Math.round(peak / 2 ** 20), unit: 'MiB', target: '≤ 300 MiB' },
    { name: `documents: estimate, A4, ${pages} pages (median of 15)`, value: estimateMs, unit: 'ms', target: '≤ 60 ms' },
  ];
}

type PdfMake = {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: unknown): void;
  createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};

/** pdfmake as it comes: Noto Sans given as bytes, parsed and subset by pdfkit in every document. */
async function bareFloor(depotFonts: unknown, make: () => TDocumentDefinitions): Promise<number> {
  const pdfmake = createRequire(import.meta.url)('pdfmake') as PdfMake;
  for (const file of ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf']) {
    pdfmake.virtualfs.writeFileSync(`bare/${file}`, readFileSync(path.join(defaultFontsDir, file)));
  }
  const bare = { normal: 'bare/NotoSans-Regular.ttf', bold: 'bare/NotoSans-Bold.ttf', italics: 'bare/NotoSans-Regular.ttf', bolditalics: 'bare/NotoSans-Bold.ttf' };
  pdfmake.setFonts({ Bare: bare });
  try {
    const render = () => {
      const definition = make();
      return pdfmake.createPdf({ ...definition, defaultStyle: { ...definition.defaultStyle, font: 'Bare' } }).getBuffer();
    };
    for (let i = 0; i < 5; i++) await render();
    return await timeRuns(21, render);
  } finally {
    // Depot's renderer set its fonts once; give them back.
    pdfmake.setFonts(depotFonts);
  }
}
