/**
 * Transparent ranking of the eligible lenders. Every lender gets a score in [0, 1] that is the
 * weighted sum of three parts, each in [0, 1] and shown to the advisor:
 *
 * - specialisation (weight 0.40): how narrowly the lender fits this request.
 *     productFocus  = (8 − n + 1) / 8 for a lender offering n of the 8 products
 *                     (a leasing house offering only leasing: 1; a generalist offering all 8: 0.125),
 *     industryFocus = the narrowest `industries.include` prefix containing the company's code:
 *                     section 1/3, division 2/3, group or finer 1; no include list: 0,
 *     specialisation = 0.7 · productFocus + 0.3 · industryFocus.
 * - regionalFit (weight 0.35): postcode-prefix match 1 > federal-state match 0.6 > nationwide 0.3
 *     (a lender with both lists that matched counts as a postcode match).
 * - volumeRoom (weight 0.25): share of the monthly cap still free after this request,
 *     (cap − used − amount) / cap; 1 when the lender has no cap.
 *
 * Seam for later issues: pass `approvalProbability` (lender id → probability in [0, 1]); the score
 * becomes baseScore × probability and the probability is reported beside it.
 * Ties are broken by specialisation, then lender id, so the order is deterministic.
 */
import type { CompiledPolicy } from './compile-policy.js';
import { industryCodeWithin } from './industry-codes.js';
import type { LenderEvaluationData, MatchSubject, RankedLender, ScoreParts } from './matching.types.js';
import { PRODUCTS } from './matching.types.js';
import { PreparedSubject, prepareSubject } from './prepare-subject.js';

export const SCORE_WEIGHTS: Readonly<ScoreParts> = Object.freeze({
  specialisation: 0.4,
  regionalFit: 0.35,
  volumeRoom: 0.25,
});

export const SPECIALISATION_WEIGHTS = Object.freeze({ products: 0.7, industries: 0.3 });

export const REGIONAL_FIT = Object.freeze({ postcode: 1, federalState: 0.6, nationwide: 0.3 });

/** Approval probability of a lender for the request being ranked, in [0, 1]. */
export type ApprovalProbability = (lenderId: string) => number;

function depthOf(code: string): number {
  // "C" 1, "25" 2, "25.6" 3, "25.62" 4, "25.62.0" 5
  return code.length === 1 ? 1 : code.length === 2 ? 2 : code.length === 4 ? 3 : code.length === 5 ? 4 : 5;
}

function industryFocus(c: CompiledPolicy, industryCode: string): number {
  const include = c.policy.industries?.include;
  if (include === undefined) return 0;
  let depth = 0;
  for (const prefix of include) {
    if (industryCodeWithin(industryCode, prefix)) depth = Math.max(depth, depthOf(prefix));
  }
  return depth >= 3 ? 1 : depth / 3;
}

/** The three score parts of an (eligible) lender for a request. */
export function scoreParts(c: CompiledPolicy, s: PreparedSubject): ScoreParts {
  const productFocus = (PRODUCTS.length - c.productCount + 1) / PRODUCTS.length;
  const specialisation =
    SPECIALISATION_WEIGHTS.products * productFocus +
    SPECIALISATION_WEIGHTS.industries * industryFocus(c, s.source.company.industryCode);

  const regionalFit =
    c.policy.postalCodePrefixes != null
      ? REGIONAL_FIT.postcode
      : c.policy.federalStates != null
        ? REGIONAL_FIT.federalState
        : REGIONAL_FIT.nationwide;

  const volumeRoom =
    c.capCents === Infinity || c.capCents === 0
      ? 1
      : Math.min(1, Math.max(0, (c.capCents - c.volumeUsedCents - s.amountCents) / c.capCents));

  return { specialisation, regionalFit, volumeRoom };
}

export function baseScore(parts: ScoreParts): number {
  return (
    SCORE_WEIGHTS.specialisation * parts.specialisation +
    SCORE_WEIGHTS.regionalFit * parts.regionalFit +
    SCORE_WEIGHTS.volumeRoom * parts.volumeRoom
  );
}

/**
 * Ranks the eligible lenders among `results` (ineligible ones are skipped). `lenders` are the compiled
 * policies the results were evaluated with (looked up by lender id).
 */
export function rankEligible(
  results: readonly Pick<LenderEvaluationData, 'lenderId' | 'eligible'>[],
  lenders: readonly CompiledPolicy[],
  subject: MatchSubject | PreparedSubject,
  approvalProbability?: ApprovalProbability,
): RankedLender[] {
  const s = subject instanceof PreparedSubject ? subject : prepareSubject(subject);
  const byId = new Map(lenders.map((c) => [c.lenderId, c]));
  const ranked: RankedLender[] = [];
  for (const result of results) {
    if (!result.eligible) continue;
    const c = byId.get(result.lenderId);
    if (c === undefined) throw new RangeError(`no compiled policy for lender ${result.lenderId}`);
    const parts = scoreParts(c, s);
    const base = baseScore(parts);
    let probability: number | null = null;
    if (approvalProbability !== undefined) {
      probability = approvalProbability(c.lenderId);
      if (Number.isNaN(probability)) throw new RangeError(`approval probability of ${c.lenderId} is NaN`);
      probability = Math.min(1, Math.max(0, probability));
    }
    ranked.push({
      lenderId: c.lenderId,
      rank: 0,
      score: probability === null ? base : base * probability,
      baseScore: base,
      scoreParts: parts,
      approvalProbability: probability,
    });
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.scoreParts.specialisation - a.scoreParts.specialisation ||
      (a.lenderId < b.lenderId ? -1 : a.lenderId > b.lenderId ? 1 : 0),
  );
  ranked.forEach((r, i) => (r.rank = i + 1));
  return ranked;
}
