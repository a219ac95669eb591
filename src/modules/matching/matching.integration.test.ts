import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCompany,
  problem,
  registeredBorrower,
  signedInAs,
  startTestApp,
  type TestContext,
} from '../../../test/helpers/app.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let advisor: Awaited<ReturnType<typeof signedInAs>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInAs(ctx, 'admin');
  advisor = await signedInAs(ctx, 'advisor');
  const lenders = [
    { key: 'bavaria', name: 'Sparkasse Bayern Test', type: 'savings_bank', policy: { federalStates: ['BY'], amount: { max: '2000000.00' } } },
    { key: 'leasing', name: 'Test Leasing GmbH', type: 'leasing', policy: { products: ['leasing'] } },
    { key: 'big', name: 'Großbank Test AG', type: 'private_bank', policy: { amount: { min: '1000000.00' } } },
    { key: 'young', name: 'Fintech Test', type: 'fintech_lender', policy: { amount: { max: '250000.00' }, minYearsInBusiness: 2 } },
  ];
  for (const l of lenders) {
    const res = await admin.client.post('/api/v1/lenders', { ...l, contactEmail: 'kredit@example.test' });
    expect(res.statusCode, res.body).toBe(201);
    ids[l.key] = res.json().id;
  }
});
afterAll(() => ctx.close());

async function submitted(need: Record<string, unknown>, company: Record<string, unknown> = {}) {
  const b = await registeredBorrower(ctx);
  const c = await createCompany(b.client, company);
  await b.client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
  const d = await b.client.post('/api/v1/financing-requests', {
    companyId: c.id,
    product: 'investment_loan',
    amount: '300000.00',
    termMonths: 60,
    purpose: 'Maschine',
    ...need,
  });
  const s = await b.client.post(`/api/v1/financing-requests/${d.json().id}/submit`);
  expect(s.statusCode, s.body).toBe(200);
  return { borrower: b, request: s.json() as { id: string; status: string; history: { to: string; reason: string | null }[] } };
}

describe('matching on submit', () => {
  it('matches a request, moves it to matched and explains every lender', async () => {
    const { request } = await submitted({ amount: '2500000.00' });
    expect(request.status).toBe('matched');
    expect(request.history.at(-1)).toMatchObject({ to: 'matched', reason: '1 von 4 Finanzierungspartnern passen' });

    const res = await advisor.client.get(`/api/v1/financing-requests/${request.id}/matches`);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.view).toBe('full');
    expect(m.eligible.map((e: { lenderId: string }) => e.lenderId)).toEqual([ids.big]);
    expect(m.eligible[0]).toMatchObject({ rank: 1, policyVersion: 1, type: 'private_bank' });
    expect(Object.keys(m.eligible[0].scoreParts).sort()).toEqual(['regionalFit', 'specialisation', 'volumeRoom']);
    const bavaria = m.ineligible.find((i: { lenderId: string }) => i.lenderId === ids.bavaria);
    expect(bavaria.reasons).toEqual([
      expect.objectContaining({ criterion: 'amount', message: 'Betrag 2.500.000,00 € über Maximum 2.000.000,00 €' }),
    ]);
    expect(bavaria.reasons[0].messageEn).toMatch(/2,500,000\.00/);
    const young = m.ineligible.find((i: { lenderId: string }) => i.lenderId === ids.young);
    expect(young.reasons.map((r: { criterion: string }) => r.criterion)).toEqual(['amount']);
    expect(m.eligible[0].notes.map((n: { criterion: string }) => n.criterion)).toEqual([]);
  });

  it('shows the borrower only the count and the lender types', async () => {
    const { borrower, request } = await submitted({ amount: '200000.00' }, { postalCode: '80331' });
    const m = (await borrower.client.get(`/api/v1/financing-requests/${request.id}/matches`)).json();
    expect(m).toEqual({
      view: 'borrower',
      policyVersionAt: expect.any(String),
      eligibleCount: 2,
      lenderTypes: expect.arrayContaining([
        { type: 'savings_bank', count: 1 },
        { type: 'fintech_lender', count: 1 },
      ]),
    });
    expect(JSON.stringify(m)).not.toContain(ids.bavaria);
    const other = await registeredBorrower(ctx);
    expect((await other.client.get(`/api/v1/financing-requests/${request.id}/matches`)).statusCode).toBe(404);
  });

  it('keeps a request nobody takes submitted and opens an advisor task', async () => {
    const { request } = await submitted({ product: 'factoring', amount: '400000.00' }, { postalCode: '20095' });
    expect(request.status).toBe('submitted');
    const tasks = (await advisor.client.get(`/api/v1/advisory/tasks?requestId=${request.id}`)).json().items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'no_match', status: 'open' });
    expect(Date.parse(tasks[0].dueAt)).toBeGreaterThan(Date.now() + 3.9 * 3_600_000);
  });

  it('records the policy version used, and a rematch uses the version now in force', async () => {
    const { request } = await submitted({ amount: '300000.00' }, { postalCode: '80331' });
    let m = (await advisor.client.get(`/api/v1/financing-requests/${request.id}/matches`)).json();
    expect(m.eligible.find((e: { lenderId: string }) => e.lenderId === ids.bavaria).policyVersion).toBe(1);

    const put = await admin.client.put(`/api/v1/lenders/${ids.bavaria}/policy`, { federalStates: ['BY'], amount: { max: '200000.00' } });
    expect(put.json().version).toBe(2);
    m = (await advisor.client.post(`/api/v1/financing-requests/${request.id}/rematch`)).json();
    const bav = m.ineligible.find((e: { lenderId: string }) => e.lenderId === ids.bavaria);
    expect(bav.policyVersion).toBe(2);
    expect(bav.reasons[0].criterion).toBe('amount');
    await admin.client.put(`/api/v1/lenders/${ids.bavaria}/policy`, { federalStates: ['BY'], amount: { max: '2000000.00' } });
  });

  it('previews an unsaved request for advisors without storing it', async () => {
    const before = await ctx.database.query<{ n: string }>('select count(*) as n from match_runs');
    const res = await advisor.client.post('/api/v1/matching/preview', {
      product: 'leasing',
      amount: '80000.00',
      termMonths: 48,
      company: { postalCode: '01067', industryCode: '49.41', legalForm: 'GmbH', foundedOn: '2024-02-29', annualRevenue: '900000.00' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const ids_ = res.json().eligible.map((e: { lenderId: string }) => e.lenderId);
    expect(ids_).toContain(ids.leasing);
    expect(ids_).not.toContain(ids.bavaria); // Dresden is in Saxony
    const after = await ctx.database.query<{ n: string }>('select count(*) as n from match_runs');
    expect(after[0].n).toBe(before[0].n);
    const bad = await advisor.client.post('/api/v1/matching/preview', {
      product: 'leasing',
      amount: '80000.00',
      termMonths: 48,
      company: { postalCode: '00000', industryCode: '49.41', legalForm: 'GmbH', foundedOn: '2020-01-01', annualRevenue: '1.00' },
    });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors![0].path).toBe('company.postalCode');
    // the same field rules as a real company and request: a day that does not exist, a founding in the future, too small an amount
    const valid = { product: 'leasing', amount: '80000.00', termMonths: 48, company: { postalCode: '01067', industryCode: '49.41', legalForm: 'GmbH', foundedOn: '2020-01-01', annualRevenue: '900000.00' } };
    for (const [change, path] of [
      [{ company: { ...valid.company, foundedOn: '2023-02-30' } }, 'company.foundedOn'],
      [{ company: { ...valid.company, foundedOn: '2099-01-01' } }, 'company.foundedOn'],
      [{ amount: '0.00' }, 'amount'],
      [{ company: { ...valid.company, vatId: 'DE136695976' } }, 'company.vatId'], // unknown here
    ] as const) {
      const res = await advisor.client.post('/api/v1/matching/preview', { ...valid, ...change });
      expect(res.statusCode, res.body).toBe(400);
      expect(problem(res).errors![0].path).toBe(path);
    }
    // advisors and admins only: a borrower and a lender user get 403 for a valid body
    const borrower = await registeredBorrower(ctx);
    expect((await borrower.client.post('/api/v1/matching/preview', valid)).statusCode).toBe(403);
    const officer = await signedInAs(ctx, 'lender');
    expect((await officer.client.post('/api/v1/matching/preview', valid)).statusCode).toBe(403);
    expect((await admin.client.post('/api/v1/matching/preview', valid)).statusCode).toBe(200);
    expect((await ctx.database.query<{ n: string }>('select count(*) as n from match_runs'))[0].n).toBe(before[0].n);
  });
});
