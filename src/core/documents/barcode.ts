/** Code128 as vector bars whose widths are whole dots of a 203 dpi label printer. */
import { createRequire } from 'node:module';
import type { Content } from 'pdfmake/interfaces';
import { DepotError } from '../../shared/result.ts';

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
    throw new DepotError('invalid', `"${text}" cannot be printed as a Code128 barcode: use printable ASCII only`);
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
    throw new DepotError('invalid', `"${text}" is too long for a barcode ${availablePt.toFixed(0)} pt wide`);
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
