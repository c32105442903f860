/** The one place documents become PDF bytes. Fonts are parsed once per process and kept. */
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { defaultFontsDir, loadFonts, type FontSet } from './fonts.ts';
import { typesetContent } from './typeset.ts';

type PdfMake = typeof import('pdfmake') & {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
};

const requireHere = createRequire(import.meta.url);
const pdfmake = requireHere('pdfmake') as PdfMake;

let configuredFonts: FontSet | undefined;

function configure(fontsDir: string): FontSet {
  const fonts = loadFonts(fontsDir);
  if (configuredFonts === fonts) return fonts;
  for (const [name, bytes] of fonts.virtualFiles) pdfmake.virtualfs.writeFileSync(name, bytes);
  pdfmake.setFonts(fonts.pdfmakeFonts);
  // A document loads nothing but the fonts above and the data it carries: no URLs, no local files.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  configuredFonts = fonts;
  return fonts;
}

/** A document definition with its text split into font runs and Depot's defaults. */
export function prepare(fonts: FontSet, definition: TDocumentDefinitions): TDocumentDefinitions {
  // The page footer is drawn per page from a function: its text (a Korean or Chinese title) needs runs too.
  const { footer } = definition;
  return {
    ...definition,
    ...(typeof footer === 'function'
      ? { footer: (...page: Parameters<typeof footer>) => typesetContent(fonts, footer(...page)) }
      : footer
        ? { footer: typesetContent(fonts, footer) }
        : {}),
    content: typesetContent(fonts, definition.content),
    defaultStyle: { font: 'Latin', fontSize: 10, ...definition.defaultStyle },
    info: { producer: 'Depot', creator: 'Depot', ...definition.info },
  };
}

export interface DocumentRenderer {
  readonly fonts: FontSet;
  render(definition: TDocumentDefinitions): Promise<Buffer>;
}

/** Creates the renderer; fonts come from `fontsDir` (resources/fonts in a checkout). */
export function createDocumentRenderer(options: { fontsDir?: string } = {}): DocumentRenderer {
  const fontsDir = options.fontsDir ?? defaultFontsDir;
  const fonts = configure(fontsDir);
  return {
    fonts,
    async render(definition) {
      configure(fontsDir);
      return pdfmake.createPdf(prepare(fonts, definition)).getBuffer();
    },
  };
}
