import { describe, expect, it } from 'vitest';
import { averageMonthlyCost, costPer1000PerYear, monthlyEquivalentRate } from './comparison.js';
import { scheduleWithEffectiveRate } from './schedule-with-effective-rate.js';

describe('comparison figures', () => {
  it('cost per EUR 1,000 per year and average monthly cost', () => {
    // 16,145.00 of cost on 100,000 over 36 months: 161.45 per 1,000, i.e. 53.8167 a year; 448.4722 a month.
    expect(costPer1000PerYear('16145.00', '100000.00', 36)).toBe('53.82');
    expect(averageMonthlyCost('16145.00', 36)).toBe('448.47');
    // Exact rational arithmetic with half-up: 1 / 3 → 0.33, 2 / 3 → 0.67, 0.125 → 0.13.
    expect(averageMonthlyCost('1.00', 3)).toBe('0.33');
    expect(averageMonthlyCost('2.00', 3)).toBe('0.67');
    expect(costPer1000PerYear('0.125', '1000', 12)).toBe('0.13');
    expect(costPer1000PerYear('0', '1000', 12)).toBe('0.00');
    expect(() => costPer1000PerYear('10', '0', 12)).toThrow(RangeError);
  });

  it('monthly-equivalent rate: (1 + X)^(1/12) − 1', () => {
    expect(monthlyEquivalentRate(1.01 ** 12 - 1)).toBe('0.010000');
    expect(monthlyEquivalentRate(0)).toBe('0.000000');
    expect(monthlyEquivalentRate(0.104603690168)).toBe('0.008325');
  });

  it('makes offers of different terms comparable', () => {
    const base = { amount: '100000', nominalRate: '0.06', startDate: '2025-01-01' } as const;
    const short = scheduleWithEffectiveRate({ ...base, termMonths: 24 });
    const long = scheduleWithEffectiveRate({ ...base, termMonths: 120 });
    // The longer loan costs far more in total, yet about the same per 1,000 per year of term …
    expect(Number(long.totalCost)).toBeGreaterThan(4 * Number(short.totalCost));
    expect([short.totalCost, short.costPer1000PerYear, short.averageMonthlyCost]).toEqual(['6369.48', '31.85', '265.40']);
    expect([long.totalCost, long.costPer1000PerYear, long.averageMonthlyCost]).toEqual(['33224.33', '33.22', '276.87']);
    // … and exactly the same effective rate.
    expect(short.effectiveAnnualRate).toBe(long.effectiveAnnualRate);
    expect(short.effectiveAnnualRate).toBe('0.061678');
    expect(short.monthlyEquivalentRate).toBe('0.005000');
  });
});
