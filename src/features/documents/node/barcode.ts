/** Code128 as vector bars whose widths are whole dots of a 203 dpi label printer. */
import { createRequire } from 'node:module';
import type { Content } from 'pdfmake/interfaces';
import { DepotError } from '../../../base/common/result.ts';
import { documentsMessages as m } from '../common/index.ts';

interface BwipRaw {
  sbs: number[];
}
const bwip = createRequire(import.meta.url)('bwip-js') as {
  raw(bcid: string, text: string, options: Record<string, unknown>): BwipRaw[];
};

export const PRINTER_DPI = 203;
/** One printer dot in PDF points. */
export const DOT_PT = 72 / PRINTER_DPI;
/** Code128 wants at least ten modules of blank space each side to scan. */
const QUIET_MODULES = 10;

/** Points rounded down to whole printer dots. */
export const toDots = (points: number): number => Math.floor(points / DOT_PT + 1e-9);
export const dotsToPt = (dots: number): number => dots * DOT_PT;

/** Bar and space widths in modules, starting with a bar. */
export function code128Modules(text: string): number[] {
  if (!/^[\x20-\x7e]+$/.test(text)) {
    throw new DepotError('invalid', m.notCode128({ text }));
  }
  const [symbol] = bwip.raw('code128', text, {});
  if (!symbol) throw new Error(`bwip-js returned no symbol for ${text}`);
  return symbol.sbs;
}

export interface BarcodeLayout {
  /** Dots per narrow module. */
  moduleDots: number;
  /** Whole symbol width including quiet zones, in points. */
  widthPt: number;
  modules: number[];
}

/** Picks the widest module (up to `maxModuleDots`) that fits `availablePt` with quiet zones. */
export function fitCode128(text: string, availablePt: number, maxModuleDots = 4): BarcodeLayout {
  const modules = code128Modules(text);
  const totalModules = modules.reduce((a, b) => a + b, 0) + 2 * QUIET_MODULES;
  const available = toDots(availablePt);
  const moduleDots = Math.min(maxModuleDots, Math.floor(available / totalModules));
  if (moduleDots < 1) {
    throw new DepotError('invalid', m.barcodeTooWide({ text, width: availablePt.toFixed(0) }));
  }
  return { moduleDots, widthPt: dotsToPt(totalModules * moduleDots), modules };
}

/** A pdfmake canvas of the bars; place it where its left edge falls on a whole dot. */
export function code128Canvas(layout: BarcodeLayout, heightPt: number): Content {
  const rects: { type: 'rect'; x: number; y: number; w: number; h: number; color: string }[] = [];
  let dot = QUIET_MODULES * layout.moduleDots;
  layout.modules.forEach((width, index) => {
    const dots = width * layout.moduleDots;
    if (index % 2 === 0) rects.push({ type: 'rect', x: dotsToPt(dot), y: 0, w: dotsToPt(dots), h: heightPt, color: 'black' });
    dot += dots;
  });
  return { canvas: rects };
}

/**
 * A QR code `fitPt` wide with its four-module quiet zone. pdfmake draws every canvas element with its
 * own colour, line and fill operators, so dark modules are merged: runs along a row, and the same run
 * in the rows below. A module-per-rectangle code costs more than a page of text.
 */
export function qrCanvas(text: string, fitPt: number, eclevel: 'L' | 'M' | 'Q' | 'H' = 'M'): Content {
  const [symbol] = bwip.raw('qrcode', text, { eclevel }) as unknown as { pixs: number[]; pixx: number; pixy: number }[];
  if (!symbol) throw new Error(`bwip-js returned no QR code for ${text}`);
  const { pixs, pixx, pixy } = symbol;
  const size = fitPt / (pixx + 8);
  const dark = (row: number, col: number) => row < pixy && pixs[row * pixx + col] === 1;
  const taken = new Uint8Array(pixx * pixy);
  const canvas: { type: 'rect'; x: number; y: number; w: number; h: number; color: string }[] = [
    { type: 'rect', x: 0, y: 0, w: fitPt, h: (pixy + 8) * size, color: 'white' },
  ];
  for (let row = 0; row < pixy; row++) {
    for (let col = 0; col < pixx; col++) {
      if (!dark(row, col) || taken[row * pixx + col]) continue;
      let end = col;
      while (end < pixx && dark(row, end) && !taken[row * pixx + end]) end++;
      const run = (r: number) => {
        for (let c = col; c < end; c++) if (!dark(r, c) || taken[r * pixx + c]) return false;
        return (col === 0 || !dark(r, col - 1)) && (end === pixx || !dark(r, end));
      };
      let bottom = row + 1;
      while (run(bottom)) bottom++;
      for (let r = row; r < bottom; r++) taken.fill(1, r * pixx + col, r * pixx + end);
      canvas.push({ type: 'rect', x: (col + 4) * size, y: (row + 4) * size, w: (end - col) * size, h: (bottom - row) * size, color: 'black' });
      col = end - 1;
    }
  }
  return { canvas };
}
