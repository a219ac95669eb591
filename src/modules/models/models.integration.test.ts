import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  createCompany,
  problem,
  registeredBorrower,
  signedInAs,
  startTestApp,
  type TestContext,
} from '../../../test/helpers/app.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { insertLender } from '../lenders/index.js';
import { generateDemoLenders } from '../lenders/demo-lenders.js';
import { runMarketSimulation } from '../simulation/index.js';
import { trainAndRegisterApprovalModel } from './approval-training.service.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let advisor: Awaited<ReturnType<typeof signedInAs>>;
let analyst: Awaited<ReturnType<typeof signedInAs>>;
const simulation = { seed: 5, months: 12, requests: 400, until: new Date(Date.UTC(2026, 10, 1)), topN: 8 };

beforeAll(async () => {
  // Sandbox lenders off: the test submits requests itself and reads their matches, nothing answers.
  ctx = await startTestApp({ SANDBOX_LENDERS: 'false' });
  admin = await signedInAs(ctx, 'admin');
  advisor = await signedInAs(ctx, 'advisor');
  analyst = await signedInAs(ctx, 'analyst');
  // Every second demo lender: a realistic market of ~140 sandbox lenders.
  const demo = generateDemoLenders().filter((_, i) => i % 2 === 0);
  await ctx.database.db.transaction(async (tx) => {
    for (const l of demo) {
      const { federalState, bic, ...rest } = l;
      await insertLender(tx, { ...rest, bic: bic ?? undefined, federalState: federalState ?? undefined, demo: true }, SYSTEM_ACTOR);
    }
  });
}, 120_000);
afterAll(() => ctx.close());

const count = async (table: string, where = sql``) =>
  Number((await ctx.database.db.execute<{ n: string }>(sql`select count(*) as n from ${sql.raw(table)} ${where}`)).rows[0].n);

async function outcomes() {
  const res = await ctx.database.db.execute<{ k: string }>(
    sql`select r.amount || '/' || r.term_months || '/' || l.key || '/' || d.status || '/' || d.rank as k
          from dispatches d join lenders l on l.id = d.lender_id join financing_requests r on r.id = d.request_id order by 1`,
  );
  return res.rows.map((r) => r.k);
}

describe('market simulation in the database', () => {
  let first: string[];

  it('stores the history in the platform tables, marked as simulated and kept out of staff lists', async () => {
    const report = await runMarketSimulation(ctx.database, simulation, SYSTEM_ACTOR);
    expect(report.counts.financingRequests).toBe(400);
    expect(report.counts.dispatches).toBeGreaterThan(800);
    expect(report.oracleAuc).toBeGreaterThan(0.8);
    expect(await count('financing_requests')).toBe(400);
    expect(await count('companies', sql`where not simulated`)).toBe(0);
    expect(await count('dispatches')).toBe(report.counts.dispatches);
    expect(await count('offers')).toBe(report.counts.offers);
    expect(await count('audit_log', sql`where action = 'simulation.market_simulated'`)).toBe(1);
    const history = await ctx.database.db.execute<{ n: string }>(sql`select count(*) as n from request_history where at < ${simulation.until.toISOString()}::timestamptz - interval '11 months'`);
    expect(Number(history.rows[0].n)).toBeGreaterThan(0);

    const staffList = (await advisor.client.get('/api/v1/financing-requests?limit=50')).json();
    expect(staffList.total).toBe(0);
    const levels = (await admin.client.get('/api/v1/admin/service-levels?days=366')).json();
    expect(levels.submitted).toBe(0);
    first = await outcomes();
  });

  it('refuses a second run, and with replace gives the same history for the same seed', async () => {
    await expect(runMarketSimulation(ctx.database, simulation, SYSTEM_ACTOR)).rejects.toBeInstanceOf(AppError);
    await runMarketSimulation(ctx.database, { ...simulation, replace: true }, SYSTEM_ACTOR);
    expect(await count('financing_requests')).toBe(400);
    expect(await count('simulation_runs')).toBe(1);
    expect(await outcomes()).toEqual(first);
  });
});

describe('model registry', () => {
  const ids: string[] = [];

  it('registers trained models with window, features and hold-out metrics', async () => {
    for (let i = 0; i < 2; i++) {
      const { model } = await trainAndRegisterApprovalModel(ctx.database.db, { model: 'logistic', holdoutMonths: 3, seed: i + 1 }, SYSTEM_ACTOR);
      expect(model).toMatchObject({ kind: 'approval', version: i + 1, status: 'registered' });
      ids.push(model.id);
    }
    const list = await analyst.client.get('/api/v1/admin/models');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((m: { version: number }) => m.version)).toEqual([2, 1]);
    const one = (await admin.client.get(`/api/v1/admin/models/${ids[0]}`)).json();
    expect(one.features.columns).toContain('lender_id');
    expect(one.metrics.holdout.auc).toBeGreaterThan(0.7);
    expect(one.metrics.reliability).toHaveLength(10);
    expect(one.metrics.training.to < one.metrics.holdout.from).toBe(true);
    expect(one.parameters).toBeUndefined();
  });

  it('lets only admins activate and roll back, and others not even read', async () => {
    expect((await advisor.client.get('/api/v1/admin/models')).statusCode).toBe(403);
    const borrower = await registeredBorrower(ctx);
    expect((await borrower.client.get(`/api/v1/admin/models/${ids[0]}`)).statusCode).toBe(403);
    expect((await analyst.client.post(`/api/v1/admin/models/${ids[0]}/activate`)).statusCode).toBe(403);
    expect((await advisor.client.post('/api/v1/admin/models/rollback', { kind: 'approval' })).statusCode).toBe(403);
    const anonymous = await ctx.app.inject({ method: 'POST', url: `/api/v1/admin/models/${ids[0]}/activate` });
    expect(anonymous.statusCode).toBe(401);
    const unknown = await admin.client.post('/api/v1/admin/models/00000000-0000-4000-8000-000000000000/activate');
    expect(unknown.statusCode).toBe(404);
    expect(problem(unknown).type).toBe('/problems/not-found');
    const none = await admin.client.post('/api/v1/admin/models/rollback', { kind: 'approval' });
    expect(none.statusCode).toBe(409);
  });

  it('activates, rolls back to the model active before, and audits each step', async () => {
    const a = await admin.client.post(`/api/v1/admin/models/${ids[0]}/activate`);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ version: 1, status: 'active', activatedBy: admin.user.id, activatedByName: 'Test admin' });
    // Registered by the system (command line, demo seed): no person's name.
    expect(a.json()).toMatchObject({ createdBy: null, createdByName: null });
    expect((await admin.client.post(`/api/v1/admin/models/${ids[1]}/activate`)).json()).toMatchObject({ version: 2, status: 'active' });
    const statuses = async () => Object.fromEntries((await admin.client.get('/api/v1/admin/models')).json().items.map((m: { version: number; status: string }) => [m.version, m.status]));
    expect(await statuses()).toEqual({ 1: 'inactive', 2: 'active' });

    const back = await admin.client.post('/api/v1/admin/models/rollback', { kind: 'approval' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ version: 1, status: 'active', activatedByName: 'Test admin' });
    expect(await statuses()).toEqual({ 1: 'active', 2: 'rolled_back' });
    const listed = (await analyst.client.get('/api/v1/admin/models')).json().items;
    expect(listed.map((m: { version: number; activatedByName: string | null }) => [m.version, m.activatedByName])).toEqual([
      [2, 'Test admin'],
      [1, 'Test admin'],
    ]);
    // Nothing was active before version 1: a further rollback has nowhere to go.
    expect((await admin.client.post('/api/v1/admin/models/rollback', { kind: 'approval' })).statusCode).toBe(409);
    expect(await count('audit_log', sql`where action in ('model.activated', 'model.rolled_back') and actor_id = ${admin.user.id}`)).toBe(3);
  });
});

describe('matching with the active approval model', () => {
  async function submittedRequest() {
    const b = await registeredBorrower(ctx);
    const c = await createCompany(b.client, { postalCode: '80331', industryCode: '25.62', annualRevenue: '4200000.00' });
    await b.client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
    const d = await b.client.post('/api/v1/financing-requests', { companyId: c.id, product: 'investment_loan', amount: '300000.00', termMonths: 60, purpose: 'Maschine' });
    const s = await b.client.post(`/api/v1/financing-requests/${d.json().id}/submit`);
    expect(s.statusCode, s.body).toBe(200);
    return { borrower: b, id: d.json().id as string };
  }

  it('ranks by base score × approval probability and shows advisors the probability, version and contributions', async () => {
    const { borrower, id } = await submittedRequest();
    const m = (await advisor.client.get(`/api/v1/financing-requests/${id}/matches`)).json();
    expect(m.eligible.length).toBeGreaterThan(3);
    for (const e of m.eligible) {
      expect(e.approval.modelVersion).toBe(1);
      expect(e.approval.probability).toBeGreaterThan(0);
      expect(e.approval.probability).toBeLessThan(1);
      expect(e.approval.contributions).toHaveLength(3);
      expect(e.approval.contributions[0]).toEqual({ feature: expect.any(String), label: expect.any(String), labelEn: expect.any(String), contribution: expect.any(Number) });
    }
    const scores = m.eligible.map((e: { score: number }) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // The stored score is the base score weighted by the probability.
    for (const e of m.eligible) {
      const base = 0.4 * e.scoreParts.specialisation + 0.35 * e.scoreParts.regionalFit + 0.25 * e.scoreParts.volumeRoom;
      expect(e.score).toBeCloseTo(base * e.approval.probability, 5);
    }
    const stored = await ctx.database.db.execute<{ v: number; n: string }>(
      sql`select mr.approval_model_version as v, count(*) as n from match_results mr join match_runs r on r.id = mr.run_id
          where r.request_id = ${id} and mr.eligible group by 1`,
    );
    expect(stored.rows.map((r) => r.v)).toEqual([1]);
    // Borrowers see no probabilities.
    const own = (await borrower.client.get(`/api/v1/financing-requests/${id}/matches`)).json();
    expect(own.view).toBe('borrower');
    expect(JSON.stringify(own)).not.toContain('probability');
  });

  it('records the new version after an activation, and ranks as before without an active model', async () => {
    await admin.client.post(`/api/v1/admin/models/${(await admin.client.get('/api/v1/admin/models')).json().items[0].id}/activate`);
    const { id } = await submittedRequest();
    const m = (await advisor.client.get(`/api/v1/financing-requests/${id}/matches`)).json();
    expect(new Set(m.eligible.map((e: { approval: { modelVersion: number } }) => e.approval.modelVersion))).toEqual(new Set([2]));

    await ctx.database.db.execute(sql`update ml_models set status = 'inactive' where status = 'active'`);
    const later = await submittedRequest();
    const plain = (await advisor.client.get(`/api/v1/financing-requests/${later.id}/matches`)).json();
    for (const e of plain.eligible) {
      expect(e.approval).toBeNull();
      const base = 0.4 * e.scoreParts.specialisation + 0.35 * e.scoreParts.regionalFit + 0.25 * e.scoreParts.volumeRoom;
      expect(e.score).toBeCloseTo(base, 5);
    }
  });
});
