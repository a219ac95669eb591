import { describe, expect, it } from 'vitest';
import { ZCreditPolicySchema, parseCreditPolicy, type CreditPolicy } from './credit-policy.types.js';

const full: CreditPolicy = {
  products: ['investment_loan', 'working_capital_loan'],
  amount: { min: '10000.00', max: '2000000' },
  termMonths: { min: 12, max: 120 },
  federalStates: ['BY', 'BW'],
  postalCodePrefixes: ['80', '81', '01067'],
  industries: { include: ['C', '47.11', '10', '25.6', '25.62.0'], exclude: ['92'] },
  legalForms: ['GmbH', 'GmbH & Co. KG', 'e.K.'],
  minYearsInBusiness: 2,
  minAnnualRevenue: '250000.00',
  maxAmountToRevenue: '0.5',
  worstRatingClass: 6,
  monthlyVolumeCap: '5000000.00',
};

function issues(input: unknown): string[] {
  const result = ZCreditPolicySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
}

describe('credit policy schema', () => {
  it('accepts a complete policy and the empty policy (no restrictions)', () => {
    expect(parseCreditPolicy(full)).toEqual(full);
    expect(parseCreditPolicy({})).toEqual({});
  });

  it('accepts null as "nationwide" for the regional criteria', () => {
    expect(parseCreditPolicy({ federalStates: null, postalCodePrefixes: null })).toEqual({
      federalStates: null,
      postalCodePrefixes: null,
    });
  });

  it('rejects unknown keys at every level', () => {
    expect(issues({ ...full, minYearInBusiness: 3 })).toEqual([': unrecognized_keys']);
    expect(issues({ amount: { min: '1', maximum: '2' } })).toEqual(['amount: unrecognized_keys']);
    expect(issues({ termMonths: { min: 1, mx: 2 } })).toEqual(['termMonths: unrecognized_keys']);
    expect(issues({ industries: { includes: ['C'] } })).toEqual(['industries: unrecognized_keys']);
  });

  it('rejects min above max but accepts min equal to max', () => {
    expect(issues({ amount: { min: '100.01', max: '100.00' } })).toEqual(['amount.max: custom']);
    expect(issues({ termMonths: { min: 61, max: 60 } })).toEqual(['termMonths.max: custom']);
    expect(issues({ amount: { min: '100', max: '100.00' }, termMonths: { min: 60, max: 60 } })).toEqual([]);
  });

  it('accepts only decimal EUR strings with at most two decimals for money', () => {
    for (const ok of ['0', '1', '1.5', '250000.00', '9999999999999.99']) expect(issues({ minAnnualRevenue: ok })).toEqual([]);
    for (const bad of ['-1', '1.234', '1e6', ' 1', '01', '1,5', '', '10000000000000']) {
      expect(issues({ minAnnualRevenue: bad }), bad).not.toEqual([]);
    }
    expect(issues({ minAnnualRevenue: 250000 })).not.toEqual([]);
  });

  it('accepts positive decimal ratios with up to six decimals', () => {
    for (const ok of ['0.5', '1', '1.25', '0.333333']) expect(issues({ maxAmountToRevenue: ok })).toEqual([]);
    for (const bad of ['0', '0.0', '-0.5', '.5', '0.1234567', 'half']) {
      expect(issues({ maxAmountToRevenue: bad }), bad).not.toEqual([]);
    }
  });

  it('validates WZ 2008 prefixes: sections, existing divisions and deeper levels only', () => {
    for (const ok of ['A', 'U', '01', '47', '47.1', '47.11', '47.11.1', '99']) {
      expect(issues({ industries: { include: [ok] } }), ok).toEqual([]);
    }
    // "4" is no WZ level (divisions have two digits); 04 and 34 are gaps in WZ 2008; "V" no section.
    for (const bad of ['4', '04', '34', '4711', '47.111', '47.1.1', 'V', 'c', '']) {
      expect(issues({ industries: { exclude: [bad] } }), bad).not.toEqual([]);
    }
  });

  it('validates the enumerations, rating and year ranges', () => {
    expect(issues({ products: ['overdraft'] })).toEqual(['products.0: invalid_value']);
    expect(issues({ federalStates: ['XX'] })).toEqual(['federalStates.0: invalid_value']);
    expect(issues({ legalForms: ['Ltd'] })).toEqual(['legalForms.0: invalid_value']);
    expect(issues({ worstRatingClass: 0 })).not.toEqual([]);
    expect(issues({ worstRatingClass: 11 })).not.toEqual([]);
    expect(issues({ worstRatingClass: 5.5 })).not.toEqual([]);
    expect(issues({ minYearsInBusiness: -1 })).not.toEqual([]);
    expect(issues({ postalCodePrefixes: ['123456'] })).not.toEqual([]);
    expect(issues({ postalCodePrefixes: ['8a'] })).not.toEqual([]);
  });

  it('rejects empty lists (they would silently block every request); use null or omit the key', () => {
    expect(issues({ products: [] })).toEqual(['products: too_small']);
    expect(issues({ federalStates: [] })).toEqual(['federalStates: too_small']);
    expect(issues({ legalForms: [] })).toEqual(['legalForms: too_small']);
    expect(issues({ industries: { include: [] } })).toEqual(['industries.include: too_small']);
    expect(issues({ industries: { exclude: [] } })).toEqual([]);
  });
});
