import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../platform/auth/schema.js';
import { companies } from '../companies/index.js';
import {
  createCompany,
  problem,
  registeredBorrower,
  signedInAs,
  startTestApp,
  type Client,
  type TestContext,
} from '../../../test/helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  // Event streams re-check their session and access with every heartbeat; a short one keeps the tests quick.
  ctx = await startTestApp({ EVENTS_HEARTBEAT_MS: '100' });
});
afterAll(() => ctx.close());

const NEED = { product: 'investment_loan', amount: '300000.00', termMonths: 60, purpose: 'CNC-Bearbeitungszentrum' };

async function borrowerWithCompany(consent = true) {
  const b = await registeredBorrower(ctx);
  const company = await createCompany(b.client);
  if (consent) {
    await b.client.put(`/api/v1/companies/${company.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
  }
  return { ...b, company };
}

async function draft(client: Client, companyId: string, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/financing-requests', { companyId, ...NEED, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string };
}

describe('financing requests', () => {
  it('creates a draft, edits it, submits it and records the history', async () => {
    const { client, company, user } = await borrowerWithCompany();
    const d = await draft(client, company.id);
    expect(d).toMatchObject({ status: 'draft', amount: '300000.00', companyId: company.id, actions: ['submitted', 'withdrawn'] });

    const patched = await client.patch(`/api/v1/financing-requests/${d.id}`, { amount: '350000.5', termMonths: 72 });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ amount: '350000.50', termMonths: 72 });

    const sub = await client.post(`/api/v1/financing-requests/${d.id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    const body = sub.json();
    expect(body.status).toBe('submitted');
    expect(body.submittedAt).not.toBeNull();
    expect(body.history.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
      [null, 'draft'],
      ['draft', 'submitted'],
    ]);
    expect(body.history[1].actor).toMatchObject({ id: user.id, role: 'borrower' });

    const again = await client.get(`/api/v1/financing-requests/${d.id}`);
    expect(again.json().history).toHaveLength(2);
  });

  it.each([
    ['amount', { amount: '9999.99' }],
    ['amount', { amount: '50000000.01' }],
    ['amount', { amount: 300000 }],
    ['termMonths', { termMonths: 0 }],
    ['termMonths', { termMonths: 361 }],
    ['product', { product: 'crypto_loan' }],
    ['purpose', { purpose: '' }],
  ])('rejects an invalid %s', async (field, over) => {
    const { client, company } = await borrowerWithCompany();
    const res = await client.post('/api/v1/financing-requests', { companyId: company.id, ...NEED, ...over });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors!.map((e) => e.path)).toContain(field);
  });

  it('accepts the exact amount bounds', async () => {
    const { client, company } = await borrowerWithCompany();
    await draft(client, company.id, { amount: '10000.00', termMonths: 1 });
    await draft(client, company.id, { amount: '50000000.00', termMonths: 360 });
  });

  it('refuses to submit without both required consents and names the missing one', async () => {
    const { client, company } = await borrowerWithCompany(false);
    const d = await draft(client, company.id);
    await client.put(`/api/v1/companies/${company.id}/consents`, { dataProcessing: true, lenderSharing: false, marketing: true });
    const res = await client.post(`/api/v1/financing-requests/${d.id}/submit`);
    expect(res.statusCode).toBe(409);
    expect(problem(res).type).toBe('/problems/consent-missing');
    expect(problem(res).errors).toEqual([{ path: 'consents.lenderSharing', message: 'Einwilligung erforderlich' }]);
    expect(res.json().missingConsents).toEqual(['lenderSharing']);
    expect((await client.get(`/api/v1/financing-requests/${d.id}`)).json().status).toBe('draft');
  });

  it('answers illegal transitions with 409 and changes nothing', async () => {
    const { client, company } = await borrowerWithCompany();
    const d = await draft(client, company.id);
    await client.post(`/api/v1/financing-requests/${d.id}/submit`);
    const twice = await client.post(`/api/v1/financing-requests/${d.id}/submit`);
    expect(twice.statusCode).toBe(409);
    expect(problem(twice).type).toBe('/problems/illegal-transition');
    const edit = await client.patch(`/api/v1/financing-requests/${d.id}`, { amount: '20000.00' });
    expect(edit.statusCode).toBe(409);
    const w = await client.post(`/api/v1/financing-requests/${d.id}/withdraw`, { reason: 'Finanzierung anderweitig gefunden' });
    expect(w.statusCode).toBe(200);
    expect(w.json().history.at(-1)).toMatchObject({ from: 'submitted', to: 'withdrawn', reason: 'Finanzierung anderweitig gefunden' });
    expect((await client.post(`/api/v1/financing-requests/${d.id}/withdraw`)).statusCode).toBe(409);
  });

  it('keeps borrowers apart: another borrower gets 404 for every operation', async () => {
    const a = await borrowerWithCompany();
    const b = await borrowerWithCompany();
    const d = await draft(a.client, a.company.id);
    expect((await b.client.get(`/api/v1/financing-requests/${d.id}`)).statusCode).toBe(404);
    expect((await b.client.patch(`/api/v1/financing-requests/${d.id}`, { amount: '20000.00' })).statusCode).toBe(404);
    expect((await b.client.post(`/api/v1/financing-requests/${d.id}/submit`)).statusCode).toBe(404);
    expect((await b.client.post(`/api/v1/financing-requests/${d.id}/withdraw`)).statusCode).toBe(404);
    const own = await b.client.post('/api/v1/financing-requests', { companyId: a.company.id, ...NEED });
    expect(own.statusCode).toBe(400);
    expect(problem(own).errors![0].path).toBe('companyId');
    expect((await b.client.get('/api/v1/financing-requests')).json().items.map((r: { id: string }) => r.id)).not.toContain(d.id);
  });

  it('filters the list by several statuses, as repeated parameters or comma-separated', async () => {
    const a = await borrowerWithCompany();
    const kept = await draft(a.client, a.company.id);
    const withdrawn = await draft(a.client, a.company.id);
    const submitted = await draft(a.client, a.company.id);
    expect((await a.client.post(`/api/v1/financing-requests/${withdrawn.id}/withdraw`)).statusCode).toBe(200);
    expect((await a.client.post(`/api/v1/financing-requests/${submitted.id}/submit`)).statusCode).toBe(200);
    for (const query of ['status=draft&status=withdrawn', 'status=draft,withdrawn', 'status=draft&status=withdrawn,draft']) {
      const res = await a.client.get(`/api/v1/financing-requests?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
      const ids = res.json().items.map((r: { id: string }) => r.id);
      expect(ids, query).toEqual(expect.arrayContaining([kept.id, withdrawn.id]));
      expect(ids, query).not.toContain(submitted.id);
    }
    const one = (await a.client.get('/api/v1/financing-requests?status=withdrawn')).json().items.map((r: { id: string }) => r.id);
    expect(one).toEqual([withdrawn.id]);
    const bad = await a.client.get('/api/v1/financing-requests?status=draft&status=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors!.map((e) => e.path)).toEqual(['status[1]']);
  });

  it('lets advisors list submitted requests of everyone; lenders none', async () => {
    const a = await borrowerWithCompany();
    const d1 = await draft(a.client, a.company.id);
    const d2 = await draft(a.client, a.company.id);
    await a.client.post(`/api/v1/financing-requests/${d1.id}/submit`);
    const advisor = await signedInAs(ctx, 'advisor');
    const list = await advisor.client.get('/api/v1/financing-requests?status=submitted');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((r: { id: string }) => r.id);
    expect(ids).toContain(d1.id);
    expect(ids).not.toContain(d2.id);
    expect(list.json().items.every((r: { status: string }) => r.status === 'submitted')).toBe(true);
    expect((await advisor.client.get(`/api/v1/financing-requests/${d2.id}`)).statusCode).toBe(200);
    const bad = await advisor.client.get('/api/v1/financing-requests?status=nonsense');
    expect(bad.statusCode).toBe(400);
    const lender = await signedInAs(ctx, 'lender');
    expect((await lender.client.get('/api/v1/financing-requests')).statusCode).toBe(403);
    expect((await lender.client.get(`/api/v1/financing-requests/${d1.id}`)).statusCode).toBe(404);
  });

  it('writes every change to the audit log in the same transaction', async () => {
    const { client, company } = await borrowerWithCompany();
    const d = await draft(client, company.id);
    await client.patch(`/api/v1/financing-requests/${d.id}`, { purpose: 'Neue Halle' });
    await client.post(`/api/v1/financing-requests/${d.id}/submit`);
    const rows = await ctx.database.query<{ action: string }>(
      "select action from audit_log where entity_type = 'financing_request' and entity_id = $1 order by id",
      [d.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'financing_request.created',
      'financing_request.updated',
      'financing_request.submitted',
      'financing_request.match_run',
    ]);
  });

  it('serialises concurrent submits: exactly one wins', async () => {
    const { client, company } = await borrowerWithCompany();
    const d = await draft(client, company.id);
    const results = await Promise.all([1, 2, 3].map(() => client.post(`/api/v1/financing-requests/${d.id}/submit`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const hist = (await client.get(`/api/v1/financing-requests/${d.id}`)).json().history;
    expect(hist.filter((h: { to: string }) => h.to === 'submitted')).toHaveLength(1);
  });
});

describe('live updates', () => {
  it('streams status changes of a request as server-sent events to the people who may see it', async () => {
    const { client, company } = await borrowerWithCompany();
    const d = await draft(client, company.id);
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const other = await registeredBorrower(ctx);
    const forbidden = await fetch(`${address}/api/v1/financing-requests/${d.id}/events`, { headers: { cookie: other.client.cookie! } });
    expect(forbidden.status).toBe(404);
    const controller = new AbortController();
    const res = await fetch(`${address}/api/v1/financing-requests/${d.id}/events`, { headers: { cookie: client.cookie! }, signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // the retry preamble
    await client.post(`/api/v1/financing-requests/${d.id}/submit`);
    let text = '';
    while (!text.includes('status_changed')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: status_changed');
    expect(text).toContain('"to":"submitted"');
    controller.abort();
  });

  /** Opens a request's event stream over real HTTP as the client, past the retry preamble. */
  async function openStream(client: Client, requestId: string) {
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`);
    const res = await fetch(`${address}/api/v1/financing-requests/${requestId}/events`, { headers: { cookie: client.cookie! } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    /** Reads until `want` arrived (true) or the server ended the stream (false); fails after `ms`. */
    const readUntil = async (want: string | null, ms = 10_000): Promise<boolean> => {
      const deadline = Date.now() + ms;
      for (;;) {
        if (want !== null && text.includes(want)) return true;
        const chunk = await Promise.race([reader.read(), new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), Math.max(0, deadline - Date.now())))]);
        if (chunk === 'timeout') throw new Error(`stream still open after ${ms} ms; got ${JSON.stringify(text)}`);
        if (chunk.done) return false;
        text += decoder.decode(chunk.value);
      }
    };
    await readUntil('retry:');
    return { readUntil, cancel: () => reader.cancel().catch(() => undefined), text: () => text };
  }

  it('keeps an open stream alive with heartbeats while the session holds, and ends it on logout', async () => {
    const { client, company } = await borrowerWithCompany();
    const d = await draft(client, company.id);
    const stream = await openStream(client, d.id);
    // Several heartbeats pass, each re-checking the session: the stream stays open and still carries events.
    expect(await stream.readUntil(': ping')).toBe(true);
    await client.post(`/api/v1/financing-requests/${d.id}/submit`);
    expect(await stream.readUntil('event: status_changed')).toBe(true);

    const out = await client.post('/api/v1/auth/logout');
    expect(out.statusCode).toBeLessThan(300);
    expect(await stream.readUntil(null)).toBe(false);
  });

  it('ends the stream when the user is deactivated', async () => {
    const { client, company, user } = await borrowerWithCompany();
    const d = await draft(client, company.id);
    const stream = await openStream(client, d.id);
    expect(await stream.readUntil(': ping')).toBe(true);
    // Directly in the database, so only the deactivation (not a deleted session) ends it.
    await ctx.database.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, user.id));
    expect(await stream.readUntil(null)).toBe(false);
  });

  it('ends the stream when the user can no longer see the request', async () => {
    const { client, company } = await borrowerWithCompany();
    const d = await draft(client, company.id);
    const other = await registeredBorrower(ctx);
    const stream = await openStream(client, d.id);
    expect(await stream.readUntil(': ping')).toBe(true);
    await ctx.database.db.update(companies).set({ ownerId: other.user.id }).where(eq(companies.id, company.id));
    expect(await stream.readUntil(null)).toBe(false);
  });
});
