/**
 * What a person typed in a number field, as the number the API takes: plain digits (a leading
 * minus and one decimal point allowed), else NaN, which the schema refuses with its field's
 * message. The API itself takes JSON numbers only; forms convert their own text.
 */
export function typedNumber(typed: unknown): number {
  if (typeof typed === 'number') return typed;
  const text = String(typed ?? '').trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}
