/**
 * A schedule with its effective annual rate (fees included by when they are paid) and the
 * comparison figures: what an offer shows the borrower.
 */
import { averageMonthlyCost, costPer1000PerYear, monthlyEquivalentRate } from './comparison.js';
import { FinanceError } from './finance-error.js';
import { formatRate } from './effective-rate.js';
import type { ScheduleInput, ScheduleResult } from './finance.types.js';
import { formatCentsNumber } from './money.js';
import { solveAnnualRate } from './rate-solver.js';
import { computeSchedule, parseScheduleInput, type ScheduleOptions } from './schedule.js';

export function scheduleWithEffectiveRate(input: ScheduleInput, options: ScheduleOptions = {}): ScheduleResult {
  const params = parseScheduleInput(input);
  const computed = computeSchedule(params, options);
  const { schedule, paymentCents } = computed;

  // The same flows as scheduleCashFlows, kept as numbers: drawdown at t = 0, payment n at
  // startDate + n months, which the EU year fraction puts at exactly n/12 years for every start date
  // (year-fraction.ts; verified by year-fraction.test.ts and by comparing with effectiveAnnualRate of
  // scheduleCashFlows in schedule.properties.test.ts).
  const n = paymentCents.length;
  const years = new Float64Array(n + 1);
  const amounts = new Float64Array(n + 1);
  amounts[0] = computed.disbursedCents / 100;
  for (let k = 1; k <= n; k++) {
    years[k] = k / 12;
    amounts[k] = -paymentCents[k - 1] / 100;
  }
  const rate = solveAnnualRate(years, amounts);
  if (rate === undefined) {
    throw new FinanceError('no_solution', params.fees.length > 0 ? 'fees' : 'nominalRate', 'no effective rate solves this schedule');
  }

  const totalCost = formatCentsNumber(computed.totalCostCents);
  return {
    ...schedule,
    effectiveAnnualRate: formatRate(rate),
    monthlyEquivalentRate: monthlyEquivalentRate(rate),
    costPer1000PerYear: costPer1000PerYear(totalCost, schedule.amount, schedule.termMonths),
    averageMonthlyCost: averageMonthlyCost(totalCost, schedule.termMonths),
  };
}
