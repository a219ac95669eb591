import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { createApiKey, insertLender } from '../lenders/index.js';
import { Client, PASSWORD, createCompany, problem, registeredBorrower, signedInAs, startTestApp, type TestContext } from '../../../test/helpers/app.js';
import { ANALYST_VIEWS } from './catalogue.js';
import { exportView } from './views.service.js';

let ctx: TestContext;
let analyst: Client;
let borrowerEmail: string;
let soleTraderId: string;
let gmbhId: string;
let requestId: string;

async function until<T>(f: () => Promise<T>, ok: (t: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A signed deal with personal data everywhere it can be: a person's name and e-mail, a sole trader named
 * after its owner, a street, a VAT id, free texts naming a guarantor. None of it may reach an analyst view.
 */
beforeAll(async () => {
  ctx = await startTestApp({ SANDBOX_LENDERS: 'false' });
  const lender = (name: string, demo: boolean) =>
    ctx.database.db.transaction((tx) =>
      insertLender(tx, { name, type: 'savings_bank', contactEmail: `kontakt-${name.length}@bank.test`, contactName: 'Karla Kontaktperson', policy: { products: ['investment_loan'] }, demo }, SYSTEM_ACTOR),
    );
  const offering = await lender('Anbietende Sparkasse', false);
  const declining = await lender('Ablehnende Volksbank', false);
  const simulated = await lender('Simulierte Demo-Bank', true);
  const keys = await Promise.all([offering, declining, simulated].map((l) => createApiKey(ctx.database, l.id, 'Kernsystem', SYSTEM_ACTOR)));
  const auth = (i: number) => ({ authorization: `Bearer ${keys[i].key}` });

  const b = await registeredBorrower(ctx, 'Erika Musterfrau');
  borrowerEmail = b.email;
  soleTraderId = (await createCompany(b.client, { name: 'Erika Musterfrau e.K.', legalForm: 'e.K.', street: 'Geheimweg 7', postalCode: '86150', city: 'Augsburg', foundedOn: '2011-06-30' })).id;
  gmbhId = (await createCompany(b.client, { name: 'Müller, Meier & "Söhne" GmbH', street: 'Geheimweg 7', postalCode: '86150', city: 'Augsburg' })).id;
  await b.client.put(`/api/v1/companies/${soleTraderId}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
  const draft = await b.client.post('/api/v1/financing-requests', { companyId: soleTraderId, product: 'investment_loan', amount: '300000.10', termMonths: 60, purpose: 'Praxis von Erika Musterfrau erweitern' });
  requestId = draft.json().id;
  expect((await b.client.post(`/api/v1/financing-requests/${requestId}/submit`)).json().status).toBe('matched');

  const api = new Client(ctx.app);
  await until(() => api.request('GET', `/api/v1/lender/requests/${requestId}`, undefined, auth(1)), (r) => r.statusCode === 200);
  await api.request('POST', `/api/v1/lender/requests/${requestId}/decline`, { reason: 'Herr Hans Geheim ist uns als Schuldner bekannt' }, auth(1));
  await until(() => api.request('GET', `/api/v1/lender/requests/${requestId}`, undefined, auth(2)), (r) => r.statusCode === 200);
  await api.request('POST', `/api/v1/lender/requests/${requestId}/decline`, { reason: 'Eigenkapitalquote zu niedrig' }, auth(2));
  const offer = await api.request(
    'POST',
    `/api/v1/lender/requests/${requestId}/offers`,
    { amount: '300000.10', nominalRate: '0.0485', termMonths: 60, validUntil: '2099-01-31', collateral: 'Bürgschaft von Hans Geheim', conditions: 'Kontoführung bei uns' },
    { ...auth(0), 'idempotency-key': 'analyst-1' },
  );
  expect(offer.statusCode, offer.body).toBe(201);
  const { contractId } = (await b.client.post(`/api/v1/offers/${offer.json().id}/accept`)).json();
  expect((await b.client.post(`/api/v1/contracts/${contractId}/sign`, { password: PASSWORD, consent: true })).statusCode).toBe(200);
  expect((await api.request('POST', `/api/v1/lender/contracts/${contractId}/sign`, undefined, auth(0))).json().status).toBe('signed');

  analyst = (await signedInAs(ctx, 'analyst')).client;
});
afterAll(() => ctx.close());

const csvRows = (body: string, sep = ',') =>
  body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(sep));

describe('analyst access', () => {
  it('is for analysts and admins only: 401 anonymous, 403 for every other role', async () => {
    const urls = ['/api/v1/analyst/views', '/api/v1/analyst/views/companies', '/api/v1/analyst/views/companies/export.csv'];
    for (const url of urls) expect((await new Client(ctx.app).get(url)).statusCode, url).toBe(401);
    for (const role of ['borrower', 'advisor', 'lender', 'partner'] as const) {
      const { client } = await signedInAs(ctx, role);
      for (const url of urls) {
        const res = await client.get(url);
        expect(res.statusCode, `${role} ${url}`).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
    const admin = (await signedInAs(ctx, 'admin')).client;
    for (const url of urls) {
      expect((await admin.get(url)).statusCode, url).toBe(200);
      expect((await analyst.get(url)).statusCode, url).toBe(200);
    }
  });

  it('serves the catalogue with German and English descriptions of every view and column', async () => {
    const res = await analyst.get('/api/v1/analyst/views');
    const items = res.json().items as { name: string; description: { de: string; en: string }; columns: { name: string; type: string }[] }[];
    expect(items.map((v) => v.name)).toEqual(ANALYST_VIEWS.map((v) => v.name));
    const companies = items.find((v) => v.name === 'companies')!;
    expect(companies.description.de).toMatch(/Einzelunternehmen/);
    expect(companies.columns.find((c) => c.name === 'annual_revenue')).toMatchObject({ type: 'decimal' });
  });

  it('answers an unknown or malicious view name with 404 problem+json, never reaching SQL', async () => {
    for (const name of ['nope', 'users;drop table users', 'pg_catalog.pg_roles', '..%2Fusers', "companies'--"]) {
      const res = await analyst.get(`/api/v1/analyst/views/${encodeURIComponent(name)}`);
      expect(res.statusCode, name).toBe(404);
      expect(problem(res).type).toBe('/problems/not-found');
      expect((await analyst.get(`/api/v1/analyst/views/${encodeURIComponent(name)}/export.csv`)).statusCode).toBe(404);
    }
    expect((await analyst.get('/api/v1/analyst/views/companies?limit=0')).statusCode).toBe(400);
    expect((await analyst.get('/api/v1/analyst/views/companies/export.csv?format=xlsx')).statusCode).toBe(400);
  });

  it('pseudonymises companies: sole traders without name, postcode to 2 digits, founding to the year', async () => {
    const rows = (await analyst.get('/api/v1/analyst/views/companies')).json().rows as Record<string, unknown>[];
    const soleTrader = rows.find((r) => r.legal_form === 'e.K.')!;
    expect(soleTrader).toMatchObject({ company_name: null, name_withheld: true, postal_region: '86', founded_year: 2011, federal_state: 'BY', has_vat_number: true });
    expect(soleTrader.company_key).toMatch(/^c_[0-9a-f]{16}$/);
    expect(soleTrader.owner_key).toMatch(/^u_[0-9a-f]{16}$/);
    const gmbh = rows.find((r) => r.legal_form === 'GmbH')!;
    expect(gmbh).toMatchObject({ company_name: 'Müller, Meier & "Söhne" GmbH', name_withheld: false, annual_revenue: '4200000.00' });
    expect(gmbh.owner_key).toBe(soleTrader.owner_key);
    // The same company has the same pseudonym in every view, so views join.
    const request = (await analyst.get('/api/v1/analyst/views/financing_requests')).json().rows.find((r: { request_id: string }) => r.request_id === requestId);
    expect(request).toMatchObject({ company_key: soleTrader.company_key, amount: '300000.10', status: 'signed', created_by_key: soleTrader.owner_key });
    expect(request.submitted_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(soleTraderId).not.toBe(gmbhId);
  });

  it('keeps lender free texts out, except the generated decline reasons of simulated lenders', async () => {
    const dispatches = (await analyst.get('/api/v1/analyst/views/dispatches')).json().rows as Record<string, unknown>[];
    const declined = dispatches.filter((d) => d.status === 'declined');
    expect(declined).toHaveLength(2);
    expect(declined.every((d) => d.has_decline_reason === true)).toBe(true);
    expect(declined.map((d) => d.simulated_decline_reason).sort()).toEqual(['Eigenkapitalquote zu niedrig', null]);
    const [offer] = (await analyst.get('/api/v1/analyst/views/offers')).json().rows;
    expect(offer).toMatchObject({ amount: '300000.10', nominal_rate: '0.048500', has_collateral: true, has_conditions: true, status: 'accepted', valid_until: '2099-01-31' });
  });

  it('pages through a view in a stable order', async () => {
    const all = (await analyst.get('/api/v1/analyst/views/audit_events?limit=1000')).json();
    expect(all.total).toBe(all.rows.length);
    expect(all.total).toBeGreaterThan(10);
    const ids = all.rows.map((r: { event_id: string }) => r.event_id);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
    const page = (await analyst.get('/api/v1/analyst/views/audit_events?limit=3&offset=4')).json();
    expect(page).toMatchObject({ limit: 3, offset: 4, total: all.total });
    expect(page.rows).toEqual(all.rows.slice(4, 7));
  });

  it('exports a whole view as CSV with exact numbers, in RFC 4180 and for German spreadsheets', async () => {
    const res = await analyst.get('/api/v1/analyst/views/offers/export.csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="kreditplatz-offers-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, row] = csvRows(res.body);
    const offers = ANALYST_VIEWS.find((v) => v.name === 'offers')!;
    expect(header).toEqual(offers.columns.map((c) => c.name));
    expect(row[header.indexOf('amount')]).toBe('300000.10');
    expect(row[header.indexOf('nominal_rate')]).toBe('0.048500');

    const de = await analyst.get('/api/v1/analyst/views/offers/export.csv?format=de');
    expect(de.body.startsWith('\uFEFF')).toBe(true);
    const [deHeader, deRow] = csvRows(de.body, ';');
    expect(deHeader).toEqual(header);
    expect(deRow[header.indexOf('amount')]).toBe('300000,10');
    expect(deRow[header.indexOf('effective_annual_rate')]).toBe(row[header.indexOf('effective_annual_rate')].replace('.', ','));

    const companies = await analyst.get('/api/v1/analyst/views/companies/export.csv');
    expect(companies.body).toContain(',"Müller, Meier & ""Söhne"" GmbH",');
  });

  it('writes each export to the audit log: who, which view, how many rows', async () => {
    const { client, user } = await signedInAs(ctx, 'analyst');
    await client.get('/api/v1/analyst/views/consents/export.csv?format=de');
    const rows = await ctx.database.query<{ actor_id: string; actor_role: string; entity_id: string; after: { rows: number; format: string; complete: boolean } }>(
      "select actor_id, actor_role, entity_id, after from audit_log where action = 'analyst_view.exported' and actor_id = $1",
      [user.id],
    );
    const consents = (await client.get('/api/v1/analyst/views/consents')).json().total;
    expect(consents).toBe(3);
    expect(rows).toEqual([{ actor_id: user.id, actor_role: 'analyst', entity_id: 'consents', after: { rows: consents, format: 'de', complete: true } }]);
  });

  it('streams an export page by page and gets the same rows as in one page', async () => {
    const read = async (pageSize: number) => {
      let out = '';
      for await (const chunk of exportView(ctx.database, 'request_history', 'rfc4180', SYSTEM_ACTOR, pageSize)) out += chunk;
      return out;
    };
    const paged = await read(2);
    expect(paged).toBe(await read(100_000));
    expect(csvRows(paged).length).toBeGreaterThan(6);
    expect(await read(csvRows(paged).length - 1)).toBe(paged);
  });

  it('records an export the client abandoned as incomplete, with the rows sent so far', async () => {
    const actor = { userId: null, role: 'system', requestId: 'abandoned-export' };
    const chunks = exportView(ctx.database, 'request_history', 'rfc4180', actor, 2);
    await chunks.next(); // header
    await chunks.next(); // first page
    await chunks.return(undefined);
    const [entry] = await ctx.database.query<{ after: unknown }>("select after from audit_log where request_id = 'abandoned-export'");
    expect(entry.after).toEqual({ format: 'rfc4180', rows: 2, complete: false });
  });

  it('shows no e-mail, person name, street, full postcode, VAT id, register number or free text in any view', async () => {
    const secrets = [borrowerEmail, 'Musterfrau', 'Erika', 'Geheimweg', '86150', 'Augsburg', 'DE136695976', 'HRB 98765', 'Hans Geheim', 'Karla', '@bank.test', 'Praxis von', 'Kontoführung', '127.0.0.1', 'lightMyRequest', 'kp_live_', 'argon2'];
    const admin = (await signedInAs(ctx, 'admin')).client;
    let total = 0;
    for (const v of ANALYST_VIEWS) {
      const csv = (await admin.get(`/api/v1/analyst/views/${v.name}/export.csv`)).body;
      total += csvRows(csv).length - 1;
      for (const s of secrets) expect(csv.includes(s), `${v.name} contains ${s}`).toBe(false);
    }
    expect(total).toBeGreaterThan(50);
  });
});
