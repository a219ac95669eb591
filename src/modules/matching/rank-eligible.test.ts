import { describe, expect, it } from 'vitest';
import { compilePolicy, type CompiledPolicy } from './compile-policy.js';
import type { CreditPolicy } from './credit-policy.types.js';
import { evaluate } from './evaluate.js';
import { aLender, aSubject } from './matching.fixtures.js';
import type { LenderForMatching, MatchSubject } from './matching.types.js';
import { SCORE_WEIGHTS, rankEligible } from './rank-eligible.js';

function rank(
  entries: [string, CreditPolicy, Partial<LenderForMatching>?][],
  subject: MatchSubject = aSubject(),
  probability?: (id: string) => number,
) {
  const compiled: CompiledPolicy[] = entries.map(([id, policy, extra]) => compilePolicy(aLender(policy, { id, ...extra })));
  return rankEligible(evaluate(compiled, subject), compiled, subject, probability);
}

describe('rankEligible', () => {
  it('shows the parts and weights that make up the score', () => {
    const [r] = rank([
      ['bank', { products: ['investment_loan', 'working_capital_loan'], federalStates: ['BY'], industries: { include: ['25'] }, monthlyVolumeCap: '1000000' }, { volumeUsedThisMonth: '250000' }],
    ]);
    // productFocus (8 − 2 + 1)/8 = 0.875; industryFocus division = 2/3
    expect(r.scoreParts.specialisation).toBeCloseTo(0.7 * 0.875 + 0.3 * (2 / 3), 12);
    expect(r.scoreParts.regionalFit).toBe(0.6);
    expect(r.scoreParts.volumeRoom).toBe(0.5); // (1,000,000 − 250,000 − 250,000) / 1,000,000
    expect(r.baseScore).toBeCloseTo(
      SCORE_WEIGHTS.specialisation * r.scoreParts.specialisation + SCORE_WEIGHTS.regionalFit * 0.6 + SCORE_WEIGHTS.volumeRoom * 0.5,
      12,
    );
    expect(r.score).toBe(r.baseScore);
    expect(r.approvalProbability).toBeNull();
    expect(SCORE_WEIGHTS.specialisation + SCORE_WEIGHTS.regionalFit + SCORE_WEIGHTS.volumeRoom).toBeCloseTo(1, 12);
  });

  it('puts a specialist before a generalist', () => {
    const ranking = rank(
      [
        ['generalist', {}],
        ['leasing-house', { products: ['leasing'] }],
        ['bank', { products: ['leasing', 'investment_loan', 'working_capital_loan', 'real_estate_loan'] }],
      ],
      aSubject({ product: 'leasing' }),
    );
    expect(ranking.map((r) => r.lenderId)).toEqual(['leasing-house', 'bank', 'generalist']);
    expect(ranking[0].scoreParts.specialisation).toBe(0.7);
    expect(ranking[2].scoreParts.specialisation).toBe(0.7 / 8);
  });

  it('narrower industry focus scores higher', () => {
    const parts = rank([
      ['section', { industries: { include: ['C'] } }],
      ['division', { industries: { include: ['25'] } }],
      ['class', { industries: { include: ['25.62'] } }],
      ['none', {}],
    ]);
    const spec = Object.fromEntries(parts.map((r) => [r.lenderId, r.scoreParts.specialisation]));
    expect(spec.class).toBeGreaterThan(spec.division);
    expect(spec.division).toBeGreaterThan(spec.section);
    expect(spec.section).toBeGreaterThan(spec.none);
  });

  it('regional fit: postcode area > federal state > nationwide', () => {
    const ranking = rank([
      ['nationwide', { federalStates: null }],
      ['state', { federalStates: ['BY'] }],
      ['postcode', { postalCodePrefixes: ['90'] }],
    ]);
    expect(ranking.map((r) => [r.lenderId, r.scoreParts.regionalFit])).toEqual([
      ['postcode', 1],
      ['state', 0.6],
      ['nationwide', 0.3],
    ]);
  });

  it('volume room: more free cap ranks higher; no cap counts as full room', () => {
    const ranking = rank([
      ['tight', { monthlyVolumeCap: '300000' }],
      ['roomy', { monthlyVolumeCap: '2500000' }],
      ['uncapped', {}],
      ['exact', { monthlyVolumeCap: '250000' }],
    ]);
    expect(ranking.map((r) => [r.lenderId, r.scoreParts.volumeRoom])).toEqual([
      ['uncapped', 1],
      ['roomy', 0.9],
      ['tight', 50000 / 300000],
      ['exact', 0],
    ]);
  });

  it('skips ineligible lenders and numbers the ranks', () => {
    const ranking = rank([
      ['a', {}],
      ['no', { products: ['factoring'] }],
      ['b', { products: ['investment_loan'] }],
    ]);
    expect(ranking.map((r) => [r.lenderId, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
  });

  it('multiplies by an approval probability when one is supplied (the seam for the scoring module)', () => {
    const probability = (id: string) => (id === 'specialist' ? 0.1 : 0.9);
    const ranking = rank(
      [
        ['specialist', { products: ['investment_loan'], postalCodePrefixes: ['90'] }],
        ['generalist', {}],
      ],
      aSubject(),
      probability,
    );
    expect(ranking.map((r) => r.lenderId)).toEqual(['generalist', 'specialist']);
    for (const r of ranking) expect(r.score).toBeCloseTo(r.baseScore * (r.approvalProbability ?? NaN), 12);
    expect(() => rank([['x', {}]], aSubject(), () => NaN)).toThrow(RangeError);
    expect(rank([['x', {}]], aSubject(), () => 7)[0].approvalProbability).toBe(1);
  });

  it('breaks ties deterministically by lender id', () => {
    const ranking = rank([
      ['c', {}],
      ['a', {}],
      ['b', {}],
    ]);
    expect(ranking.map((r) => r.lenderId)).toEqual(['a', 'b', 'c']);
  });
});
