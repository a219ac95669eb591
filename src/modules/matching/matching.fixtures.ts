/** Builders for tests and benchmarks: a typical request and a lender with a given policy. */
import type { CreditPolicy } from './credit-policy.types.js';
import type { LenderForMatching, LenderType, MatchSubject } from './matching.types.js';

type SubjectOverrides = Partial<Omit<MatchSubject, 'company'>> & { company?: Partial<MatchSubject['company']> };

/** investment_loan 250,000 EUR over 60 months for a Bavarian GmbH in WZ 25.62, founded 2012. */
export function aSubject(overrides: SubjectOverrides = {}): MatchSubject {
  const { company, ...rest } = overrides;
  return {
    product: 'investment_loan',
    amount: '250000.00',
    termMonths: 60,
    submittedOn: '2025-03-14',
    ratingClass: 4,
    ...rest,
    company: {
      federalState: 'BY',
      postalCode: '90402',
      industryCode: '25.62',
      legalForm: 'GmbH',
      foundedOn: '2012-05-10',
      annualRevenue: '3000000.00',
      ...company,
    },
  };
}

let counter = 0;

export function aLender(
  policy: CreditPolicy,
  overrides: Partial<Omit<LenderForMatching, 'policy'>> = {},
): LenderForMatching {
  counter += 1;
  return {
    id: `lender-${counter}`,
    name: `Testbank ${counter}`,
    type: 'private_bank' as LenderType,
    policyVersion: 1,
    volumeUsedThisMonth: '0.00',
    ...overrides,
    policy,
  };
}
