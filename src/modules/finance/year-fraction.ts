/**
 * Time from the first drawdown to a cash flow, in years, as Directive 2008/48/EC Annex I remark (c)
 * (as amended by Directive 2011/90/EU) defines it for the annual percentage rate of charge:
 *
 *   - a year has 12 equal months; whole months are counted BACKWARDS from the cash-flow date towards
 *     the drawdown date, each 1/12 of a year;
 *   - the remaining days (first day excluded, last day included) are divided by the number of days
 *     (365 or 366) of the complete year counted backwards from the last of those days to the same day
 *     of the previous year.
 *
 * Month-end rule: when the cash-flow date is the last day of its month and the drawdown day is later
 * in the month than that (e.g. drawdown 31 Jan, payment 28 Feb; drawdown 30 Jan, payment 28 Feb),
 * the months are counted back to the drawdown day, so a payment that month stepping from the
 * drawdown date puts on a short month's last day is a whole month (as the schedule's own month
 * stepping and the curo library's EU200848EC convention treat it). Consequence: every due date
 * `addMonths(start, n)` is exactly n/12 years after `start`.
 */
import { addMonthsToDate, dayNumber, daysInMonth, type CalendarDate } from './dates.js';

export interface YearFraction {
  /** Whole months counted back from the cash-flow date. */
  readonly months: number;
  /** Remaining days between the drawdown and the start of the whole months. */
  readonly days: number;
  /** 365 or 366: the days of the year ending on the last of the remaining days (0 when days = 0). */
  readonly daysInYear: number;
  /** months / 12 + days / daysInYear */
  readonly years: number;
}

/** Interval from `drawdown` to `date` (which must not be earlier) in the EU APR convention. */
export function euYearFraction(drawdown: CalendarDate, date: CalendarDate): YearFraction {
  const lastDay = daysInMonth(date.year, date.month);
  // Day of the month the backward month count is anchored to (see the month-end rule above).
  const anchorDay = date.day === lastDay && drawdown.day > date.day ? drawdown.day : date.day;

  let months = (date.year - drawdown.year) * 12 + (date.month - drawdown.month);
  // The date `months` months before `date` lies in the drawdown's month, on the anchor day clamped.
  const monthLength = daysInMonth(drawdown.year, drawdown.month);
  const startDayInDrawdownMonth = anchorDay < monthLength ? anchorDay : monthLength;
  if (startDayInDrawdownMonth >= drawdown.day) {
    if (months < 0) throw new RangeError('cash-flow date precedes the drawdown date');
    if (startDayInDrawdownMonth === drawdown.day) return { months, days: 0, daysInYear: 0, years: months / 12 };
  } else {
    months -= 1; // one month less: the whole months start in the month after the drawdown
  }
  if (months < 0) throw new RangeError('cash-flow date precedes the drawdown date');

  const start = addMonthsToDate(date, -months, anchorDay);
  const days = dayNumber(start) - dayNumber(drawdown);
  if (days === 0) return { months, days: 0, daysInYear: 0, years: months / 12 };
  const daysInYear = dayNumber(start) - dayNumber(addMonthsToDate(start, -12));
  return { months, days, daysInYear, years: months / 12 + days / daysInYear };
}
