import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney, plainAmount } from '../../src/base/common/money.ts';

describe('money', () => {
  it('writes minor units as a person types them, and reads them back', () => {
    expect(plainAmount(45_000, 'KRW')).toBe('45000');
    expect(plainAmount(1999, 'USD')).toBe('19.99');
    expect(plainAmount(5, 'EUR')).toBe('0.05');
    expect(plainAmount(-250, 'CNY')).toBe('-2.50');
    for (const [minor, currency] of [[0, 'USD'], [7, 'USD'], [123_456, 'CNY'], [86_900, 'KRW'], [-42, 'EUR']] as const) {
      expect(parseMoney(plainAmount(minor, currency), currency)).toBe(minor);
    }
  });

  it('formats with the currency’s own decimals and refuses fractions of a minor unit', () => {
    expect(formatMoney(86_900, 'KRW', 'ko')).toBe('₩86,900');
    expect(formatMoney(1999, 'USD', 'en')).toBe('$19.99');
    expect(parseMoney('19.999', 'USD')).toBeNull();
    expect(parseMoney('1.5', 'KRW')).toBeNull();
    expect(() => formatMoney(1.5, 'USD')).toThrow(RangeError);
  });
});
