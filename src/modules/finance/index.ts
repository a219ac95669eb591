/**
 * Financing math: repayment schedules, the effective annual rate (EU APR) and comparison figures.
 * Pure functions, no I/O. Money in and out as decimal strings; see README.md for the conventions.
 */
export { buildSchedule, computeSchedule, parseScheduleInput, type ScheduleComputation, type ScheduleOptions } from './schedule.js';
export { scheduleCashFlows } from './schedule-cash-flows.js';
export { scheduleWithEffectiveRate } from './schedule-with-effective-rate.js';
export { effectiveAnnualRate, effectiveAnnualRateValue, formatRate } from './effective-rate.js';
export { solveAnnualRate } from './rate-solver.js';
export { euYearFraction, type YearFraction } from './year-fraction.js';
export { annuityPayment, monthlyRate } from './annuity.js';
export { averageMonthlyCost, costPer1000PerYear, monthlyEquivalentRate } from './comparison.js';
export {
  addMonths,
  addMonthsToDate,
  daysBetween,
  daysInMonth,
  formatIsoDate,
  isLeapYear,
  isValidIsoDate,
  parseIsoDate,
  todayInBerlin,
  type CalendarDate,
} from './dates.js';
export { FinanceError, type FinanceErrorCode } from './finance-error.js';
export * from './finance.types.js';
export { financeRoutes } from './routes.js';
