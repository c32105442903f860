/**
 * Turns every text of a document definition into runs by font (see fonts.ts), so documents stay plain
 * data. A node may carry `depotLocale` (the reader's BCP 47 locale): it applies to the text below it.
 */
import type { Content } from 'pdfmake/interfaces';
import { splitRuns, type FontSet } from './fonts.ts';

export const LOCALE_KEY = 'depotLocale';

/** Marks content as written for a reader of `locale` (picks Korean or Chinese glyph shapes). */
export function inLocale(content: Content, locale: string | undefined): Content {
  return locale ? ({ stack: [content], [LOCALE_KEY]: locale } as Content) : content;
}

type Node = Record<string, unknown>;

const CONTAINERS = ['stack', 'columns', 'ul', 'ol'] as const;

function runsOf(fonts: FontSet, text: string, locale: string | undefined): Node[] {
  return splitRuns(fonts, text, locale).map((run) => ({ text: run.text, font: run.font }));
}

function inline(fonts: FontSet, value: unknown, locale: string | undefined): unknown {
  if (typeof value === 'string') return runsOf(fonts, value, locale);
  if (typeof value === 'number') return runsOf(fonts, String(value), locale);
  if (Array.isArray(value)) return value.flatMap((part) => {
    const result = inline(fonts, part, locale);
    return typeof part === 'string' ? (result as Node[]) : [result];
  });
  if (value && typeof value === 'object') return typesetNode(fonts, value as Node, locale);
  return value;
}

function typesetNode(fonts: FontSet, node: Node, inherited: string | undefined): Node {
  const locale = typeof node[LOCALE_KEY] === 'string' ? (node[LOCALE_KEY] as string) : inherited;
  const out: Node = { ...node };
  delete out[LOCALE_KEY];
  if ('text' in node && node.font === undefined) out.text = inline(fonts, node.text, locale);
  for (const key of CONTAINERS) {
    const children = node[key];
    if (Array.isArray(children)) out[key] = children.map((child) => typesetContent(fonts, child, locale));
  }
  const table = node.table as Node | undefined;
  if (table && Array.isArray(table.body)) {
    out.table = {
      ...table,
      body: (table.body as unknown[][]).map((row) => row.map((cell) => typesetContent(fonts, cell, locale))),
    };
  }
  return out;
}

/** Content with its text split into font runs. */
export function typesetContent(fonts: FontSet, content: unknown, locale?: string): Content {
  if (typeof content === 'string' || typeof content === 'number') return { text: runsOf(fonts, String(content), locale) } as unknown as Content;
  if (Array.isArray(content)) return content.map((child) => typesetContent(fonts, child, locale)) as Content;
  if (content && typeof content === 'object') return typesetNode(fonts, content as Node, locale) as unknown as Content;
  return content as Content;
}
