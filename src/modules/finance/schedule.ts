/**
 * Repayment schedule of a loan: annuity, linear (equal principal) or bullet, with optional
 * interest-only grace months and fees.
 *
 * Conventions
 * - Due date n = startDate + n months, clamped to the end of the month, always computed from
 *   startDate (31 Jan → 29 Feb → 31 Mar).
 * - Interest per row, rounded half-up to cents: 30/360: balance × nominalRate / 12;
 *   act/365: balance × nominalRate × (actual days since the previous due date) / 365.
 * - Annuity instalment: principal × i / (1 − (1 + i)^−n) with i = nominalRate / 12 and n the months
 *   after grace, rounded half-up to cents (the same formula for act/365; its rows then take the
 *   actual-day interest out of the constant instalment).
 * - Linear: principal share = principal / n rounded half-up to cents, plus each row's interest.
 * - Bullet: interest only, all principal with the last row (grace has no further effect).
 * - Grace months: interest only, counted inside the term.
 * - The last row repays the remaining balance, so the principal repaid equals amount + financed
 *   fees exactly. A row never repays more than the balance nor less than nothing (in an extreme
 *   act/365 month whose interest exceeds the annuity, the row is interest only).
 * - Fees: financed → added to the amortised principal; first_instalment → added to row 1's
 *   payment (its `fees` column); upfront → paid at drawdown, not in the rows.
 * - Money is exact: whole cents in safe integers, each row's interest computed as an exact fraction
 *   (bigint) and rounded half-up; see money.ts.
 */
import { annuityInstalmentCents } from './annuity.js';
import { dayNumber, dayNumberOf, daysInMonth, formatIsoDate, parseIsoDate, todayInBerlin, type CalendarDate } from './dates.js';
import { FinanceError, toFieldPath } from './finance-error.js';
import {
  ScheduleInputSchema,
  type Schedule,
  type ScheduleInput,
  type ScheduleParams,
  type ScheduleRow,
} from './finance.types.js';
import { SAFE_OPERAND, divideRoundHalfUp, formatCentsNumber, parseCents, parseRatio, roundHalfUpSafe, twoDigits } from './money.js';

export interface ScheduleOptions {
  /** Date used when `startDate` is missing; default: today in Europe/Berlin. */
  readonly today?: string;
}

/** The schedule plus the exact figures the effective rate and comparison are computed from. */
export interface ScheduleComputation {
  readonly schedule: Schedule;
  readonly start: CalendarDate;
  /** All amounts in whole cents (safe integers). */
  readonly amountCents: number;
  readonly disbursedCents: number;
  /** Row payments incl. fees, index 0 = row 1. */
  readonly paymentCents: readonly number[];
  readonly totalCostCents: number;
}

/** Validates raw input against ScheduleInputSchema; throws FinanceError naming the field. */
export function parseScheduleInput(input: unknown): ScheduleParams {
  const parsed = ScheduleInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // An unknown key is reported at its own path ("fees[0].note"), not at the object holding it.
  const path = issue.code === 'unrecognized_keys' && issue.keys.length > 0 ? [...issue.path, issue.keys[0]] : issue.path;
  const field = toFieldPath(path);
  throw new FinanceError('invalid_input', field, `${field || 'input'}: ${issue.message}`);
}

// Due-date strings repeat across schedules (every loan due on the 15th of the next 30 years shares them):
// kept once, so a 360-row schedule does not allocate 360 new date strings each time. Bounded.
const DUE_DATE_TEXTS = new Map<number, string>();
const DUE_DATE_CACHE_LIMIT = 100_000;

/** `YYYY-MM-DD` of the day of the month index (year × 12 + month − 1). */
function dueDateText(monthIndex: number, day: number): string {
  const key = monthIndex * 32 + day;
  let text = DUE_DATE_TEXTS.get(key);
  if (text === undefined) {
    const year = Math.floor(monthIndex / 12);
    text = `${year}-${twoDigits(monthIndex - year * 12 + 1)}-${twoDigits(day)}`;
    if (DUE_DATE_TEXTS.size >= DUE_DATE_CACHE_LIMIT) DUE_DATE_TEXTS.clear();
    DUE_DATE_TEXTS.set(key, text);
  }
  return text;
}

export function buildSchedule(input: ScheduleInput, options: ScheduleOptions = {}): Schedule {
  return computeSchedule(parseScheduleInput(input), options).schedule;
}

/** The schedule of already validated parameters (see parseScheduleInput). */
export function computeSchedule(params: ScheduleParams, options: ScheduleOptions = {}): ScheduleComputation {
  const start = parseIsoDate(params.startDate ?? options.today ?? todayInBerlin());
  const termMonths = params.termMonths;
  const amortization = params.amortization;
  const graceMonths = amortization === 'bullet' ? 0 : params.graceMonths;
  const amortisingMonths = termMonths - graceMonths;

  const amountCents = Number(parseCents(params.amount));
  let upfrontCents = 0;
  let firstInstalmentCents = 0;
  let financedCents = 0;
  for (const fee of params.fees) {
    const cents = Number(parseCents(fee.amount));
    if (fee.when === 'upfront') upfrontCents += cents;
    else if (fee.when === 'first_instalment') firstInstalmentCents += cents;
    else financedCents += cents;
  }
  const principalCents = amountCents + financedCents;

  // Interest = balance × rate.num / rate.den / 12 (or × days / 365), exact, rounded half-up.
  const rate = parseRatio(params.nominalRate);
  const monthlyDen = rate.den * 12n;
  const dailyDen = rate.den * 365n;
  const actual = params.dayCount === 'act/365';
  // Plain-number fast path while every product stays a safe integer, exact bigint otherwise.
  const safeRate = rate.num <= BigInt(SAFE_OPERAND) && dailyDen <= BigInt(SAFE_OPERAND);
  const rateNum = Number(rate.num);
  const monthlyDenNum = Number(monthlyDen);
  const dailyDenNum = Number(dailyDen);
  const monthlyInterest = (balance: number): number => {
    const product = balance * rateNum;
    if (safeRate && product <= SAFE_OPERAND) return roundHalfUpSafe(product, monthlyDenNum);
    return Number(divideRoundHalfUp(BigInt(balance) * rate.num, monthlyDen));
  };
  const dailyInterest = (balance: number, days: number): number => {
    const product = balance * rateNum * days;
    if (safeRate && product <= SAFE_OPERAND) return roundHalfUpSafe(product, dailyDenNum);
    return Number(divideRoundHalfUp(BigInt(balance) * rate.num * BigInt(days), dailyDen));
  };

  let annuityCents = 0;
  let linearShareCents = 0;
  let instalmentCents = 0;
  if (amortization === 'annuity') {
    annuityCents = annuityInstalmentCents(principalCents, params.nominalRate, amortisingMonths);
    instalmentCents = annuityCents;
  } else if (amortization === 'linear') {
    linearShareCents = Number(divideRoundHalfUp(BigInt(principalCents), BigInt(amortisingMonths)));
  } else {
    instalmentCents = monthlyInterest(principalCents);
  }

  const rows: ScheduleRow[] = new Array(termMonths);
  const paymentCents: number[] = new Array(termMonths);
  const zero = formatCentsNumber(0);
  let repeatedPayment = -1;
  let repeatedPaymentText = zero;
  let balance = principalCents;
  let totalInterest = 0;
  let totalPayments = 0;
  let previousDayNumber = dayNumber(start);
  const monthIndex = start.year * 12 + (start.month - 1);

  for (let n = 1; n <= termMonths; n++) {
    // Due date n, stepped from the start date and clamped to the month's end.
    const index = monthIndex + n;
    const year = Math.floor(index / 12);
    const month = index - year * 12 + 1;
    const lastDay = daysInMonth(year, month);
    const day = start.day < lastDay ? start.day : lastDay;

    let interest: number;
    if (actual) {
      const dueDayNumber = dayNumberOf(year, month, day);
      interest = dailyInterest(balance, dueDayNumber - previousDayNumber);
      previousDayNumber = dueDayNumber;
    } else {
      interest = monthlyInterest(balance);
    }

    let principal: number;
    if (n === termMonths) principal = balance;
    else if (n <= graceMonths || amortization === 'bullet') principal = 0;
    else if (amortization === 'annuity') principal = annuityCents - interest;
    else principal = linearShareCents;
    if (principal > balance) principal = balance;
    if (principal < 0) principal = 0;

    const fees = n === 1 ? firstInstalmentCents : 0;
    const payment = interest + principal + fees;
    balance -= principal;
    totalInterest += interest;
    totalPayments += payment;
    if (amortization === 'linear' && n === graceMonths + 1) instalmentCents = interest + principal;
    if (payment !== repeatedPayment) {
      repeatedPayment = payment;
      repeatedPaymentText = formatCentsNumber(payment);
    }

    paymentCents[n - 1] = payment;
    rows[n - 1] = {
      number: n,
      dueDate: dueDateText(index, day),
      interest: formatCentsNumber(interest),
      principal: formatCentsNumber(principal),
      fees: fees === 0 ? zero : formatCentsNumber(fees),
      payment: repeatedPaymentText,
      balance: formatCentsNumber(balance),
    };
  }

  const totalFees = upfrontCents + firstInstalmentCents + financedCents;
  const totalCost = totalInterest + totalFees;
  const schedule: Schedule = {
    amount: formatCentsNumber(amountCents),
    financedAmount: formatCentsNumber(principalCents),
    disbursedAmount: formatCentsNumber(amountCents - upfrontCents),
    nominalRate: params.nominalRate,
    termMonths,
    graceMonths: params.graceMonths,
    amortization,
    dayCount: params.dayCount,
    startDate: formatIsoDate(start),
    instalment: formatCentsNumber(instalmentCents),
    rows,
    totalInterest: formatCentsNumber(totalInterest),
    totalFees: formatCentsNumber(totalFees),
    totalCost: formatCentsNumber(totalCost),
    totalPaid: formatCentsNumber(totalPayments + upfrontCents),
  };
  return {
    schedule,
    start,
    amountCents,
    disbursedCents: amountCents - upfrontCents,
    paymentCents,
    totalCostCents: totalCost,
  };
}
