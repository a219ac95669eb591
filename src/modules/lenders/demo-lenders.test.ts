import { describe, expect, it } from 'vitest';
import { CompiledPolicyCache, LENDER_TYPES, ZCreditPolicySchema, evaluate, type MatchSubject } from '../matching/index.js';
import { demoLendersForMatching, generateDemoLenders, seededRandom } from './demo-lenders.js';

const lenders = generateDemoLenders();
const compiled = new CompiledPolicyCache().compile(demoLendersForMatching(lenders));

function matches(subject: MatchSubject): string[] {
  return evaluate(compiled, subject)
    .filter((r) => r.eligible)
    .map((r) => r.lenderId);
}

const typical: MatchSubject = {
  product: 'investment_loan',
  amount: '250000.00',
  termMonths: 60,
  submittedOn: '2025-03-14',
  ratingClass: null,
  company: {
    federalState: 'BY',
    postalCode: '86150',
    industryCode: '25.62',
    legalForm: 'GmbH',
    foundedOn: '2012-06-01',
    annualRevenue: '3000000.00',
  },
};

describe('demo lenders', () => {
  it('generates at least 250 lenders of every type, all marked demo', () => {
    expect(lenders.length).toBeGreaterThanOrEqual(250);
    for (const type of LENDER_TYPES) expect(lenders.filter((l) => l.type === type).length, type).toBeGreaterThan(0);
    expect(lenders.filter((l) => l.type === 'savings_bank').length).toBeGreaterThanOrEqual(80);
    expect(lenders.filter((l) => l.type === 'cooperative_bank').length).toBeGreaterThanOrEqual(80);
    expect(lenders.every((l) => l.demo === true)).toBe(true);
    // a contact desk and address for each, never a person's name
    expect(lenders.filter((l) => !l.contactName || !l.contactEmail.endsWith('@lenders.demo.kreditplatz.local'))).toEqual([]);
  });

  it('every policy validates against the credit-policy schema', () => {
    for (const lender of lenders) {
      const result = ZCreditPolicySchema.safeParse(lender.policy);
      expect(result.success, `${lender.key}: ${result.error?.message}`).toBe(true);
    }
  });

  it('has unique stable keys, plausible e-mail addresses and BICs only for real banks', () => {
    const keys = new Set(lenders.map((l) => l.key));
    expect(keys.size).toBe(lenders.length);
    for (const l of lenders) {
      expect(l.key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(l.contactEmail).toBe(`${l.key}@lenders.demo.kreditplatz.local`);
      if (['leasing', 'factoring', 'fintech_lender', 'debt_fund'].includes(l.type)) {
        expect(l.bic).toBeNull();
        expect(l.name).toMatch(/^Demo /);
      } else {
        expect(l.bic).toMatch(/^[A-Z]{4}DE[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/);
      }
    }
  });

  it('takes bank names and BICs from bankdata-germany, without merged institutions or duplicate names', () => {
    const names = lenders.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.some((n) => /-alt-|Zndl|Filiale|\(Gf/.test(n))).toBe(false);
    expect(lenders.find((l) => l.key === 'deutsche-bank')).toMatchObject({ bic: 'DEUTDEFFXXX', type: 'private_bank' });
    // building societies and state banks do not lend to SMEs like this, in whatever spelling the table has
    const regional = lenders.filter((l) => l.type === 'savings_bank' || l.type === 'cooperative_bank');
    expect(regional.filter((l) => /bauspar|landesbank|girozentrale|sparda/i.test(l.name)).map((l) => l.name)).toEqual([]);
    expect(lenders.find((l) => l.key === 'lfa-foerderbank-bayern')).toMatchObject({ bic: 'LFFBDEMMXXX', federalState: 'BY' });
  });

  it('binds savings and cooperative banks to their home region', () => {
    // apoBank (health care) and GLS (sustainability) are nationwide cooperative banks with a sector focus
    const nationwide = lenders.filter((l) => /^(?:apoBank|GLS Gemeinschaftsbank)$/.test(l.name));
    expect(nationwide.map((l) => l.policy.federalStates ?? null)).toEqual([null, null]);
    const regional = lenders.filter((l) => (l.type === 'savings_bank' || l.type === 'cooperative_bank') && !nationwide.includes(l));
    for (const l of regional) {
      expect(l.federalState).not.toBeNull();
      expect(l.policy.federalStates).toEqual([l.federalState]);
    }
    expect(regional.filter((l) => l.policy.postalCodePrefixes != null).length).toBeGreaterThan(10);
    expect(new Set(regional.map((l) => l.federalState)).size).toBe(16);
    const munich = generateDemoLenders({ seed: 1 }).find((l) => l.name === 'Stadtsparkasse München');
    if (munich?.policy.postalCodePrefixes) {
      for (const p of munich.policy.postalCodePrefixes) expect(p).toMatch(/^8[01]/);
    }
  });

  it('is deterministic for a seed and varies with the seed', () => {
    expect(generateDemoLenders()).toEqual(lenders);
    expect(generateDemoLenders({ seed: 7 })).toEqual(generateDemoLenders({ seed: 7 }));
    expect(JSON.stringify(generateDemoLenders({ seed: 7 }))).not.toBe(JSON.stringify(lenders));
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('a typical request matches a healthy number of lenders, for any seed', () => {
    const ids = matches(typical);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    expect(ids.length).toBeLessThanOrEqual(60);
    // a mix: regional banks of Bavaria, nationwide banks and promotional banks
    const types = new Set(ids.map((id) => lenders.find((l) => l.key === id)!.type));
    for (const type of ['savings_bank', 'cooperative_bank', 'private_bank', 'promotional_bank']) expect(types).toContain(type);
    for (const seed of [1, 2, 3]) {
      const other = new CompiledPolicyCache().compile(demoLendersForMatching(generateDemoLenders({ seed }), { seed }));
      const n = evaluate(other, typical).filter((r) => r.eligible).length;
      expect(n, `seed ${seed}`).toBeGreaterThanOrEqual(10);
      expect(n, `seed ${seed}`).toBeLessThanOrEqual(60);
    }
  });

  it('the specialists find their requests', () => {
    expect(matches({ ...typical, product: 'leasing', amount: '80000.00', termMonths: 48 }).length).toBeGreaterThanOrEqual(3);
    expect(matches({ ...typical, product: 'factoring', amount: '400000.00', termMonths: 12 }).length).toBeGreaterThanOrEqual(3);
    const smallFast = matches({
      ...typical,
      product: 'working_capital_loan',
      amount: '40000.00',
      termMonths: 24,
      company: { ...typical.company, legalForm: 'UG', annualRevenue: '400000.00', foundedOn: '2021-01-10' },
    });
    expect(smallFast.some((id) => lenders.find((l) => l.key === id)!.type === 'fintech_lender')).toBe(true);
    const mezzanine = matches({
      ...typical,
      product: 'mezzanine',
      amount: '5000000.00',
      termMonths: 72,
      company: { ...typical.company, annualRevenue: '40000000.00' },
    });
    expect(mezzanine.length).toBeGreaterThanOrEqual(1);
  });

  it('bizarre requests match few or none', () => {
    const bizarre: MatchSubject[] = [
      // mezzanine for a two-week-old freelancer without revenue
      { ...typical, product: 'mezzanine', amount: '50.00', termMonths: 600, company: { ...typical.company, legalForm: 'freelancer', foundedOn: '2025-03-01', annualRevenue: '0' } },
      // 900 million EUR working capital for a casino
      { ...typical, product: 'working_capital_loan', amount: '900000000.00', company: { ...typical.company, industryCode: '92.00' } },
      // a 50-year real-estate loan for a GbR founded yesterday with a rating of 10
      { ...typical, product: 'real_estate_loan', termMonths: 600, ratingClass: 10, company: { ...typical.company, legalForm: 'GbR', foundedOn: '2025-03-13', annualRevenue: '1000.00' } },
    ];
    for (const subject of bizarre) expect(matches(subject).length, JSON.stringify(subject)).toBeLessThanOrEqual(2);
  });
});
