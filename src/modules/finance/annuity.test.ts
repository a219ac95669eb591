import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annuityInstalmentCents, annuityPayment, monthlyRate } from './annuity.js';
import { Money } from './money.js';

const near = (actual: { minus(x: string): { abs(): { toNumber(): number } } }, expected: string, tolerance: number) =>
  expect(actual.minus(expected).abs().toNumber()).toBeLessThan(tolerance);

describe('annuity payment (PMT)', () => {
  // numpy-financial tests/test_financial.py, TestPmt (Decimal variants, 28-digit Python decimals):
  //   pmt(Decimal('0.08') / Decimal('12'), 5 * 12, 15000) == Decimal('-304.1459143262052370338701494')
  //   pmt([[0, 0.8], [0.3, 0.8]], [12, 3], [2000, 20000]) == [[-166.666…667, -19311.25827814569536423841060],
  //                                                          [-626.9081401700757748402586600, …]]
  //   pmt(0, 60, 15000) == -250
  it('matches numpy-financial pmt to 20+ significant digits', () => {
    near(annuityPayment('15000', monthlyRate('0.08'), 60), '304.1459143262052370338701494', 1e-21);
    near(annuityPayment('2000', '0.3', 12), '626.9081401700757748402586600', 1e-21);
    near(annuityPayment('20000', '0.8', 3), '19311.25827814569536423841060', 1e-19);
    near(annuityPayment('2000', '0', 12), '166.6666666666666666666666667', 1e-24);
    expect(annuityPayment('15000', '0', 60).toString()).toBe('250');
  });

  it.each([
    // Microsoft Excel PMT documentation: =PMT(8%/12, 10, 10000) → ($1,037.03)
    ['Excel PMT(8%/12,10,10000)', 1_000_000, '0.08', 10, 103_703],
    // numpy-financial TestPmt.test_pmt_simple: pmt(0.08/12, 5*12, 15000) = -304.145914
    ['numpy pmt(0.08/12,60,15000)', 1_500_000, '0.08', 60, 30_415],
    // MESCIUS (GrapeCity) spreadsheet PMT reference: PMT(6%/12, 15, 5000) gives the result -346.82
    ['Mescius PMT(6%/12,15,5000)', 500_000, '0.06', 15, 34_682],
    // Claris FileMaker Pro help, PMT: PMT(21000; .069/12; 48) returns 501.90
    ['FileMaker PMT(21000;.069/12;48)', 2_100_000, '0.069', 48, 50_190],
    // zinsen-berechnen.de Kreditrechner (PDF attached to frappe/lending issue): 100,000.00 EUR,
    // 9.990 % p.a., 36 monthly instalments in arrears → Rückzahlungsrate 3,226.25 EUR
    ['zinsen-berechnen.de 100000 @ 9.99 % / 36', 10_000_000, '0.0999', 36, 322_625],
    // Apache Fineract EmbeddableProgressiveLoanScheduleGeneratorTest.testGenerate: 100 @ 7 % / 6 → EMI 17.01
    ['Fineract 100 @ 7 % / 6', 10_000, '0.07', 6, 1_701],
    // numpy-financial TestPmt.test_pmt_zero_rate: pmt(0.0, 5*12, 15000) = -250
    ['numpy pmt(0,60,15000)', 1_500_000, '0', 60, 25_000],
  ])('%s → %i cents', (_name, principalCents, nominalRate, months, expected) => {
    expect(annuityInstalmentCents(principalCents, nominalRate, months)).toBe(expected);
  });

  it('rounds ties half-up (rate 0: 0.05 / 2 = 0.025 → 0.03)', () => {
    expect(annuityInstalmentCents(5, '0', 2)).toBe(3);
    expect(annuityInstalmentCents(100_000, '0', 3)).toBe(33_333);
    expect(annuityInstalmentCents(200_000, '0', 3)).toBe(66_667);
  });

  it('the floating-point fast path always rounds like exact decimal arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 360 }),
        (principalCents, ratePpm, months) => {
          const rate = new Money(ratePpm).div(1_000_000).toFixed();
          const exact = annuityPayment(new Money(principalCents).div(100), monthlyRate(rate), months)
            .mul(100)
            .toDecimalPlaces(0, Money.ROUND_HALF_UP)
            .toNumber();
          expect(annuityInstalmentCents(principalCents, rate, months)).toBe(exact);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('rejects a non-positive number of periods', () => {
    expect(() => annuityPayment('100', '0.01', 0)).toThrow(RangeError);
    expect(() => annuityPayment('100', '0.01', 1.5)).toThrow(RangeError);
  });
});
