import { describe, expect, it } from 'vitest';
import { findIndustryCode, federalStateOfPostalCode } from '../companies/index.js';
import { demoLendersForMatching, generateDemoLenders } from '../lenders/demo-lenders.js';
import { CompiledPolicyCache, evaluate } from '../matching/index.js';
import { decide } from '../sandbox/index.js';
import { ZFinancialStatementsSchema } from '../scoring/index.js';
import { INDUSTRIES, STATES } from './market-mix.js';
import { simulateMarket } from './simulate-market.js';

const lenders = demoLendersForMatching(generateDemoLenders()).map((l) => ({ ...l, volumeUsedThisMonth: '0.00' }));
const options = { seed: 7, months: 6, requests: 150, until: new Date(Date.UTC(2026, 10, 1)), topN: 8 };
const market = simulateMarket(options, lenders);

describe('market simulator', () => {
  it('gives the same history for the same seed and another for another seed', () => {
    expect(simulateMarket(options, lenders)).toEqual(market);
    const other = simulateMarket({ ...options, seed: 8 }, lenders);
    expect(other.requests.map((r) => r.amount)).not.toEqual(market.requests.map((r) => r.amount));
  });

  it('keeps every request inside the window, in time order, each with its history', () => {
    expect(market.requests).toHaveLength(150);
    const from = Date.UTC(2026, 4, 1);
    const until = Date.UTC(2026, 10, 1);
    for (const r of market.requests) {
      expect(r.submittedAt.getTime()).toBeGreaterThanOrEqual(from);
      expect(r.submittedAt.getTime()).toBeLessThan(until);
      const steps = market.history.filter((h) => h.requestId === r.id);
      expect(steps[0]).toMatchObject({ fromStatus: null, toStatus: 'draft' });
      expect(steps.at(-1)!.toStatus).toBe(r.status);
      for (let i = 1; i < steps.length; i++) expect(steps[i].fromStatus).toBe(steps[i - 1].toStatus);
    }
    const times = market.requests.map((r) => r.submittedAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('generates valid companies and financial statements', () => {
    const byCompany = new Map<string, unknown[]>();
    for (const s of market.statements) byCompany.set(s.companyId, [...(byCompany.get(s.companyId) ?? []), s]);
    for (const list of byCompany.values()) {
      const parsed = ZFinancialStatementsSchema.safeParse(list.map((s) => {
        const { companyId: _c, updatedAt: _u, ...statement } = s as Record<string, unknown>;
        return statement;
      }));
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
    for (const c of market.companies) {
      expect(federalStateOfPostalCode(c.postalCode)).toBe(c.federalState);
      expect(findIndustryCode(c.industryCode)).toBeDefined();
    }
    for (const code of INDUSTRIES) expect(findIndustryCode(code), code).toBeDefined();
    for (const [[state, codes]] of STATES) for (const code of codes) expect(federalStateOfPostalCode(code), code).toBe(state);
  });

  it('dispatches only to eligible lenders, best first, and lets them answer by the sandbox behaviour', () => {
    const requests = new Map(market.requests.map((r) => [r.id, r]));
    const companies = new Map(market.companies.map((c) => [c.id, c]));
    const ratings = new Map(market.ratings.map((r) => [r.requestId, r]));
    const byId = new Map(lenders.map((l) => [l.id, l]));
    const compiled = new CompiledPolicyCache();
    expect(market.dispatches.length).toBeGreaterThan(300);
    for (const d of market.dispatches.slice(0, 200)) {
      const r = requests.get(d.requestId)!;
      const c = companies.get(r.companyId)!;
      const rating = ratings.get(r.id)!;
      const ratingClass = rating.missing.includes('statements') ? null : rating.ratingClass;
      const subject = {
        product: r.product,
        amount: r.amount,
        termMonths: r.termMonths,
        submittedOn: r.submittedAt.toISOString().slice(0, 10),
        ratingClass,
        company: { ...c },
      };
      // Eligible under its policy (volume caps aside, which the simulation fills month by month).
      const [evaluation] = evaluate(compiled.compile([{ ...byId.get(d.lenderId)!, volumeUsedThisMonth: '0.00' }]), subject);
      expect(evaluation.eligible).toBe(true);
      expect(d.rank).toBeGreaterThanOrEqual(1);
      expect(d.rank).toBeLessThanOrEqual(8);
      const again = decide({
        lender: { id: d.lenderId, type: byId.get(d.lenderId)!.type },
        request: { id: r.id, product: r.product, amount: r.amount, termMonths: r.termMonths },
        company: c,
        ratingClass,
        today: d.dispatchedAt.toISOString().slice(0, 10),
      });
      expect(again.kind === 'offer' ? 'offered' : 'declined').toBe(d.status);
    }
    const offered = market.dispatches.filter((d) => d.status === 'offered');
    expect(market.offers).toHaveLength(offered.length);
    expect(offered.length).toBeGreaterThan(market.dispatches.length * 0.3);
    expect(offered.length).toBeLessThan(market.dispatches.length * 0.95);
  });
});
