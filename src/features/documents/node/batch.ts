/**
 * Many labels as one PDF without laying them all out at once: pdfmake lays out and draws a chunk of
 * labels at a time into one pdfkit document, which writes finished pages out as it goes. One naive
 * 500-page document holds every page's layout in memory (over 500 MiB) and takes twice as long.
 *
 * This drives pdfmake's own layout and renderer classes directly, the same way its createPdf does.
 */
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { DepotError } from '../../../base/common/result.ts';
import { documentsMessages as m } from '../common/index.ts';
import { prepare, type DocumentRenderer } from './render.ts';

const requirePdfmake = createRequire(createRequire(import.meta.url).resolve('pdfmake'));

interface PdfKitDocument {
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end' | 'error', listener: (error?: Error) => void): void;
  end(): void;
}
type Ctor<T> = new (...args: never[]) => T;
const PDFDocument = requirePdfmake('./PDFDocument.js').default as Ctor<PdfKitDocument>;
const LayoutBuilder = requirePdfmake('./LayoutBuilder.js').default as Ctor<{
  registerTableLayouts(layouts: unknown): void;
  layoutDocument(...args: unknown[]): { pageSize: unknown }[];
}>;
const Renderer = requirePdfmake('./Renderer.js').default as Ctor<{ renderPages(pages: unknown[]): void }>;
const SVGMeasure = requirePdfmake('./SVGMeasure.js').default as Ctor<unknown>;
const { normalizePageSize, normalizePageMargin } = requirePdfmake('./PageSize.js') as {
  normalizePageSize(size: unknown, orientation: unknown): { width: number; height: number };
  normalizePageMargin(margin: unknown): unknown;
};
const { tableLayouts } = requirePdfmake('./tableLayouts.js') as { tableLayouts: unknown };
const { virtualfs } = requirePdfmake('pdfmake') as { virtualfs: unknown };

export interface BatchOptions {
  /** Labels laid out at a time: more is a little faster and uses more memory. */
  chunkSize?: number;
  /** Called after each chunk with the number of labels done so far. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Renders label definitions of one page size into one PDF, one page each. */
export async function renderLabelBatch(
  renderer: DocumentRenderer,
  definitions: readonly TDocumentDefinitions[],
  options: BatchOptions = {},
): Promise<Buffer> {
  const first = definitions[0];
  if (!first) throw new DepotError('invalid', m.noLabels());
  const chunkSize = Math.max(1, options.chunkSize ?? 25);
  const sameSize = JSON.stringify([first.pageSize, first.pageOrientation, first.pageMargins]);
  if (definitions.some((d) => JSON.stringify([d.pageSize, d.pageOrientation, d.pageMargins]) !== sameSize)) {
    throw new DepotError('invalid', m.labelSizesDiffer());
  }
  options.signal?.throwIfAborted();

  const pageSize = normalizePageSize(first.pageSize, first.pageOrientation);
  const margins = normalizePageMargin(first.pageMargins ?? 40);
  const doc = new PDFDocument(
    ...([
      renderer.fonts.pdfmakeFonts,
      {},
      {},
      {},
      {
        size: [pageSize.width, pageSize.height],
        pdfVersion: '1.3',
        compress: true,
        fontLayoutCache: true,
        bufferPages: false,
        autoFirstPage: false,
        info: { Producer: 'Depot', Creator: 'Depot', Title: `${definitions.length} labels` },
        font: null,
      },
      virtualfs,
      () => false,
    ] as never[]),
  );
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (let start = 0; start < definitions.length; start += chunkSize) {
    const prepared = definitions.slice(start, start + chunkSize).map((d) => prepare(renderer.fonts, d));
    const content = prepared.map((d, i) => (i === 0 ? { stack: [d.content] } : { stack: [d.content], pageBreak: 'before' }));
    const builder = new LayoutBuilder(...([pageSize, margins, new SVGMeasure()] as never[]));
    builder.registerTableLayouts(tableLayouts);
    const pages = builder.layoutDocument(content, doc, prepared[0]!.styles ?? {}, prepared[0]!.defaultStyle);
    if (pages.length !== prepared.length) {
      throw new DepotError('invalid', m.labelTooBig({ first: start + 1, last: start + prepared.length }));
    }
    new Renderer(...([doc] as never[])).renderPages(pages);
    const done = start + prepared.length;
    options.onProgress?.(done, definitions.length);
    // Let the caller's abort and other work in between chunks.
    await new Promise((resolve) => setImmediate(resolve));
    options.signal?.throwIfAborted();
  }
  doc.end();
  return finished;
}
