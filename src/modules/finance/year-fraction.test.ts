import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonthsToDate, daysInMonth, parseIsoDate } from './dates.js';
import { euYearFraction } from './year-fraction.js';

const yf = (drawdown: string, date: string) => euYearFraction(parseIsoDate(drawdown), parseIsoDate(date));

describe('EU APR year fraction (Directive 2008/48/EC Annex I remark (c), as amended by 2011/90/EU)', () => {
  // Rule text (as transposed verbatim in FCA MCOB 10A.2.3 R (3)(b)): "equal periods and then days must
  // be counted backwards to the date of the initial drawdown; the length of the period of days must be
  // obtained excluding the first day and including the last day and must be expressed in years by
  // dividing this period by the number of days (365 or 366 days) of the complete year counted
  // backwards from the last day to the same day of the previous year."
  //
  // Cases: examples from the Commission's 2012 APR guidelines (SWD(2012) 128, Annex 1 §4.1.1) as
  // transcribed in the curo library's test suite (andrewmurphy353/curo,
  // test/daycount/eu_2008_48_ec_test.dart), with its expected factors.
  it.each([
    ['2019-01-12', '2020-01-12', 12, 0, 0, 1.0],
    ['2012-01-12', '2012-02-15', 1, 3, 365, 0.0915525114155251],
    ['2012-01-12', '2012-03-15', 2, 3, 365, 0.17488584474885843],
    ['2012-01-12', '2012-04-15', 3, 3, 365, 0.2582191780821918],
    ['2013-01-12', '2013-02-15', 1, 3, 366, 0.09153005464480873],
    ['2013-01-12', '2013-03-15', 2, 3, 366, 0.17486338797814208],
    ['2013-01-12', '2013-04-15', 3, 3, 366, 0.2581967213114754],
    ['2013-02-25', '2013-03-28', 1, 3, 366, 0.09153005464480873],
    ['2013-02-26', '2013-03-29', 1, 2, 366, 0.08879781420765027],
    ['2012-02-26', '2012-03-29', 1, 3, 366, 0.09153005464480873],
    ['2012-02-26', '2012-02-26', 0, 0, 0, 0],
    // curo's month-end cases (added upstream in Jan 2025, release 2.1.3):
    ['2024-12-31', '2025-02-28', 2, 0, 0, 0.16666666666666666],
    ['2024-02-28', '2024-03-31', 1, 1, 366, 0.0860655737704918],
    ['2024-02-29', '2024-03-31', 1, 0, 0, 0.08333333333333333],
    ['2024-01-31', '2024-02-29', 1, 0, 0, 0.08333333333333333],
    ['2024-01-31', '2025-02-28', 13, 0, 0, 1.0833333333333333],
  ])('%s → %s = %i months + %i/%i', (drawdown, date, months, days, daysInYear, years) => {
    const f = yf(drawdown, date);
    expect(f).toEqual({ months, days, daysInYear, years });
  });

  it('counts the days at the drawdown end and uses the year ending on the last of them', () => {
    // 98/7/EC Annex III A, example 1: 1 Jan 1994 → 1 Jul 1995 is 546 days, but 18 whole months here.
    expect(yf('1994-01-01', '1995-07-01').years).toBe(1.5);
    // 30 Jan → 1 Mar 2025: one month back is 1 Feb; days 30 Jan → 1 Feb = 2, divided by the days of
    // the year 1 Feb 2024 → 1 Feb 2025, which contains 29 Feb 2024.
    expect(yf('2025-01-30', '2025-03-01')).toEqual({ months: 1, days: 2, daysInYear: 366, years: 1 / 12 + 2 / 366 });
    expect(yf('2026-01-30', '2026-03-01')).toEqual({ months: 1, days: 2, daysInYear: 365, years: 1 / 12 + 2 / 365 });
    // The year ends where the days end (20 Mar 2024), so it contains 29 Feb 2024 → 366 ...
    expect(yf('2024-03-10', '2024-04-20')).toEqual({ months: 1, days: 10, daysInYear: 366, years: 1 / 12 + 10 / 366 });
    // ... while the year ending 20 Feb 2024 does not → 365.
    expect(yf('2024-02-10', '2024-03-20')).toEqual({ months: 1, days: 10, daysInYear: 365, years: 1 / 12 + 10 / 365 });
    expect(yf('2024-01-15', '2024-01-20')).toEqual({ months: 0, days: 5, daysInYear: 365, years: 5 / 365 });
  });

  it('rejects a date before the drawdown', () => {
    expect(() => yf('2024-03-10', '2024-03-09')).toThrow(RangeError);
    expect(() => yf('2024-03-10', '2024-02-28')).toThrow(RangeError);
  });

  it('puts every due date start + n months at exactly n/12 years, month ends included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2150 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 480 }), (year, month, d, n) => {
        const start = { year, month, day: Math.min(d, daysInMonth(year, month)) };
        const f = euYearFraction(start, addMonthsToDate(start, n));
        expect(f.months).toBe(n);
        expect(f.days).toBe(0);
        expect(f.years).toBe(n / 12);
      }),
      { numRuns: 2000 },
    );
  });

  it('is non-decreasing in the cash-flow date and always in [months/12, (months+1)/12)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 4_000 }), fc.integer({ min: 0, max: 40 }), (startOffset, gap, extra) => {
        const base = Date.UTC(1990, 0, 1) + startOffset * 86_400_000;
        const toDate = (ms: number) => {
          const x = new Date(ms);
          return { year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() };
        };
        const drawdown = toDate(base);
        const a = euYearFraction(drawdown, toDate(base + gap * 86_400_000));
        const b = euYearFraction(drawdown, toDate(base + (gap + extra) * 86_400_000));
        expect(b.years).toBeGreaterThanOrEqual(a.years);
        expect(a.years).toBeGreaterThanOrEqual(a.months / 12);
        expect(a.years).toBeLessThan((a.months + 1) / 12 + 1e-12);
      }),
      { numRuns: 2000 },
    );
  });
});
