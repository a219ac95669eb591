/**
 * Property tests over random loans: the schedule's invariants, agreement with a straightforward
 * decimal.js implementation of the same conventions, and the effective rate of fee-free annuities.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, addMonthsToDate, dayNumber, daysInMonth, parseIsoDate } from './dates.js';
import { effectiveAnnualRate, effectiveAnnualRateValue } from './effective-rate.js';
import { ScheduleResultSchema, ScheduleSchema, type Fee, type Schedule, type ScheduleInput } from './finance.types.js';
import { Money } from './money.js';
import { buildSchedule } from './schedule.js';
import { scheduleCashFlows } from './schedule-cash-flows.js';
import { scheduleWithEffectiveRate } from './schedule-with-effective-rate.js';

const cents = (money: string) => Math.round(Number(money) * 100);

const dateArb = fc
  .record({ year: fc.integer({ min: 2000, max: 2090 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, daysInMonth(year, month))).padStart(2, '0')}`);

const moneyArb = (min: number, max: number) => fc.integer({ min, max }).map((c) => new Money(c).div(100).toFixed(2));
const rateArb = fc.integer({ min: 0, max: 1_000_000 }).map((ppm) => new Money(ppm).div(1_000_000).toFixed());

const feeArb: fc.Arbitrary<Fee> = fc.record({
  type: fc.constantFrom('arrangement', 'account', 'insurance'),
  amount: moneyArb(0, 500_000),
  when: fc.constantFrom('upfront', 'first_instalment', 'financed'),
});

const loanArb: fc.Arbitrary<ScheduleInput> = fc
  .record({
    amount: moneyArb(100_000, 5_000_000_000),
    nominalRate: rateArb,
    termMonths: fc.integer({ min: 1, max: 360 }),
    grace: fc.integer({ min: 0, max: 359 }),
    amortization: fc.constantFrom('annuity', 'linear', 'bullet'),
    startDate: dateArb,
    fees: fc.array(feeArb, { maxLength: 4 }),
    dayCount: fc.constantFrom('30/360', 'act/365'),
  })
  .map(({ grace, termMonths, ...rest }) => ({ ...rest, termMonths, graceMonths: grace % termMonths }))
  .filter((loan) => {
    const upfront = loan.fees.filter((f) => f.when === 'upfront').reduce((s, f) => s + cents(f.amount), 0);
    return upfront < cents(loan.amount);
  });

/** The conventions of schedule.ts written out plainly with decimal.js, for comparison. */
function referenceSchedule(input: ScheduleInput): Array<[string, string, string, string, string, string]> {
  const R = Money.ROUND_HALF_UP;
  const fees = input.fees ?? [];
  const financed = fees.filter((f) => f.when === 'financed').reduce((s, f) => s.plus(f.amount), new Money(0));
  const first = fees.filter((f) => f.when === 'first_instalment').reduce((s, f) => s.plus(f.amount), new Money(0));
  const kind = input.amortization ?? 'annuity';
  const n = input.termMonths;
  const grace = kind === 'bullet' ? 0 : (input.graceMonths ?? 0);
  const rate = new Money(input.nominalRate);
  const i = rate.div(12);
  const principal = new Money(input.amount).plus(financed);
  const start = parseIsoDate(input.startDate!);
  const m = n - grace;
  const annuity = i.isZero() ? principal.div(m) : principal.mul(i).div(Money.sub(1, i.plus(1).pow(-m)));
  const A = annuity.toDecimalPlaces(2, R);
  const L = principal.div(m).toDecimalPlaces(2, R);
  let balance = principal;
  let previous = start;
  const rows: Array<[string, string, string, string, string, string]> = [];
  for (let k = 1; k <= n; k++) {
    const due = addMonthsToDate(start, k);
    const interest =
      input.dayCount === 'act/365'
        ? balance.mul(rate).mul(dayNumber(due) - dayNumber(previous)).div(365).toDecimalPlaces(2, R)
        : balance.mul(i).toDecimalPlaces(2, R);
    previous = due;
    let p = k === n ? balance : k <= grace || kind === 'bullet' ? new Money(0) : kind === 'annuity' ? A.minus(interest) : L;
    p = Money.max(0, Money.min(p, balance));
    const fee = k === 1 ? first : new Money(0);
    balance = balance.minus(p);
    rows.push([addMonths(input.startDate!, k), interest.toFixed(2), p.toFixed(2), fee.toFixed(2), interest.plus(p).plus(fee).toFixed(2), balance.toFixed(2)]);
  }
  return rows;
}

function checkInvariants(input: ScheduleInput, s: Schedule): void {
  expect(ScheduleSchema.safeParse(s).success).toBe(true);
  expect(s.rows).toHaveLength(input.termMonths);
  let principalSum = 0;
  let interestSum = 0;
  let paymentSum = 0;
  let previousBalance = cents(s.financedAmount);
  s.rows.forEach((row, index) => {
    expect(row.number).toBe(index + 1);
    expect(row.dueDate).toBe(addMonths(s.startDate, index + 1));
    const [interest, principal, fees, payment, balance] = [row.interest, row.principal, row.fees, row.payment, row.balance].map(cents);
    expect(interest).toBeGreaterThanOrEqual(0);
    expect(principal).toBeGreaterThanOrEqual(0);
    expect(balance).toBeGreaterThanOrEqual(0);
    expect(balance).toBe(previousBalance - principal);
    expect(payment).toBe(interest + principal + fees);
    if (index < (s.amortization === 'bullet' ? input.termMonths - 1 : s.graceMonths)) expect(principal).toBe(0);
    previousBalance = balance;
    principalSum += principal;
    interestSum += interest;
    paymentSum += payment;
  });
  expect(previousBalance).toBe(0);
  expect(principalSum).toBe(cents(s.financedAmount));
  const feeSum = (input.fees ?? []).reduce((sum, f) => sum + cents(f.amount), 0);
  expect(cents(s.financedAmount)).toBe(cents(s.amount) + (input.fees ?? []).filter((f) => f.when === 'financed').reduce((sum, f) => sum + cents(f.amount), 0));
  expect(cents(s.totalInterest)).toBe(interestSum);
  expect(cents(s.totalFees)).toBe(feeSum);
  expect(cents(s.totalCost)).toBe(interestSum + feeSum);
  expect(cents(s.totalPaid)).toBe(cents(s.amount) + interestSum + feeSum);
  expect(cents(s.totalPaid)).toBe(paymentSum + cents(s.amount) - cents(s.disbursedAmount));
}

describe('schedule properties', () => {
  it('repays exactly the amount plus financed fees; balances never negative, ending at 0; totals add up', () => {
    fc.assert(
      fc.property(loanArb, (input) => checkInvariants(input, buildSchedule(input))),
      { numRuns: 300 },
    );
  });

  it('small amounts and extreme rates keep the invariants too', () => {
    const tiny = loanArb.map((loan) => ({ ...loan, amount: new Money(cents(loan.amount) % 50_000 + 1).div(100).toFixed(2), fees: [] }));
    fc.assert(
      fc.property(tiny, (input) => checkInvariants(input, buildSchedule(input))),
      { numRuns: 300 },
    );
  });

  it('agrees row for row with a plain decimal.js implementation of the same conventions', () => {
    fc.assert(
      fc.property(loanArb, (input) => {
        const s = buildSchedule(input);
        expect(s.rows.map((r) => [r.dueDate, r.interest, r.principal, r.fees, r.payment, r.balance])).toEqual(referenceSchedule(input));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with it too for rates with many decimals (exact bigint interest beyond 2^53)', () => {
    const longRate = fc.bigInt({ min: 0n, max: 10n ** 18n }).map((n) => new Money(n.toString()).div(new Money(10).pow(18)).toFixed(18));
    fc.assert(
      fc.property(loanArb, longRate, (loan, nominalRate) => {
        const input = { ...loan, nominalRate };
        const s = buildSchedule(input);
        expect(s.rows.map((r) => [r.dueDate, r.interest, r.principal, r.fees, r.payment, r.balance])).toEqual(referenceSchedule(input));
      }),
      { numRuns: 100 },
    );
    // Trailing zeros change nothing.
    const short = buildSchedule({ amount: '50000000', nominalRate: '0.0485', termMonths: 24, dayCount: 'act/365', startDate: '2025-01-31' });
    const long = buildSchedule({ amount: '50000000', nominalRate: '0.048500000000000000000000000000', termMonths: 24, dayCount: 'act/365', startDate: '2025-01-31' });
    expect(long.rows).toEqual(short.rows);
  });

  it('30/360 annuity: every row after grace pays the instalment until the loan is repaid', () => {
    fc.assert(
      fc.property(loanArb, (loan) => {
        const input = { ...loan, amortization: 'annuity' as const, dayCount: '30/360' as const };
        const s = buildSchedule(input);
        for (let k = s.graceMonths; k < s.rows.length - 1; k++) {
          const row = s.rows[k];
          if (row.balance === '0.00') break;
          expect(cents(row.payment) - cents(row.fees)).toBe(cents(s.instalment));
        }
      }),
      { numRuns: 200 },
    );
  });

  // With whole months of 1/12 year (EU day count) and interest of exactly balance × r/12 a month,
  // the loan's rate is r/12 a month, i.e. (1 + r/12)^12 − 1 a year; only the rounding of each row's
  // interest to cents moves it, by well under 1e-6 for amounts from EUR 100,000.
  it('fee-free 30/360 annuity: effective rate = (1 + r/12)^12 − 1 within 1e-6', () => {
    fc.assert(
      fc.property(
        moneyArb(10_000_000, 5_000_000_000),
        fc.integer({ min: 0, max: 300_000 }).map((ppm) => new Money(ppm).div(1_000_000).toFixed()),
        fc.integer({ min: 1, max: 360 }),
        fc.integer({ min: 0, max: 359 }),
        dateArb,
        (amount, nominalRate, termMonths, grace, startDate) => {
          const input: ScheduleInput = { amount, nominalRate, termMonths, graceMonths: grace % termMonths, startDate };
          const expected = (1 + Number(nominalRate) / 12) ** 12 - 1;
          const actual = effectiveAnnualRateValue(scheduleCashFlows(input));
          expect(Math.abs(actual - expected)).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('same within 1e-6 at rates up to 100 % for amounts from EUR 1,000,000', () => {
    fc.assert(
      fc.property(moneyArb(100_000_000, 5_000_000_000), rateArb, fc.integer({ min: 1, max: 360 }), dateArb, (amount, nominalRate, termMonths, startDate) => {
        const expected = (1 + Number(nominalRate) / 12) ** 12 - 1;
        const actual = effectiveAnnualRateValue(scheduleCashFlows({ amount, nominalRate, termMonths, startDate }));
        expect(Math.abs(actual - expected)).toBeLessThan(1e-6);
      }),
      { numRuns: 200 },
    );
  });

  it('scheduleWithEffectiveRate = effectiveAnnualRate of scheduleCashFlows; fees only raise it', () => {
    fc.assert(
      fc.property(loanArb, (input) => {
        const withRate = scheduleWithEffectiveRate(input);
        expect(ScheduleResultSchema.safeParse(withRate).success).toBe(true);
        expect(withRate.effectiveAnnualRate).toBe(effectiveAnnualRate(scheduleCashFlows(input)));
        const withoutFees = scheduleWithEffectiveRate({ ...input, fees: [] });
        expect(Number(withRate.effectiveAnnualRate)).toBeGreaterThanOrEqual(Number(withoutFees.effectiveAnnualRate));
      }),
      { numRuns: 150 },
    );
  });
});
