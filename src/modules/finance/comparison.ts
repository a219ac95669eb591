/**
 * Figures for comparing offers of different amounts and terms.
 *
 * - costPer1000PerYear: totalCost / (amount / 1,000) / (termMonths / 12) — what each EUR 1,000 of
 *   the amount costs per year of term. A 3-year EUR 100,000 loan costing EUR 16,145.00 → "53.82".
 * - averageMonthlyCost: totalCost / termMonths — cost per month of term (not the instalment).
 * - monthlyEquivalentRate: (1 + effectiveAnnualRate)^(1/12) − 1 — the effective rate per month.
 * Money results are rounded half-up to cents (exact rational arithmetic), rates to 6 decimals.
 */
import { formatRate } from './effective-rate.js';
import { divideRoundHalfUp, formatCents, parseRatio } from './money.js';

export function costPer1000PerYear(totalCost: string, amount: string, termMonths: number): string {
  const cost = parseRatio(totalCost);
  const base = parseRatio(amount);
  if (base.num <= 0n || !(termMonths > 0)) throw new RangeError('amount and termMonths must be positive');
  // cents = cost × 1000 / amount × 12 / termMonths × 100
  const num = cost.num * base.den * 1_200_000n;
  const den = cost.den * base.num * BigInt(termMonths);
  return formatCents(divideRoundHalfUp(num, den));
}

export function averageMonthlyCost(totalCost: string, termMonths: number): string {
  const cost = parseRatio(totalCost);
  if (!(termMonths > 0)) throw new RangeError('termMonths must be positive');
  return formatCents(divideRoundHalfUp(cost.num * 100n, cost.den * BigInt(termMonths)));
}

export function monthlyEquivalentRate(effectiveAnnualRate: number): string {
  return formatRate(Math.expm1(Math.log1p(effectiveAnnualRate) / 12));
}
