/**
 * Evaluates a financing request against compiled credit policies.
 *
 * Fast path: `isEligible` stops at the first failed criterion (cheapest and most selective checks
 * first) and touches only numbers. The full list of failed criteria (`failedCriteriaMask`) and the
 * German/English sentences (`explainFailures`) are computed lazily, the first time a result's
 * `reasons` are read — most lenders fail and most callers only need the eligible ones.
 */
import { amountWithinRatio } from './cents.js';
import type { CompiledPolicy } from './compile-policy.js';
import { CRITERIA, type Criterion, type LenderEvaluationData, type MatchNote, type MatchReason, type MatchSubject } from './matching.types.js';
import { PreparedSubject, prepareSubject } from './prepare-subject.js';
import { explainFailures, notesFor } from './reasons.js';

/** Bit of each criterion in a failure mask: bit i ⇔ CRITERIA[i]. */
export const CRITERION_BIT: Readonly<Record<Criterion, number>> = Object.fromEntries(
  CRITERIA.map((c, i) => [c, 1 << i]),
) as Record<Criterion, number>;

const BIT = CRITERION_BIT;

function withinAny(ranges: Int32Array, lo: number, hi: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i] <= lo && hi <= ranges[i + 1]) return true;
  }
  return false;
}

function overlapsAny(ranges: Int32Array, lo: number, hi: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i] <= hi && lo <= ranges[i + 1]) return true;
  }
  return false;
}

/** Eligibility only, stopping at the first failed criterion. */
export function isEligible(c: CompiledPolicy, s: PreparedSubject): boolean {
  if ((c.productMask & s.productBit) === 0) return false;
  if ((c.stateMask & s.stateBit) === 0) return false;
  if (s.amountCents < c.amountMinCents || s.amountCents > c.amountMaxCents) return false;
  if (s.termMonths < c.termMin || s.termMonths > c.termMax) return false;
  if ((c.legalFormMask & s.legalFormBit) === 0) return false;
  if (s.yearsInBusiness < c.minYears) return false;
  if (s.revenueCents < c.minRevenueCents) return false;
  if (s.ratingForCheck > c.worstRatingClass) return false;
  if (c.volumeUsedCents + s.amountCents > c.capCents) return false;
  if (!withinAny(c.postcodeRanges, s.postcode, s.postcode)) return false;
  if (!withinAny(c.industryInclude, s.industryLo, s.industryHi)) return false;
  if (c.industryExclude.length !== 0 && overlapsAny(c.industryExclude, s.industryLo, s.industryHi)) return false;
  if (c.ratioScale !== 0 && !amountWithinRatio(s.amountCents, s.revenueCents, c.ratioNumerator, c.ratioScale)) return false;
  return true;
}

/** Every failed criterion as a bit mask (0 ⇔ eligible). */
export function failedCriteriaMask(c: CompiledPolicy, s: PreparedSubject): number {
  let m = 0;
  if ((c.productMask & s.productBit) === 0) m |= BIT.products;
  if (s.amountCents < c.amountMinCents || s.amountCents > c.amountMaxCents) m |= BIT.amount;
  if (s.termMonths < c.termMin || s.termMonths > c.termMax) m |= BIT.termMonths;
  if ((c.stateMask & s.stateBit) === 0) m |= BIT.federalStates;
  if (!withinAny(c.postcodeRanges, s.postcode, s.postcode)) m |= BIT.postalCodePrefixes;
  if (
    !withinAny(c.industryInclude, s.industryLo, s.industryHi) ||
    overlapsAny(c.industryExclude, s.industryLo, s.industryHi)
  ) {
    m |= BIT.industries;
  }
  if ((c.legalFormMask & s.legalFormBit) === 0) m |= BIT.legalForms;
  if (s.yearsInBusiness < c.minYears) m |= BIT.minYearsInBusiness;
  if (s.revenueCents < c.minRevenueCents) m |= BIT.minAnnualRevenue;
  if (c.ratioScale !== 0 && !amountWithinRatio(s.amountCents, s.revenueCents, c.ratioNumerator, c.ratioScale)) {
    m |= BIT.maxAmountToRevenue;
  }
  if (s.ratingForCheck > c.worstRatingClass) m |= BIT.worstRatingClass;
  if (c.volumeUsedCents + s.amountCents > c.capCents) m |= BIT.monthlyVolumeCap;
  return m;
}

/** The criteria in a failure mask, in policy order. */
export function criteriaOf(mask: number): Criterion[] {
  const out: Criterion[] = [];
  for (let i = 0; i < CRITERIA.length; i++) if ((mask & (1 << i)) !== 0) out.push(CRITERIA[i]);
  return out;
}

/**
 * One lender's verdict on one request. `reasons` (every failed criterion, with German and English
 * sentences) and `notes` are built on first access; `toJSON()` gives the plain data.
 */
export class LenderEvaluation implements LenderEvaluationData {
  private cachedReasons: readonly MatchReason[] | undefined;

  constructor(
    readonly compiled: CompiledPolicy,
    readonly subject: PreparedSubject,
    readonly eligible: boolean,
  ) {}

  get lenderId(): string {
    return this.compiled.lenderId;
  }

  /** Failed criteria, in policy order (empty when eligible). */
  get failedCriteria(): Criterion[] {
    return this.eligible ? [] : criteriaOf(failedCriteriaMask(this.compiled, this.subject));
  }

  get reasons(): readonly MatchReason[] {
    if (this.cachedReasons === undefined) {
      this.cachedReasons = this.eligible
        ? []
        : explainFailures(this.compiled, this.subject, failedCriteriaMask(this.compiled, this.subject));
    }
    return this.cachedReasons;
  }

  get notes(): readonly MatchNote[] {
    return notesFor(this.compiled, this.subject);
  }

  toJSON(): LenderEvaluationData {
    return { lenderId: this.lenderId, eligible: this.eligible, reasons: this.reasons, notes: this.notes };
  }
}

function prepared(subject: MatchSubject | PreparedSubject): PreparedSubject {
  return subject instanceof PreparedSubject ? subject : prepareSubject(subject);
}

/** Evaluates one request against every compiled policy; results in the order of `compiled`. */
export function evaluate(compiled: readonly CompiledPolicy[], subject: MatchSubject | PreparedSubject): LenderEvaluation[] {
  const s = prepared(subject);
  const out = new Array<LenderEvaluation>(compiled.length);
  for (let i = 0; i < compiled.length; i++) {
    const c = compiled[i];
    out[i] = new LenderEvaluation(c, s, isEligible(c, s));
  }
  return out;
}

/** Only the eligible lenders' compiled policies, in input order (no result objects). */
export function eligibleLenders(compiled: readonly CompiledPolicy[], subject: MatchSubject | PreparedSubject): CompiledPolicy[] {
  const s = prepared(subject);
  const out: CompiledPolicy[] = [];
  for (let i = 0; i < compiled.length; i++) if (isEligible(compiled[i], s)) out.push(compiled[i]);
  return out;
}
