import { describe, expect, it } from 'vitest';
import { decide, lenderTraits, offerProbability, type BehaviourInput } from './lender-behaviour.js';

const base: BehaviourInput = {
  lender: { id: 'lender-1', type: 'savings_bank' },
  request: { id: 'req-1', product: 'investment_loan', amount: '300000.00', termMonths: 60 },
  company: { foundedOn: '2009-04-01', annualRevenue: '6400000.00', legalForm: 'GmbH', industryCode: '25.62' },
  ratingClass: null,
  today: '2026-11-27',
};

describe('sandbox lender behaviour', () => {
  it('is deterministic', () => {
    expect(decide(base)).toEqual(decide(base));
  });

  it('gives realistic terms when it offers', () => {
    let offers = 0;
    for (let i = 0; i < 200; i++) {
      const d = decide({ ...base, lender: { id: `l-${i}`, type: 'savings_bank' } });
      if (d.kind !== 'offer') continue;
      offers++;
      const r = Number(d.terms.nominalRate);
      expect(r).toBeGreaterThan(0.03);
      expect(r).toBeLessThan(0.09);
      expect(d.terms.amount).toBe('300000.00');
      expect(d.terms.validUntil > base.today).toBe(true);
      expect(d.delaySeconds).toBeGreaterThanOrEqual(1);
      expect(d.delaySeconds).toBeLessThanOrEqual(3);
    }
    expect(offers).toBeGreaterThan(100); // a healthy company gets most lenders' offers
  });

  it('offers less often and dearer as risk rises', () => {
    const stats = (over: Partial<BehaviourInput['company']>, amount: string) => {
      let n = 0;
      let rates = 0;
      for (let i = 0; i < 400; i++) {
        const d = decide({ ...base, lender: { id: `l-${i}`, type: 'cooperative_bank' }, request: { ...base.request, id: `r-${i}`, amount }, company: { ...base.company, ...over } });
        if (d.kind === 'offer') {
          n++;
          rates += Number(d.terms.nominalRate);
        }
      }
      return { share: n / 400, meanRate: rates / Math.max(1, n) };
    };
    const healthy = stats({}, '300000.00');
    const risky = stats({ foundedOn: '2025-06-01', annualRevenue: '400000.00' }, '380000.00');
    expect(risky.share).toBeLessThan(healthy.share - 0.3);
    expect(risky.meanRate).toBeGreaterThan(healthy.meanRate + 0.01);
  });

  it('gives every lender a hidden appetite within bounds', () => {
    for (let i = 0; i < 50; i++) {
      const t = lenderTraits(`x-${i}`);
      expect(t.riskAppetite).toBeGreaterThanOrEqual(0.35);
      expect(t.riskAppetite).toBeLessThan(0.95);
    }
  });

  it('lets fintech lenders and debt funds offer 80 % of the amount, in whole thousands', () => {
    const amounts = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const d = decide({ ...base, lender: { id: `f-${i}`, type: i % 2 ? 'fintech_lender' : 'debt_fund' }, request: { ...base.request, amount: '301234.56' } });
      if (d.kind === 'offer') amounts.add(d.terms.amount);
    }
    expect([...amounts].sort()).toEqual(['240000.00', '301234.56']);
  });

  it('offers almost always far below a lender\'s risk limit and almost never far above it', () => {
    expect(offerProbability(0.9, 0.05)).toBeGreaterThan(0.95);
    expect(offerProbability(0.4, 0.8)).toBeLessThan(0.03);
    expect(offerProbability(0.9, 0.4)).toBeGreaterThan(offerProbability(0.4, 0.4));
  });
});
