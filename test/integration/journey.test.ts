import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.js';
import { createApiKey, insertLender } from '../../src/modules/lenders/index.js';
import { extractText } from '../../src/modules/contracts/index.js';
import { Client, PASSWORD, createCompany, problem, registeredBorrower, startTestApp, type TestContext } from '../helpers/app.js';
import { createHash } from 'node:crypto';

let ctx: TestContext;
let realLenderKey: string;

async function until<T>(f: () => Promise<T>, ok: (t: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  ctx = await startTestApp();
  // Eight demo (sandbox) lenders that answer by themselves, and one real lender that uses the API.
  await ctx.database.db.transaction(async (tx) => {
    for (let i = 0; i < 8; i++) {
      await insertLender(
        tx,
        { name: `Demo-Sparkasse ${i + 1}`, type: 'savings_bank', contactEmail: `demo${i}@example.test`, policy: { products: ['investment_loan', 'working_capital_loan'] }, demo: true },
        SYSTEM_ACTOR,
      );
    }
  });
  const real = await ctx.database.db.transaction((tx) =>
    insertLender(tx, { name: 'Echte Bank AG', type: 'private_bank', contactEmail: 'api@echtebank.test', policy: { products: ['leasing'] } }, SYSTEM_ACTOR),
  );
  realLenderKey = (await createApiKey(ctx.database, real.id, 'Core', SYSTEM_ACTOR)).key;
});
afterAll(() => ctx.close());

async function borrowerWithRequest(product: string) {
  const b = await registeredBorrower(ctx, 'Jana Journey');
  const company = await createCompany(b.client);
  await b.client.put(`/api/v1/companies/${company.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
  const draft = await b.client.post('/api/v1/financing-requests', { companyId: company.id, product, amount: '300000.00', termMonths: 60, purpose: 'Neue Fertigungslinie' });
  const submitted = await b.client.post(`/api/v1/financing-requests/${draft.json().id}/submit`);
  expect(submitted.json().status).toBe('matched');
  return { ...b, requestId: draft.json().id as string };
}

describe('the whole journey through the API', () => {
  it('register → company → consents → request → submit → offers → accept → sign → signed', async () => {
    const { client, requestId, email } = await borrowerWithRequest('investment_loan');

    // Sandbox lenders answer within seconds; offers come ranked by effective annual rate.
    const offers = await until(
      () => client.get(`/api/v1/financing-requests/${requestId}/offers`).then((r) => r.json().items as { id: string; effectiveAnnualRate: string; status: string }[]),
      (items) => items.length > 0,
    );
    const rates = offers.map((o) => Number(o.effectiveAnnualRate));
    expect([...rates].sort((a, b) => a - b)).toEqual(rates);
    expect((await client.get(`/api/v1/financing-requests/${requestId}`)).json().status).toBe('offered');

    const accepted = await client.post(`/api/v1/offers/${offers[0].id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { contractId } = accepted.json();
    const req = (await client.get(`/api/v1/financing-requests/${requestId}`)).json();
    expect(req).toMatchObject({ status: 'signature_ready', contractId });
    expect(req.history.map((h: { to: string }) => h.to)).toEqual(expect.arrayContaining(['matched', 'offered', 'accepted', 'signature_ready']));
    // Accepting twice is refused; the other offers were declined.
    expect((await client.post(`/api/v1/offers/${offers[0].id}/accept`)).statusCode).toBe(409);
    const after = (await client.get(`/api/v1/financing-requests/${requestId}/offers`)).json().items as { id: string; status: string }[];
    expect(after.filter((o) => o.status === 'accepted').map((o) => o.id)).toEqual([offers[0].id]);
    expect(after.filter((o) => o.id !== offers[0].id).every((o) => o.status === 'declined')).toBe(true);

    const pdf = await client.get(`/api/v1/contracts/${contractId}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const sha = createHash('sha256').update(pdf.rawPayload).digest('hex');
    expect(pdf.headers['x-content-sha256']).toBe(sha);

    const wrong = await client.post(`/api/v1/contracts/${contractId}/sign`, { password: 'falsch-falsch', consent: true });
    expect(wrong.statusCode).toBe(401);
    expect(problem(wrong).errors![0].path).toBe('password');
    const noConsent = await client.post(`/api/v1/contracts/${contractId}/sign`, { password: PASSWORD, consent: false });
    expect(noConsent.statusCode).toBe(400);
    const signed = await client.post(`/api/v1/contracts/${contractId}/sign`, { password: PASSWORD, consent: true });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signatures).toEqual([expect.objectContaining({ party: 'borrower', signerName: 'Jana Journey', pdfSha256: sha })]);

    // The sandbox lender countersigns; the request becomes signed and the final PDF carries the signature page.
    await until(() => client.get(`/api/v1/financing-requests/${requestId}`).then((r) => r.json().status), (s) => s === 'signed');
    const contract = (await client.get(`/api/v1/contracts/${contractId}`)).json();
    expect(contract.status).toBe('signed');
    expect(contract.signatures.map((s: { party: string }) => s.party)).toEqual(['borrower', 'lender']);
    const finalPdf = await client.get(`/api/v1/contracts/${contractId}/pdf`);
    const text = await extractText(new Uint8Array(finalPdf.rawPayload));
    expect(text).toContain('Signaturseite');
    expect(text).toContain(sha);
    expect(text).toContain('Jana Journey');

    const [ledger] = await ctx.database.query<{ amount: string }>('select amount from commission_ledger where contract_id = $1', [contractId]);
    expect(ledger.amount).toBe('3000.00');

    const mails = await until(
      () => client.get('/api/v1/dev/mails').then((r) => r.json().items as { to: string[]; subject: string }[]),
      // Mails go out as independent jobs, so they may arrive in any order: wait for all of them.
      (items) => ['Vertrag unterschrieben', 'Das erste Angebot', 'bereit zur Unterschrift', 'Finanzierungspartner gegangen'].every((s) => items.some((m) => m.subject.includes(s))),
    );
    expect(mails.every((m) => m.to.includes(email))).toBe(true);
    const subjects = mails.map((m) => m.subject).join(' | ');
    expect(subjects).toMatch(/Finanzierungspartner gegangen/);
    expect(subjects).toMatch(/erste Angebot/);
    expect(subjects).toMatch(/bereit zur Unterschrift/);
  });

  it('lets a real lender countersign through the API with its key', async () => {
    const { client, requestId } = await borrowerWithRequest('leasing');
    const lender = new Client(ctx.app);
    const auth = { authorization: `Bearer ${realLenderKey}` };
    await until(() => lender.request('GET', `/api/v1/lender/requests/${requestId}`, undefined, auth), (r) => r.statusCode === 200);
    const offer = await lender.request(
      'POST',
      `/api/v1/lender/requests/${requestId}/offers`,
      { amount: '300000.00', nominalRate: '0.0510', termMonths: 60, validUntil: '2099-01-31' },
      { ...auth, 'idempotency-key': 'leasing-1' },
    );
    expect(offer.statusCode, offer.body).toBe(201);
    // The lender's own offer carries no rank among all offers (that would tell it about its competitors).
    expect(offer.json()).not.toHaveProperty('rank');
    const { contractId } = (await client.post(`/api/v1/offers/${offer.json().id}/accept`)).json();
    // Won: the lender sees the deal's progress. It countersigns what the borrower signed, not before.
    expect((await lender.request('GET', `/api/v1/lender/requests/${requestId}`, undefined, auth)).json().requestStatus).toBe('signature_ready');
    const early = await lender.request('POST', `/api/v1/lender/contracts/${contractId}/sign`, undefined, auth);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('noch nicht unterschrieben');
    await client.post(`/api/v1/contracts/${contractId}/sign`, { password: PASSWORD, consent: true });
    const counter = await lender.request('POST', `/api/v1/lender/contracts/${contractId}/sign`, undefined, auth);
    expect(counter.statusCode, counter.body).toBe(200);
    expect(counter.json().status).toBe('signed');
    expect((await client.get(`/api/v1/financing-requests/${requestId}`)).json().status).toBe('signed');
    const twice = await lender.request('POST', `/api/v1/lender/contracts/${contractId}/sign`, undefined, auth);
    expect(twice.statusCode).toBe(409);
    // Another borrower sees nothing of this contract.
    const other = await registeredBorrower(ctx);
    expect((await other.client.get(`/api/v1/contracts/${contractId}`)).statusCode).toBe(404);
    expect((await other.client.get(`/api/v1/contracts/${contractId}/pdf`)).statusCode).toBe(404);
  });
});

describe('the business side of signed deals', () => {
  it('books commission, lists it per lender and month as JSON, CSV and PDF, and measures service levels', async () => {
    const { signedInAs } = await import('../helpers/app.js');
    const admin = await signedInAs(ctx, 'admin');
    const [entry] = await ctx.database.query<{ lender_id: string; booked_on: string; amount: string }>(
      "select lender_id, to_char(booked_on, 'YYYY-MM-DD') as booked_on, amount from commission_ledger order by created_at limit 1",
    );
    expect(entry).toBeDefined();
    const month = entry.booked_on.slice(0, 7);
    const json = (await admin.client.get(`/api/v1/lenders/${entry.lender_id}/commission-statements/${month}`)).json();
    expect(json.entries.length).toBeGreaterThan(0);
    expect(json.total).toBe(json.entries.reduce((s: number, e: { commission: string }) => s + Number(e.commission), 0).toFixed(2));
    const csv = await admin.client.get(`/api/v1/lenders/${entry.lender_id}/commission-statements/${month}.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Buchungsdatum;Vertrag;Kreditnehmer;Finanzierungsbetrag;Provision');
    expect(csv.body).toContain(`Summe;;;${json.volume};${json.total}`);
    const pdf = await admin.client.get(`/api/v1/lenders/${entry.lender_id}/commission-statements/${month}.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const borrower = await registeredBorrower(ctx);
    expect((await borrower.client.get(`/api/v1/lenders/${entry.lender_id}/commission-statements/${month}`)).statusCode).toBe(404);
    expect((await admin.client.get(`/api/v1/lenders/${entry.lender_id}/commission-statements/2026-13`)).statusCode).toBe(400);

    const sla = (await admin.client.get('/api/v1/admin/service-levels?days=1')).json();
    expect(sla.submitted).toBeGreaterThanOrEqual(2);
    expect(sla.timeToFirstOffer.count).toBeGreaterThanOrEqual(2);
    expect(sla.timeToSigned.count).toBeGreaterThanOrEqual(2);
    expect(sla.timeToFirstOffer.p50Seconds).toBeLessThan(60);
    expect((await borrower.client.get('/api/v1/admin/service-levels')).statusCode).toBe(403);
  });

  it('lets an admin set a lender\'s commission rule; the next offer discloses it', async () => {
    const { signedInAs } = await import('../helpers/app.js');
    const admin = await signedInAs(ctx, 'admin');
    const [lender] = await ctx.database.query<{ id: string }>("select id from lenders where name = 'Echte Bank AG'");
    const put = await admin.client.put(`/api/v1/lenders/${lender.id}/commission-rule`, { rate: '0.0075', minimum: '500.00', cap: '10000.00' });
    expect(put.json()).toEqual({ rate: '0.0075', minimum: '500.00', cap: '10000.00', default: false });
    const bad = await admin.client.put(`/api/v1/lenders/${lender.id}/commission-rule`, { rate: '0.01', minimum: '500.00', cap: '100.00' });
    expect(bad.statusCode).toBe(400);
    const { client, requestId } = await borrowerWithRequest('leasing');
    const api = new Client(ctx.app);
    const auth = { authorization: `Bearer ${realLenderKey}` };
    await until(() => api.request('GET', `/api/v1/lender/requests/${requestId}`, undefined, auth), (r) => r.statusCode === 200);
    await api.request('POST', `/api/v1/lender/requests/${requestId}/offers`, { amount: '300000.00', nominalRate: '0.0500', termMonths: 60, validUntil: '2099-01-31' }, { ...auth, 'idempotency-key': 'rule-1' });
    const offers = (await client.get(`/api/v1/financing-requests/${requestId}/offers`)).json().items;
    expect(offers[0].commission).toBe('2250.00'); // 0.75 % of 300,000
    const other = await registeredBorrower(ctx);
    expect((await other.client.put(`/api/v1/lenders/${lender.id}/commission-rule`, { rate: '0.01', minimum: '0', cap: null })).statusCode).toBe(403);
  });
});
