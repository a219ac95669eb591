import { describe, expect, it } from 'vitest';
import { effectiveAnnualRate } from './effective-rate.js';
import { buildSchedule } from './schedule.js';
import { scheduleCashFlows } from './schedule-cash-flows.js';
import { scheduleWithEffectiveRate } from './schedule-with-effective-rate.js';

const loan = {
  amount: '10000',
  nominalRate: '0.06',
  termMonths: 12,
  startDate: '2025-01-15',
  fees: [
    { type: 'arrangement', amount: '100', when: 'upfront' as const },
    { type: 'account', amount: '25', when: 'first_instalment' as const },
    { type: 'insurance', amount: '200', when: 'financed' as const },
  ],
};

describe('schedule cash flows and effective rate with fees', () => {
  it('pays out amount − upfront fees, collects each payment incl. first-instalment fees', () => {
    const flows = scheduleCashFlows(loan);
    expect(flows).toHaveLength(13);
    expect(flows[0]).toEqual({ date: '2025-01-15', amount: '9900.00' });
    expect(flows[1]).toEqual({ date: '2025-02-15', amount: '-902.88' });
    expect(flows[2]).toEqual({ date: '2025-03-15', amount: '-877.88' });
    expect(flows[12]).toEqual({ date: '2026-01-15', amount: '-877.85' });
    expect(scheduleCashFlows(loan, buildSchedule(loan))).toEqual(flows);
  });

  it('includes the fees in the effective rate', () => {
    // Independent bisection of the same flows (Python, EU year fractions): 0.12796930706…
    const result = scheduleWithEffectiveRate(loan);
    expect(result.effectiveAnnualRate).toBe('0.127969');
    expect(effectiveAnnualRate(scheduleCashFlows(loan))).toBe('0.127969');
    // Without fees: 0.061675… (the rounding of each row's interest to cents moves it 2.4e-6 below
    // (1 + 0.06/12)^12 − 1 = 0.0616778 on this small amount).
    expect(scheduleWithEffectiveRate({ ...loan, fees: [] }).effectiveAnnualRate).toBe('0.061675');
  });

  it('never emits -0.00 for a zero payment', () => {
    const flows = scheduleCashFlows({ amount: '0.01', nominalRate: '0', termMonths: 3, startDate: '2025-01-15' });
    expect(flows.map((f) => f.amount)).toEqual(['0.01', '0.00', '0.00', '-0.01']);
  });
});
