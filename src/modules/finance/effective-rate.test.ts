import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveAnnualRate, effectiveAnnualRateValue, formatRate } from './effective-rate.js';
import { FinanceError } from './finance-error.js';
import type { CashFlow } from './finance.types.js';
import { solveAnnualRate } from './rate-solver.js';

const flow = (date: string, amount: string): CashFlow => ({ date, amount });

function failure(cashFlows: CashFlow[]): [string, string] | undefined {
  try {
    effectiveAnnualRate(cashFlows);
  } catch (error) {
    expect(error).toBeInstanceOf(FinanceError);
    return [(error as FinanceError).code, (error as FinanceError).field];
  }
  return undefined;
}

describe('effective annual rate — worked examples of the APR directives', () => {
  // Directive 98/7/EC, Annex III (examples of calculation), A: calendar basis (1 year = 365 days).
  //   First example: 1,000 lent on 1 January 1994, repaid by 1,200 on 1 July 1995, "1½ years or 546
  //   (= 365 + 181) days after the date of the loan" → 12.96 %.
  //   Second example: the creditor retains 50 (950 paid out), 1,200 repaid as before → 16.9 %.
  //   Third example: 1,000 on 1 January 1994, repaid by 600 after one and two years →
  //   i = 0.1306623 (13.07 %).
  it('98/7/EC example 1 and 2 on the day basis the Annex used (546/365 years)', () => {
    expect(formatRate(solveAnnualRate([0, 546 / 365], [1000, -1200])!).slice(0, 6)).toBe('0.1296');
    expect(solveAnnualRate([0, 546 / 365], [950, -1200])!).toBeCloseTo(0.169, 3);
  });

  it('98/7/EC example 3: two repayments of 600 after one and two years → 0.1306623', () => {
    const x = effectiveAnnualRateValue([flow('1994-01-01', '1000'), flow('1995-01-01', '-600'), flow('1996-01-01', '-600')]);
    // The Annex prints the root truncated to 7 decimals (0.13066238…).
    expect(Math.abs(x - 0.1306623)).toBeLessThan(1e-7);
    expect(effectiveAnnualRate([flow('1994-01-01', '1000'), flow('1995-01-01', '-600'), flow('1996-01-01', '-600')])).toBe('0.130662');
  });

  it('the same loans under 2008/48/EC, where 1 Jan 1994 → 1 Jul 1995 is 18 whole months = 1.5 years', () => {
    // Closed form: (1200 / 1000)^(1 / 1.5) − 1 and (1200 / 950)^(1 / 1.5) − 1.
    expect(effectiveAnnualRateValue([flow('1994-01-01', '1000'), flow('1995-07-01', '-1200')])).toBeCloseTo(1.2 ** (2 / 3) - 1, 12);
    expect(effectiveAnnualRate([flow('1994-01-01', '1000'), flow('1995-07-01', '-1200')])).toBe('0.129243');
    expect(effectiveAnnualRate([flow('1994-01-01', '1000'), flow('1994-01-01', '-50'), flow('1995-07-01', '-1200')])).toBe(
      formatRate((1200 / 950) ** (2 / 3) - 1),
    );
  });

  // numpy-financial tests/test_financial.py, TestIrr: irr of yearly flows (investor's signs; here the
  // signs are flipped because a positive amount is paid out to the borrower). Yearly dates make every
  // interval a whole number of years, so the EU APR equals the IRR.
  it.each([
    [[-150000, 15000, 25000, 35000, 45000, 60000], 0.0524, 4],
    [[-100, 0, 0, 74], -0.0955, 4],
    [[-100, 39, 59, 55, 20], 0.28095, 5],
    [[-100, 100, 0, -7], -0.0833, 4],
    [[-100, 100, 0, 7], 0.06206, 5],
    [[-5, 10.5, 1, -8, 1], 0.0886, 4],
    // test_gh_44 ("true" value as calculated by Google sheets), asserted to 4 decimals upstream
    [[-1678.87, 771.96, 1814.05, 3520.3, 3552.95, 3584.99, 4789.91, -1], 1.00426, 4],
  ])('numpy-financial irr %j = %d', (values, expected, digits) => {
    const flows = values.map((a, k) => flow(`${2001 + k}-03-15`, String(-a)));
    expect(Math.abs(effectiveAnnualRateValue(flows) - expected)).toBeLessThan(0.5 * 10 ** -digits);
  });

  it('numpy-financial irr test_gh_39 (two drawdowns, sign changes back) = 0.12 to 7 decimals', () => {
    const values = [
      -217500.0, -217500.0, 108466.80462450592, 101129.96439328062, 93793.12416205535, 86456.28393083003, 79119.44369960476,
      71782.60346837944, 64445.76323715414, 57108.92300592884, 49772.08277470355, 42435.24254347826, 35098.40231225296,
      27761.56208102766, 20424.721849802358, 13087.88161857707, 5751.041387351768, -1585.7988438735192, -8922.639075098821,
      -16259.479306324123, -23596.31953754941, -30933.159768774713, -38270.0, -45606.8402312253, -52943.680462450604,
      -60280.520693675906, -67617.36092490121,
    ];
    const flows = values.map((a, k) => flow(`${2001 + k}-06-30`, String(-a)));
    expect(Math.abs(effectiveAnnualRateValue(flows) - 0.12)).toBeLessThan(1.5e-7);
  });
});

describe('effective annual rate — rules and errors', () => {
  it('is (1 + r/12)^12 − 1 for whole-month flows priced at r/12 a month', () => {
    // 1,000 repaid by one payment of 1000 · 1.01^12 after 12 months: exactly 1.01^12 − 1.
    const repaid = (1000 * 1.01 ** 12).toFixed(10);
    expect(effectiveAnnualRateValue([flow('2024-01-31', '1000'), flow('2025-01-31', `-${repaid}`)])).toBeCloseTo(1.01 ** 12 - 1, 12);
  });

  it('accepts several flows on one date, zero flows and negative rates', () => {
    expect(effectiveAnnualRate([flow('2025-01-01', '-10'), flow('2025-01-01', '1000'), flow('2026-01-01', '-1100')])).toBe('0.111111');
    expect(effectiveAnnualRate([flow('2024-12-01', '0'), flow('2025-01-01', '1000'), flow('2025-06-01', '0'), flow('2026-01-01', '-1100')])).toBe('0.100000');
    expect(effectiveAnnualRate([flow('2025-01-01', '1000'), flow('2026-01-01', '-900')])).toBe('-0.100000');
  });

  it('reports the field of each broken rule', () => {
    expect(failure([flow('2025-01-01', '1000'), flow('2026-01-01', '500')])).toEqual(['no_repayment', 'cashFlows']);
    expect(failure([flow('2025-01-01', '-1000'), flow('2026-01-01', '-500')])).toEqual(['no_drawdown', 'cashFlows']);
    expect(failure([flow('2025-01-01', '1000'), flow('2026-01-01', '-600'), flow('2025-12-01', '-600')])).toEqual(['dates_out_of_order', 'cashFlows[2].date']);
    expect(failure([flow('2024-12-01', '-10'), flow('2025-01-01', '1000'), flow('2026-01-01', '-1100')])).toEqual(['dates_out_of_order', 'cashFlows[0].date']);
    expect(failure([flow('2025-01-01', '1000'), flow('2025-01-01', '-1100')])).toEqual(['no_solution', 'cashFlows']);
    expect(failure([flow('2025-01-01', '1000'), flow('2025-02-30', '-1100')])).toEqual(['invalid_input', 'cashFlows[1].date']);
    expect(failure([flow('2025-01-01', '1000'), flow('2026-01-01', '1e3')])).toEqual(['invalid_input', 'cashFlows[1].amount']);
    expect(failure([])).toEqual(['invalid_input', 'cashFlows']);
  });

  it('finds no rate where none exists instead of returning NaN or Infinity', () => {
    // 1000 − 500 u + 600 u² with u = (1 + X)^−1 > 0 is never zero.
    expect(failure([flow('2025-01-01', '1000'), flow('2026-01-01', '-500'), flow('2027-01-01', '600')])).toEqual(['no_solution', 'cashFlows']);
    // Repaying 1e-15 of the amount a day later: 1 + X = 1e-5475 underflows; no representable rate.
    expect(failure([flow('2025-01-01', '1000000000'), flow('2025-01-02', '-0.000001')])).toEqual(['no_solution', 'cashFlows']);
  });

  it('a single repayment: X = (R / D)^(1 / t) − 1 for any amounts and dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 30, max: 12_000 }), (d, r, days) => {
        const t = days / 365;
        const expected = (r / d) ** (1 / t) - 1;
        fc.pre(expected > -0.99 && expected < 100);
        const x = solveAnnualRate([0, t], [d, -r]);
        expect(x).toBeDefined();
        expect(Math.abs(x! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
      }),
      { numRuns: 1000 },
    );
  });

  it('solves loans with many flows to 1e-9: the rate prices them back to the drawdown', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 5_000_000 }),
        fc.integer({ min: -50, max: 3000 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 1000 })), { minLength: 1, maxLength: 60 }),
        (amount, basisPoints, steps) => {
          // Repayments at irregular intervals priced at a known annual rate X.
          const X = basisPoints / 10_000;
          let t = 0;
          const weights = steps.map(([gap, w]) => ({ t: (t += gap / 12), w }));
          const pv = weights.reduce((s, { t, w }) => s + w * (1 + X) ** -t, 0);
          const years = [0, ...weights.map((x) => x.t)];
          const amounts = [amount, ...weights.map((x) => (-x.w * amount) / pv)];
          const solved = solveAnnualRate(years, amounts);
          expect(solved).toBeDefined();
          expect(Math.abs(solved! - X)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('formats rates with six decimals, never as -0', () => {
    expect(formatRate(0.1046036901685)).toBe('0.104604');
    expect(formatRate(-1e-12)).toBe('0.000000');
    expect(formatRate(0)).toBe('0.000000');
    expect(formatRate(1.5)).toBe('1.500000');
    expect(() => formatRate(Number.NaN)).toThrow(RangeError);
  });

  it('writes even absurd rates in plain decimal notation (never 1e+21 on the wire)', () => {
    expect(formatRate(1.0000148475203355e21)).toBe('1000014847520335500000.000000');
    // Found by the schedule property test: EUR 137.36 received, EUR 7,724.33 paid a month later.
    const rate = effectiveAnnualRate([
      { date: '2000-01-01', amount: '137.36' },
      { date: '2000-02-01', amount: '-7724.33' },
    ]);
    expect(rate).toMatch(/^\d+\.\d{6}$/);
    expect(Number(rate)).toBeGreaterThan(1e20);
  });
});
