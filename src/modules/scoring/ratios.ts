/**
 * Ratio analysis (Kennzahlenanalyse) of an SME's financial statements against a requested loan.
 *
 * Seven ratios of the latest fiscal year (growth against the year before), each with a value, a
 * traffic light and one German sentence. Thresholds follow common practice of German SME credit
 * analysis (see README.md, "Ratios"); the judgement compares the reported value, i.e. the ratio
 * rounded half-up to 4 decimals (fractions such as the equity ratio) or 2 decimals (multiples such as
 * the debt service coverage), so value and traffic light never disagree.
 *
 * Exact decimal arithmetic (decimal.js, 40 digits). Zero denominators and non-positive EBITDA are
 * handled case by case: the value is then null and the judgement says what it means; never NaN or
 * Infinity.
 */
import { Decimal } from 'decimal.js';
import { annuityPayment } from '../finance/index.js';
import {
  ZFinancialStatementsSchema,
  ZLoanRequestSchema,
  ZMarketRateSchema,
  type FinancialStatement,
  type LoanProduct,
  type LoanRequest,
} from './financials.types.js';
import { formatGermanNumber, formatGermanPercent } from './german-format.js';
import { ScoringError, toFieldPath } from './scoring-error.js';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;

export const RATIO_KEYS = [
  'equityRatio',
  'debtToEbitda',
  'debtServiceCoverage',
  'interestCoverage',
  'currentRatio',
  'ebitdaMargin',
  'revenueGrowth',
] as const;
export type RatioKey = (typeof RATIO_KEYS)[number];

export type Judgement = 'green' | 'amber' | 'red' | 'unknown';

export interface RatioResult {
  readonly key: RatioKey;
  /** Decimal string: fractions with 4 decimals ("0.3125" = 31.25 %), multiples with 2 ("2.45"); null when not computable. */
  readonly value: string | null;
  readonly judgement: Judgement;
  /** One German sentence, the value formatted German-style. */
  readonly explanation: string;
}

export interface RatioThreshold {
  /** 'higher': larger is better (green ≥ green, amber ≥ amber); 'lower': smaller is better (green ≤ green, amber ≤ amber). */
  readonly better: 'higher' | 'lower';
  readonly green: string;
  readonly amber: string;
  /** 'percent': a fraction shown as "31,3 %"; 'multiple': shown as "2,45". */
  readonly unit: 'percent' | 'multiple';
  /** Decimals of the value string. */
  readonly decimals: number;
  /** German name used in the sentences. */
  readonly label: string;
}

/** Traffic-light thresholds, all bounds inclusive (see README.md for the sources of practice). */
export const RATIO_THRESHOLDS: Readonly<Record<RatioKey, RatioThreshold>> = {
  equityRatio: { better: 'higher', green: '0.30', amber: '0.15', unit: 'percent', decimals: 4, label: 'Eigenkapitalquote' },
  debtToEbitda: { better: 'lower', green: '2.5', amber: '4', unit: 'multiple', decimals: 2, label: 'Nettofremdkapital/EBITDA' },
  debtServiceCoverage: { better: 'higher', green: '1.5', amber: '1.2', unit: 'multiple', decimals: 2, label: 'Kapitaldienstdeckung' },
  interestCoverage: { better: 'higher', green: '5', amber: '2', unit: 'multiple', decimals: 2, label: 'Zinsdeckung' },
  currentRatio: { better: 'higher', green: '1.5', amber: '1', unit: 'multiple', decimals: 2, label: 'Liquidität 3. Grades' },
  ebitdaMargin: { better: 'higher', green: '0.10', amber: '0.05', unit: 'percent', decimals: 4, label: 'EBITDA-Marge' },
  revenueGrowth: { better: 'higher', green: '0.05', amber: '-0.05', unit: 'percent', decimals: 4, label: 'Umsatzwachstum' },
};

/** Verdicts per ratio and traffic light, the second half of each sentence. */
const VERDICTS: Readonly<Record<RatioKey, Readonly<Record<'green' | 'amber' | 'red', string>>>> = {
  equityRatio: {
    green: 'solide Kapitalausstattung',
    amber: 'ausreichende, aber ausbaufähige Kapitalausstattung',
    red: 'schwache Kapitalausstattung',
  },
  debtToEbitda: {
    green: 'die Schulden sind in kurzer Zeit aus dem operativen Ergebnis tilgbar',
    amber: 'erhöhte Verschuldung im Verhältnis zum operativen Ergebnis',
    red: 'hohe Verschuldung im Verhältnis zum operativen Ergebnis',
  },
  debtServiceCoverage: {
    green: 'der Kapitaldienst einschließlich der beantragten Finanzierung ist gut gedeckt',
    amber: 'der Kapitaldienst einschließlich der beantragten Finanzierung ist knapp gedeckt',
    red: 'der Kapitaldienst einschließlich der beantragten Finanzierung ist nicht ausreichend gedeckt',
  },
  interestCoverage: {
    green: 'die Zinsen werden komfortabel verdient',
    amber: 'die Zinslast ist tragbar',
    red: 'die Zinslast ist kaum gedeckt',
  },
  currentRatio: {
    green: 'die kurzfristigen Verbindlichkeiten sind gut durch Umlaufvermögen gedeckt',
    amber: 'die kurzfristigen Verbindlichkeiten sind knapp durch Umlaufvermögen gedeckt',
    red: 'die kurzfristigen Verbindlichkeiten sind nicht durch Umlaufvermögen gedeckt',
  },
  ebitdaMargin: {
    green: 'hohe operative Ertragskraft',
    amber: 'durchschnittliche operative Ertragskraft',
    red: 'geringe operative Ertragskraft',
  },
  revenueGrowth: {
    green: 'wachsender Umsatz',
    amber: 'weitgehend stabiler Umsatz',
    red: 'deutlich rückläufiger Umsatz',
  },
};

/** Market rate for the debt service of the requested loan when none is given: 5.5 % p.a. (see README.md). */
export const DEFAULT_MARKET_RATE = '0.055';

/**
 * How the requested loan is serviced within the next 12 months.
 * - annuity: constant monthly instalment at the market rate (finance module's annuityPayment);
 * - interest_only: interest only, the principal is rolled over (revolving lines, factoring) or repaid
 *   at maturity and refinanced (mezzanine).
 * Working-capital loans up to 12 months are treated as revolving lines, longer ones amortise.
 */
export function debtServiceKind(product: LoanProduct, termMonths: number): 'annuity' | 'interest_only' {
  switch (product) {
    case 'factoring':
    case 'mezzanine':
      return 'interest_only';
    case 'working_capital_loan':
      return termMonths <= 12 ? 'interest_only' : 'annuity';
    case 'investment_loan':
    case 'real_estate_loan':
    case 'leasing':
    case 'purchase_financing':
    case 'promotional_loan':
      return 'annuity';
  }
}

/**
 * Debt service of the requested loan in the first 12 months (interest and principal), unrounded:
 * annuity → monthly instalment × min(12, termMonths); interest only → amount × rate × min(12, termMonths) / 12.
 */
export function annualDebtService(loan: LoanRequest, marketRate: string): Dec {
  const months = Math.min(12, loan.termMonths);
  if (debtServiceKind(loan.product, loan.termMonths) === 'interest_only') {
    return new D(loan.amount).times(marketRate).times(months).div(12);
  }
  const monthly = annuityPayment(loan.amount, new D(marketRate).div(12).toString(), loan.termMonths);
  return new D(monthly.toString()).times(months);
}

export interface RatioAnalysis {
  /** The fiscal year the ratios describe (the latest one given). */
  readonly fiscalYear: number;
  /** The year growth is measured against (the latest earlier one), or null with one statement. */
  readonly previousFiscalYear: number | null;
  /** Debt service of the requested loan in its first 12 months, EUR with 2 decimals. */
  readonly loanDebtService: string;
  /** The market rate used for it. */
  readonly marketRate: string;
  /** In the order of RATIO_KEYS. */
  readonly ratios: RatioResult[];
}

export interface RatioOptions {
  /** Market rate for the requested loan's debt service as a decimal fraction; default DEFAULT_MARKET_RATE. */
  readonly marketRate?: string;
}

function round(value: Dec, key: RatioKey): string {
  return value.toFixed(RATIO_THRESHOLDS[key].decimals, D.ROUND_HALF_UP);
}

/** Traffic light of a reported value (a decimal string) by the thresholds of `key`, bounds inclusive. */
export function judge(key: RatioKey, value: string): 'green' | 'amber' | 'red' {
  const t = RATIO_THRESHOLDS[key];
  const v = new D(value);
  if (t.better === 'higher') {
    if (v.greaterThanOrEqualTo(t.green)) return 'green';
    if (v.greaterThanOrEqualTo(t.amber)) return 'amber';
    return 'red';
  }
  if (v.lessThanOrEqualTo(t.green)) return 'green';
  if (v.lessThanOrEqualTo(t.amber)) return 'amber';
  return 'red';
}

/** "Eigenkapitalquote 31,3 %" / "Kapitaldienstdeckung 2,45". */
export function formatRatio(key: RatioKey, value: string): string {
  const t = RATIO_THRESHOLDS[key];
  const shown = t.unit === 'percent' ? formatGermanPercent(value, 1) : formatGermanNumber(value, 2);
  return `${t.label} ${shown}`;
}

function computed(key: RatioKey, exact: Dec, verdictOverride?: string): RatioResult {
  const value = round(exact, key);
  const judgement = judge(key, value);
  const verdict = verdictOverride ?? VERDICTS[key][judgement];
  return { key, value, judgement, explanation: `${formatRatio(key, value)} – ${verdict}.` };
}

function notComputed(key: RatioKey, judgement: Judgement, reason: string): RatioResult {
  return { key, value: null, judgement, explanation: `${RATIO_THRESHOLDS[key].label} nicht berechenbar – ${reason}.` };
}

/** All ratios as 'unknown', for a company without any financial statement. */
export function unknownRatios(reason = 'kein Jahresabschluss vorhanden'): RatioResult[] {
  return RATIO_KEYS.map((key) => notComputed(key, 'unknown', reason));
}

function equityRatio(s: FinancialStatement): RatioResult {
  const ratio = new D(s.equity).div(s.totalAssets); // totalAssets > 0 by the schema
  if (ratio.isNegative() && !ratio.isZero()) {
    return computed('equityRatio', ratio, 'negatives Eigenkapital (bilanzielle Überschuldung)');
  }
  return computed('equityRatio', ratio);
}

function debtToEbitda(s: FinancialStatement): RatioResult {
  const ebitda = new D(s.ebitda);
  if (!ebitda.greaterThan(0)) {
    return {
      key: 'debtToEbitda',
      value: null,
      judgement: 'red',
      explanation: `${RATIO_THRESHOLDS.debtToEbitda.label} nicht berechenbar – das EBITDA ist nicht positiv, die Schulden können nicht aus dem operativen Ergebnis getilgt werden.`,
    };
  }
  const netDebt = new D(s.liabilitiesShortTerm).plus(s.liabilitiesLongTerm).minus(s.cash);
  const ratio = netDebt.div(ebitda);
  if (!ratio.greaterThan(0)) return computed('debtToEbitda', ratio, 'die liquiden Mittel decken das gesamte Fremdkapital');
  return computed('debtToEbitda', ratio);
}

function debtServiceCoverage(s: FinancialStatement, loanDebtService: Dec): RatioResult {
  const debtService = new D(s.interestExpense).plus(loanDebtService);
  if (!debtService.greaterThan(0)) return notComputed('debtServiceCoverage', 'unknown', 'es fällt kein Kapitaldienst an');
  const ratio = new D(s.ebitda).div(debtService);
  if (ratio.isNegative() && !ratio.isZero()) {
    return computed('debtServiceCoverage', ratio, 'das negative EBITDA deckt keinen Kapitaldienst');
  }
  return computed('debtServiceCoverage', ratio);
}

function interestCoverage(s: FinancialStatement): RatioResult {
  const interest = new D(s.interestExpense);
  const ebit = new D(s.ebit);
  if (interest.isZero()) {
    if (ebit.greaterThan(0)) {
      return {
        key: 'interestCoverage',
        value: null,
        judgement: 'green',
        explanation: `${RATIO_THRESHOLDS.interestCoverage.label}: kein Zinsaufwand – es besteht keine Zinslast.`,
      };
    }
    return notComputed('interestCoverage', 'red', 'kein Zinsaufwand, aber auch kein positives EBIT');
  }
  return computed('interestCoverage', ebit.div(interest));
}

function currentRatio(s: FinancialStatement): RatioResult {
  const liabilities = new D(s.currentLiabilities);
  if (liabilities.isZero()) {
    if (new D(s.currentAssets).greaterThan(0)) {
      return {
        key: 'currentRatio',
        value: null,
        judgement: 'green',
        explanation: `${RATIO_THRESHOLDS.currentRatio.label}: keine kurzfristigen Verbindlichkeiten – das Umlaufvermögen ist frei.`,
      };
    }
    return notComputed('currentRatio', 'unknown', 'weder Umlaufvermögen noch kurzfristige Verbindlichkeiten');
  }
  return computed('currentRatio', new D(s.currentAssets).div(liabilities));
}

function ebitdaMargin(s: FinancialStatement): RatioResult {
  const revenue = new D(s.revenue);
  if (revenue.isZero()) return notComputed('ebitdaMargin', 'unknown', 'kein Umsatz');
  return computed('ebitdaMargin', new D(s.ebitda).div(revenue));
}

function revenueGrowth(latest: FinancialStatement, previous: FinancialStatement | undefined): RatioResult {
  if (!previous) return notComputed('revenueGrowth', 'unknown', 'nur ein Geschäftsjahr vorhanden, der Vorjahresabschluss fehlt');
  const before = new D(previous.revenue);
  if (before.isZero()) return notComputed('revenueGrowth', 'unknown', `kein Umsatz im Geschäftsjahr ${previous.fiscalYear}`);
  const years = latest.fiscalYear - previous.fiscalYear;
  const factor = new D(latest.revenue).div(before);
  // Over a gap of several years the growth is annualised: (R_t / R_s)^(1/(t−s)) − 1.
  const growth = (years === 1 ? factor : factor.pow(new D(1).div(years))).minus(1);
  const result = computed('revenueGrowth', growth);
  if (years === 1) return result;
  return { ...result, explanation: result.explanation.replace(' – ', ` p. a. (${previous.fiscalYear}–${latest.fiscalYear}) – `) };
}

/** Statements and loan already validated; statements non-empty. */
export function computeRatiosUnchecked(statements: readonly FinancialStatement[], loan: LoanRequest, marketRate: string): RatioAnalysis {
  const sorted = [...statements].sort((a, b) => b.fiscalYear - a.fiscalYear);
  const latest = sorted[0];
  const previous = sorted[1];
  const loanDebtService = annualDebtService(loan, marketRate);
  return {
    fiscalYear: latest.fiscalYear,
    previousFiscalYear: previous?.fiscalYear ?? null,
    loanDebtService: loanDebtService.toFixed(2, D.ROUND_HALF_UP),
    marketRate,
    ratios: [
      equityRatio(latest),
      debtToEbitda(latest),
      debtServiceCoverage(latest, loanDebtService),
      interestCoverage(latest),
      currentRatio(latest),
      ebitdaMargin(latest),
      revenueGrowth(latest, previous),
    ],
  };
}

/** Validates the loan and the market rate (throws ScoringError with the field path). */
export function parseLoanAndRate(loan: unknown, options: RatioOptions = {}): { loan: LoanRequest; marketRate: string } {
  const parsedLoan = ZLoanRequestSchema.safeParse(loan);
  if (!parsedLoan.success) {
    const issue = parsedLoan.error.issues[0];
    throw new ScoringError(toFieldPath(['loan', ...issue.path]), issue.message);
  }
  const marketRate = options.marketRate ?? DEFAULT_MARKET_RATE;
  const parsedRate = ZMarketRateSchema.safeParse(marketRate);
  if (!parsedRate.success) throw new ScoringError('marketRate', parsedRate.error.issues[0].message);
  return { loan: parsedLoan.data, marketRate };
}

/** Validates the inputs (throws ScoringError with the field path) and returns them typed. */
export function parseAssessmentInput(
  statements: unknown,
  loan: unknown,
  options: RatioOptions = {},
): { statements: FinancialStatement[]; loan: LoanRequest; marketRate: string } {
  const parsedStatements = ZFinancialStatementsSchema.safeParse(statements);
  if (!parsedStatements.success) {
    const issue = parsedStatements.error.issues[0];
    throw new ScoringError(toFieldPath(['statements', ...issue.path]), issue.message);
  }
  return { statements: parsedStatements.data, ...parseLoanAndRate(loan, options) };
}

/**
 * The ratio analysis of the latest fiscal year (growth against the latest earlier one) for the
 * requested loan. Throws ScoringError on invalid input (at least one statement is required).
 */
export function computeRatios(statements: readonly FinancialStatement[], loan: LoanRequest, options: RatioOptions = {}): RatioAnalysis {
  const input = parseAssessmentInput(statements, loan, options);
  return computeRatiosUnchecked(input.statements, input.loan, input.marketRate);
}
