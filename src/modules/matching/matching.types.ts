/**
 * Domain vocabulary of the matching engine: the value lists other modules reuse, the shape of a
 * financing request as the engine sees it (`MatchSubject`), a lender with its credit policy
 * (`LenderForMatching`) and the shapes of the engine's answers.
 *
 * The DB layer maps its rows into `MatchSubject` / `LenderForMatching`; nothing here does I/O.
 */
import type { Executor } from '../../platform/db/database.js';
import type { CreditPolicy } from './credit-policy.types.js';

export {
  FEDERAL_STATES,
  LEGAL_FORMS,
  LENDER_TYPES,
  PRODUCTS,
  type FederalState,
  type LegalForm,
  type LenderType,
  type Product,
} from '../vocabulary/index.js';
import { POLICY_CRITERIA, type LegalForm, type LenderType, type PolicyCriterion, type Product } from '../vocabulary/index.js';

/** The credit-policy criteria, in the order reasons are listed. Names are the policy's keys. */
export const CRITERIA = POLICY_CRITERIA;
export type Criterion = PolicyCriterion;

/** One financing request with its company, as the engine sees it. */
export interface MatchSubject {
  product: Product;
  /** Decimal EUR with at most two decimals, e.g. "250000.00". */
  amount: string;
  termMonths: number;
  /** YYYY-MM-DD, the Europe/Berlin business date the request was submitted on. */
  submittedOn: string;
  /** 1 best … 10 worst; null until the scoring module has rated the request. */
  ratingClass: number | null;
  company: {
    /** ISO 3166-2:DE suffix, e.g. "BY". */
    federalState: string;
    /** Five digits, may start with 0 ("01067"). */
    postalCode: string;
    /** WZ 2008 code at any level: "C", "25", "25.6", "25.62" or "25.62.0". */
    industryCode: string;
    legalForm: LegalForm;
    /** YYYY-MM-DD. */
    foundedOn: string;
    /** Decimal EUR with at most two decimals. */
    annualRevenue: string;
  };
}

export interface LenderForMatching {
  id: string;
  name: string;
  type: LenderType;
  policyVersion: number;
  policy: CreditPolicy;
  /** Decimal EUR already dispatched/committed this month; counts against `monthlyVolumeCap`. */
  volumeUsedThisMonth: string;
}

export interface LocalizedText {
  de: string;
  en: string;
}

/** Why a lender does not match: one entry per failed criterion. */
export interface MatchReason {
  criterion: Criterion;
  message: LocalizedText;
}

/** Something the borrower/advisor should know although the criterion passed (e.g. no rating yet). */
export interface MatchNote {
  criterion: Criterion;
  message: LocalizedText;
}

/** The plain (serialisable) form of one lender's evaluation. */
export interface LenderEvaluationData {
  lenderId: string;
  eligible: boolean;
  reasons: readonly MatchReason[];
  notes: readonly MatchNote[];
}

/** Parts of the ranking score, each in [0, 1]. See `SCORE_WEIGHTS` in rank-eligible.ts. */
export interface ScoreParts {
  specialisation: number;
  regionalFit: number;
  volumeRoom: number;
}

export interface RankedLender {
  lenderId: string;
  /** 1 = best. */
  rank: number;
  /** `baseScore × approvalProbability` (or `baseScore` when no probability is known), in [0, 1]. */
  score: number;
  /** Weighted sum of `scoreParts`, in [0, 1]. */
  baseScore: number;
  scoreParts: ScoreParts;
  /** null when no approval-probability model was supplied. */
  approvalProbability: number | null;
}

/** One input's share of an approval prediction, in log-odds (positive: makes an offer more likely). */
export interface ApprovalContribution {
  feature: string;
  label: LocalizedText;
  contribution: number;
}

export interface ApprovalPrediction {
  probability: number;
  /** The largest contributions by absolute size. */
  contributions: ApprovalContribution[];
}

/**
 * An approval model as matching uses it: P(the lender makes an offer) for a subject and an eligible
 * lender, given the lender's score parts. Implemented by the models module; matching only calls it.
 */
export interface ApprovalScorer {
  readonly modelVersion: number;
  predict(subject: MatchSubject, lender: { id: string; type: LenderType }, parts: ScoreParts): ApprovalPrediction;
}

/** Looks up the active approval model (null: none is active, ranking stays as without a model). */
export type ApprovalScorerSource = (db: Executor) => Promise<ApprovalScorer | null>;
