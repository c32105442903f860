import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  calendarDateIn,
  compareDates,
  daysBetween,
  earlierDate,
  isCalendarDate,
  isoWeekMonday,
  laterDate,
} from '../../src/base/common/dates.ts';

describe('isCalendarDate', () => {
  it('accepts real days only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-3-2')).toBe(false);
    expect(isCalendarDate('2026-03-02T00:00:00Z')).toBe(false);
    expect(isCalendarDate(20260302)).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2025-01-10', 180)).toBe('2025-07-09');
  });

  it('is not moved by daylight saving (pure calendar arithmetic)', () => {
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('rejects malformed input', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
  });

  it('keeps the day when it exists and counts across years', () => {
    expect(addMonths('2024-03-02', 24)).toBe('2026-03-02');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2026-01-15', -2)).toBe('2025-11-15');
    expect(addMonths('2026-03-02', 0)).toBe('2026-03-02');
  });
});

describe('comparisons', () => {
  it('orders dates', () => {
    expect(compareDates('2026-03-02', '2026-03-03')).toBe(-1);
    expect(compareDates('2026-03-02', '2026-03-02')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(laterDate('2026-03-02', '2025-12-31')).toBe('2026-03-02');
    expect(earlierDate('2026-03-02', '2025-12-31')).toBe('2025-12-31');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
  });
});

describe('calendarDateIn', () => {
  const at = (iso: string) => new Date(iso);

  it('gives the date on the wall calendar of the site', () => {
    expect(calendarDateIn(at('2026-03-02T23:30:00Z'), 'Asia/Seoul')).toBe('2026-03-03');
    expect(calendarDateIn(at('2026-03-02T23:30:00Z'), 'UTC')).toBe('2026-03-02');
    expect(calendarDateIn(at('2026-03-02T23:30:00Z'), 'America/Los_Angeles')).toBe('2026-03-02');
    expect(calendarDateIn(at('2026-03-03T02:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-02');
    expect(calendarDateIn(at('2026-03-02T10:30:00Z'), 'Pacific/Kiritimati')).toBe('2026-03-03');
  });

  it('switches at local midnight (Athens is UTC+3 in summer)', () => {
    expect(calendarDateIn(at('2026-03-02T14:59:59Z'), 'Asia/Seoul')).toBe('2026-03-02');
    expect(calendarDateIn(at('2026-03-02T15:00:00Z'), 'Asia/Seoul')).toBe('2026-03-03');
    expect(calendarDateIn(at('2026-06-30T20:59:59Z'), 'Europe/Athens')).toBe('2026-06-30');
    expect(calendarDateIn(at('2026-06-30T21:00:00Z'), 'Europe/Athens')).toBe('2026-07-01');
  });

  it('follows daylight saving: New York midnight is 05:00Z in winter, 04:00Z in summer', () => {
    expect(calendarDateIn(at('2026-01-15T04:30:00Z'), 'America/New_York')).toBe('2026-01-14');
    expect(calendarDateIn(at('2026-07-15T04:30:00Z'), 'America/New_York')).toBe('2026-07-15');
  });

  it('rejects an unknown zone or an invalid instant', () => {
    expect(() => calendarDateIn(at('2026-03-02T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => calendarDateIn(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});

describe('isoWeekMonday', () => {
  it('finds the Monday of ISO week N, even in the year before', () => {
    expect(isoWeekMonday(2026, 1)).toBe('2025-12-29');
    expect(isoWeekMonday(2024, 1)).toBe('2024-01-01');
    expect(isoWeekMonday(2024, 10)).toBe('2024-03-04');
  });

  it('knows which years have a week 53', () => {
    expect(isoWeekMonday(2020, 53)).toBe('2020-12-28');
    expect(isoWeekMonday(2026, 53)).toBe('2026-12-28');
    expect(isoWeekMonday(2021, 53)).toBeNull();
    expect(isoWeekMonday(2021, 0)).toBeNull();
    expect(isoWeekMonday(2021, 54)).toBeNull();
  });
});
