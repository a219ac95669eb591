/**
 * Compiles a lender's credit policy into a flat predicate object, once per policy version.
 *
 * Every criterion becomes plain numbers the hot path compares without parsing, allocating or even
 * checking whether the criterion is set — an absent criterion compiles to a value that always passes:
 *
 * | criterion            | compiled as                                   | absent          |
 * |----------------------|-----------------------------------------------|-----------------|
 * | products, legalForms, federalStates | bit mask                       | all bits        |
 * | amount, minAnnualRevenue, monthlyVolumeCap | integer cents          | 0 / +Infinity   |
 * | termMonths, minYearsInBusiness, worstRatingClass | integers          | ±Infinity       |
 * | postalCodePrefixes   | sorted postcode ranges ("80" → 80000–80999)   | [0, 99999]      |
 * | industries           | WZ intervals (see industry-codes.ts)          | include all / exclude none |
 * | maxAmountToRevenue   | numerator / 10^k                              | scale 0 = off   |
 *
 * The volume already used this month changes between requests while the policy does not:
 * `CompiledPolicyCache` recompiles only when the policy version changes and otherwise just swaps the
 * volume (`withVolumeUsed`).
 */
import { parseCents, parseRatio } from './cents.js';
import { ZCreditPolicySchema, type CreditPolicy } from './credit-policy.types.js';
import { mergedIntervals } from './industry-codes.js';
import type { LenderForMatching, LenderType } from './matching.types.js';
import { FEDERAL_STATE_BIT, LEGAL_FORM_BIT, PRODUCT_BIT } from './prepare-subject.js';

const ALL_BITS = 0x7fffffff;
const EVERY_POSTCODE = Int32Array.of(0, 99999);
const EVERY_INDUSTRY = Int32Array.of(0, 99999);
const NO_INDUSTRY = new Int32Array(0);

export class CompiledPolicy {
  constructor(
    readonly lenderId: string,
    readonly lenderName: string,
    readonly lenderType: LenderType,
    readonly policyVersion: number,
    /** The validated source policy (for messages and ranking). */
    readonly policy: CreditPolicy,
    readonly volumeUsedCents: number,
    readonly productMask: number,
    /** How many products the policy names (8 when it names none). */
    readonly productCount: number,
    readonly amountMinCents: number,
    readonly amountMaxCents: number,
    readonly termMin: number,
    readonly termMax: number,
    readonly stateMask: number,
    /** Flat [lo, hi, …] postcode ranges. */
    readonly postcodeRanges: Int32Array,
    /** Flat [lo, hi, …] WZ intervals a company's code must lie within (one of). */
    readonly industryInclude: Int32Array,
    /** Flat [lo, hi, …] WZ intervals a company's code must not overlap. */
    readonly industryExclude: Int32Array,
    readonly legalFormMask: number,
    readonly minYears: number,
    readonly minRevenueCents: number,
    readonly ratioNumerator: number,
    /** 0 when `maxAmountToRevenue` is not set. */
    readonly ratioScale: number,
    readonly worstRatingClass: number,
    readonly capCents: number,
  ) {}
}

function mask(values: readonly string[] | null | undefined, bits: ReadonlyMap<string, number>): number {
  if (values === undefined || values === null) return ALL_BITS;
  let m = 0;
  for (const v of values) m |= bits.get(v) ?? 0;
  return m;
}

/** "80" → [80000, 80999], "0" → [0, 9999], "01067" → [1067, 1067]; sorted, overlaps merged. */
export function postcodeRanges(prefixes: readonly string[]): Int32Array {
  const ranges = prefixes
    .map((p) => {
      const width = 10 ** (5 - p.length);
      const lo = Number(p) * width;
      return [lo, lo + width - 1] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (const [lo, hi] of ranges) {
    const last = flat.length - 1;
    if (last > 0 && lo <= flat[last] + 1) flat[last] = Math.max(flat[last], hi);
    else flat.push(lo, hi);
  }
  return Int32Array.from(flat);
}

function volumeCents(volumeUsedThisMonth: string, lenderId: string): number {
  try {
    return parseCents(volumeUsedThisMonth);
  } catch (error) {
    throw new RangeError(`lender ${lenderId}: volumeUsedThisMonth ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Validates the lender's policy (strictly, with the Zod schema) and compiles it. Throws a ZodError for
 * an invalid policy — a stored policy is validated on save, so this only fires on corrupt data.
 */
export function compilePolicy(lender: LenderForMatching): CompiledPolicy {
  const policy = ZCreditPolicySchema.parse(lender.policy);
  const include = policy.industries?.include;
  const exclude = policy.industries?.exclude;
  const ratio = policy.maxAmountToRevenue === undefined ? null : parseRatio(policy.maxAmountToRevenue);
  return new CompiledPolicy(
    lender.id,
    lender.name,
    lender.type,
    lender.policyVersion,
    policy,
    volumeCents(lender.volumeUsedThisMonth, lender.id),
    mask(policy.products, PRODUCT_BIT),
    policy.products === undefined ? PRODUCT_BIT.size : new Set(policy.products).size,
    policy.amount?.min === undefined ? 0 : parseCents(policy.amount.min),
    policy.amount?.max === undefined ? Infinity : parseCents(policy.amount.max),
    policy.termMonths?.min ?? -Infinity,
    policy.termMonths?.max ?? Infinity,
    mask(policy.federalStates, FEDERAL_STATE_BIT),
    policy.postalCodePrefixes == null ? EVERY_POSTCODE : postcodeRanges(policy.postalCodePrefixes),
    include === undefined ? EVERY_INDUSTRY : mergedIntervals(include),
    exclude === undefined || exclude.length === 0 ? NO_INDUSTRY : mergedIntervals(exclude),
    mask(policy.legalForms, LEGAL_FORM_BIT),
    policy.minYearsInBusiness ?? -Infinity,
    policy.minAnnualRevenue === undefined ? 0 : parseCents(policy.minAnnualRevenue),
    ratio?.numerator ?? 0,
    ratio?.scale ?? 0,
    policy.worstRatingClass ?? Infinity,
    policy.monthlyVolumeCap === undefined ? Infinity : parseCents(policy.monthlyVolumeCap),
  );
}

/** The same compiled policy with another month-to-date volume; no recompilation. */
export function withVolumeUsed(compiled: CompiledPolicy, volumeUsedThisMonth: string): CompiledPolicy {
  const c = compiled;
  return new CompiledPolicy(
    c.lenderId, c.lenderName, c.lenderType, c.policyVersion, c.policy,
    volumeCents(volumeUsedThisMonth, c.lenderId),
    c.productMask, c.productCount, c.amountMinCents, c.amountMaxCents, c.termMin, c.termMax, c.stateMask,
    c.postcodeRanges, c.industryInclude, c.industryExclude, c.legalFormMask, c.minYears, c.minRevenueCents,
    c.ratioNumerator, c.ratioScale, c.worstRatingClass, c.capCents,
  );
}

/**
 * Keeps one compiled policy per lender and policy version. `compile(lenders)` returns the array to
 * pass to `evaluate`, recompiling a lender only when its `policyVersion` changed (the policy of a
 * given version is immutable) and refreshing the volume used this month otherwise.
 */
export class CompiledPolicyCache {
  private readonly byLender = new Map<string, CompiledPolicy>();
  /** How many policies were compiled (not served from the cache) so far. */
  compilations = 0;

  get(lender: LenderForMatching): CompiledPolicy {
    const cached = this.byLender.get(lender.id);
    if (cached !== undefined && cached.policyVersion === lender.policyVersion) {
      if (volumeCents(lender.volumeUsedThisMonth, lender.id) === cached.volumeUsedCents) return cached;
      const refreshed = withVolumeUsed(cached, lender.volumeUsedThisMonth);
      this.byLender.set(lender.id, refreshed);
      return refreshed;
    }
    const compiled = compilePolicy(lender);
    this.compilations += 1;
    this.byLender.set(lender.id, compiled);
    return compiled;
  }

  compile(lenders: readonly LenderForMatching[]): CompiledPolicy[] {
    return lenders.map((lender) => this.get(lender));
  }

  /** Forget lenders that no longer exist (e.g. deactivated). */
  retain(lenderIds: Iterable<string>): void {
    const keep = new Set(lenderIds);
    for (const id of this.byLender.keys()) if (!keep.has(id)) this.byLender.delete(id);
  }
}
