import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.js';
import { insertLender } from '../../src/modules/lenders/index.js';
import { runMarketSimulation } from '../../src/modules/simulation/index.js';
import { createCompany, registeredBorrower, signedInAs, startTestApp, type TestContext } from '../helpers/app.js';

/**
 * The market simulator's history lives in the platform's own tables (companies.simulated). It must not
 * mix into real work: the advisors' case queue never shows it, the business dashboard counts the real
 * business unless an admin asks for the simulated market.
 */
let ctx: TestContext;
let realRequestId: string;
let simulated: { requests: number; dispatches: number };

type Funnel = { stage: string; count: number }[];
const stage = (funnel: Funnel, name: string) => funnel.find((f) => f.stage === name)!.count;

beforeAll(async () => {
  // Nothing answers by itself: the test controls every dispatch.
  ctx = await startTestApp({ SANDBOX_LENDERS: 'false' });
  await ctx.database.db.transaction(async (tx) => {
    for (const [i, type] of (['savings_bank', 'fintech_lender', 'leasing'] as const).entries()) {
      await insertLender(
        tx,
        { name: `Demo-Partner ${i + 1}`, type, contactEmail: `demo${i}@example.test`, policy: { products: ['investment_loan', 'working_capital_loan', 'leasing'] }, demo: true },
        SYSTEM_ACTOR,
      );
    }
  });
  // Three months of simulated market before the current month: inside the dashboard's longest window.
  await runMarketSimulation(ctx.database, { seed: 11, months: 3, requests: 80, topN: 3 }, SYSTEM_ACTOR);
  const [counts] = await ctx.database.query<{ requests: number; dispatches: number }>(
    `select (select count(*)::int from financing_requests r join companies c on c.id = r.company_id where c.simulated and r.submitted_at is not null) as requests,
            (select count(*)::int from dispatches d join financing_requests r on r.id = d.request_id join companies c on c.id = r.company_id where c.simulated) as dispatches`,
  );
  simulated = counts;
  expect(simulated.requests).toBe(80);
  expect(simulated.dispatches).toBeGreaterThan(20);

  // One real request, submitted today and dispatched to the demo lenders.
  const b = await registeredBorrower(ctx);
  const company = await createCompany(b.client);
  await b.client.put(`/api/v1/companies/${company.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
  const draft = await b.client.post('/api/v1/financing-requests', { companyId: company.id, product: 'investment_loan', amount: '250000.00', termMonths: 60, purpose: 'Neue Maschine' });
  realRequestId = draft.json().id;
  expect((await b.client.post(`/api/v1/financing-requests/${realRequestId}/submit`)).json().status).toBe('matched');
  const end = Date.now() + 20_000;
  while ((await b.client.get(`/api/v1/financing-requests/${realRequestId}/dispatches`)).json().items.length < 3) {
    if (Date.now() > end) throw new Error('the real request was not dispatched to the three demo lenders');
    await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);
afterAll(() => ctx.close());

describe('simulated history and real work', () => {
  it('keeps simulated requests out of the advisors\u2019 case queue, whatever the filter', async () => {
    const advisor = await signedInAs(ctx, 'advisor');
    const all = (await advisor.client.get('/api/v1/advisory/cases?limit=200')).json();
    expect(all.items.map((c: { id: string }) => c.id)).toEqual([realRequestId]);
    expect(all.total).toBe(1);
    // Simulated requests end expired, withdrawn or offered; none of them turns up when filtered for.
    const finished = (await advisor.client.get('/api/v1/advisory/cases?status=expired,withdrawn,offered&limit=200')).json();
    expect(finished).toMatchObject({ items: [], total: 0 });
    expect((await advisor.client.get('/api/v1/advisory/cases?assignee=unassigned&sort=-amount&limit=200')).json().total).toBe(1);

    // Nor can a simulated request be taken or assigned: that would also skew the round-robin rotation.
    const [{ id: simulatedId }] = await ctx.database.query<{ id: string }>(
      'select r.id from financing_requests r join companies c on c.id = r.company_id where c.simulated order by r.id limit 1',
    );
    const take = await advisor.client.post(`/api/v1/advisory/cases/${simulatedId}/take`);
    expect(take.statusCode, take.body).toBe(409);
    expect((await advisor.client.post(`/api/v1/advisory/cases/${simulatedId}/assign`, { advisorId: advisor.user.id })).statusCode).toBe(409);
    expect((await advisor.client.post(`/api/v1/advisory/cases/${realRequestId}/take`)).statusCode).toBe(200);
    const [{ n }] = await ctx.database.query<{ n: number }>('select count(*)::int as n from case_assignments');
    expect(n).toBe(1);
  });

  it('shows the business dashboard of the real business by default and the simulated market on request', async () => {
    const admin = await signedInAs(ctx, 'admin');
    const get = async (query: string) => {
      const res = await admin.client.get(`/api/v1/admin/business?days=366${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    const real = await get('');
    expect(real.history).toBe('real');
    expect(stage(real.funnel, 'submitted')).toBe(1);
    expect(stage(real.funnel, 'dispatched')).toBe(1);
    expect(real.totalVolume).toBe('250000.00');
    expect(real.requestsPerDay.reduce((n: number, d: { submitted: number }) => n + d.submitted, 0)).toBe(1);
    const realDispatches = real.topLenders.reduce((n: number, l: { dispatched: number }) => n + l.dispatched, 0);
    expect(realDispatches).toBe(3);
    expect(await get('&history=real')).toEqual(real);

    const sim = await get('&history=simulated');
    expect(sim.history).toBe('simulated');
    expect(stage(sim.funnel, 'submitted')).toBe(simulated.requests);
    expect(sim.requestsPerDay.reduce((n: number, d: { submitted: number }) => n + d.submitted, 0)).toBe(simulated.requests);
    expect(sim.topLenders.reduce((n: number, l: { dispatched: number }) => n + l.dispatched, 0)).toBe(simulated.dispatches);
    expect(stage(sim.funnel, 'offered')).toBeGreaterThan(0);

    const all = await get('&history=all');
    expect(all.history).toBe('all');
    expect(stage(all.funnel, 'submitted')).toBe(simulated.requests + 1);
    expect(all.topLenders.reduce((n: number, l: { dispatched: number }) => n + l.dispatched, 0)).toBe(simulated.dispatches + realDispatches);

    expect((await admin.client.get('/api/v1/admin/business?history=demo')).statusCode).toBe(400);
    const advisor = await signedInAs(ctx, 'advisor');
    expect((await advisor.client.get('/api/v1/admin/business?history=simulated')).statusCode).toBe(403);
  });
});
