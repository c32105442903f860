import { languageOf } from '../common/messages.ts';
import { shippedWordIn, type ShippedKind } from '../common/shipped.ts';

/** A shipped word (see base/common/shipped.ts) in the reader's language (`i18n.language`); any other value as entered. */
export function shippedWord(language: string, kind: ShippedKind, value: string): string;
export function shippedWord(language: string, kind: ShippedKind, value: string | null): string | null;
export function shippedWord(language: string, kind: ShippedKind, value: string | null): string | null {
  return shippedWordIn(languageOf(language), kind, value);
}
