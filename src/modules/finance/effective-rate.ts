/**
 * Effective annual rate ("effektiver Jahreszins", APR) of dated cash flows, as Directive 2008/48/EC
 * Annex I (amended by Directive 2011/90/EU) defines it:  Σ C_k (1+X)^(−t_k) = Σ D_l (1+X)^(−s_l),
 * intervals in years from the first drawdown measured as year-fraction.ts describes.
 *
 * Rules for the input (each violation is a FinanceError naming the field):
 * - `amount` > 0 is paid out to the borrower (drawdown), < 0 is paid by the borrower; 0 is ignored.
 * - Dates must be non-decreasing (several flows may share a date); the clock starts at the first
 *   positive flow, and no non-zero flow may be dated before it.
 * - There must be at least one drawdown and one repayment, and the equation must have a root.
 * The result is rounded half-up to 6 decimals ("0.104603" = 10.4603 %).
 */
import { Decimal } from 'decimal.js';
import { compareDates, tryParseIsoDate, type CalendarDate } from './dates.js';
import { FinanceError } from './finance-error.js';
import type { CashFlow } from './finance.types.js';
import { solveAnnualRate } from './rate-solver.js';
import { euYearFraction } from './year-fraction.js';

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
export const RATE_DECIMALS = 6;

/** Effective annual rate as a decimal-fraction string with 6 decimals. */
export function effectiveAnnualRate(cashFlows: readonly CashFlow[]): string {
  return formatRate(effectiveAnnualRateValue(cashFlows));
}

/** The unrounded effective annual rate (binary floating point, accurate to about 1e-12). */
export function effectiveAnnualRateValue(cashFlows: readonly CashFlow[]): number {
  if (!Array.isArray(cashFlows) || cashFlows.length === 0) {
    throw new FinanceError('invalid_input', 'cashFlows', 'cashFlows must be a non-empty list');
  }
  const n = cashFlows.length;
  const dates: CalendarDate[] = new Array(n);
  const amounts = new Float64Array(n);
  let firstDrawdown = -1;
  let hasRepayment = false;
  for (let i = 0; i < n; i++) {
    const flow = cashFlows[i];
    const date = typeof flow?.date === 'string' ? tryParseIsoDate(flow.date) : undefined;
    if (!date) throw new FinanceError('invalid_input', `cashFlows[${i}].date`, `cashFlows[${i}].date must be a calendar date YYYY-MM-DD`);
    if (typeof flow.amount !== 'string' || !DECIMAL_PATTERN.test(flow.amount)) {
      throw new FinanceError('invalid_input', `cashFlows[${i}].amount`, `cashFlows[${i}].amount must be a decimal string`);
    }
    if (i > 0 && compareDates(date, dates[i - 1]) < 0) {
      throw new FinanceError('dates_out_of_order', `cashFlows[${i}].date`, `cashFlows[${i}].date is earlier than the flow before it`);
    }
    dates[i] = date;
    const amount = Number(flow.amount);
    amounts[i] = amount;
    if (amount > 0 && firstDrawdown < 0) firstDrawdown = i;
    if (amount < 0) hasRepayment = true;
  }
  if (firstDrawdown < 0) throw new FinanceError('no_drawdown', 'cashFlows', 'no cash flow pays out to the borrower (amount > 0)');
  if (!hasRepayment) throw new FinanceError('no_repayment', 'cashFlows', 'no cash flow is paid by the borrower (amount < 0)');

  const drawdown = dates[firstDrawdown];
  const years = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (compareDates(dates[i], drawdown) < 0) {
      if (amounts[i] === 0) continue;
      throw new FinanceError('dates_out_of_order', `cashFlows[${i}].date`, `cashFlows[${i}] is dated before the first drawdown`);
    }
    years[i] = euYearFraction(drawdown, dates[i]).years;
  }
  const rate = solveAnnualRate(years, amounts);
  if (rate === undefined) throw new FinanceError('no_solution', 'cashFlows', 'no effective rate solves these cash flows');
  return rate;
}

/**
 * A rate as a decimal-fraction string rounded to 6 decimals (Number#toFixed: the nearest, ties away
 * from zero, on the exact value of the double); never "-0.000000".
 */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) throw new RangeError('rate is not finite');
  // Number#toFixed switches to exponent notation from 1e21 on (fees many times the amount over a month can get
  // there); decimal.js writes any magnitude in plain notation.
  const text = Math.abs(rate) < 1e21 ? rate.toFixed(RATE_DECIMALS) : new Decimal(rate).toFixed(RATE_DECIMALS);
  return text.startsWith('-') && /^-0\.0+$/.test(text) ? text.slice(1) : text;
}
