/**
 * Request and response shapes of the finance API (Zod 4, the single source of truth for the
 * OpenAPI document). Money and rates travel as decimal strings: money with two decimals
 * ("1234.50"), rates as decimal fractions ("0.0485" = 4.85 %).
 */
import { z } from 'zod';
import { isValidIsoDate } from './dates.js';
import { compareDecimals, decimalPlaces, parseRatio } from './money.js';

export const MAX_AMOUNT = '50000000';
export const MAX_TERM_MONTHS = 360;
export const MAX_FEES = 20;
export const MAX_CASH_FLOWS = 2000;
export const MAX_CASH_FLOW_AMOUNT = '1000000000000';

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
const isDecimal = (text: string): boolean => DECIMAL_PATTERN.test(text);
const DECIMAL_MESSAGE = 'must be a decimal number as a string, e.g. "1234.50" (dot as separator, no exponent)';

/** Any decimal number as a string. */
export const DecimalStringSchema = z.string().max(40).regex(DECIMAL_PATTERN, DECIMAL_MESSAGE);

/** Money input: decimal string, at most two decimals, within [min, max] (min exclusive if asked). */
function moneyInput(min: string, max: string, minExclusive: boolean) {
  return DecimalStringSchema.refine((s) => !isDecimal(s) || decimalPlaces(s) <= 2, {
    message: 'must have at most two decimals',
  })
    .refine((s) => !isDecimal(s) || (minExclusive ? compareDecimals(s, min) > 0 : compareDecimals(s, min) >= 0), {
      message: minExclusive ? `must be greater than ${min}` : `must be at least ${min}`,
    })
    .refine((s) => !isDecimal(s) || compareDecimals(s, max) <= 0, { message: `must be at most ${max}` });
}

/** A calendar date `YYYY-MM-DD` between 1900-01-01 and 2199-12-31. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => isValidIsoDate(s), { message: 'must be a calendar date (YYYY-MM-DD)' })
  .refine((s) => s >= '1900-01-01' && s <= '2199-12-31', { message: 'must lie between 1900 and 2199' });

export const AmortizationSchema = z
  .enum(['annuity', 'linear', 'bullet'])
  .meta({ description: 'annuity: constant instalment; linear: constant principal; bullet: interest only, principal at the end' });

export const DayCountSchema = z.enum(['30/360', 'act/365']).meta({
  description: '30/360: monthly interest = balance × rate / 12; act/365: balance × rate × actual days / 365',
});

export const FeeTimingSchema = z.enum(['upfront', 'first_instalment', 'financed']).meta({
  description:
    'upfront: paid at drawdown (reduces what the borrower receives); first_instalment: added to the first payment; financed: added to the amortised principal',
});

export const FeeSchema = z.strictObject({
  type: z.string().min(1).max(64).meta({ description: 'kind of fee, e.g. "arrangement"' }),
  amount: moneyInput('0', MAX_AMOUNT, false),
  when: FeeTimingSchema,
});

export const ScheduleInputSchema = z
  .strictObject({
    amount: moneyInput('0', MAX_AMOUNT, true).meta({ description: 'amount paid out to the borrower, EUR', example: '300000.00' }),
    nominalRate: DecimalStringSchema.refine((s) => !isDecimal(s) || (compareDecimals(s, '0') >= 0 && compareDecimals(s, '1') <= 0), {
      message: 'must be between 0 and 1 (0 % to 100 %)',
    }).meta({ description: 'nominal annual rate as a decimal fraction', example: '0.0485' }),
    termMonths: z.number().int().min(1).max(MAX_TERM_MONTHS),
    amortization: AmortizationSchema.default('annuity'),
    graceMonths: z
      .number()
      .int()
      .min(0)
      .max(MAX_TERM_MONTHS - 1)
      .default(0)
      .meta({ description: 'interest-only months at the start, counted inside the term' }),
    startDate: IsoDateSchema.optional().meta({
      description: 'drawdown date; the first instalment is due one month later (default: today in Europe/Berlin)',
    }),
    fees: z.array(FeeSchema).max(MAX_FEES).default([]),
    dayCount: DayCountSchema.default('30/360'),
  })
  .refine((input) => input.graceMonths < input.termMonths, {
    message: 'graceMonths must be less than termMonths',
    path: ['graceMonths'],
  })
  .refine(
    (input) => {
      if (!isDecimal(input.amount)) return true;
      // Σ upfront fees < amount, exactly (fee amounts have at most two decimals once valid).
      let upfront = 0n;
      for (const fee of input.fees) {
        if (fee.when === 'upfront' && isDecimal(fee.amount)) {
          const { num, den } = parseRatio(fee.amount);
          upfront += (num * 10n ** 20n) / den;
        }
      }
      const amount = parseRatio(input.amount);
      return upfront * amount.den < amount.num * 10n ** 20n;
    },
    { message: 'upfront fees must be less than the amount', path: ['fees'] },
  );

const MoneyOutputSchema = z.string().regex(/^-?\d+\.\d{2}$/).meta({ description: 'EUR with two decimals' });
const RateOutputSchema = z.string().regex(/^-?\d+\.\d{6,}$/).meta({ description: 'decimal fraction, ≥ 6 decimals' });

export const ScheduleRowSchema = z.strictObject({
  number: z.number().int().min(1),
  dueDate: z.string(),
  interest: MoneyOutputSchema,
  principal: MoneyOutputSchema,
  fees: MoneyOutputSchema.meta({ description: 'fees due with this payment (first_instalment fees)' }),
  payment: MoneyOutputSchema.meta({ description: 'interest + principal + fees' }),
  balance: MoneyOutputSchema.meta({ description: 'principal outstanding after this payment' }),
});

export const ScheduleSchema = z.strictObject({
  amount: MoneyOutputSchema,
  financedAmount: MoneyOutputSchema.meta({ description: 'amount + financed fees: the principal that is amortised' }),
  disbursedAmount: MoneyOutputSchema.meta({ description: 'amount − upfront fees: what the borrower effectively receives' }),
  nominalRate: z.string(),
  termMonths: z.number().int(),
  graceMonths: z.number().int(),
  amortization: AmortizationSchema,
  dayCount: DayCountSchema,
  startDate: z.string(),
  instalment: MoneyOutputSchema.meta({
    description:
      'annuity: the regular annuity payment after grace; linear: the first full payment after grace; bullet: the regular monthly interest (balance × rate / 12)',
  }),
  rows: z.array(ScheduleRowSchema),
  totalInterest: MoneyOutputSchema,
  totalFees: MoneyOutputSchema,
  totalCost: MoneyOutputSchema.meta({ description: 'totalInterest + totalFees' }),
  totalPaid: MoneyOutputSchema.meta({ description: 'everything the borrower pays: amount + totalCost' }),
});

export const ScheduleResultSchema = ScheduleSchema.extend({
  effectiveAnnualRate: RateOutputSchema.meta({ description: 'effektiver Jahreszins per Directive 2008/48/EC Annex I, incl. fees' }),
  monthlyEquivalentRate: RateOutputSchema.meta({ description: '(1 + effectiveAnnualRate)^(1/12) − 1' }),
  costPer1000PerYear: MoneyOutputSchema.meta({ description: 'totalCost per EUR 1,000 of amount per year of term' }),
  averageMonthlyCost: MoneyOutputSchema.meta({ description: 'totalCost / termMonths' }),
});

export const CashFlowSchema = z.strictObject({
  date: IsoDateSchema,
  amount: DecimalStringSchema.refine((s) => !isDecimal(s) || compareDecimals(s.replace('-', ''), MAX_CASH_FLOW_AMOUNT) <= 0, {
    message: `magnitude must be at most ${MAX_CASH_FLOW_AMOUNT}`,
  }).meta({ description: 'positive: paid out to the borrower; negative: paid by the borrower' }),
});

export const EffectiveRateInputSchema = z.strictObject({
  cashFlows: z
    .array(CashFlowSchema)
    .min(2)
    .max(MAX_CASH_FLOWS)
    .meta({ description: 'dated flows in non-decreasing date order; the first drawdown starts the clock' }),
});

export const EffectiveRateResultSchema = z.strictObject({
  effectiveAnnualRate: RateOutputSchema,
});

export type Amortization = z.infer<typeof AmortizationSchema>;
export type DayCount = z.infer<typeof DayCountSchema>;
export type FeeTiming = z.infer<typeof FeeTimingSchema>;
export type Fee = z.infer<typeof FeeSchema>;
/** What callers send (optional fields may be missing). */
export type ScheduleInput = z.input<typeof ScheduleInputSchema>;
/** After validation, with defaults applied. */
export type ScheduleParams = z.output<typeof ScheduleInputSchema>;
export type ScheduleRow = z.infer<typeof ScheduleRowSchema>;
export type Schedule = z.infer<typeof ScheduleSchema>;
export type ScheduleResult = z.infer<typeof ScheduleResultSchema>;
export type CashFlow = z.infer<typeof CashFlowSchema>;
export type EffectiveRateInput = z.infer<typeof EffectiveRateInputSchema>;
export type EffectiveRateResult = z.infer<typeof EffectiveRateResultSchema>;
