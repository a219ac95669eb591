import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { createApiKey } from '../lenders/index.js';
import { Client, createCompany, problem, registeredBorrower, signedInAs, startTestApp, type TestContext } from '../../../test/helpers/app.js';
import { multipartForm, samplePdf } from './documents.fixtures.js';

/**
 * A lender reads a company's documents only while the company shares its data with lenders and the
 * request is open for that lender — or the lender's own offer was accepted.
 */
let ctx: TestContext;
let dataDir: string;
const lenders: { id: string; key: string }[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-doc-access-'));
  ctx = await startTestApp({ DATA_DIR: dataDir, DISPATCH_TOP_N: '2' });
  const admin = await signedInAs(ctx, 'admin');
  for (const name of ['Zugriffsbank Eins', 'Zugriffsbank Zwei']) {
    const res = await admin.client.post('/api/v1/lenders', { name, type: 'private_bank', contactEmail: `${name.replace(/\s/g, '')}@example.test`, policy: { products: ['investment_loan'] } });
    expect(res.statusCode, res.body).toBe(201);
    lenders.push({ id: res.json().id, key: (await createApiKey(ctx.database, res.json().id, 'System', SYSTEM_ACTOR)).key });
  }
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function lenderApi(key: string) {
  const c = new Client(ctx.app);
  const auth = { authorization: `Bearer ${key}` };
  return {
    get: (url: string) => c.request('GET', url, undefined, auth),
    post: (url: string, body: unknown, headers: Record<string, string> = {}) => c.request('POST', url, body, { ...auth, ...headers }),
  };
}
type Lender = ReturnType<typeof lenderApi>;

async function until<T>(f: () => Promise<T>, ok: (t: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function upload(client: Client, url: string, kind: string, name: string) {
  const { payload, headers } = multipartForm([
    { name: 'kind', value: kind },
    { filename: `${name}.pdf`, contentType: 'application/pdf', content: await samplePdf(`${name}-${Math.random()}`) },
  ]);
  const res = await client.request('POST', url, payload, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A submitted investment-loan request with one own and one general document, dispatched to both lenders. */
async function dispatchedWithDocuments() {
  const b = await registeredBorrower(ctx);
  const company = await createCompany(b.client);
  const d = await b.client.post('/api/v1/financing-requests', { companyId: company.id, product: 'investment_loan', amount: '300000.00', termMonths: 60, purpose: 'Maschine' });
  const requestId = d.json().id as string;
  const docIds = [
    await upload(b.client, `/api/v1/financing-requests/${requestId}/documents`, 'asset_offer', 'angebot'),
    await upload(b.client, `/api/v1/companies/${company.id}/documents`, 'bwa', 'bwa'),
  ];
  await b.client.put(`/api/v1/companies/${company.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
  expect((await b.client.post(`/api/v1/financing-requests/${requestId}/submit`)).json().status).toBe('matched');
  await until(() => b.client.get(`/api/v1/financing-requests/${requestId}/dispatches`).then((r) => r.json().items.length), (n) => n === 2);
  const [one, two] = lenders.map((l) => lenderApi(l.key));
  for (const l of [one, two]) await expectAccess(l, requestId, docIds, true);
  return { borrower: b, companyId: company.id, requestId, docIds, one, two };
}

/** What the lender sees of the documents: every download route, the detail's list and the documents list. */
async function expectAccess(l: Lender | Client, requestId: string, docIds: string[], allowed: boolean) {
  for (const id of docIds) {
    for (const url of [`/api/v1/lender/requests/${requestId}/documents/${id}`, `/api/v1/documents/${id}/content`]) {
      const res = await l.get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(allowed ? 200 : 404);
      if (!allowed) expect(problem(res).type).toBe('/problems/not-found');
    }
  }
  // The request itself (dispatch record, figures, profile) stays readable for the lender's records.
  const detail = await l.get(`/api/v1/lender/requests/${requestId}`);
  expect(detail.statusCode, detail.body).toBe(200);
  expect(detail.json().documentsAvailable).toBe(allowed);
  expect(detail.json().documents.map((d: { id: string }) => d.id).sort()).toEqual(allowed ? [...docIds].sort() : []);
  const list = await l.get(`/api/v1/financing-requests/${requestId}/documents`);
  expect(list.statusCode).toBe(200);
  expect(list.json().items).toHaveLength(allowed ? docIds.length : 0);
  expect(list.json().documentsAvailable).toBe(allowed);
}

const OFFER = { amount: '300000.00', nominalRate: '0.0450', termMonths: 60, amortization: 'annuity', fees: [], collateral: 'keine', conditions: 'keine', validUntil: '2099-12-31' };

describe("a lender's access to the company's documents", () => {
  it('ends when the company revokes its lenderSharing consent — for API key and lender user alike — and returns with it', async () => {
    const { borrower, companyId, requestId, docIds, one, two } = await dispatchedWithDocuments();
    const officer = await signedInAs(ctx, 'lender', { lenderId: lenders[0].id });
    await expectAccess(officer.client, requestId, docIds, true);

    const revoked = await borrower.client.put(`/api/v1/companies/${companyId}/consents`, { dataProcessing: true, lenderSharing: false, marketing: false });
    expect(revoked.statusCode, revoked.body).toBe(200);
    for (const l of [one, two, officer.client]) await expectAccess(l, requestId, docIds, false);
    // The borrower still reads its own documents.
    expect((await borrower.client.get(`/api/v1/documents/${docIds[0]}/content`)).statusCode).toBe(200);

    await borrower.client.put(`/api/v1/companies/${companyId}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
    await expectAccess(one, requestId, docIds, true);
  });

  it('ends when the request is withdrawn', async () => {
    const { borrower, requestId, docIds, one, two } = await dispatchedWithDocuments();
    const w = await borrower.client.post(`/api/v1/financing-requests/${requestId}/withdraw`, { reason: 'Anders finanziert' });
    expect(w.statusCode, w.body).toBe(200);
    for (const l of [one, two]) await expectAccess(l, requestId, docIds, false);
  });

  it('ends for the lender that declined, not for the other', async () => {
    const { requestId, docIds, one, two } = await dispatchedWithDocuments();
    const declined = await one.post(`/api/v1/lender/requests/${requestId}/decline`, { reason: 'Außerhalb der Strategie' });
    expect(declined.statusCode, declined.body).toBe(200);
    await expectAccess(one, requestId, docIds, false);
    await expectAccess(two, requestId, docIds, true);
  });

  it('stays with the lender whose offer was accepted and ends for the one that lost the deal', async () => {
    const { borrower, requestId, docIds, one, two } = await dispatchedWithDocuments();
    const winner = await one.post(`/api/v1/lender/requests/${requestId}/offers`, OFFER, { 'idempotency-key': `win-${requestId}` });
    expect(winner.statusCode, winner.body).toBe(201);
    const loser = await two.post(`/api/v1/lender/requests/${requestId}/offers`, { ...OFFER, nominalRate: '0.0500' }, { 'idempotency-key': `lose-${requestId}` });
    expect(loser.statusCode, loser.body).toBe(201);
    const accepted = await borrower.client.post(`/api/v1/offers/${winner.json().id}/accept`);
    expect(accepted.statusCode, accepted.body).toBeLessThan(300);
    await expectAccess(one, requestId, docIds, true);
    await expectAccess(two, requestId, docIds, false);
  });

  it('lets a general company document through another open request of the company, only while that one is open', async () => {
    const first = await dispatchedWithDocuments();
    // A second request of the same company, dispatched to the same lenders; then the first is withdrawn.
    const d = await first.borrower.client.post('/api/v1/financing-requests', { companyId: first.companyId, product: 'investment_loan', amount: '200000.00', termMonths: 48, purpose: 'Halle' });
    const second = d.json().id as string;
    expect((await first.borrower.client.post(`/api/v1/financing-requests/${second}/submit`)).json().status).toBe('matched');
    await until(() => first.borrower.client.get(`/api/v1/financing-requests/${second}/dispatches`).then((r) => r.json().items.length), (n) => n === 2);
    await first.borrower.client.post(`/api/v1/financing-requests/${first.requestId}/withdraw`, { reason: 'zusammengelegt' });
    const [own, general] = first.docIds;
    expect((await first.one.get(`/api/v1/documents/${general}/content`)).statusCode).toBe(200);
    expect((await first.one.get(`/api/v1/lender/requests/${second}/documents/${general}`)).statusCode).toBe(200);
    expect((await first.one.get(`/api/v1/documents/${own}/content`)).statusCode).toBe(404);
    expect((await first.one.get(`/api/v1/lender/requests/${first.requestId}/documents/${general}`)).statusCode).toBe(404);
  });
});
