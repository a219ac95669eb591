/**
 * A lender's credit policy: the criteria a financing request must meet to be sent to that lender.
 *
 * Every criterion is optional (absent = no restriction); every object is strict (unknown keys are
 * rejected, so a typo such as `minYearInBusiness` cannot silently switch a criterion off). All bounds
 * are inclusive. Money is a decimal string in EUR with at most two decimals.
 */
import { z } from 'zod';
import { MONEY_PATTERN, RATIO_PATTERN, parseCents, parseRatio } from './cents.js';
import { WZ_CODE_PATTERN, isWzCode } from './industry-codes.js';
import { FEDERAL_STATES, LEGAL_FORMS, PRODUCTS } from './matching.types.js';

export const ZMoneySchema = z
  .string()
  .regex(MONEY_PATTERN, 'decimal EUR amount, at most 13 integer digits and 2 decimals, e.g. "250000.00"');

export const ZRatioSchema = z
  .string()
  .regex(RATIO_PATTERN, 'decimal ratio, at most 6 decimals, e.g. "0.5"');

/** WZ 2008 prefix: section letter "C", division "25", group "25.6", class "25.62", subclass "25.62.0". */
export const ZWzCodeSchema = z
  .string()
  .regex(WZ_CODE_PATTERN, 'WZ 2008 code: section letter (A–U) or "25", "25.6", "25.62", "25.62.0"')
  .refine(isWzCode, 'unknown WZ 2008 division');

// Zod 4 runs refinements even after a format check failed: only compare well-formed values.
function isMoney(value: unknown): value is string {
  return typeof value === 'string' && MONEY_PATTERN.test(value);
}

const ZMoneyRangeSchema = z
  .strictObject({ min: ZMoneySchema.optional(), max: ZMoneySchema.optional() })
  .refine((r) => !isMoney(r.min) || !isMoney(r.max) || parseCents(r.min) <= parseCents(r.max), {
    message: 'min must not exceed max',
    path: ['max'],
  });

const ZTermRangeSchema = z
  .strictObject({
    min: z.int().min(1).max(600).optional(),
    max: z.int().min(1).max(600).optional(),
  })
  .refine((r) => typeof r.min !== 'number' || typeof r.max !== 'number' || r.min <= r.max, {
    message: 'min must not exceed max',
    path: ['max'],
  });

export const ZCreditPolicySchema = z.strictObject({
  /** Products the lender offers. Absent = all. */
  products: z.array(z.enum(PRODUCTS)).min(1).optional(),
  /** Requested amount, inclusive bounds. */
  amount: ZMoneyRangeSchema.optional(),
  /** Term in months, inclusive bounds. */
  termMonths: ZTermRangeSchema.optional(),
  /** Business area by federal state; null or absent = nationwide. */
  federalStates: z.array(z.enum(FEDERAL_STATES)).min(1).nullable().optional(),
  /** Business area by postcode prefix (1–5 digits, "80" = 80000–80999); null or absent = anywhere. */
  postalCodePrefixes: z
    .array(z.string().regex(/^\d{1,5}$/, 'postcode prefix of 1 to 5 digits'))
    .min(1)
    .nullable()
    .optional(),
  /**
   * WZ 2008 prefixes. With `include` the company's code must lie within one of them; a code that
   * overlaps an `exclude` prefix is rejected even when included (exclude wins).
   */
  industries: z
    .strictObject({
      include: z.array(ZWzCodeSchema).min(1).optional(),
      exclude: z.array(ZWzCodeSchema).optional(),
    })
    .optional(),
  /** Accepted legal forms. Absent = all. */
  legalForms: z.array(z.enum(LEGAL_FORMS)).min(1).optional(),
  /** Full years from founding to submission (calendar-exact, see years-in-business.ts). */
  minYearsInBusiness: z.int().min(0).max(200).optional(),
  minAnnualRevenue: ZMoneySchema.optional(),
  /** Largest amount / annual revenue, e.g. "0.5": amount ≤ 0.5 × revenue. */
  maxAmountToRevenue: ZRatioSchema.refine((r) => !RATIO_PATTERN.test(r) || parseRatio(r).numerator > 0, 'must be greater than 0').optional(),
  /** Worst accepted rating class (1 best … 10 worst). Requests without a rating pass, with a note. */
  worstRatingClass: z.int().min(1).max(10).optional(),
  /** Eligible only while volume used this month + requested amount ≤ cap. */
  monthlyVolumeCap: ZMoneySchema.optional(),
});

export type CreditPolicy = z.output<typeof ZCreditPolicySchema>;

/** Validates unknown input (e.g. a lender's upload or a DB JSON column) into a CreditPolicy; throws ZodError. */
export function parseCreditPolicy(input: unknown): CreditPolicy {
  return ZCreditPolicySchema.parse(input);
}
