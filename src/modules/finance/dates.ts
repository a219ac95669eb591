/**
 * Calendar dates without time or time zone: `YYYY-MM-DD` strings outside, `{year, month, day}` inside.
 * Month stepping clamps to the end of the month and is always computed from the anchor date, so
 * 31 Jan → 28/29 Feb → 31 Mar (not 28 Mar).
 */
import { TZDate } from '@date-fns/tz';

export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BUSINESS_TIME_ZONE = 'Europe/Berlin';

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

export function isLastDayOfMonth(date: CalendarDate): boolean {
  return date.day === daysInMonth(date.year, date.month);
}

/** Parses `YYYY-MM-DD`; returns undefined unless it is a real calendar date. */
export function tryParseIsoDate(text: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isValidIsoDate(text: string): boolean {
  return tryParseIsoDate(text) !== undefined;
}

/** Parses `YYYY-MM-DD` or throws a RangeError. */
export function parseIsoDate(text: string): CalendarDate {
  const date = tryParseIsoDate(text);
  if (!date) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return date;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatIsoDate(date: CalendarDate): string {
  return `${date.year}-${pad2(date.month)}-${pad2(date.day)}`;
}

/**
 * The date `months` calendar months after (or, if negative, before) `date`, on the same day of the
 * month clamped to that month's last day. `preferredDay` (default: the day of `date`) is the day the
 * series is anchored to, before clamping.
 */
export function addMonthsToDate(date: CalendarDate, months: number, preferredDay = date.day): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = daysInMonth(year, month);
  return { year, month, day: preferredDay < last ? preferredDay : last };
}

/** `addMonths('2024-01-31', 1) === '2024-02-29'`; always compute due date n from the start date. */
export function addMonths(isoDate: string, months: number): string {
  return formatIsoDate(addMonthsToDate(parseIsoDate(isoDate), months));
}

/** Days since 1970-01-01 (proleptic Gregorian calendar); exact integer arithmetic. */
export function dayNumber(date: CalendarDate): number {
  return dayNumberOf(date.year, date.month, date.day);
}

/** dayNumber of year, month (1..12), day. */
export function dayNumberOf(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Actual days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year !== b.year ? a.year - b.year : a.month !== b.month ? a.month - b.month : a.day - b.day;
}

/** Today's date in Europe/Berlin (the business calendar), as `YYYY-MM-DD`. */
export function todayInBerlin(now: Date = new Date()): string {
  const local = new TZDate(now.getTime(), BUSINESS_TIME_ZONE);
  return formatIsoDate({ year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() });
}
