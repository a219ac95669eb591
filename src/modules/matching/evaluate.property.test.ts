/**
 * Property test: the compiled engine agrees with a deliberately naive reference evaluator, written
 * independently — decimal.js for money, string prefixes for WZ codes and postcodes, date-fns for the
 * years in business — on every criterion, for random policies and requests concentrated around the
 * policies' bounds.
 */
import { differenceInYears } from 'date-fns';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy.js';
import type { CreditPolicy } from './credit-policy.types.js';
import { evaluate } from './evaluate.js';
import { FEDERAL_STATES, LEGAL_FORMS, PRODUCTS, type Criterion, type MatchSubject } from './matching.types.js';
import { DIVISION_SECTION } from './wz-sections.js';

// ---------------------------------------------------------------- reference evaluator

function sectionOf(code: string): string {
  return /^[A-U]$/.test(code) ? code : DIVISION_SECTION[code.slice(0, 2)];
}

function divisionsOf(section: string): string[] {
  return Object.keys(DIVISION_SECTION).filter((d) => DIVISION_SECTION[d] === section);
}

/**
 * Valid WZ codes are only ever string prefixes of their descendants, so startsWith is the hierarchy.
 * A section with a single division (D = 35, L = 68, O = 84, P = 85, U = 99) is the same set of
 * activities as that division, so "U" lies within "99".
 */
function within(code: string, prefix: string): boolean {
  if (/^[A-U]$/.test(prefix)) return sectionOf(code) === prefix;
  if (/^[A-U]$/.test(code)) return divisionsOf(code).join() === prefix;
  return code.startsWith(prefix);
}

function localDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
}

function referenceFailures(policy: CreditPolicy, volumeUsed: string, s: MatchSubject): Set<Criterion> {
  const failed = new Set<Criterion>();
  const amount = new Decimal(s.amount);
  const revenue = new Decimal(s.company.annualRevenue);
  const code = s.company.industryCode;
  if (policy.products && !policy.products.includes(s.product)) failed.add('products');
  if (
    (policy.amount?.min !== undefined && amount.lt(policy.amount.min)) ||
    (policy.amount?.max !== undefined && amount.gt(policy.amount.max))
  ) {
    failed.add('amount');
  }
  if (
    (policy.termMonths?.min !== undefined && s.termMonths < policy.termMonths.min) ||
    (policy.termMonths?.max !== undefined && s.termMonths > policy.termMonths.max)
  ) {
    failed.add('termMonths');
  }
  if (policy.federalStates && !(policy.federalStates as string[]).includes(s.company.federalState)) failed.add('federalStates');
  if (policy.postalCodePrefixes && !policy.postalCodePrefixes.some((p) => s.company.postalCode.startsWith(p))) {
    failed.add('postalCodePrefixes');
  }
  const include = policy.industries?.include;
  const exclude = policy.industries?.exclude ?? [];
  if (
    (include !== undefined && !include.some((p) => within(code, p))) ||
    exclude.some((p) => within(code, p) || within(p, code))
  ) {
    failed.add('industries');
  }
  if (policy.legalForms && !policy.legalForms.includes(s.company.legalForm)) failed.add('legalForms');
  if (
    policy.minYearsInBusiness !== undefined &&
    differenceInYears(localDate(s.submittedOn), localDate(s.company.foundedOn)) < policy.minYearsInBusiness
  ) {
    failed.add('minYearsInBusiness');
  }
  if (policy.minAnnualRevenue !== undefined && revenue.lt(policy.minAnnualRevenue)) failed.add('minAnnualRevenue');
  if (policy.maxAmountToRevenue !== undefined && amount.gt(revenue.times(policy.maxAmountToRevenue))) {
    failed.add('maxAmountToRevenue');
  }
  if (policy.worstRatingClass !== undefined && s.ratingClass !== null && s.ratingClass > policy.worstRatingClass) {
    failed.add('worstRatingClass');
  }
  if (policy.monthlyVolumeCap !== undefined && new Decimal(volumeUsed).plus(amount).gt(policy.monthlyVolumeCap)) {
    failed.add('monthlyVolumeCap');
  }
  return failed;
}

// ---------------------------------------------------------------- generators

const cents = (c: bigint | number) => {
  const v = BigInt(c);
  return `${v / 100n}.${(v % 100n).toString().padStart(2, '0')}`;
};

/** Money values clustered so policy bounds and request values often coincide or differ by a cent. */
const MONEY_ANCHORS = [0, 1, 100, 5_000_00, 10_000_00, 250_000_00, 1_000_000_00, 3_000_000_00, 999_999_999_999_99];
const moneyCents = fc.oneof(
  fc.constantFrom(...MONEY_ANCHORS).chain((a) => fc.constantFrom(a, a + 1, Math.max(0, a - 1))),
  fc.integer({ min: 0, max: 10_000_000_00 }),
);
const money = moneyCents.map(cents);

const ratio = fc
  .tuple(fc.integer({ min: 1, max: 3_000_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([n, k]) => {
    const s = n.toString().padStart(k + 1, '0');
    const text = k === 0 ? s : `${s.slice(0, s.length - k)}.${s.slice(s.length - k)}`;
    return text.replace(/^0+(?=\d)/, '');
  })
  .filter((r) => /^(?:0|[1-9]\d{0,3})(?:\.\d{1,6})?$/.test(r));

const INDUSTRY_POOL = [
  'A', 'C', 'F', 'G', 'K', 'Q', 'R', 'U',
  '01', '10', '12', '25', '33', '41', '45', '47', '64', '92', '99',
  '01.1', '25.6', '47.1', '47.2', '64.1',
  '01.11', '10.11', '25.61', '25.62', '47.11', '47.21', '64.19', '92.00',
  '25.62.0', '47.11.1',
];
const industry = fc.constantFrom(...INDUSTRY_POOL);

const POSTCODES = ['01067', '01069', '04109', '10115', '20095', '80331', '81675', '90402', '99998', '00001'];
const postcode = fc.oneof(fc.constantFrom(...POSTCODES), fc.integer({ min: 1000, max: 99999 }).map((n) => n.toString().padStart(5, '0')));
const postcodePrefix = fc.tuple(postcode, fc.integer({ min: 1, max: 5 })).map(([p, n]) => p.slice(0, n));

const isoDate = (min: number, max: number) =>
  fc.integer({ min, max }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const DAY_2024_01_01 = 19723;

const subjectArb: fc.Arbitrary<MatchSubject> = fc
  .record({
    product: fc.constantFrom(...PRODUCTS),
    amount: money,
    termMonths: fc.integer({ min: 1, max: 600 }),
    submittedOn: isoDate(DAY_2024_01_01, DAY_2024_01_01 + 3 * 366),
    ratingClass: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
    federalState: fc.constantFrom(...FEDERAL_STATES),
    postalCode: postcode,
    industryCode: industry,
    legalForm: fc.constantFrom(...LEGAL_FORMS),
    ageDays: fc.oneof(fc.integer({ min: 0, max: 40 * 366 }), fc.constantFrom(0, 364, 365, 366, 730, 731, 1095, 1096, 1460, 1461)),
    leapFounding: fc.boolean(),
    annualRevenue: money,
  })
  .map((r) => {
    const submitted = Date.parse(`${r.submittedOn}T00:00:00Z`) / 86_400_000;
    let foundedOn = new Date((submitted - r.ageDays) * 86_400_000).toISOString().slice(0, 10);
    if (r.leapFounding && foundedOn.slice(5) >= '03-01' && foundedOn.slice(0, 4) === '2020') foundedOn = '2020-02-29';
    return {
      product: r.product,
      amount: r.amount,
      termMonths: r.termMonths,
      submittedOn: r.submittedOn,
      ratingClass: r.ratingClass,
      company: {
        federalState: r.federalState,
        postalCode: r.postalCode,
        industryCode: r.industryCode,
        legalForm: r.legalForm,
        foundedOn,
        annualRevenue: r.annualRevenue,
      },
    };
  });

const toCents = (money: string) => BigInt(new Decimal(money).times(100).toFixed(0));
const nonNegative = (c: bigint) => (c < 0n ? 0n : c);

/** A bound near `value` (in cents): equal, a cent either side, or anywhere. */
const around = (value: bigint) =>
  fc.oneof(
    { arbitrary: fc.constant(value), weight: 3 },
    { arbitrary: fc.constantFrom(value - 1n, value + 1n).map(nonNegative), weight: 3 },
    { arbitrary: moneyCents.map((c) => BigInt(c)), weight: 2 },
  );

const aroundInt = (value: number, min: number, max: number) =>
  fc.oneof(
    fc.constant(value),
    fc.constantFrom(value - 1, value + 1),
    fc.integer({ min, max }),
  ).map((v) => Math.min(max, Math.max(min, v)));

function ordered<T>(a: T | undefined, b: T | undefined, le: (x: T, y: T) => boolean): { min?: T; max?: T } {
  const r: { min?: T; max?: T } = {};
  if (a !== undefined && b !== undefined && !le(a, b)) [a, b] = [b, a];
  if (a !== undefined) r.min = a;
  if (b !== undefined) r.max = b;
  return r;
}

/** A list that contains `wanted` about half of the time. */
function listAround<T>(all: readonly T[], wanted: T, minLength = 1): fc.Arbitrary<T[]> {
  return fc.oneof(
    fc.subarray([...all], { minLength }),
    fc.subarray([...all]).map((xs) => (xs.includes(wanted) ? xs : [...xs, wanted])),
  );
}

function ancestorsOf(code: string): string[] {
  const out = [sectionOf(code)];
  if (/^\d/.test(code)) for (const n of [2, 4, 5, 7]) if (code.length >= n) out.push(code.slice(0, n));
  return out;
}

/** Policies built around one request, so that bounds and request values often meet exactly. */
function policyAround(s: MatchSubject): fc.Arbitrary<[CreditPolicy, string]> {
  const amount = toCents(s.amount);
  const revenue = toCents(s.company.annualRevenue);
  const years = differenceInYears(localDate(s.submittedOn), localDate(s.company.foundedOn));
  const ratioNearby = revenue === 0n
    ? ratio
    : fc.oneof(
        ratio,
        fc.constantFrom(Decimal.ROUND_DOWN, Decimal.ROUND_UP).map((rounding) =>
          Decimal.max(new Decimal(amount.toString()).div(revenue.toString()).toDecimalPlaces(6, rounding), '0.000001').toFixed(),
        ),
      ).filter((r) => /^(?:0|[1-9]\d{0,3})(?:\.\d{1,6})?$/.test(r));
  return fc.tuple(
    fc.record(
      {
        products: listAround(PRODUCTS, s.product),
        amount: fc.tuple(fc.option(around(amount), { nil: undefined }), fc.option(around(amount), { nil: undefined }))
          .map(([a, b]) => ordered(a, b, (x, y) => x <= y))
          .map((r) => ({ ...(r.min !== undefined && { min: cents(r.min) }), ...(r.max !== undefined && { max: cents(r.max) }) })),
        termMonths: fc.tuple(fc.option(aroundInt(s.termMonths, 1, 600), { nil: undefined }), fc.option(aroundInt(s.termMonths, 1, 600), { nil: undefined }))
          .map(([a, b]) => ordered(a, b, (x, y) => x <= y)),
        federalStates: fc.option(listAround(FEDERAL_STATES, s.company.federalState as (typeof FEDERAL_STATES)[number]), { nil: null }),
        postalCodePrefixes: fc.option(
          fc.tuple(fc.array(postcodePrefix, { maxLength: 3 }), fc.integer({ min: 0, max: 5 }))
            .map(([xs, n]) => (n === 0 ? xs : [...xs, s.company.postalCode.slice(0, n)]))
            .filter((xs) => xs.length > 0),
          { nil: null },
        ),
        industries: fc.record(
          {
            include: fc.tuple(fc.array(industry, { maxLength: 3 }), fc.option(fc.constantFrom(...ancestorsOf(s.company.industryCode)), { nil: undefined }))
              .map(([xs, a]) => (a === undefined ? xs : [...xs, a]))
              .filter((xs) => xs.length > 0),
            exclude: fc.oneof(fc.array(industry, { maxLength: 2 }), fc.constantFrom(...ancestorsOf(s.company.industryCode)).map((a) => [a])),
          },
          { requiredKeys: [] },
        ),
        legalForms: listAround(LEGAL_FORMS, s.company.legalForm),
        minYearsInBusiness: aroundInt(years, 0, 60),
        minAnnualRevenue: around(revenue).map(cents),
        maxAmountToRevenue: ratioNearby,
        worstRatingClass: aroundInt(s.ratingClass ?? 5, 1, 10),
        monthlyVolumeCap: fc.constant(''), // replaced below, depends on the volume used
      },
      { requiredKeys: [] },
    ),
    moneyCents.map((c) => BigInt(c)),
    // keep each criterion with probability 0.4, so that a fair share of lenders is eligible
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }),
  ).chain(([full, used, dice]) => {
    const policy = Object.fromEntries(Object.entries(full).filter((_, i) => dice[i] < 4)) as CreditPolicy;
    if (policy.monthlyVolumeCap === undefined) return fc.constant<[CreditPolicy, string]>([policy, cents(used)]);
    return around(used + amount).map((cap): [CreditPolicy, string] => [{ ...policy, monthlyVolumeCap: cents(cap) }, cents(used)]);
  });
}

// ---------------------------------------------------------------- property

describe('compiled engine vs. naive reference evaluator', () => {
  it('agrees on eligibility and on the exact set of failed criteria', () => {
    fc.assert(
      fc.property(
        subjectArb.chain((subject) => fc.tuple(fc.constant(subject), fc.array(policyAround(subject), { minLength: 1, maxLength: 8 }))),
        ([subject, lenders]) => {
          const compiled = lenders.map(([policy, used], i) =>
            compilePolicy({ id: `l${i}`, name: `L${i}`, type: 'private_bank', policyVersion: 1, policy, volumeUsedThisMonth: used }),
          );
          const results = evaluate(compiled, subject);
          results.forEach((result, i) => {
            const expected = referenceFailures(lenders[i][0], lenders[i][1], subject);
            expect(result.eligible).toBe(expected.size === 0);
            expect(new Set(result.reasons.map((r) => r.criterion))).toEqual(expected);
            expect(result.reasons.every((r) => r.message.de.length > 0 && r.message.en.length > 0)).toBe(true);
          });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
