import { describe, expect, it } from 'vitest';
import { BusinessClock, DAY_MS, mostTime, readClock, startOfDayIn, type Step } from '../../src/features/reports/common/clock.ts';
import { calendarSchema, mergeHolidays, parseHolidayFile, type HolidayCalendar } from '../../src/features/reports/common/calendar.ts';
import { isoWeekOf, periodsBetween } from '../../src/features/reports/common/periods.ts';

const HOUR = 3_600_000;
/** An instant given as Seoul wall-clock time. */
const seoul = (wall: string) => Date.parse(`${wall}+09:00`);

// 2026-03-01 (Sunday) is Independence Movement Day; Monday 2026-03-02 is its substitute holiday.
const korea: HolidayCalendar = { weekendDays: [6, 0], holidays: [{ date: '2026-03-02', name: '대체공휴일' }] };
const clock = new BusinessClock(korea, 'Asia/Seoul', '2026-02-20', '2026-03-31');

describe('days on the site’s wall calendar', () => {
  it('starts a day at its midnight in the time zone', () => {
    expect(new Date(startOfDayIn('2026-03-02', 'Asia/Seoul')).toISOString()).toBe('2026-03-01T15:00:00.000Z');
    expect(new Date(startOfDayIn('2026-07-01', 'Europe/Athens')).toISOString()).toBe('2026-06-30T21:00:00.000Z');
  });

  it('gives a day of a change of clocks its real length', () => {
    const springForward = startOfDayIn('2026-03-09', 'America/New_York') - startOfDayIn('2026-03-08', 'America/New_York');
    expect(springForward).toBe(23 * HOUR);
    const ny = new BusinessClock({ weekendDays: [6], holidays: [] }, 'America/New_York', '2026-03-01', '2026-03-31');
    // Sunday counts here (only Saturday is the weekend): the whole 23-hour Sunday.
    expect(ny.between(startOfDayIn('2026-03-08', 'America/New_York'), startOfDayIn('2026-03-09', 'America/New_York'))).toBe(23 * HOUR);
  });
});

describe('the business clock', () => {
  it('counts a weekend and a holiday as no time', () => {
    // Friday noon to Tuesday noon: Friday's afternoon and Tuesday's morning; Sat, Sun and the Monday holiday skipped.
    expect(clock.between(seoul('2026-02-27T12:00:00'), seoul('2026-03-03T12:00:00'))).toBe(DAY_MS);
    expect(clock.between(seoul('2026-02-28T08:00:00'), seoul('2026-03-02T20:00:00'))).toBe(0);
    expect(clock.dateOf(seoul('2026-03-02T23:59:00'))).toBe('2026-03-02');
    expect(clock.dateOf(seoul('2026-03-03T00:00:00'))).toBe('2026-03-03');
  });

  it('finds when an amount of business time will have passed', () => {
    expect(clock.after(seoul('2026-02-27T12:00:00'), DAY_MS)).toBe(seoul('2026-03-03T12:00:00'));
    // From a Saturday, the clock waits for Tuesday.
    expect(clock.after(seoul('2026-02-28T10:00:00'), 6 * HOUR)).toBe(seoul('2026-03-03T06:00:00'));
    expect(clock.after(seoul('2026-03-30T00:00:00'), 30 * DAY_MS)).toBeNull();
  });

  it('follows the weekend the admin chose', () => {
    const fridayOff = new BusinessClock({ weekendDays: [5, 6], holidays: [] }, 'Asia/Seoul', '2026-02-20', '2026-03-31');
    // Thursday noon to Sunday noon: Thursday afternoon and Sunday morning.
    expect(fridayOff.between(seoul('2026-02-26T12:00:00'), seoul('2026-03-01T12:00:00'))).toBe(DAY_MS);
  });
});

describe('a case’s clock from its history', () => {
  const steps: Step[] = [
    { at: seoul('2026-02-20T10:00:00'), status: 'authorized' },
    { at: seoul('2026-02-27T09:00:00'), status: 'received' },
    { at: seoul('2026-02-27T12:00:00'), status: 'diagnosing' },
    { at: seoul('2026-03-03T09:00:00'), status: 'awaiting_customer' },
    { at: seoul('2026-03-05T09:00:00'), status: 'repairing' },
  ];

  it('runs from the receipt, stands still while the customer decides, and projects the due date', () => {
    const reading = readClock(steps, seoul('2026-03-06T09:00:00'), clock, 3 * DAY_MS)!;
    const days = Object.fromEntries(reading.statuses.map((s) => [s.status, s.ms / DAY_MS]));
    // Received 3 h; diagnosing Friday 12 h and Tuesday 9 h; awaiting Tuesday 15 h, Wednesday, Thursday 9 h; repairing Thursday 15 h, Friday 9 h.
    expect(days).toEqual({ received: 0.125, diagnosing: 0.875, awaiting_customer: 2, repairing: 1 });
    expect(reading.statuses.find((s) => s.status === 'awaiting_customer')!.paused).toBe(true);
    expect(reading.usedMs).toBe(2 * DAY_MS);
    expect(reading.startedAt).toBe(seoul('2026-02-27T09:00:00'));
    // One business day left from Friday 09:00: Friday's 15 h, then Monday's first 9 h.
    expect(reading.dueAt).toBe(seoul('2026-03-09T09:00:00'));
    expect(reading.stoppedAt).toBeNull();
    expect(mostTime(reading.statuses)?.status).toBe('repairing');
  });

  it('dates a late case by the moment it passed the target, and stops at the shipment', () => {
    const shipped: Step[] = [...steps, { at: seoul('2026-03-11T09:00:00'), status: 'qa' }, { at: seoul('2026-03-11T15:00:00'), status: 'shipped' }];
    const reading = readClock(shipped, seoul('2026-03-20T00:00:00'), clock, 3 * DAY_MS)!;
    // Repairing Thursday 15 h to Wednesday 09:00: Thu 15 h, Fri, Mon, Tue, Wed 9 h = 4 days; qa 6 h.
    expect(reading.usedMs).toBe(1 * DAY_MS + 4 * DAY_MS + 6 * HOUR);
    expect(reading.dueAt).toBe(seoul('2026-03-09T09:00:00'));
    expect(reading.stoppedAt).toBe(seoul('2026-03-11T15:00:00'));
  });

  it('has no clock before the unit arrives', () => {
    expect(readClock(steps.slice(0, 1), seoul('2026-03-06T09:00:00'), clock, 3 * DAY_MS)).toBeNull();
  });
});

describe('the holiday calendar', () => {
  it('reads lines of date and name, with a header, a BOM and other separators', () => {
    const file = parseHolidayFile('\uFEFFdate,name\r\n2026-03-01,삼일절\r\n2026/5/5;어린이날\n20261003\t开天节 National Foundation Day\n\n# comment\n2026-03-01,"3·1절"\n');
    expect(file).toEqual({
      ok: true,
      holidays: [
        { date: '2026-03-01', name: '3·1절' },
        { date: '2026-05-05', name: '어린이날' },
        { date: '2026-10-03', name: '开天节 National Foundation Day' },
      ],
    });
  });

  it('refuses a file with an unreadable line, naming the line', () => {
    const file = parseHolidayFile('2026-03-01,삼일절\n2026-02-30,Not a day\n2026-05-05\n');
    expect(file.ok).toBe(false);
    if (file.ok) return;
    expect(file.problems.map((p) => p.params.line)).toEqual([2, 3]);
    expect(file.problems[0]!.text).toBe('Line 2: "2026-02-30,Not a day" is not a date and a name (2026-03-01,Independence Movement Day)');
    expect(parseHolidayFile('date,name\n').ok).toBe(false);
  });

  it('reads all-day events of an iCalendar file, folded lines and several days included', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260216',
      'DTEND;VALUE=DATE:20260219',
      'SUMMARY:설날 연휴',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20261001',
      'SUMMARY:国庆节\\, Golden',
      '  Week',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(parseHolidayFile(ics)).toEqual({
      ok: true,
      holidays: [
        { date: '2026-02-16', name: '설날 연휴' },
        { date: '2026-02-17', name: '설날 연휴' },
        { date: '2026-02-18', name: '설날 연휴' },
        { date: '2026-10-01', name: '国庆节, Golden Week' },
      ],
    });
  });

  it('merges an import into the kept holidays, the file naming a date already there', () => {
    expect(mergeHolidays([{ date: '2026-05-05', name: 'Children' }, { date: '2026-01-01', name: 'New Year' }], [{ date: '2026-05-05', name: '어린이날' }])).toEqual([
      { date: '2026-01-01', name: 'New Year' },
      { date: '2026-05-05', name: '어린이날' },
    ]);
  });

  it('refuses a date twice, a week without a working day and a weekday twice', () => {
    const twice = calendarSchema.safeParse({ weekendDays: [6, 0], holidays: [{ date: '2026-05-05', name: 'a' }, { date: '2026-05-05', name: 'b' }] });
    expect(twice.success).toBe(false);
    expect(twice.error!.issues[0]!.path).toEqual(['holidays', 1, 'date']);
    expect(calendarSchema.safeParse({ weekendDays: [0, 1, 2, 3, 4, 5, 6], holidays: [] }).success).toBe(false);
    expect(calendarSchema.safeParse({ weekendDays: [6, 6], holidays: [] }).success).toBe(false);
  });
});

describe('weeks and months of a trend', () => {
  it('names ISO weeks across the turn of a year', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-03-15')).toBe('2026-W11');
    expect(isoWeekOf('2026-03-16')).toBe('2026-W12');
  });

  it('lists every period a range touches', () => {
    expect(periodsBetween('2026-01-30', '2026-03-02', 'month')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(periodsBetween('2026-12-28', '2027-01-11', 'week')).toEqual(['2026-W53', '2027-W01', '2027-W02']);
  });
});
