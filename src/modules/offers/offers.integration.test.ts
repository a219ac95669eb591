import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { createApiKey } from '../lenders/index.js';
import { Client, createCompany, problem, registeredBorrower, signedInAs, startTestApp, type TestContext } from '../../../test/helpers/app.js';
import { dispatches } from '../dispatch/index.js';
import { extractText } from '../contracts/pdf/index.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedInAs>>;
const lenderIds: string[] = [];
const keys: Record<string, string> = {};

// Real (non-demo) lenders answer through the API here; the sandbox only answers for demo lenders.
beforeAll(async () => {
  ctx = await startTestApp({ DISPATCH_TOP_N: '2' });
  admin = await signedInAs(ctx, 'admin');
  for (const [i, name] of ['Erste Testbank AG', 'Zweite Testbank AG', 'Dritte Testbank AG'].entries()) {
    const res = await admin.client.post('/api/v1/lenders', {
      name,
      type: 'private_bank',
      contactEmail: `kredit${i}@example.test`,
      // The third lender is more specialised for other products and ranks last: it gets no dispatch.
      policy: i === 2 ? { products: ['investment_loan', 'leasing', 'factoring', 'mezzanine', 'real_estate_loan', 'working_capital_loan', 'promotional_loan'] } : { products: ['investment_loan'] },
    });
    lenderIds.push(res.json().id);
    keys[name] = (await createApiKey(ctx.database, res.json().id, 'Kernbanksystem', SYSTEM_ACTOR)).key;
  }
});
afterAll(() => ctx.close());

function lenderClient(key: string) {
  const c = new Client(ctx.app);
  return {
    get: (url: string) => c.request('GET', url, undefined, { authorization: `Bearer ${key}` }),
    post: (url: string, body: unknown, headers: Record<string, string> = {}) =>
      c.request('POST', url, body, { authorization: `Bearer ${key}`, ...headers }),
  };
}

async function until<T>(f: () => Promise<T>, ok: (t: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function submittedRequest() {
  const b = await registeredBorrower(ctx);
  const c = await createCompany(b.client);
  await b.client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
  const d = await b.client.post('/api/v1/financing-requests', { companyId: c.id, product: 'investment_loan', amount: '300000.00', termMonths: 60, purpose: 'Maschine' });
  const s = await b.client.post(`/api/v1/financing-requests/${d.json().id}/submit`);
  expect(s.json().status).toBe('matched');
  return { borrower: b, requestId: d.json().id as string };
}

const OFFER = {
  amount: '300000.00',
  nominalRate: '0.0450',
  termMonths: 60,
  amortization: 'annuity',
  fees: [{ type: 'Bearbeitungsentgelt', amount: '1500.00', when: 'upfront' }],
  collateral: 'Sicherungsübereignung',
  conditions: 'Vorlage Jahresabschluss 2025',
  validUntil: '2099-12-31',
};

describe('dispatch and offers through the lender API', () => {
  it('dispatches to the top N lenders only, and shows the borrower to whom', async () => {
    const { borrower, requestId } = await submittedRequest();
    const list = await until(
      () => borrower.client.get(`/api/v1/financing-requests/${requestId}/dispatches`).then((r) => r.json().items),
      (items) => items.length === 2,
    );
    expect(list.map((d: { lenderName: string }) => d.lenderName).sort()).toEqual(['Erste Testbank AG', 'Zweite Testbank AG']);
    const third = lenderClient(keys['Dritte Testbank AG']);
    expect((await third.get(`/api/v1/lender/requests/${requestId}`)).statusCode).toBe(404);
    expect((await third.get('/api/v1/lender/requests')).json().items).toEqual([]);
  });

  it('takes an offer idempotently, ranks offers by effective rate, and moves the request to offered', async () => {
    const { borrower, requestId } = await submittedRequest();
    const first = lenderClient(keys['Erste Testbank AG']);
    const second = lenderClient(keys['Zweite Testbank AG']);
    await until(() => first.get(`/api/v1/lender/requests/${requestId}`), (r) => r.statusCode === 200);
    const detail = (await first.get(`/api/v1/lender/requests/${requestId}`)).json();
    expect(detail.company).toMatchObject({ name: 'Muster Maschinenbau GmbH', federalState: 'BY', annualRevenue: '4200000.00' });

    const o1 = await first.post(`/api/v1/lender/requests/${requestId}/offers`, OFFER, { 'idempotency-key': `o-${requestId}` });
    expect(o1.statusCode, o1.body).toBe(201);
    const again = await first.post(`/api/v1/lender/requests/${requestId}/offers`, OFFER, { 'idempotency-key': `o-${requestId}` });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(o1.json().id);
    const clash = await first.post(`/api/v1/lender/requests/${requestId}/offers`, { ...OFFER, nominalRate: '0.0400' }, { 'idempotency-key': `o-${requestId}` });
    expect(clash.statusCode).toBe(409);
    const noKey = await first.post(`/api/v1/lender/requests/${requestId}/offers`, OFFER);
    expect(noKey.statusCode).toBe(400);

    const o2 = await second.post(`/api/v1/lender/requests/${requestId}/offers`, { ...OFFER, nominalRate: '0.0420', fees: [] }, { 'idempotency-key': 'x1' });
    expect(o2.statusCode).toBe(201);

    const req = (await borrower.client.get(`/api/v1/financing-requests/${requestId}`)).json();
    expect(req.status).toBe('offered');
    const offers = (await borrower.client.get(`/api/v1/financing-requests/${requestId}/offers`)).json().items;
    expect(offers.map((o: { lender: { name: string } }) => o.lender.name)).toEqual(['Zweite Testbank AG', 'Erste Testbank AG']);
    expect(offers[0]).toMatchObject({ rank: 1, expired: false, commission: '3000.00', totalFees: '0.00' });
    // Fees make the effective rate higher than the nominal rate compounded monthly.
    const eff = Number(offers[1].effectiveAnnualRate);
    expect(eff).toBeGreaterThan((1 + 0.045 / 12) ** 12 - 1 + 0.001);
    const schedule = (await borrower.client.get(`/api/v1/offers/${offers[0].id}/schedule`)).json();
    expect(schedule.rows).toHaveLength(60);
    expect(schedule.instalment).toBe(offers[0].instalment);
    // Exactly one offer record despite the repeated call.
    const [{ n }] = await ctx.database.query<{ n: string }>('select count(*) as n from offers where request_id = $1', [requestId]);
    expect(Number(n)).toBe(2);

    // The comparison as a PDF to keep: same order, German figures, the conditions, how the ranking works.
    const pdf = await borrower.client.get(`/api/v1/financing-requests/${requestId}/offers/comparison.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="Angebotsvergleich-/);
    const text = (await extractText(new Uint8Array(pdf.rawPayload))).replace(/\u00a0/g, ' ');
    expect(text.indexOf('Zweite Testbank AG')).toBeLessThan(text.indexOf('Erste Testbank AG'));
    expect(text).toContain('300.000,00 €');
    expect(text).toContain('4,20 %');
    expect(text).toContain('Vorlage Jahresabschluss 2025');
    expect(text).toContain('allein nach dem effektiven Jahreszins');
    // Nobody else gets it: another borrower sees no such request, a lender system has no borrower view.
    const stranger = await registeredBorrower(ctx);
    expect((await stranger.client.get(`/api/v1/financing-requests/${requestId}/offers/comparison.pdf`)).statusCode).toBe(404);
    expect((await first.get(`/api/v1/financing-requests/${requestId}/offers/comparison.pdf`)).statusCode).toBe(401);
  });

  it('keeps lenders apart: one lender never sees another lender\'s offers, nor how it stands against them', async () => {
    const { borrower, requestId } = await submittedRequest();
    const first = lenderClient(keys['Erste Testbank AG']);
    const second = lenderClient(keys['Zweite Testbank AG']);
    await until(() => second.get(`/api/v1/lender/requests/${requestId}`), (r) => r.statusCode === 200);
    await first.post(`/api/v1/lender/requests/${requestId}/offers`, OFFER, { 'idempotency-key': 'iso-1' });
    const seen = (await second.get(`/api/v1/lender/requests/${requestId}`)).json();
    expect(seen.ownOffers).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain('0.0450');
    // Nor that a competitor offered: the request is just "open" to both.
    expect(seen.requestStatus).toBe('open');
    expect((await first.get(`/api/v1/lender/requests/${requestId}`)).json().requestStatus).toBe('open');
    // The second lender offers more cheaply; neither learns where its offer stands among all offers.
    const cheaper = await second.post(`/api/v1/lender/requests/${requestId}/offers`, { ...OFFER, nominalRate: '0.0390' }, { 'idempotency-key': 'iso-2' });
    expect(cheaper.statusCode, cheaper.body).toBe(201);
    expect(cheaper.json()).not.toHaveProperty('rank');
    const firstView = (await first.get(`/api/v1/lender/requests/${requestId}`)).json();
    expect(firstView.ownOffers).toHaveLength(1);
    expect(firstView.ownOffers[0]).not.toHaveProperty('rank');
    // The borrower takes the cheaper offer: the loser reads "awarded elsewhere", the winner the deal's progress.
    const borrowerOffers = (await borrower.client.get(`/api/v1/financing-requests/${requestId}/offers`)).json().items;
    expect(borrowerOffers.map((o: { rank: number }) => o.rank)).toEqual([1, 2]);
    expect((await borrower.client.post(`/api/v1/offers/${cheaper.json().id}/accept`)).statusCode).toBe(200);
    expect((await first.get(`/api/v1/lender/requests/${requestId}`)).json().requestStatus).toBe('awarded_elsewhere');
    expect((await first.get('/api/v1/lender/requests')).json().items.find((r: { requestId: string }) => r.requestId === requestId).requestStatus).toBe('awarded_elsewhere');
    expect((await second.get(`/api/v1/lender/requests/${requestId}`)).json().requestStatus).toBe('signature_ready');
    // A borrower or an unauthenticated caller cannot use the lender API.
    expect((await new Client(ctx.app).get(`/api/v1/lender/requests`)).statusCode).toBe(401);
    const b = await registeredBorrower(ctx);
    expect((await b.client.get(`/api/v1/lender/requests`)).statusCode).toBe(403);
    expect((await lenderClient('kp_live_wrong').get('/api/v1/lender/requests')).statusCode).toBe(401);
  });

  it('lets a lender user decline through the portal session, with a reason', async () => {
    const { borrower, requestId } = await submittedRequest();
    const user = await signedInAs(ctx, 'lender', { lenderId: lenderIds[0] });
    await until(() => user.client.get(`/api/v1/lender/requests/${requestId}`), (r) => r.statusCode === 200);
    const bad = await user.client.post(`/api/v1/lender/requests/${requestId}/decline`, { reason: '' });
    expect(bad.statusCode).toBe(400);
    const ok = await user.client.post(`/api/v1/lender/requests/${requestId}/decline`, { reason: 'Branche außerhalb der Strategie' });
    expect(ok.json()).toEqual({ status: 'declined' });
    const after = await user.client.request('POST', `/api/v1/lender/requests/${requestId}/offers`, OFFER, { 'idempotency-key': 'late' });
    expect(after.statusCode).toBe(409);
    const d = (await borrower.client.get(`/api/v1/financing-requests/${requestId}/dispatches`)).json().items;
    expect(d.find((x: { lenderId: string }) => x.lenderId === lenderIds[0])).toMatchObject({ status: 'declined', declineReason: 'Branche außerhalb der Strategie' });
  });

  it('runs a repeated dispatch job without sending anything twice', async () => {
    const { requestId } = await submittedRequest();
    await until(
      () => ctx.database.db.select().from(dispatches).where(eq(dispatches.requestId, requestId)),
      (rows) => rows.length === 2,
    );
    const { runDispatch } = await import('../dispatch/index.js');
    await runDispatch(ctx.platform.ctx, { requestId });
    await runDispatch(ctx.platform.ctx, { requestId });
    const rows = await ctx.database.db.select().from(dispatches).where(eq(dispatches.requestId, requestId));
    expect(rows).toHaveLength(2);
  });

  it('rejects bad offers with field paths', async () => {
    const { requestId } = await submittedRequest();
    const first = lenderClient(keys['Erste Testbank AG']);
    await until(() => first.get(`/api/v1/lender/requests/${requestId}`), (r) => r.statusCode === 200);
    const res = await first.post(
      `/api/v1/lender/requests/${requestId}/offers`,
      { ...OFFER, nominalRate: '4.5', termMonths: 0, validUntil: '2020-01-01', extra: 1 },
      { 'idempotency-key': 'bad-1' },
    );
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['nominalRate', 'termMonths', 'validUntil', 'extra']));

    // Fees many times the amount over one month: an effective rate no lender means; refused at `fees`, nothing stored.
    const absurd = await first.post(
      `/api/v1/lender/requests/${requestId}/offers`,
      { ...OFFER, termMonths: 1, fees: [{ type: 'Bearbeitungsentgelt', amount: '250000.00', when: 'upfront' }] },
      { 'idempotency-key': 'bad-2' },
    );
    expect(absurd.statusCode, absurd.body).toBe(400);
    expect(problem(absurd).errors![0]).toMatchObject({ path: 'fees', message: expect.stringContaining('1.000 %') });
    const [{ n }] = await ctx.database.query<{ n: string }>('select count(*) as n from offers where request_id = $1', [requestId]);
    expect(Number(n)).toBe(0);
  });
});
