import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../lenders/index.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { berlinToday } from '../../platform/time.js';
import { Client, createCompany, registeredBorrower, signedInAs, startTestApp, uniqueEmail, PASSWORD, type TestContext } from '../../../test/helpers/app.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedInAs>>;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInAs(ctx, 'admin');
});
afterAll(() => ctx.close());

async function until<T>(f: () => Promise<T>, ok: (t: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Entry = { id: number; at: string; action: string; entityType: string; entityId: string; actorEmail: string | null; actorRole: string };

describe('audit log search', () => {
  it('finds entries by actor, entity, action and time range, newest first and paged', async () => {
    const a = await admin.client.post('/api/v1/admin/users', { email: uniqueEmail('audited'), name: 'Audit Ziel', role: 'advisor', password: PASSWORD });
    const userId = a.json().id as string;
    await admin.client.patch(`/api/v1/admin/users/${userId}`, { active: false });
    await admin.client.patch(`/api/v1/admin/users/${userId}`, { active: true });

    const byEntity = (await admin.client.get(`/api/v1/admin/audit?entityType=user&entityId=${userId}`)).json();
    expect(byEntity.total).toBe(3);
    expect(byEntity.items.map((e: Entry) => e.action)).toEqual(['user.reactivated', 'user.deactivated', 'user.created']);
    expect(byEntity.items[0]).toMatchObject({ actorEmail: admin.email, actorRole: 'admin', after: { active: true }, before: { active: false } });
    const times = byEntity.items.map((e: Entry) => e.at);
    expect([...times].sort().reverse()).toEqual(times);

    const byAction = (await admin.client.get(`/api/v1/admin/audit?action=user.deactivated&entityId=${userId}`)).json();
    expect(byAction.items.map((e: Entry) => e.action)).toEqual(['user.deactivated']);

    // By the actor's e-mail (part of it), by id, and `system` for the platform itself.
    const byActor = (await admin.client.get(`/api/v1/admin/audit?actor=${encodeURIComponent(admin.email.slice(0, 20))}&entityId=${userId}`)).json();
    expect(byActor.total).toBe(3);
    const byActorId = (await admin.client.get(`/api/v1/admin/audit?actor=${admin.user.id}&pageSize=1&page=2`)).json();
    expect(byActorId.items).toHaveLength(1);
    expect(byActorId.pageSize).toBe(1);
    const other = await signedInAs(ctx, 'advisor');
    expect((await admin.client.get(`/api/v1/admin/audit?actor=${other.user.id}&entityId=${userId}`)).json().total).toBe(0);
    const system = (await admin.client.get('/api/v1/admin/audit?actor=system')).json();
    expect(system.items.every((e: Entry) => e.actorRole === 'system' || e.actorEmail === null)).toBe(true);

    // Time range in Berlin days: today finds them, tomorrow onwards nothing.
    const today = berlinToday();
    expect((await admin.client.get(`/api/v1/admin/audit?entityId=${userId}&from=${today}&to=${today}`)).json().total).toBe(3);
    const tomorrow = berlinToday(new Date(Date.now() + 86_400_000));
    expect((await admin.client.get(`/api/v1/admin/audit?entityId=${userId}&from=${tomorrow}`)).json().total).toBe(0);
    expect((await admin.client.get(`/api/v1/admin/audit?entityId=${userId}&to=2000-01-01T00:00:00Z`)).json().total).toBe(0);
    expect((await admin.client.get('/api/v1/admin/audit?from=gestern')).statusCode).toBe(400);

    const facets = (await admin.client.get('/api/v1/admin/audit/facets')).json();
    expect(facets.actions).toEqual(expect.arrayContaining(['user.created', 'user.deactivated']));
    expect(facets.entityTypes).toContain('user');
  });
});

describe('business dashboard', () => {
  it('counts requests per day, the funnel, volumes, time to first offer and lender answers', async () => {
    // Two lenders answering through the API (not sandboxed), both taking investment and working-capital loans.
    const make = (name: string, type: string) =>
      admin.client.post('/api/v1/lenders', { name, type, contactEmail: 'kredit@example.test', policy: { products: ['investment_loan', 'working_capital_loan'] } });
    const offering = (await make('Privatbank Anbieter AG', 'private_bank')).json();
    const declining = (await make('Volksbank Ablehner eG', 'cooperative_bank')).json();
    const keyOf = async (id: string) => ({ authorization: `Bearer ${(await createApiKey(ctx.database, id, 'Kern', SYSTEM_ACTOR)).key}` });
    const offerAuth = await keyOf(offering.id);
    const declineAuth = await keyOf(declining.id);

    const submit = async (postalCode: string, product: string, amount: string) => {
      const b = await registeredBorrower(ctx);
      const company = await createCompany(b.client, { postalCode });
      await b.client.put(`/api/v1/companies/${company.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
      const draft = await b.client.post('/api/v1/financing-requests', { companyId: company.id, product, amount, termMonths: 60, purpose: 'Erweiterung' });
      const res = await b.client.post(`/api/v1/financing-requests/${draft.json().id}/submit`);
      expect(res.json().status).toBe('matched');
      return draft.json().id as string;
    };
    const bavarian = await submit('80331', 'investment_loan', '300000.00');
    const berlin = await submit('10115', 'working_capital_loan', '120000.50');

    const api = new Client(ctx.app);
    await until(() => api.request('GET', `/api/v1/lender/requests/${bavarian}`, undefined, offerAuth), (r) => r.statusCode === 200);
    await until(() => api.request('GET', `/api/v1/lender/requests/${berlin}`, undefined, declineAuth), (r) => r.statusCode === 200);
    const offer = await api.request(
      'POST',
      `/api/v1/lender/requests/${bavarian}/offers`,
      { amount: '300000.00', nominalRate: '0.0500', termMonths: 60, validUntil: '2099-01-31' },
      { ...offerAuth, 'idempotency-key': 'dash-1' },
    );
    expect(offer.statusCode, offer.body).toBe(201);
    const decline = await api.request('POST', `/api/v1/lender/requests/${bavarian}/decline`, { reason: 'Branche passt nicht' }, declineAuth);
    expect(decline.statusCode, decline.body).toBe(200);

    const res = await admin.client.get('/api/v1/admin/business?days=7');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.requestsPerDay).toHaveLength(7);
    expect(d.requestsPerDay[6]).toEqual({ date: berlinToday(), submitted: 2 });
    expect(Object.fromEntries(d.funnel.map((f: { stage: string; count: number }) => [f.stage, f.count]))).toEqual({
      submitted: 2,
      matched: 2,
      dispatched: 2,
      offered: 1,
      accepted: 0,
      signature_ready: 0,
      signed: 0,
    });
    expect(d.volumeByProduct).toEqual([
      { key: 'investment_loan', requests: 1, volume: '300000.00', signed: 0, signedVolume: '0.00' },
      { key: 'working_capital_loan', requests: 1, volume: '120000.50', signed: 0, signedVolume: '0.00' },
    ]);
    expect(d.volumeByFederalState.map((v: { key: string; volume: string }) => [v.key, v.volume])).toEqual([
      ['BY', '300000.00'],
      ['BE', '120000.50'],
    ]);
    expect(d.totalVolume).toBe('420000.50');
    expect(d.timeToFirstOffer.count).toBe(1);
    expect(d.timeToFirstOffer.medianSeconds).toBeGreaterThanOrEqual(0);
    expect(d.responsesByLenderType).toEqual(
      expect.arrayContaining([
        { lenderType: 'private_bank', dispatched: 2, offered: 1, declined: 0, noAnswer: 1, responseRate: 0.5, offerRate: 0.5 },
        { lenderType: 'cooperative_bank', dispatched: 2, offered: 0, declined: 1, noAnswer: 1, responseRate: 0.5, offerRate: 0 },
      ]),
    );
    expect(d.topLenders.map((l: { name: string }) => l.name)).toEqual(['Privatbank Anbieter AG', 'Volksbank Ablehner eG']);

    expect((await admin.client.get('/api/v1/admin/business?days=0')).statusCode).toBe(400);
  });
});

describe('commission rules overview', () => {
  it('lists the default rule and the lenders with their own rule', async () => {
    const lender = (await admin.client.post('/api/v1/lenders', { name: 'Leasing Provision GmbH', type: 'leasing', contactEmail: 'a@example.test', policy: {} })).json();
    const before = (await admin.client.get('/api/v1/admin/commission-rules')).json();
    expect(before.default).toEqual({ rate: '0.010000', minimum: '250.00', cap: '25000.00' });
    expect(before.items.map((i: { lenderId: string }) => i.lenderId)).not.toContain(lender.id);
    await admin.client.put(`/api/v1/lenders/${lender.id}/commission-rule`, { rate: '0.0075', minimum: '100.00', cap: null });
    const after = (await admin.client.get('/api/v1/admin/commission-rules')).json();
    expect(after.items).toContainEqual(expect.objectContaining({ lenderId: lender.id, lenderName: 'Leasing Provision GmbH', rate: '0.007500', minimum: '100.00', cap: null }));
  });
});
