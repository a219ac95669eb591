/**
 * Matching: which lenders' credit policies a financing request meets, why the others do not, and in
 * which order the eligible ones are offered. Pure functions, no I/O.
 *
 *   const compiled = cache.compile(lenders);          // once per policy version
 *   const results = evaluate(compiled, subject);      // every lender: eligible + lazy reasons
 *   const ranking = rankEligible(results, compiled, subject, approvalProbability?);
 */
export {
  CRITERIA,
  FEDERAL_STATES,
  LEGAL_FORMS,
  LENDER_TYPES,
  PRODUCTS,
  type Criterion,
  type FederalState,
  type LegalForm,
  type LenderEvaluationData,
  type LenderForMatching,
  type LenderType,
  type LocalizedText,
  type MatchNote,
  type MatchReason,
  type MatchSubject,
  type Product,
  type RankedLender,
  type ScoreParts,
  type ApprovalContribution,
  type ApprovalPrediction,
  type ApprovalScorer,
  type ApprovalScorerSource,
} from './matching.types.js';
export {
  ZCreditPolicySchema,
  ZMoneySchema,
  ZRatioSchema,
  ZWzCodeSchema,
  parseCreditPolicy,
  type CreditPolicy,
} from './credit-policy.types.js';
export { CompiledPolicy, CompiledPolicyCache, compilePolicy, withVolumeUsed } from './compile-policy.js';
export { InvalidMatchSubjectError, PreparedSubject, prepareSubject } from './prepare-subject.js';
export { LenderEvaluation, eligibleLenders, evaluate, isEligible } from './evaluate.js';
export {
  REGIONAL_FIT,
  SCORE_WEIGHTS,
  SPECIALISATION_WEIGHTS,
  rankEligible,
  scoreParts,
  type ApprovalProbability,
} from './rank-eligible.js';
export { FEDERAL_STATE_LABELS, LEGAL_FORM_LABELS, PRODUCT_LABELS } from './labels.js';
export { industryCodeWithin, industryCodesOverlap, isWzCode, wzSectionOf } from './industry-codes.js';
export { DIVISION_SECTION, WZ_SECTIONS, type WzSection } from './wz-sections.js';
export { yearsInBusiness } from './years-in-business.js';
export { formatEur, formatPercent } from './format.js';
// Database side (match runs, the submit hook, HTTP routes).
export { matchRuns, matchResults } from './schema.js';
export { matchOnSubmit, matchRequest, getMatches, previewMatch, currentRanking } from './matching.service.js';
export { matchingRoutes, ZMatchesSchema } from './routes.js';
