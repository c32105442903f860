/** Money is integer minor units plus an ISO 4217 currency; never floats. */
export type Currency = 'KRW' | 'JPY' | 'USD' | 'EUR' | 'CNY' | 'GBP' | 'TWD' | 'HKD';

export const currencies: readonly Currency[] = ['KRW', 'JPY', 'USD', 'EUR', 'CNY', 'GBP', 'TWD', 'HKD'];

const exponents: Record<Currency, number> = {
  KRW: 0,
  JPY: 0,
  TWD: 2,
  USD: 2,
  EUR: 2,
  CNY: 2,
  GBP: 2,
  HKD: 2,
};

export function currencyExponent(currency: Currency): number {
  return exponents[currency];
}

/** Formats minor units for people, e.g. 86900 KRW → "₩86,900", 1999 USD → "$19.99". */
export function formatMoney(minor: number, currency: Currency, locale = 'en'): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money must be an integer of minor units, got ${minor}`);
  const exponent = currencyExponent(currency);
  return moneyFormat(locale, currency, exponent).format(minor / 10 ** exponent);
}

// Building an Intl.NumberFormat costs far more than using one: keep one per locale and currency.
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: Currency, exponent: number): Intl.NumberFormat {
  const key = `${locale} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/** Minor units as a person types them, with no symbol or grouping: 45000 (KRW), 19.99 (USD). The inverse of parseMoney. */
export function plainAmount(minor: number, currency: Currency): string {
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Parses what a person typed ("19.99", "86,900") into minor units, or null when it is not an amount. */
export function parseMoney(text: string, currency: Currency): number | null {
  const cleaned = text.replace(/[,\s]/g, '');
  const exponent = currencyExponent(currency);
  const pattern = exponent === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+(\\.\\d{1,${exponent}})?$`);
  if (!pattern.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.replace('-', '').split('.');
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return cleaned.startsWith('-') ? -minor : minor;
}
