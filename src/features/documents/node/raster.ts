/**
 * Draws a line of text into a 1-bit bitmap with the document fonts, for label printers that have no
 * font for Hangul, Chinese or Greek.
 */
import { splitRuns, type FontSet } from './fonts.ts';

export interface Bitmap {
  width: number;
  height: number;
  /** Row-major, 1 = black, rows padded to whole bytes (ZPL ^GF layout). */
  rowBytes: number;
  data: Uint8Array;
}

type Point = [number, number];

function flatten(commands: { command: string; args: number[] }[], map: (x: number, y: number) => Point): Point[][] {
  const contours: Point[][] = [];
  let current: Point[] = [];
  let pen: Point = [0, 0];
  const steps = 8;
  for (const { command, args } of commands) {
    const a = args;
    if (command === 'moveTo') {
      if (current.length) contours.push(current);
      pen = map(a[0]!, a[1]!);
      current = [pen];
    } else if (command === 'lineTo') {
      pen = map(a[0]!, a[1]!);
      current.push(pen);
    } else if (command === 'quadraticCurveTo') {
      const [c, e] = [map(a[0]!, a[1]!), map(a[2]!, a[3]!)];
      const s = pen;
      for (let i = 1; i <= steps; i++) {
        const t = i / steps, u = 1 - t;
        current.push([u * u * s[0] + 2 * u * t * c[0] + t * t * e[0], u * u * s[1] + 2 * u * t * c[1] + t * t * e[1]]);
      }
      pen = e;
    } else if (command === 'bezierCurveTo') {
      const [c1, c2, e] = [map(a[0]!, a[1]!), map(a[2]!, a[3]!), map(a[4]!, a[5]!)];
      const s = pen;
      for (let i = 1; i <= steps; i++) {
        const t = i / steps, u = 1 - t;
        const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t] as const;
        current.push([
          w[0] * s[0] + w[1] * c1[0] + w[2] * c2[0] + w[3] * e[0],
          w[0] * s[1] + w[1] * c1[1] + w[2] * c2[1] + w[3] * e[1],
        ]);
      }
      pen = e;
    } else if (command === 'closePath') {
      if (current.length) contours.push(current);
      current = [];
    }
  }
  if (current.length) contours.push(current);
  return contours;
}

/** Fills polygons with the non-zero rule, sampling each pixel at its centre. */
function fill(bitmap: Bitmap, contours: Point[][]): void {
  const edges: { x0: number; y0: number; x1: number; y1: number; dir: number }[] = [];
  let minY = Infinity, maxY = -Infinity;
  for (const contour of contours) {
    for (let i = 0; i < contour.length; i++) {
      const p = contour[i]!, q = contour[(i + 1) % contour.length]!;
      if (p[1] === q[1]) continue;
      const dir = q[1] > p[1] ? 1 : -1;
      const [lo, hi] = dir === 1 ? [p, q] : [q, p];
      edges.push({ x0: lo[0], y0: lo[1], x1: hi[0], y1: hi[1], dir });
      minY = Math.min(minY, lo[1]);
      maxY = Math.max(maxY, hi[1]);
    }
  }
  const yStart = Math.max(0, Math.floor(minY)), yEnd = Math.min(bitmap.height - 1, Math.ceil(maxY));
  for (let y = yStart; y <= yEnd; y++) {
    const cy = y + 0.5;
    const crossings: { x: number; dir: number }[] = [];
    for (const e of edges) {
      if (cy < e.y0 || cy >= e.y1) continue;
      crossings.push({ x: e.x0 + ((cy - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: e.dir });
    }
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      winding += crossings[i]!.dir;
      if (winding === 0) continue;
      const from = Math.max(0, Math.ceil(crossings[i]!.x - 0.5));
      const to = Math.min(bitmap.width - 1, Math.floor(crossings[i + 1]!.x - 0.5));
      for (let x = from; x <= to; x++) bitmap.data[y * bitmap.rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
}

/**
 * Renders `text` at `sizeDots` (the em) into a bitmap at most `maxWidth` dots wide; glyphs that do not
 * fit are left out.
 */
export function rasterizeText(fonts: FontSet, text: string, sizeDots: number, maxWidth: number, options: { locale?: string; bold?: boolean } = {}): Bitmap {
  const runs = splitRuns(fonts, text, options.locale);
  const ascent = Math.ceil(sizeDots * 0.88);
  const height = Math.ceil(sizeDots * 1.16);
  const placed: { contours: Point[][] }[] = [];
  let penX = 0;
  outer: for (const run of runs) {
    const font = (options.bold ? fonts.bold : fonts.regular)[run.font];
    const scale = sizeDots / font.unitsPerEm;
    const { glyphs, positions } = font.layout(run.text);
    for (let i = 0; i < glyphs.length; i++) {
      const advance = positions[i]!.xAdvance * scale;
      if (penX + advance > maxWidth) break outer;
      const originX = penX + positions[i]!.xOffset * scale;
      const originY = ascent - positions[i]!.yOffset * scale;
      placed.push({ contours: flatten(glyphs[i]!.path.commands, (x, y) => [originX + x * scale, originY - y * scale]) });
      penX += advance;
    }
  }
  const width = Math.max(1, Math.ceil(penX));
  const rowBytes = Math.ceil(width / 8);
  const bitmap: Bitmap = { width, height, rowBytes, data: new Uint8Array(rowBytes * height) };
  for (const glyph of placed) fill(bitmap, glyph.contours);
  return bitmap;
}
