/**
 * Full years a company has been in business on a given business date, calendar-exact.
 *
 * German rule (§§ 187 Abs. 2, 188 Abs. 2 BGB, as for a person's age): the founding day counts, so a
 * year is complete at the end of the day before the anniversary, and the company counts the new
 * year from the anniversary itself (founded 2012-05-10 → 1 full year on 2013-05-10).
 * Founded on 29 February: in a non-leap year the period ends with the end of 28 February
 * (§ 188 Abs. 3 BGB), so the new year counts from 1 March, and on 28 February it is not yet complete:
 * founded 2020-02-29 → 2 years on 2023-02-28, 3 years on 2023-03-01, 3 on 2024-02-28, 4 on 2024-02-29.
 * Comparing (month, day) lexicographically gives exactly that.
 */

/** A calendar date as numbers; `parseIsoDate` guarantees it exists. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** "2024-02-29" → {2024, 2, 29}; null when malformed or not a real date ("2023-02-29"). */
export function parseIsoDate(value: string): CalendarDate | null {
  const m = ISO_DATE.exec(value);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Full years from `foundedOn` to `on` (negative when `on` lies before the founding). */
export function fullYearsBetween(foundedOn: CalendarDate, on: CalendarDate): number {
  let years = on.year - foundedOn.year;
  if (on.month < foundedOn.month || (on.month === foundedOn.month && on.day < foundedOn.day)) years -= 1;
  return years;
}

/** Convenience over ISO strings; throws on invalid dates. */
export function yearsInBusiness(foundedOn: string, on: string): number {
  const from = parseIsoDate(foundedOn);
  const to = parseIsoDate(on);
  if (from === null || to === null) throw new RangeError(`invalid date: ${from === null ? foundedOn : on}`);
  return fullYearsBetween(from, to);
}
