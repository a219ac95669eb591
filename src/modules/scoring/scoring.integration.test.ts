import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, problem, registeredBorrower, signedInAs, startTestApp, type TestContext } from '../../../test/helpers/app.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let advisor: Awaited<ReturnType<typeof signedInAs>>;
const lenderIds: Record<string, string> = {};

const Y2024 = {
  fiscalYear: 2024, revenue: '4000000.00', ebitda: '500000.00', ebit: '350000.00', interestExpense: '40000.00', netIncome: '220000.00',
  totalAssets: '3000000.00', equity: '1000000.00', liabilitiesShortTerm: '900000.00', liabilitiesLongTerm: '1100000.00',
  cash: '300000.00', currentAssets: '1400000.00', currentLiabilities: '700000.00',
};
const Y2025 = { ...Y2024, fiscalYear: 2025, revenue: '4200000.00', ebitda: '560000.00', ebit: '400000.00', netIncome: '260000.00' };
// Over-indebted and loss-making: a poor rating.
const WEAK = {
  fiscalYear: 2025, revenue: '4200000.00', ebitda: '-50000.00', ebit: '-150000.00', interestExpense: '120000.00', netIncome: '-300000.00',
  totalAssets: '3000000.00', equity: '-100000.00', liabilitiesShortTerm: '1900000.00', liabilitiesLongTerm: '1200000.00',
  cash: '20000.00', currentAssets: '900000.00', currentLiabilities: '1500000.00',
};

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInAs(ctx, 'admin');
  advisor = await signedInAs(ctx, 'advisor');
  for (const [key, policy] of [
    ['picky', { worstRatingClass: 4 }],
    ['open', { products: ['investment_loan'] }],
  ] as const) {
    const res = await admin.client.post('/api/v1/lenders', { name: `Bank ${key}`, type: 'private_bank', contactEmail: `${key}@example.test`, policy });
    lenderIds[key] = res.json().id;
  }
});
afterAll(() => ctx.close());

async function companyWith(statements: object[]) {
  const b = await registeredBorrower(ctx);
  const c = await createCompany(b.client);
  for (const s of statements) {
    const res = await b.client.put(`/api/v1/companies/${c.id}/financials/${(s as { fiscalYear: number }).fiscalYear}`, s);
    expect(res.statusCode, res.body).toBe(200);
  }
  await b.client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
  return { ...b, companyId: c.id };
}

async function submit(b: Awaited<ReturnType<typeof companyWith>>) {
  const d = await b.client.post('/api/v1/financing-requests', { companyId: b.companyId, product: 'investment_loan', amount: '300000.00', termMonths: 60, purpose: 'Halle' });
  return (await b.client.post(`/api/v1/financing-requests/${d.json().id}/submit`)).json() as { id: string; status: string };
}

describe('financial statements and rating', () => {
  it('stores statements per fiscal year and checks the balance sheet, naming the field', async () => {
    const b = await companyWith([Y2024, Y2025]);
    const list = (await b.client.get(`/api/v1/companies/${b.companyId}/financials`)).json().items;
    expect(list.map((s: { fiscalYear: number }) => s.fiscalYear)).toEqual([2024, 2025]);
    expect(list[1].revenue).toBe('4200000.00');
    const bad = await b.client.put(`/api/v1/companies/${b.companyId}/financials/2023`, { ...Y2024, fiscalYear: 2023, equity: '5000000.00' });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors!.map((e) => e.path)).toContain('totalAssets');
    const other = await registeredBorrower(ctx);
    expect((await other.client.get(`/api/v1/companies/${b.companyId}/financials`)).statusCode).toBe(404);
    expect((await other.client.put(`/api/v1/companies/${b.companyId}/financials/2025`, Y2025)).statusCode).toBe(404);
  });

  it('imports a German CSV all or nothing', async () => {
    const b = await companyWith([]);
    const header = 'Geschäftsjahr;Umsatz;EBITDA;EBIT;Zinsaufwand;Jahresüberschuss;Bilanzsumme;Eigenkapital;kurzfristiges Fremdkapital;langfristiges Fremdkapital;Liquide Mittel;Umlaufvermögen;kurzfristige Verbindlichkeiten';
    const row = (y: number, revenue: string) => `${y};${revenue};500.000,00;350.000,00;40.000,00;220.000,00;3.000.000,00;1.000.000,00;900.000,00;1.100.000,00;300.000,00;1.400.000,00;700.000,00`;
    const broken = [header, row(2024, '4.000.000,00'), row(2025, 'viel')].join('\n');
    const fail = await b.client.request('POST', `/api/v1/companies/${b.companyId}/financials/import`, broken, { 'content-type': 'text/csv' });
    expect(fail.statusCode).toBe(400);
    expect(problem(fail).errors![0].path).toMatch(/^line 3/);
    expect((await b.client.get(`/api/v1/companies/${b.companyId}/financials`)).json().items).toEqual([]);
    const ok = await b.client.request('POST', `/api/v1/companies/${b.companyId}/financials/import`, [header, row(2024, '4.000.000,00'), row(2025, '4.200.000,00')].join('\n'), { 'content-type': 'text/csv' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().items.map((s: { revenue: string }) => s.revenue)).toEqual(['4000000.00', '4200000.00']);
  });

  it('rates on submit; a good rating passes worstRatingClass, a weak one fails it with a reason', async () => {
    const good = await companyWith([Y2024, Y2025]);
    const gr = await submit(good);
    const rating = (await advisor.client.get(`/api/v1/financing-requests/${gr.id}/rating`)).json();
    expect(rating.ratingClass).toBeLessThanOrEqual(4);
    expect(rating.ratios.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining(['equityRatio', 'debtServiceCoverage', 'revenueGrowth']));
    expect(rating.drivers.length).toBeGreaterThan(0);
    let m = (await advisor.client.get(`/api/v1/financing-requests/${gr.id}/matches`)).json();
    expect(m.eligible.map((e: { lenderId: string }) => e.lenderId)).toContain(lenderIds.picky);

    const weak = await companyWith([WEAK]);
    const wr = await submit(weak);
    expect((await advisor.client.get(`/api/v1/financing-requests/${wr.id}/rating`)).json().ratingClass).toBeGreaterThan(4);
    m = (await advisor.client.get(`/api/v1/financing-requests/${wr.id}/matches`)).json();
    const picky = m.ineligible.find((i: { lenderId: string }) => i.lenderId === lenderIds.picky);
    expect(picky.reasons.map((r: { criterion: string }) => r.criterion)).toEqual(['worstRatingClass']);
  });

  it('lets a request without statements pass worstRatingClass provisionally, with a note', async () => {
    const none = await companyWith([]);
    const r = await submit(none);
    const m = (await advisor.client.get(`/api/v1/financing-requests/${r.id}/matches`)).json();
    const picky = m.eligible.find((e: { lenderId: string }) => e.lenderId === lenderIds.picky);
    expect(picky.notes.map((n: { criterion: string }) => n.criterion)).toContain('worstRatingClass');
    const rating = (await advisor.client.get(`/api/v1/financing-requests/${r.id}/rating`)).json();
    expect(rating.missing).toContain('statements');
  });

  it('re-rates open requests when new figures arrive', async () => {
    const b = await companyWith([WEAK]);
    const r = await submit(b);
    const before = (await b.client.get(`/api/v1/financing-requests/${r.id}/rating`)).json();
    await b.client.put(`/api/v1/companies/${b.companyId}/financials/2025`, Y2025);
    const after = (await b.client.get(`/api/v1/financing-requests/${r.id}/rating`)).json();
    expect(after.ratingClass).toBeLessThan(before.ratingClass);
  });
});
