import { addDays, daysBetween, makeDate, type CalendarDate } from '../../../base/common/dates.ts';
import { openStatuses, pausedStatuses, type Status } from '../../cases/common/index.ts';
import { businessDayTest, type HolidayCalendar } from './calendar.ts';

/**
 * The turnaround clock. A business day is a whole day (midnight to midnight on the site's wall
 * calendar) that is neither a weekend day nor a holiday; time on it counts in full, time on other
 * days not at all, so a case received Friday at noon and worked on until Monday at noon has used
 * one business day. The clock runs from the receipt while the case is being worked on, stands still
 * while it waits on the customer or on parts (`pausedStatuses`), and stops when it is shipped.
 */

export const DAY_MS = 86_400_000;

const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallFormats.set(timeZone, format);
  }
  return format;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds (Seoul: 9 h). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = wallFormat(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day starts in a time zone (its midnight; a day whose midnight is skipped starts when it begins). */
export function startOfDayIn(date: CalendarDate, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const guess = utcMidnight - offsetAt(utcMidnight, timeZone);
  // The offset at the guess is the one that holds on that day, unless a change of clocks lies between.
  return utcMidnight - offsetAt(guess, timeZone);
}

/**
 * Business time over a span of days, answered by binary search: built once per report, it says
 * how much business time lies between two instants and when a given amount of it will have passed.
 */
export class BusinessClock {
  /** starts[i] is the instant day i begins; starts[days] the end of the last day. */
  private readonly starts: number[] = [];
  /** Business milliseconds from the first day's start to starts[i]. */
  private readonly before: number[] = [0];
  private readonly business: boolean[] = [];
  private readonly dates: CalendarDate[] = [];

  constructor(
    calendar: HolidayCalendar,
    readonly timeZone: string,
    readonly first: CalendarDate,
    last: CalendarDate,
  ) {
    const isBusiness = businessDayTest(calendar);
    const days = Math.max(1, daysBetween(first, last) + 1);
    // Each midnight from the offset of the one before: one reading of the zone per day.
    let offset = startOfDayIn(first, timeZone) - Date.parse(`${first}T00:00:00Z`);
    for (let i = 0; i <= days; i++) {
      const utcMidnight = Date.parse(`${addDays(first, i)}T00:00:00Z`);
      offset = -offsetAt(utcMidnight + offset, timeZone);
      this.starts.push(utcMidnight + offset);
    }
    for (let i = 0; i < days; i++) {
      const counts = isBusiness(addDays(first, i));
      this.business.push(counts);
      this.before.push(this.before[i]! + (counts ? this.starts[i + 1]! - this.starts[i]! : 0));
    }
  }

  /** The day an instant falls in (clamped to the clock's span). */
  private dayIndex(instant: number): number {
    let low = 0;
    let high = this.business.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= instant) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private upTo(instant: number): number {
    if (instant <= this.starts[0]!) return 0;
    const end = this.starts[this.starts.length - 1]!;
    if (instant >= end) return this.before[this.before.length - 1]!;
    const i = this.dayIndex(instant);
    return this.before[i]! + (this.business[i] ? instant - this.starts[i]! : 0);
  }

  /** Business milliseconds from `from` to `to` (none when `to` is not later). */
  between(from: number, to: number): number {
    return to > from ? this.upTo(to) - this.upTo(from) : 0;
  }

  /** The instant when `ms` of business time will have passed after `from`; null beyond the clock's span. */
  after(from: number, ms: number): number | null {
    const target = this.upTo(from) + Math.max(0, ms);
    if (target > this.before[this.before.length - 1]!) return null;
    let low = 0;
    let high = this.business.length - 1;
    // The first business day whose end reaches the target.
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.before[mid + 1]! >= target) high = mid;
      else low = mid + 1;
    }
    return Math.max(from, this.starts[low]! + (target - this.before[low]!));
  }

  /** The site's calendar date of an instant within the clock's span. */
  dateOf(instant: number): CalendarDate {
    const i = this.dayIndex(instant);
    // Kept once worked out: a report asks the date of many instants on the same few days.
    return (this.dates[i] ??= addDays(this.first, i));
  }
}

/** A span of calendar dates holding every instant given (at least one), with room after the last for due dates. */
export function clockSpan(instants: readonly number[], timeZone: string, daysAfter: number): { first: CalendarDate; last: CalendarDate } {
  if (instants.length === 0) throw new RangeError('clockSpan needs at least one instant');
  const dateOf = (instant: number) => {
    const shifted = new Date(instant + offsetAt(instant, timeZone));
    return makeDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
  };
  let low = instants[0]!;
  let high = low;
  for (const t of instants) {
    if (t < low) low = t;
    if (t > high) high = t;
  }
  return { first: addDays(dateOf(low), -1), last: addDays(dateOf(high), daysAfter) };
}

/** One step of a case's history: the status it entered, and when. */
export interface Step {
  at: number;
  status: Status;
}

/** Statuses in which the clock runs: open, and not waiting on the customer or on parts. */
export const runningStatuses: readonly Status[] = openStatuses.filter((s) => !pausedStatuses.includes(s));

export interface StatusTime {
  status: Status;
  /** Business milliseconds spent in the status. */
  ms: number;
  /** Whether the clock stood still in it. */
  paused: boolean;
}

export interface ClockReading {
  /** When the clock started: the first receipt. */
  startedAt: number;
  /** Business milliseconds the clock ran. */
  usedMs: number;
  /** Business time in each status after the receipt, in the order first entered. */
  statuses: StatusTime[];
  /** When the case was shipped (or otherwise left the open statuses); null while open. */
  stoppedAt: number | null;
  /** When the target is (or was) reached; projected from `until` for a case below it. Null beyond the clock's span, or for a stopped case that never reached it. */
  dueAt: number | null;
}

/**
 * Reads a case's clock from its history (steps in order) up to `until`: the time in each status
 * from the first receipt, counted while the status runs the clock, stopped when the case leaves
 * the open statuses. Null for a case never received.
 */
export function readClock(steps: readonly Step[], until: number, clock: BusinessClock, targetMs: number): ClockReading | null {
  const start = steps.findIndex((s) => s.status === 'received');
  if (start < 0) return null;
  const times = new Map<Status, StatusTime>();
  let usedMs = 0;
  let dueAt: number | null = null;
  let stoppedAt: number | null = null;
  for (let i = start; i < steps.length; i++) {
    const { status, at } = steps[i]!;
    if (!openStatuses.includes(status)) {
      stoppedAt = at;
      break;
    }
    const end = Math.min(steps[i + 1]?.at ?? until, until);
    const ms = clock.between(at, end);
    const running = runningStatuses.includes(status);
    const time = times.get(status) ?? { status, ms: 0, paused: !running };
    time.ms += ms;
    times.set(status, time);
    if (running) {
      if (dueAt === null && usedMs + ms >= targetMs) dueAt = clock.after(at, targetMs - usedMs);
      usedMs += ms;
    }
    if (end >= until) break;
  }
  if (dueAt === null && stoppedAt === null) dueAt = clock.after(until, targetMs - usedMs);
  return { startedAt: steps[start]!.at, usedMs, statuses: [...times.values()], stoppedAt, dueAt };
}

/** The running status that used the most of the clock: why a case is late. */
export function mostTime(statuses: readonly StatusTime[]): StatusTime | null {
  let most: StatusTime | null = null;
  for (const s of statuses) if (!s.paused && s.ms > 0 && (!most || s.ms > most.ms)) most = s;
  return most;
}

/** Business days as reports show them: two decimals. */
export const toDays = (ms: number): number => Math.round((ms / DAY_MS) * 100) / 100;
