import { Decimal } from 'decimal.js';

export interface CommissionRule {
  /** Share of the financed amount, as a decimal fraction ("0.01" = 1 %). */
  rate: string;
  minimum: string;
  cap: string | null;
}

/** Applies when a lender has no rule of its own: 1 % of the amount, at least 250 €, at most 25.000 €. */
export const DEFAULT_COMMISSION_RULE: CommissionRule = { rate: '0.010000', minimum: '250.00', cap: '25000.00' };

/** The broker's commission on an amount: rate × amount, raised to the minimum, limited by the cap; cents half-up. */
export function commissionFor(amount: string, rule: CommissionRule): string {
  let c = new Decimal(amount).mul(rule.rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (c.lt(rule.minimum)) c = new Decimal(rule.minimum);
  if (rule.cap !== null && c.gt(rule.cap)) c = new Decimal(rule.cap);
  return c.toFixed(2);
}
