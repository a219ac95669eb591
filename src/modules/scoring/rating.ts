/**
 * Rating of a company from its ratio analysis: a points scorecard (0–100 points), cut-offs to
 * rating classes 1 (best) … 10 (worst), a master scale class → one-year probability of default, and
 * the drivers that moved the rating most. Documented in README.md ("Rating").
 *
 * Scorecard: each ratio earns a sub-score in [0, 1] by piecewise-linear interpolation between anchor
 * points (amber threshold → 0.4, green threshold → 0.7, clamped at 0 and 1 outside the anchors), and
 * the weighted sum of the sub-scores is the score. A ratio that is null but judged (e.g. negative
 * EBITDA → debt/EBITDA red) scores 0 for red and 1 for green. A ratio that cannot be computed
 * ('unknown') is scored at its amber threshold (0.4, "assumed borderline") and reported as missing;
 * when half the weight or more is missing the class is at least INCOMPLETE_DATA_CLASS.
 * Knock-out overrides: negative equity → at least class 8; non-positive EBITDA → at least class 7.
 *
 * Every sub-score is non-decreasing in its ratio's quality, the cut-offs and overrides are monotone,
 * so a better ratio, all else equal, never worsens the class (a property test checks this for the
 * equity ratio).
 */
import { Decimal } from 'decimal.js';
import type { FinancialStatement, LoanRequest } from './financials.types.js';
import {
  RATIO_KEYS,
  computeRatiosUnchecked,
  parseAssessmentInput,
  parseLoanAndRate,
  unknownRatios,
  type RatioKey,
  type RatioOptions,
  type RatioResult,
} from './ratios.js';

export interface MasterScaleEntry {
  readonly ratingClass: number;
  /** One-year probability of default as a decimal fraction ("0.0030" = 0.30 %). */
  readonly probabilityOfDefault: string;
  /** Rough equivalent of an external rating agency scale, for orientation only. */
  readonly externalEquivalent: string;
}

/**
 * Master scale: rating class → one-year probability of default. Geometric (each class roughly doubles
 * the PD), like the master scales of German banking groups compressed to 10 classes; class 10's PD is
 * the floor of that class (≥ 20 %). Default (class D) is not a rating class here.
 */
export const PD_MASTER_SCALE: readonly MasterScaleEntry[] = [
  { ratingClass: 1, probabilityOfDefault: '0.0003', externalEquivalent: 'AAA – AA' },
  { ratingClass: 2, probabilityOfDefault: '0.0008', externalEquivalent: 'A' },
  { ratingClass: 3, probabilityOfDefault: '0.0016', externalEquivalent: 'BBB+' },
  { ratingClass: 4, probabilityOfDefault: '0.0030', externalEquivalent: 'BBB / BBB−' },
  { ratingClass: 5, probabilityOfDefault: '0.0060', externalEquivalent: 'BB+' },
  { ratingClass: 6, probabilityOfDefault: '0.0120', externalEquivalent: 'BB' },
  { ratingClass: 7, probabilityOfDefault: '0.0250', externalEquivalent: 'BB− / B+' },
  { ratingClass: 8, probabilityOfDefault: '0.0500', externalEquivalent: 'B' },
  { ratingClass: 9, probabilityOfDefault: '0.1000', externalEquivalent: 'B− / CCC+' },
  { ratingClass: 10, probabilityOfDefault: '0.2000', externalEquivalent: 'CCC and worse' },
];

/** Class k (1…9) needs a score ≥ CLASS_CUTOFFS[k − 1]; below the last cut-off is class 10. */
export const CLASS_CUTOFFS: readonly number[] = [90, 82, 74, 66, 58, 50, 40, 30, 20];

export interface ScorecardEntry {
  /** Points of a perfect sub-score; the weights add up to 100. */
  readonly weight: number;
  /** Anchor points [ratio value, sub-score], ratio values increasing. */
  readonly anchors: readonly (readonly [number, number])[];
}

/** Anchors put the amber threshold at 0.4 and the green threshold at 0.7 (see RATIO_THRESHOLDS). */
export const SCORECARD: Readonly<Record<RatioKey, ScorecardEntry>> = {
  equityRatio: { weight: 20, anchors: [[0, 0], [0.15, 0.4], [0.3, 0.7], [0.5, 1]] },
  debtToEbitda: { weight: 20, anchors: [[0, 1], [2.5, 0.7], [4, 0.4], [7, 0]] },
  debtServiceCoverage: { weight: 20, anchors: [[0.8, 0], [1.2, 0.4], [1.5, 0.7], [3, 1]] },
  interestCoverage: { weight: 10, anchors: [[0, 0], [2, 0.4], [5, 0.7], [12, 1]] },
  currentRatio: { weight: 10, anchors: [[0.5, 0], [1, 0.4], [1.5, 0.7], [2.5, 1]] },
  ebitdaMargin: { weight: 12, anchors: [[0, 0], [0.05, 0.4], [0.1, 0.7], [0.2, 1]] },
  revenueGrowth: { weight: 8, anchors: [[-0.2, 0], [-0.05, 0.4], [0.05, 0.7], [0.15, 1]] },
};

/** Sub-score of a ratio that cannot be computed: its amber threshold ("assumed borderline"). */
export const MISSING_SUB_SCORE = 0.4;
/** A sub-score's neutral point for the drivers: the middle of the amber band. */
export const NEUTRAL_SUB_SCORE = 0.55;
/** Share of the scorecard weight that, when missing, puts the class at least at INCOMPLETE_DATA_CLASS. */
export const INCOMPLETE_DATA_SHARE = 0.5;
/** The conservative default class when at least half of the data is missing (also: no statement at all). */
export const INCOMPLETE_DATA_CLASS = 8;
/** Negative equity (bilanzielle Überschuldung): class at least 8. */
export const NEGATIVE_EQUITY_CLASS = 8;
/** Non-positive EBITDA: class at least 7. */
export const NON_POSITIVE_EBITDA_CLASS = 7;
/** Number of ratio drivers reported (besides missing data and overrides). */
export const DRIVER_COUNT = 4;

export interface RatingDriver {
  /** A ratio key, or 'missingData', 'negativeEquity', 'nonPositiveEbitda'. */
  readonly key: string;
  readonly direction: 'positive' | 'negative';
  /** German sentence. */
  readonly text: string;
}

export interface CompanyRating {
  /** 1 (best) … 10 (worst). */
  readonly ratingClass: number;
  /** One-year PD of the class (PD_MASTER_SCALE), decimal fraction, e.g. "0.0030". */
  readonly probabilityOfDefault: string;
  /** Scorecard points 0–100, 2 decimals. */
  readonly score: number;
  /** The fiscal year rated (null without statements). */
  readonly fiscalYear: number | null;
  /** Debt service of the requested loan in its first 12 months (null without statements). */
  readonly loanDebtService: string | null;
  readonly ratios: RatioResult[];
  readonly drivers: RatingDriver[];
  /** Keys of the ratios that could not be computed (plus 'statements' when none were given). */
  readonly missing: string[];
}

/** Piecewise-linear interpolation between the anchors, clamped to the first and last sub-score. */
export function subScore(key: RatioKey, value: number): number {
  const anchors = SCORECARD[key].anchors;
  if (value <= anchors[0][0]) return anchors[0][1];
  for (let i = 1; i < anchors.length; i++) {
    const [x1, s1] = anchors[i];
    if (value <= x1) {
      const [x0, s0] = anchors[i - 1];
      return s0 + ((value - x0) / (x1 - x0)) * (s1 - s0);
    }
  }
  return anchors[anchors.length - 1][1];
}

export interface ScoredRatio {
  readonly key: RatioKey;
  /** Sub-score in [0, 1]; MISSING_SUB_SCORE for a missing ratio. */
  readonly subScore: number;
  /** weight × subScore. */
  readonly points: number;
  readonly missing: boolean;
}

/** Sub-scores and points of each ratio. */
export function scoreRatios(ratios: readonly RatioResult[]): ScoredRatio[] {
  return RATIO_KEYS.map((key) => {
    const ratio = ratios.find((r) => r.key === key);
    let s: number;
    let missing = false;
    if (!ratio || ratio.judgement === 'unknown') {
      s = MISSING_SUB_SCORE;
      missing = true;
    } else if (ratio.value === null) s = ratio.judgement === 'green' ? 1 : ratio.judgement === 'red' ? 0 : MISSING_SUB_SCORE;
    else s = subScore(key, Number(ratio.value));
    return { key, subScore: s, points: SCORECARD[key].weight * s, missing };
  });
}

/** Class of a score by CLASS_CUTOFFS. */
export function classOfScore(score: number): number {
  const index = CLASS_CUTOFFS.findIndex((cutoff) => score >= cutoff);
  return index === -1 ? 10 : index + 1;
}

export function probabilityOfDefault(ratingClass: number): string {
  const entry = PD_MASTER_SCALE.find((e) => e.ratingClass === ratingClass);
  if (!entry) throw new RangeError(`no rating class ${ratingClass}`);
  return entry.probabilityOfDefault;
}

/** What would make a missing ratio computable, in German. */
const MISSING_DATA_TEXT: Readonly<Record<RatioKey, string>> = {
  equityRatio: 'Eigenkapitalquote',
  debtToEbitda: 'Nettofremdkapital/EBITDA',
  debtServiceCoverage: 'Kapitaldienstdeckung',
  interestCoverage: 'Zinsdeckung',
  currentRatio: 'Liquidität 3. Grades',
  ebitdaMargin: 'EBITDA-Marge (kein Umsatz)',
  revenueGrowth: 'Umsatzwachstum (Vorjahresabschluss fehlt)',
};

export interface RatingFromRatiosInput {
  readonly ratios: readonly RatioResult[];
  /** Equity of the rated year is negative (knock-out). */
  readonly negativeEquity: boolean;
  /** EBITDA of the rated year is ≤ 0 (knock-out). */
  readonly nonPositiveEbitda: boolean;
  /** No statement at all. */
  readonly noStatements?: boolean;
}

/** The rating from a ratio analysis (the pure scorecard part of rateCompany). */
export function rateRatios(input: RatingFromRatiosInput): Pick<CompanyRating, 'ratingClass' | 'probabilityOfDefault' | 'score' | 'drivers' | 'missing'> {
  const scored = scoreRatios(input.ratios);
  const score = scored.reduce((sum, r) => sum + r.points, 0);
  const missingKeys = scored.filter((r) => r.missing).map((r) => r.key);
  const missingWeight = missingKeys.reduce((sum, key) => sum + SCORECARD[key].weight, 0);
  let ratingClass = classOfScore(score);
  const drivers: RatingDriver[] = [];

  if (input.negativeEquity) {
    ratingClass = Math.max(ratingClass, NEGATIVE_EQUITY_CLASS);
    drivers.push({
      key: 'negativeEquity',
      direction: 'negative',
      text: `Negatives Eigenkapital (bilanzielle Überschuldung) – Ratingklasse mindestens ${NEGATIVE_EQUITY_CLASS}.`,
    });
  }
  if (input.nonPositiveEbitda) {
    ratingClass = Math.max(ratingClass, NON_POSITIVE_EBITDA_CLASS);
    drivers.push({
      key: 'nonPositiveEbitda',
      direction: 'negative',
      text: `Kein positives EBITDA – das operative Geschäft trägt keinen Kapitaldienst, Ratingklasse mindestens ${NON_POSITIVE_EBITDA_CLASS}.`,
    });
  }
  if (input.noStatements) {
    ratingClass = Math.max(ratingClass, INCOMPLETE_DATA_CLASS);
    drivers.push({
      key: 'missingData',
      direction: 'negative',
      text: `Kein Jahresabschluss vorhanden – vorsichtige Einstufung in Ratingklasse ${INCOMPLETE_DATA_CLASS} bis Unterlagen vorliegen.`,
    });
  } else if (missingKeys.length > 0) {
    const incomplete = missingWeight >= INCOMPLETE_DATA_SHARE * 100;
    if (incomplete) ratingClass = Math.max(ratingClass, INCOMPLETE_DATA_CLASS);
    const list = missingKeys.map((key) => MISSING_DATA_TEXT[key]).join(', ');
    drivers.push({
      key: 'missingData',
      direction: 'negative',
      text: incomplete
        ? `Zu viele Kennzahlen fehlen (${list}) – vorsichtige Einstufung in mindestens Ratingklasse ${INCOMPLETE_DATA_CLASS}.`
        : `Nicht berechenbar und vorsichtig als grenzwertig bewertet: ${list}.`,
    });
  }

  const contributions = scored
    .filter((r) => !r.missing)
    .map((r) => ({ key: r.key, contribution: SCORECARD[r.key].weight * (r.subScore - NEUTRAL_SUB_SCORE) }))
    .filter((c) => Math.abs(c.contribution) > 1e-9)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || RATIO_KEYS.indexOf(a.key) - RATIO_KEYS.indexOf(b.key))
    .slice(0, DRIVER_COUNT);
  for (const c of contributions) {
    const ratio = input.ratios.find((r) => r.key === c.key)!;
    const positive = c.contribution > 0;
    drivers.push({
      key: c.key,
      direction: positive ? 'positive' : 'negative',
      text: `${positive ? 'Stärkt' : 'Belastet'} das Rating: ${ratio.explanation}`,
    });
  }

  return {
    ratingClass,
    probabilityOfDefault: probabilityOfDefault(ratingClass),
    score: Math.round(score * 100) / 100,
    drivers,
    missing: missingKeys,
  };
}

/**
 * Rates a company from its financial statements (the latest year; growth against the year before)
 * and the requested loan. Throws ScoringError on invalid input. An empty list of statements gives the
 * conservative default class INCOMPLETE_DATA_CLASS with all ratios unknown.
 */
export function rateCompany(statements: readonly FinancialStatement[], loan: LoanRequest, options: RatioOptions = {}): CompanyRating {
  if (statements.length === 0) {
    parseLoanAndRate(loan, options); // the loan and the options must be valid all the same
    const ratios = unknownRatios();
    const rating = rateRatios({ ratios, negativeEquity: false, nonPositiveEbitda: false, noStatements: true });
    return { ...rating, missing: ['statements', ...rating.missing], fiscalYear: null, loanDebtService: null, ratios };
  }
  const input = parseAssessmentInput(statements, loan, options);
  const analysis = computeRatiosUnchecked(input.statements, input.loan, input.marketRate);
  const latest = input.statements.find((s) => s.fiscalYear === analysis.fiscalYear)!;
  const rating = rateRatios({
    ratios: analysis.ratios,
    negativeEquity: new Decimal(latest.equity).lessThan(0),
    nonPositiveEbitda: new Decimal(latest.ebitda).lessThanOrEqualTo(0),
  });
  return { ...rating, fiscalYear: analysis.fiscalYear, loanDebtService: analysis.loanDebtService, ratios: analysis.ratios };
}
