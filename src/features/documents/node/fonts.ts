/**
 * The fonts Depot prints with, parsed once per process, and the per-character fallback across them.
 *
 * pdfmake has no font fallback and no single font covers accented Greek, Hangul and Chinese, so text is
 * split into runs by which font has each glyph. Shared ideographs take Korean shapes in Korean text and
 * Chinese shapes otherwise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { TrueTypeSource, TrueTypeSubset } from './subset.ts';

export type FontFamily = 'Latin' | 'KR' | 'SC';

/** What Depot uses of a fontkit font. */
export interface ParsedFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): FontGlyph;
  layout(text: string): { glyphs: FontGlyph[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] };
  unitsPerEm: number;
  ascent: number;
  descent: number;
}

export interface FontGlyph {
  id: number;
  advanceWidth: number;
  path: { commands: { command: string; args: number[] }[] };
}

interface FontkitModule {
  create(buffer: Uint8Array): ParsedFont;
  registerFormat(format: unknown): void;
}

const files: Record<FontFamily, { normal: string; bold: string }> = {
  Latin: { normal: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  KR: { normal: 'NotoSansCJKkr-Regular-subset.otf', bold: 'NotoSansCJKkr-Bold-subset.otf' },
  SC: { normal: 'NotoSansCJKsc-Regular-subset.otf', bold: 'NotoSansCJKsc-Bold-subset.otf' },
};

/**
 * resources/fonts of the checkout: four folders up from this file in the sources, two from the
 * bundled main process (out/main/index.js).
 */
export const defaultFontsDir =
  ['../../../../resources/fonts/', '../../resources/fonts/']
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((dir) => existsSync(path.join(dir, 'LICENSE-Noto.txt'))) ?? fileURLToPath(new URL('../../../../resources/fonts/', import.meta.url));

// pdfkit turns font bytes into a fontkit font for every document. The bytes Depot hands pdfmake are a
// short token instead, which a fontkit format registered here answers with the font parsed at start-up.
// It must be the fontkit instance pdfkit itself requires.
const requireHere = createRequire(import.meta.url);
const requireFromPdfkit = createRequire(
  requireHere.resolve('pdfkit', { paths: [path.dirname(requireHere.resolve('pdfmake'))] }),
);
const fontkit = requireFromPdfkit('fontkit') as FontkitModule;

const TOKEN_PREFIX = 'DEPOT-FONT:';
const parsedByToken = new Map<string, ParsedFont>();

class ParsedFontFormat {
  static probe(buffer: Uint8Array): boolean {
    return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).toString('latin1', 0, TOKEN_PREFIX.length) === TOKEN_PREFIX;
  }

  constructor(stream: { buffer: Uint8Array }) {
    const token = Buffer.from(stream.buffer).toString('latin1');
    const font = parsedByToken.get(token);
    if (!font) throw new Error(`font ${token} was not loaded`);
    // A constructor may hand back another object: fontkit then uses the parsed font.
    return font as unknown as ParsedFontFormat;
  }
}
fontkit.registerFormat(ParsedFontFormat);

/** A shaped word as pdfkit reads it; pdfkit scales the positions in place, so each caller gets its own. */
class CachedRun {
  constructor(
    readonly glyphs: FontGlyph[],
    readonly positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[],
  ) {}

  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}

type Shaped = { glyphs: FontGlyph[]; positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] };

/** Words kept shaped per font; enough for every word a busy day prints, small next to the fonts. */
const LAYOUT_CACHE_WORDS = 20_000;

/**
 * pdfkit shapes every word again in each document (OpenType kerning and marks: most of a label's
 * time). Documents repeat their words (captions, the site's address, catalog lines), so shaped words
 * are kept per font for the life of the process, oldest dropped first.
 */
function withLayoutCache(font: ParsedFont): ParsedFont {
  const shape = font.layout.bind(font) as (text: string, ...rest: unknown[]) => Shaped;
  const cache = new Map<string, Shaped>();
  font.layout = ((text: string, ...rest: unknown[]) => {
    if (rest.some((arg) => arg !== undefined)) return shape(text, ...rest);
    let shaped = cache.get(text);
    if (!shaped) {
      const run = shape(text);
      shaped = {
        glyphs: run.glyphs,
        positions: run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset })),
      };
      if (cache.size >= LAYOUT_CACHE_WORDS) cache.delete(cache.keys().next().value!);
      cache.set(text, shaped);
    }
    return new CachedRun(shaped.glyphs, shaped.positions.map((p) => ({ ...p })));
  }) as ParsedFont['layout'];
  return font;
}

export interface FontSet {
  /** pdfmake font dictionary: family → virtual file names. */
  pdfmakeFonts: Record<FontFamily, { normal: string; bold: string; italics: string; bolditalics: string }>;
  /** Virtual file name → token bytes to store in pdfmake's virtual file system. */
  virtualFiles: Map<string, Buffer>;
  regular: Record<FontFamily, ParsedFont>;
  bold: Record<FontFamily, ParsedFont>;
}

const loadedSets = new Map<string, FontSet>();

/** Reads and parses the fonts in `dir` once per process. */
export function loadFonts(dir = defaultFontsDir): FontSet {
  const existing = loadedSets.get(dir);
  if (existing) return existing;
  const virtualFiles = new Map<string, Buffer>();
  const regular = {} as Record<FontFamily, ParsedFont>;
  const bold = {} as Record<FontFamily, ParsedFont>;
  const pdfmakeFonts = {} as FontSet['pdfmakeFonts'];
  for (const family of Object.keys(files) as FontFamily[]) {
    const names: Record<'normal' | 'bold', string> = { normal: '', bold: '' };
    for (const weight of ['normal', 'bold'] as const) {
      const file = path.join(dir, files[family][weight]);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (cause) {
        throw new Error(`Depot's document font ${file} is missing; reinstall Depot`, { cause });
      }
      const token = `${TOKEN_PREFIX}${file}`;
      const font = withLayoutCache(fontkit.create(bytes));
      if (bytes.readUInt32BE(0) === 0x00010000) {
        const source = new TrueTypeSource(bytes);
        (font as ParsedFont & { createSubset(): TrueTypeSubset }).createSubset = () => new TrueTypeSubset(source);
      }
      parsedByToken.set(token, font);
      (weight === 'normal' ? regular : bold)[family] = font;
      const virtualName = `depot-fonts/${files[family][weight]}`;
      virtualFiles.set(virtualName, Buffer.from(token, 'latin1'));
      names[weight] = virtualName;
    }
    pdfmakeFonts[family] = { normal: names.normal, bold: names.bold, italics: names.normal, bolditalics: names.bold };
  }
  const set: FontSet = { pdfmakeFonts, virtualFiles, regular, bold };
  loadedSets.set(dir, set);
  return set;
}

export interface TextRun {
  text: string;
  font: FontFamily;
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\ua960-\ua97f\ud7b0-\ud7ff]/u;

/** Korean glyph shapes for a word with Hangul or for a Korean reader; Chinese shapes otherwise. */
export function cjkOrder(word: string, localeHint?: string): FontFamily[] {
  const korean = HANGUL.test(word) || (localeHint ?? '').toLowerCase().startsWith('ko');
  return korean ? ['Latin', 'KR', 'SC'] : ['Latin', 'SC', 'KR'];
}

const MARK = /^[\p{M}\u200c\u200d\ufe00-\ufe0f]$/u;
/** Control characters print as nothing but can break a printer's command stream: they become spaces. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu;
/** Pictographs (emoji, flags, skin tones) no font has are left out rather than printed as empty boxes. */
const PICTOGRAPH = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0e\ufe0f\u20e3]$/u;

/**
 * Splits text into runs, each in the first font of the stack that has the glyph; the stack is chosen
 * per word. Spaces and combining marks stay with the run before them; a character no font has stays
 * in the Latin font.
 */
export function splitRuns(fonts: FontSet, text: string, localeHint?: string): TextRun[] {
  const runs: TextRun[] = [];
  const push = (chunk: string, font: FontFamily) => {
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += chunk;
    else runs.push({ text: chunk, font });
  };
  for (const word of text.replace(CONTROL, ' ').split(/(\s+)/u)) {
    if (!word) continue;
    const last = runs[runs.length - 1];
    if (/^\s+$/u.test(word)) {
      push(word, last?.font ?? 'Latin');
      continue;
    }
    const order = cjkOrder(word, localeHint);
    for (const char of word) {
      const codePoint = char.codePointAt(0)!;
      if (PICTOGRAPH.test(char) && !fonts.regular.Latin.hasGlyphForCodePoint(codePoint)) continue;
      const previous = runs[runs.length - 1];
      if (previous && MARK.test(char)) {
        previous.text += char;
        continue;
      }
      push(char, order.find((family) => fonts.regular[family].hasGlyphForCodePoint(codePoint)) ?? 'Latin');
    }
  }
  return runs;
}
