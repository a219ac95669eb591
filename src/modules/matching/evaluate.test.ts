import { describe, expect, it } from 'vitest';
import { CompiledPolicyCache, compilePolicy, withVolumeUsed } from './compile-policy.js';
import type { CreditPolicy } from './credit-policy.types.js';
import { eligibleLenders, evaluate } from './evaluate.js';
import { aLender, aSubject } from './matching.fixtures.js';
import { CRITERIA, type LenderForMatching, type MatchSubject } from './matching.types.js';
import { InvalidMatchSubjectError, prepareSubject } from './prepare-subject.js';

type SubjectOverrides = Parameters<typeof aSubject>[0];

function verdict(policy: CreditPolicy, subject: SubjectOverrides = {}, lender: Partial<LenderForMatching> = {}) {
  const [result] = evaluate([compilePolicy(aLender(policy, lender))], aSubject(subject));
  return { eligible: result.eligible, failed: result.failedCriteria, notes: result.notes };
}

function eligible(policy: CreditPolicy, subject: SubjectOverrides = {}, lender: Partial<LenderForMatching> = {}): boolean {
  const v = verdict(policy, subject, lender);
  // the fast path and the full evaluation must agree
  expect(v.failed.length === 0).toBe(v.eligible);
  return v.eligible;
}

describe('evaluate: boundaries of every criterion (bounds inclusive)', () => {
  it('products', () => {
    expect(eligible({ products: ['investment_loan'] })).toBe(true);
    expect(eligible({ products: ['leasing', 'factoring'] })).toBe(false);
    expect(eligible({ products: ['leasing', 'factoring'] }, { product: 'factoring' })).toBe(true);
  });

  it('amount: exactly min and max pass, one cent outside fails', () => {
    const policy = { amount: { min: '10000.00', max: '250000.00' } };
    expect(eligible(policy, { amount: '250000.00' })).toBe(true);
    expect(eligible(policy, { amount: '250000' })).toBe(true);
    expect(eligible(policy, { amount: '250000.01' })).toBe(false);
    expect(eligible(policy, { amount: '10000.00' })).toBe(true);
    expect(eligible(policy, { amount: '9999.99' })).toBe(false);
    expect(eligible({ amount: { max: '0.1' } }, { amount: '0.10' })).toBe(true);
    expect(eligible({ amount: { max: '0.1' } }, { amount: '0.11' })).toBe(false);
    expect(eligible({ amount: { min: '1000000' } }, { amount: '999999.99' })).toBe(false);
  });

  it('termMonths', () => {
    const policy = { termMonths: { min: 12, max: 60 } };
    expect(eligible(policy, { termMonths: 12 })).toBe(true);
    expect(eligible(policy, { termMonths: 60 })).toBe(true);
    expect(eligible(policy, { termMonths: 11 })).toBe(false);
    expect(eligible(policy, { termMonths: 61 })).toBe(false);
  });

  it('federalStates; null means nationwide', () => {
    expect(eligible({ federalStates: ['BY'] })).toBe(true);
    expect(eligible({ federalStates: ['BW', 'HE'] })).toBe(false);
    expect(eligible({ federalStates: null })).toBe(true);
  });

  it('postalCodePrefixes, including postcodes with a leading zero', () => {
    const dresden = { company: { federalState: 'SN', postalCode: '01067' } };
    expect(eligible({ postalCodePrefixes: ['01'] }, dresden)).toBe(true);
    expect(eligible({ postalCodePrefixes: ['0'] }, dresden)).toBe(true);
    expect(eligible({ postalCodePrefixes: ['010'] }, dresden)).toBe(true);
    expect(eligible({ postalCodePrefixes: ['01067'] }, dresden)).toBe(true);
    expect(eligible({ postalCodePrefixes: ['01068'] }, dresden)).toBe(false);
    expect(eligible({ postalCodePrefixes: ['1'] }, dresden)).toBe(false);
    expect(eligible({ postalCodePrefixes: ['10', '1067'] }, dresden)).toBe(false);
    expect(eligible({ postalCodePrefixes: ['80', '81'] }, dresden)).toBe(false);
    expect(eligible({ postalCodePrefixes: ['80', '81', '01'] }, dresden)).toBe(true);
    expect(eligible({ postalCodePrefixes: ['99'] }, { company: { postalCode: '99998' } })).toBe(true);
    expect(eligible({ postalCodePrefixes: null })).toBe(true);
  });

  it('federal state and postcode area must both match when both are set', () => {
    expect(eligible({ federalStates: ['BY'], postalCodePrefixes: ['90'] })).toBe(true);
    expect(eligible({ federalStates: ['BW'], postalCodePrefixes: ['90'] })).toBe(false);
    expect(verdict({ federalStates: ['BW'], postalCodePrefixes: ['80'] }).failed).toEqual([
      'federalStates',
      'postalCodePrefixes',
    ]);
  });

  it('industries: include by section, division, group, class; prefixes only on boundaries', () => {
    for (const prefix of ['C', '25', '25.6', '25.62']) expect(eligible({ industries: { include: [prefix] } }), prefix).toBe(true);
    for (const prefix of ['G', '26', '25.5', '25.61', '25.62.1']) {
      expect(eligible({ industries: { include: [prefix] } }), prefix).toBe(false);
    }
    expect(eligible({ industries: { include: ['47.1'] } }, { company: { industryCode: '47.11' } })).toBe(true);
    expect(eligible({ industries: { include: ['47'] } }, { company: { industryCode: '47.11' } })).toBe(true);
    expect(eligible({ industries: { include: ['46', '49'] } }, { company: { industryCode: '47.11' } })).toBe(false);
  });

  it('industries: exclude wins over include', () => {
    expect(eligible({ industries: { include: ['C'], exclude: ['25.62'] } })).toBe(false);
    expect(eligible({ industries: { include: ['25.62'], exclude: ['C'] } })).toBe(false);
    expect(eligible({ industries: { include: ['C'], exclude: ['25.61', '26'] } })).toBe(true);
    expect(eligible({ industries: { exclude: ['25'] } })).toBe(false);
    expect(eligible({ industries: { exclude: ['G', '92'] } })).toBe(true);
  });

  it('industries: a company coded only coarsely is not "within" a narrower include and is excluded by any overlapping exclude', () => {
    const coarse = { company: { industryCode: 'C' } };
    expect(eligible({ industries: { include: ['C'] } }, coarse)).toBe(true);
    expect(eligible({ industries: { include: ['25'] } }, coarse)).toBe(false);
    expect(eligible({ industries: { exclude: ['12'] } }, coarse)).toBe(false); // might be tobacco
    expect(eligible({ industries: { exclude: ['G'] } }, coarse)).toBe(true);
  });

  it('legalForms', () => {
    expect(eligible({ legalForms: ['GmbH', 'UG'] })).toBe(true);
    expect(eligible({ legalForms: ['GbR'] })).toBe(false);
    expect(eligible({ legalForms: ['GmbH & Co. KG'] }, { company: { legalForm: 'GmbH & Co. KG' } })).toBe(true);
  });

  it('minYearsInBusiness, calendar-exact including leap-day foundings', () => {
    const leap = (submittedOn: string) => ({ submittedOn, company: { foundedOn: '2020-02-29' } });
    expect(eligible({ minYearsInBusiness: 4 }, leap('2024-02-28'))).toBe(false);
    expect(eligible({ minYearsInBusiness: 4 }, leap('2024-02-29'))).toBe(true);
    expect(eligible({ minYearsInBusiness: 3 }, leap('2023-02-28'))).toBe(false);
    expect(eligible({ minYearsInBusiness: 3 }, leap('2023-03-01'))).toBe(true);
    const normal = (submittedOn: string) => ({ submittedOn, company: { foundedOn: '2022-03-14' } });
    expect(eligible({ minYearsInBusiness: 2 }, normal('2024-03-13'))).toBe(false);
    expect(eligible({ minYearsInBusiness: 2 }, normal('2024-03-14'))).toBe(true);
    expect(eligible({ minYearsInBusiness: 0 }, { company: { foundedOn: '2025-03-14' } })).toBe(true);
  });

  it('minAnnualRevenue: exact to the cent', () => {
    expect(eligible({ minAnnualRevenue: '3000000.00' })).toBe(true);
    expect(eligible({ minAnnualRevenue: '3000000.01' })).toBe(false);
    expect(eligible({ minAnnualRevenue: '0' }, { company: { annualRevenue: '0.00' } })).toBe(true);
  });

  it('maxAmountToRevenue: amount equal to ratio × revenue passes, one cent more fails', () => {
    expect(eligible({ maxAmountToRevenue: '0.5' }, { amount: '1500000.00' })).toBe(true);
    expect(eligible({ maxAmountToRevenue: '0.5' }, { amount: '1500000.01' })).toBe(false);
    // 0.1 is not exact in binary floating point; 0.1 × 3,000,000.00 = 300,000.00 must pass
    expect(eligible({ maxAmountToRevenue: '0.1' }, { amount: '300000.00' })).toBe(true);
    expect(eligible({ maxAmountToRevenue: '0.1' }, { amount: '300000.01' })).toBe(false);
    // 0.3 × 0.70 = 0.21 (0.3 * 0.7 = 0.21000000000000002 in doubles)
    expect(eligible({ maxAmountToRevenue: '0.3' }, { amount: '0.21', company: { annualRevenue: '0.70' } })).toBe(true);
    expect(eligible({ maxAmountToRevenue: '0.3' }, { amount: '0.22', company: { annualRevenue: '0.70' } })).toBe(false);
    expect(eligible({ maxAmountToRevenue: '2.5' }, { amount: '7500000.00' })).toBe(true);
    expect(eligible({ maxAmountToRevenue: '0.5' }, { amount: '0.01', company: { annualRevenue: '0' } })).toBe(false);
    // beyond 2^53 in the cross-multiplication: 0.9 × 9,999,999,999,999.90 = 8,999,999,999,999.91
    const revenue = { annualRevenue: '9999999999999.90' };
    expect(eligible({ maxAmountToRevenue: '0.9' }, { amount: '8999999999999.91', company: revenue })).toBe(true);
    expect(eligible({ maxAmountToRevenue: '0.9' }, { amount: '8999999999999.92', company: revenue })).toBe(false);
    expect(eligible({ maxAmountToRevenue: '0.900001' }, { amount: '8999999999999.92', company: revenue })).toBe(true);
  });

  it('worstRatingClass: equal passes, worse fails, no rating passes with a note', () => {
    expect(eligible({ worstRatingClass: 4 }, { ratingClass: 4 })).toBe(true);
    expect(eligible({ worstRatingClass: 4 }, { ratingClass: 5 })).toBe(false);
    expect(eligible({ worstRatingClass: 1 }, { ratingClass: 1 })).toBe(true);
    const pending = verdict({ worstRatingClass: 1 }, { ratingClass: null });
    expect(pending.eligible).toBe(true);
    expect(pending.notes).toEqual([
      {
        criterion: 'worstRatingClass',
        message: { de: 'Noch kein Rating – Kriterium vorläufig erfüllt', en: 'No rating yet – criterion provisionally met' },
      },
    ]);
    expect(verdict({ worstRatingClass: 4 }, { ratingClass: 3 }).notes).toEqual([]);
    expect(verdict({}, { ratingClass: null }).notes).toEqual([]); // no rating criterion, nothing to note
  });

  it('monthlyVolumeCap: used + amount equal to the cap passes, one cent more fails', () => {
    const policy = { monthlyVolumeCap: '1000000.00' };
    expect(eligible(policy, {}, { volumeUsedThisMonth: '750000.00' })).toBe(true);
    expect(eligible(policy, {}, { volumeUsedThisMonth: '750000.01' })).toBe(false);
    expect(eligible(policy, { amount: '1000000.00' }, { volumeUsedThisMonth: '0' })).toBe(true);
    expect(eligible(policy, { amount: '1000000.01' }, { volumeUsedThisMonth: '0' })).toBe(false);
  });

  it('the empty policy accepts everything', () => {
    expect(eligible({})).toBe(true);
    expect(eligible({}, { product: 'mezzanine', amount: '0.01', termMonths: 600, company: { industryCode: 'U' } })).toBe(true);
  });
});

describe('evaluate: results', () => {
  const strict: CreditPolicy = {
    products: ['leasing'],
    amount: { max: '100000' },
    termMonths: { max: 36 },
    federalStates: ['HH'],
    postalCodePrefixes: ['20'],
    industries: { include: ['G'] },
    legalForms: ['GbR'],
    minYearsInBusiness: 20,
    minAnnualRevenue: '5000000',
    maxAmountToRevenue: '0.05',
    worstRatingClass: 2,
    monthlyVolumeCap: '100000',
  };

  it('lists every failed criterion, not only the first, in policy order', () => {
    const [result] = evaluate([compilePolicy(aLender(strict))], aSubject());
    expect(result.eligible).toBe(false);
    expect(result.reasons.map((r) => r.criterion)).toEqual([...CRITERIA]);
    expect(result.failedCriteria).toEqual([...CRITERIA]);
  });

  it('keeps the input order, with one result per lender, and serialises to plain data', () => {
    const lenders = [aLender({}), aLender(strict), aLender({ products: ['investment_loan'] })];
    const results = evaluate(lenders.map(compilePolicy), aSubject());
    expect(results.map((r) => [r.lenderId, r.eligible])).toEqual([
      [lenders[0].id, true],
      [lenders[1].id, false],
      [lenders[2].id, true],
    ]);
    const json = JSON.parse(JSON.stringify(results));
    expect(json[0]).toEqual({ lenderId: lenders[0].id, eligible: true, reasons: [], notes: [] });
    expect(json[1].reasons).toHaveLength(12);
    expect(Object.keys(json[1].reasons[0])).toEqual(['criterion', 'message']);
  });

  it('eligibleLenders returns only the matching compiled policies', () => {
    const lenders = [aLender({}), aLender(strict)].map(compilePolicy);
    expect(eligibleLenders(lenders, aSubject())).toEqual([lenders[0]]);
  });

  it('accepts a prepared subject so several evaluations share the preparation', () => {
    const prepared = prepareSubject(aSubject());
    const compiled = [compilePolicy(aLender({ amount: { max: '250000' } }))];
    expect(evaluate(compiled, prepared)[0].eligible).toBe(true);
  });

  it('rejects malformed subjects with the field named', () => {
    const bad: [string, MatchSubject][] = [
      ['amount', aSubject({ amount: '250000.001' })],
      ['amount', aSubject({ amount: '-5' })],
      ['company.annualRevenue', aSubject({ company: { annualRevenue: '3 Mio' } })],
      ['company.postalCode', aSubject({ company: { postalCode: '1067' } })],
      ['company.industryCode', aSubject({ company: { industryCode: '4' } })],
      ['company.federalState', aSubject({ company: { federalState: 'Bayern' } })],
      ['company.foundedOn', aSubject({ company: { foundedOn: '2026-01-01' } })],
      ['submittedOn', aSubject({ submittedOn: '2025-02-29' })],
      ['ratingClass', aSubject({ ratingClass: 11 })],
      ['termMonths', aSubject({ termMonths: 0 })],
      ['product', aSubject({ product: 'overdraft' as never })],
    ];
    for (const [field, subject] of bad) {
      expect(() => prepareSubject(subject), field).toThrow(InvalidMatchSubjectError);
      try {
        prepareSubject(subject);
      } catch (error) {
        expect((error as InvalidMatchSubjectError).field).toBe(field);
      }
    }
  });

  it('refuses to compile an invalid policy', () => {
    expect(() => compilePolicy(aLender({ amount: { min: '5', max: '1' } }))).toThrow();
    expect(() => compilePolicy(aLender({ unknown: true } as CreditPolicy))).toThrow();
  });
});

describe('compiled policy cache', () => {
  it('compiles once per policy version and only refreshes the month-to-date volume', () => {
    const cache = new CompiledPolicyCache();
    const lender = aLender({ monthlyVolumeCap: '1000000' });
    const first = cache.get(lender);
    expect(cache.get(lender)).toBe(first);
    const later = cache.get({ ...lender, volumeUsedThisMonth: '900000.00' });
    expect(cache.compilations).toBe(1);
    expect(later.volumeUsedCents).toBe(90000000);
    expect(later.postcodeRanges).toBe(first.postcodeRanges);
    expect(evaluate([later], aSubject())[0].eligible).toBe(false);
    const v2 = cache.get({ ...lender, policyVersion: 2, policy: {} });
    expect(cache.compilations).toBe(2);
    expect(evaluate([v2], aSubject())[0].eligible).toBe(true);
  });

  it('withVolumeUsed swaps the volume only', () => {
    const compiled = compilePolicy(aLender({ monthlyVolumeCap: '300000' }));
    expect(evaluate([compiled], aSubject())[0].eligible).toBe(true);
    expect(evaluate([withVolumeUsed(compiled, '50000.01')], aSubject())[0].eligible).toBe(false);
    expect(evaluate([withVolumeUsed(compiled, '50000.00')], aSubject())[0].eligible).toBe(true);
  });
});
