/**
 * Search terms the application writes for each case, so one B-tree finds cases on SQLite and
 * PostgreSQL alike. Latin words and keys are matched by prefix; Korean, Chinese and Japanese text
 * is indexed as overlapping character bigrams, because people search by a 2-character given name
 * and word tokenizers see a whole CJK name as one word.
 */
const CJK_RUN = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Lowercase, accents kept, spaces/dashes/dots removed: how keys and words compare. */
export const squeeze = (s: string) => s.normalize('NFC').toLowerCase().replace(/[\s\-_.]/g, '');

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Terms for free text such as a name: words and CJK bigrams. */
export function textTerms(text: string): string[] {
  const terms: string[] = [];
  const lower = text.normalize('NFC').toLowerCase();
  for (const run of lower.match(CJK_RUN) ?? []) terms.push(...bigrams(run));
  const latin = lower.replace(CJK_RUN, ' ');
  for (const word of latin.split(/[^\p{L}\p{N}@+]+/u)) {
    if (word) terms.push(word);
  }
  // Also each whitespace-separated piece whole, so "O'Brien" is found as typed.
  for (const piece of latin.split(/\s+/)) {
    if (piece) terms.push(squeeze(piece));
  }
  return terms;
}

export interface SearchableCase {
  rma: string;
  serial: string;
  tracking: string | null;
  customerName: string;
  email: string | null;
  phone: string | null;
}

export function caseTerms(c: SearchableCase): string[] {
  const terms = [squeeze(c.rma), squeeze(c.serial), ...textTerms(c.customerName)];
  if (c.tracking) terms.push(squeeze(c.tracking));
  if (c.email) terms.push(squeeze(c.email), squeeze(c.email.split('@')[0]!));
  if (c.phone) {
    const digits = c.phone.replace(/\D/g, '');
    if (digits) terms.push(digits, digits.slice(-4));
  }
  return [...new Set(terms.filter((t) => t.length > 0 && t.length <= 200))];
}

/** A term to look up: CJK bigrams match exactly, everything else by prefix. */
export interface QueryTerm {
  term: string;
  exact: boolean;
}

/**
 * A query becomes terms that must all match: "김민" → 김민 (exact); "王小明" → 王小, 小明 (exact);
 * "kim 010" → kim…, 010… (prefixes). A single CJK character matches as a prefix of bigrams.
 */
export function queryTerms(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const token of query.normalize('NFC').toLowerCase().split(/\s+/)) {
    if (!token) continue;
    for (const run of token.match(CJK_RUN) ?? []) {
      const grams = bigrams(run);
      terms.push(...grams.map((term) => ({ term, exact: [...term].length === 2 })));
    }
    for (const word of token.replace(CJK_RUN, ' ').trim().split(/\s+/)) {
      const term = squeeze(word);
      if (term) terms.push({ term, exact: false });
    }
  }
  // Exact terms first: an exact term walks its index entries already in case order.
  return terms.sort((a, b) => Number(b.exact) - Number(a.exact)).slice(0, 8);
}
