/**
 * One fiscal year's financial statement (Jahresabschluss) of an SME, the input of the ratio analysis
 * and the rating, and the financing the company asks for.
 *
 * Money is a decimal string in EUR with at most 13 integer digits and 2 decimals ("1250000.50").
 * Results (ebitda, ebit, netIncome) and equity may be negative; every other figure is ≥ 0 and the
 * balance sheet total is > 0 (a statement without a balance sheet cannot be assessed).
 *
 * Balance sheet model (Passivseite): totalAssets = equity + liabilitiesShortTerm + liabilitiesLongTerm,
 * where the two "liabilities" fields are all debt capital (Fremdkapital: liabilities, provisions and
 * deferred income) split by maturity (≤ 1 year / > 1 year). `currentLiabilities` are the short-term
 * liabilities set against current assets in the current ratio; they are part of the short-term debt
 * capital, so currentLiabilities ≤ liabilitiesShortTerm.
 *
 * Cross-field checks (each reported at the named path):
 * - currentAssets ≤ totalAssets                                                (path `currentAssets`)
 * - cash ≤ currentAssets                                                       (path `cash`)
 * - currentLiabilities ≤ liabilitiesShortTerm                                  (path `currentLiabilities`)
 * - |equity + liabilitiesShortTerm + liabilitiesLongTerm − totalAssets| ≤ max(EUR 1.00, 0.1 % of
 *   totalAssets)                                                               (path `totalAssets`)
 *   The tolerance absorbs rounding: statements are often typed in whole euros or in thousands of euros
 *   (T€), where three rounded figures can miss the total by up to 1.5 units. Anything larger is a
 *   typing error or a missing balance sheet item (e.g. provisions left out).
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { PRODUCTS, type Product } from '../vocabulary/index.js';

/** Decimal EUR, optional minus sign, at most 13 integer digits and 2 decimals, no exponent. */
export const MONEY_PATTERN = /^-?\d{1,13}(\.\d{1,2})?$/;

const MONEY_MESSAGE = 'decimal EUR amount as a string, at most 13 integer digits and 2 decimals, e.g. "1250000.50"';

const isMoney = (value: unknown): value is string => typeof value === 'string' && MONEY_PATTERN.test(value);

/** Money that may be negative (results, equity). */
export const ZSignedMoneySchema = z.string().regex(MONEY_PATTERN, MONEY_MESSAGE);

/** Money that must not be negative. */
export const ZNonNegativeMoneySchema = ZSignedMoneySchema.refine((s) => !isMoney(s) || new Decimal(s).greaterThanOrEqualTo(0), {
  message: 'must not be negative',
});

/** Money that must be greater than zero. */
export const ZPositiveMoneySchema = ZSignedMoneySchema.refine((s) => !isMoney(s) || new Decimal(s).greaterThan(0), {
  message: 'must be greater than 0',
});

/** The statement's fields in their canonical order (also the CSV column order of the README). */
export const STATEMENT_FIELDS = [
  'fiscalYear',
  'revenue',
  'ebitda',
  'ebit',
  'interestExpense',
  'netIncome',
  'totalAssets',
  'equity',
  'liabilitiesShortTerm',
  'liabilitiesLongTerm',
  'cash',
  'currentAssets',
  'currentLiabilities',
] as const;
export type StatementField = (typeof STATEMENT_FIELDS)[number];

/** Money fields that may be negative. */
export const SIGNED_FIELDS: ReadonlySet<StatementField> = new Set(['ebitda', 'ebit', 'netIncome', 'equity']);

/** Relative tolerance of the balance check (0.1 % of total assets), see the file comment. */
export const BALANCE_TOLERANCE_RELATIVE = '0.001';
/** Absolute tolerance of the balance check in EUR. */
export const BALANCE_TOLERANCE_ABSOLUTE = '1.00';

const ZStatementObject = z.strictObject({
  fiscalYear: z.int().min(1990).max(2100),
  /** Umsatzerlöse. */
  revenue: ZNonNegativeMoneySchema,
  /** Earnings before interest, taxes, depreciation and amortisation. */
  ebitda: ZSignedMoneySchema,
  /** Earnings before interest and taxes (Betriebsergebnis). */
  ebit: ZSignedMoneySchema,
  /** Zinsaufwand: interest paid on existing debt in the year. */
  interestExpense: ZNonNegativeMoneySchema,
  /** Jahresüberschuss / -fehlbetrag. */
  netIncome: ZSignedMoneySchema,
  /** Bilanzsumme. */
  totalAssets: ZPositiveMoneySchema,
  /** Eigenkapital; negative = bilanzielle Überschuldung. */
  equity: ZSignedMoneySchema,
  /** Kurzfristiges Fremdkapital (due within one year, provisions included). */
  liabilitiesShortTerm: ZNonNegativeMoneySchema,
  /** Langfristiges Fremdkapital (due after more than one year, pension provisions included). */
  liabilitiesLongTerm: ZNonNegativeMoneySchema,
  /** Liquide Mittel (cash and bank balances). */
  cash: ZNonNegativeMoneySchema,
  /** Umlaufvermögen. */
  currentAssets: ZNonNegativeMoneySchema,
  /** Kurzfristige Verbindlichkeiten (the denominator of the current ratio). */
  currentLiabilities: ZNonNegativeMoneySchema,
});

type StatementShape = z.infer<typeof ZStatementObject>;

/** Cross-field checks; only run on well-formed figures (Zod 4 runs refinements after failed checks). */
function checkStatement(s: StatementShape, ctx: z.RefinementCtx): void {
  const figures = [s.totalAssets, s.currentAssets, s.cash, s.equity, s.liabilitiesShortTerm, s.liabilitiesLongTerm, s.currentLiabilities];
  if (!figures.every(isMoney)) return;
  const totalAssets = new Decimal(s.totalAssets);
  const currentAssets = new Decimal(s.currentAssets);
  if (currentAssets.greaterThan(totalAssets)) {
    ctx.addIssue({ code: 'custom', path: ['currentAssets'], message: 'current assets must not exceed total assets' });
  }
  if (new Decimal(s.cash).greaterThan(currentAssets)) {
    ctx.addIssue({ code: 'custom', path: ['cash'], message: 'cash must not exceed current assets' });
  }
  if (new Decimal(s.currentLiabilities).greaterThan(s.liabilitiesShortTerm)) {
    ctx.addIssue({
      code: 'custom',
      path: ['currentLiabilities'],
      message: 'current liabilities must not exceed the short-term debt capital (liabilitiesShortTerm)',
    });
  }
  const passiva = new Decimal(s.equity).plus(s.liabilitiesShortTerm).plus(s.liabilitiesLongTerm);
  const tolerance = Decimal.max(BALANCE_TOLERANCE_ABSOLUTE, totalAssets.times(BALANCE_TOLERANCE_RELATIVE));
  if (passiva.minus(totalAssets).abs().greaterThan(tolerance)) {
    ctx.addIssue({
      code: 'custom',
      path: ['totalAssets'],
      message: `equity + liabilitiesShortTerm + liabilitiesLongTerm (${passiva.toFixed(2)}) must equal total assets within ${tolerance.toFixed(2)}`,
    });
  }
}

export const ZFinancialStatementSchema = ZStatementObject.superRefine(checkStatement);
export type FinancialStatement = z.infer<typeof ZFinancialStatementSchema>;

/** Several fiscal years of one company: at least one, at most 10, each fiscal year once. */
export const ZFinancialStatementsSchema = z
  .array(ZFinancialStatementSchema)
  .min(1)
  .max(10)
  .superRefine((list, ctx) => {
    const seen = new Map<number, number>();
    list.forEach((statement, index) => {
      const year = statement?.fiscalYear;
      if (typeof year !== 'number') return;
      const first = seen.get(year);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: [index, 'fiscalYear'], message: `fiscal year ${year} appears twice (also at index ${first})` });
      } else seen.set(year, index);
    });
  });

/** Financing products the assessment knows: all of them. They decide how the loan is serviced, see ratios.ts. */
export const LOAN_PRODUCTS = PRODUCTS;
export type LoanProduct = Product;

/** The requested financing: amount in EUR, term in months, product. */
export const ZLoanRequestSchema = z.strictObject({
  amount: ZPositiveMoneySchema,
  termMonths: z.int().min(1).max(600),
  product: z.enum(LOAN_PRODUCTS),
});
export type LoanRequest = z.infer<typeof ZLoanRequestSchema>;

/** A market rate as a decimal fraction ("0.055" = 5.5 %), 0 ≤ rate < 1. */
export const ZMarketRateSchema = z
  .string()
  .regex(/^0(\.\d{1,8})?$/, 'decimal fraction ≥ 0 and < 1 with at most 8 decimals, e.g. "0.055"');
