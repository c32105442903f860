import { describe, expect, it } from 'vitest';
import { manufactureDate, readDateCode } from '../../src/features/warranty/common/index.ts';

const week = { pattern: '^[A-Z]{2}(?<year>\\d{2})(?<week>\\d{2})' };
const month = { pattern: '-(?<year>\\d{4})(?<month>\\d{2})$' };
const today = '2026-06-01';

describe('readDateCode', () => {
  it('gives the Monday of the ISO week, which can fall in the year before', () => {
    expect(readDateCode(week, 'KR2601-77', today)).toEqual({ made: '2025-12-29', miss: null });
    expect(readDateCode(week, 'KR2053', today)).toEqual({ made: '2020-12-28', miss: null });
    expect(readDateCode(week, '  KR2540  ', today)).toEqual({ made: '2025-09-29', miss: null });
  });

  it('refuses week 0 and a week 53 the year does not have', () => {
    expect(readDateCode(week, 'KR2100', today)).toEqual({ made: null, miss: 'badWeek' });
    expect(readDateCode(week, 'KR2153', today)).toEqual({ made: null, miss: 'badWeek' });
  });

  it('gives the 1st of the month for months 1 to 12 only', () => {
    expect(readDateCode(month, 'SP-202512', today).made).toBe('2025-12-01');
    expect(readDateCode(month, 'SP-202501', today).made).toBe('2025-01-01');
    expect(readDateCode(month, 'SP-202500', today)).toEqual({ made: null, miss: 'badMonth' });
    expect(readDateCode(month, 'SP-202513', today)).toEqual({ made: null, miss: 'badMonth' });
  });

  it('counts today as made, and tomorrow as the future', () => {
    expect(readDateCode(month, 'SP-202606', today).made).toBe('2026-06-01');
    expect(readDateCode(month, 'SP-202606', '2026-05-31')).toEqual({ made: null, miss: 'future' });
  });

  it('reads a short year as the latest such year not after today, and refuses three digits', () => {
    expect(readDateCode(week, 'KR9801', today).made).toBe('1997-12-29');
    expect(readDateCode({ pattern: '^(?<year>\\d)(?<week>\\d{2})' }, '512', today).made).toBe('2025-03-17');
    expect(readDateCode({ pattern: '^(?<year>\\d{3})(?<week>\\d{2})' }, '02601', today)).toEqual({ made: null, miss: 'badYear' });
  });

  it('says when the serial does not match, or the pattern cannot be read', () => {
    expect(readDateCode(week, 'X-2601', today)).toEqual({ made: null, miss: 'noMatch' });
    expect(readDateCode({ pattern: '^(?<year>\\d{2}' }, 'KR2601', today)).toEqual({ made: null, miss: 'badPattern' });
    expect(readDateCode({ pattern: '^(?<year>\\d{2})(?<week>\\d{2})(?<month>\\d{2})' }, '260101', today)).toEqual({ made: null, miss: 'badPattern' });
    expect(readDateCode({ pattern: '' }, 'KR2601', today)).toEqual({ made: null, miss: 'badPattern' });
  });

  it('is what the warranty engine reads', () => {
    for (const serial of ['KR2601', 'KR2153', 'X-1', 'KR2630']) {
      expect(manufactureDate(week, serial, today)).toBe(readDateCode(week, serial, today).made);
    }
  });
});
