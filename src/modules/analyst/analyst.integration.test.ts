import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { createApiKey, insertLender } from '../lenders/index.js';
import { multipartForm, samplePdf } from '../documents/documents.fixtures.js';
import { trainAndRegisterApprovalModel } from '../models/index.js';
import { runMarketSimulation } from '../simulation/index.js';
import { PRODUCTS } from '../vocabulary/index.js';
import { Client, PASSWORD, createCompany, problem, registeredBorrower, signedInAs, startTestApp, uniqueEmail, type TestContext } from '../../../test/helpers/app.js';
import { ANALYST_VIEWS } from './catalogue.js';
import { exportView } from './views.service.js';

let ctx: TestContext;
let analyst: Client;
let borrowerEmail: string;
let soleTraderId: string;
let gmbhId: string;
let requestId: string;
let documentSha256: string;
let invitedEmail: string;
const NOTE = 'Rückruf bei Frau Gisela Vertraulich wegen der Bürgschaft';
const MESSAGE = 'Die Unterlagen bringt Dr. Otto Privatmann am Montag vorbei';

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
  // A document whose file name names the owner: the name must never reach a view.
  const form = multipartForm([
    { name: 'kind', value: 'annual_statement' },
    { name: 'fiscalYear', value: '2024' },
    { filename: 'Jahresabschluss Erika Musterfrau 2024.pdf', contentType: 'application/pdf', content: await samplePdf('Bilanz Erika Musterfrau') },
  ]);
  const doc = await b.client.request('POST', `/api/v1/financing-requests/${requestId}/documents`, form.payload, form.headers);
  expect(doc.statusCode, doc.body).toBe(201);
  documentSha256 = doc.json().sha256;
  expect(documentSha256).toMatch(/^[0-9a-f]{64}$/);
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

  // The advisor workspace: a case taken, an internal note and messages naming people.
  const advisor = await signedInAs(ctx, 'advisor');
  expect((await advisor.client.post(`/api/v1/advisory/cases/${requestId}/take`)).statusCode).toBe(200);
  expect((await advisor.client.post(`/api/v1/advisory/cases/${requestId}/notes`, { body: NOTE })).statusCode).toBe(201);
  expect((await b.client.post(`/api/v1/financing-requests/${requestId}/messages`, { body: MESSAGE })).statusCode).toBe(201);
  expect((await advisor.client.post(`/api/v1/financing-requests/${requestId}/messages`, { body: `Danke, wir erwarten ${MESSAGE}` })).statusCode).toBe(201);
  expect((await advisor.client.post(`/api/v1/financing-requests/${requestId}/messages/read`)).statusCode).toBeLessThan(300);

  // An invited account, then deactivated.
  const admin = (await signedInAs(ctx, 'admin')).client;
  invitedEmail = uniqueEmail('ingrid.eingeladen');
  const invited = await admin.post('/api/v1/admin/users', { email: invitedEmail, name: 'Ingrid Eingeladen', role: 'advisor' });
  expect(invited.statusCode, invited.body).toBe(201);
  // The mail job gives the invitation its token and sends it (a caught mail).
  await until(() => ctx.database.query<{ sent_at: Date | null }>('select sent_at from user_invitations'), (r) => r.length === 1 && r[0].sent_at !== null);
  expect((await admin.patch(`/api/v1/admin/users/${invited.json().id}`, { active: false })).statusCode).toBe(200);

  // A small simulated market on the demo lenders (one more, for every product, added after the real deal),
  // and an approval model trained on it and activated.
  await ctx.database.db.transaction((tx) =>
    insertLender(tx, { name: 'Zweite Demo-Bank', type: 'fintech_lender', contactEmail: 'demo@bank.test', policy: { products: [...PRODUCTS] }, demo: true }, SYSTEM_ACTOR),
  );
  await runMarketSimulation(ctx.database, { seed: 3, months: 10, requests: 240, topN: 8 }, SYSTEM_ACTOR);
  await trainAndRegisterApprovalModel(ctx.database.db, { model: 'logistic', holdoutMonths: 3, activate: true }, SYSTEM_ACTOR);

  analyst = (await signedInAs(ctx, 'analyst')).client;
}, 120_000);
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
    const rows = ((await analyst.get('/api/v1/analyst/views/companies?limit=1000')).json().rows as Record<string, unknown>[]).filter((r) => r.simulated === false);
    expect(rows).toHaveLength(2);
    const soleTrader = rows.find((r) => r.legal_form === 'e.K.')!;
    expect(soleTrader).toMatchObject({ company_name: null, name_withheld: true, postal_region: '86', founded_year: 2011, federal_state: 'BY', has_vat_number: true });
    expect(soleTrader.company_key).toMatch(/^c_[0-9a-f]{16}$/);
    expect(soleTrader.owner_key).toMatch(/^u_[0-9a-f]{16}$/);
    const gmbh = rows.find((r) => r.legal_form === 'GmbH')!;
    expect(gmbh).toMatchObject({ company_name: 'Müller, Meier & "Söhne" GmbH', name_withheld: false, annual_revenue: '4200000.00' });
    expect(gmbh.owner_key).toBe(soleTrader.owner_key);
    // The same company has the same pseudonym in every view, so views join.
    const request = (await analyst.get('/api/v1/analyst/views/financing_requests?limit=1000')).json().rows.find((r: { request_id: string }) => r.request_id === requestId);
    expect(request).toMatchObject({ company_key: soleTrader.company_key, amount: '300000.10', status: 'signed', created_by_key: soleTrader.owner_key, simulated: false });
    expect(request.submitted_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(soleTraderId).not.toBe(gmbhId);
  });

  it('keeps lender free texts out, except the generated decline reasons of simulated lenders', async () => {
    const dispatches = (await analyst.get(`/api/v1/analyst/views/dispatches?limit=1000`)).json().rows as Record<string, unknown>[];
    const declined = dispatches.filter((d) => d.status === 'declined' && d.request_id === requestId);
    expect(declined).toHaveLength(2);
    expect(declined.every((d) => d.has_decline_reason === true)).toBe(true);
    expect(declined.map((d) => d.simulated_decline_reason).sort()).toEqual(['Eigenkapitalquote zu niedrig', null]);
    const offer = (await analyst.get('/api/v1/analyst/views/offers?limit=1000')).json().rows.find((o: { request_id: string }) => o.request_id === requestId);
    expect(offer).toMatchObject({ simulated: false, amount: '300000.10', nominal_rate: '0.048500', has_collateral: true, has_conditions: true, status: 'accepted', valid_until: '2099-01-31' });
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
    // The real offer (the simulated ones have fees, whose JSON a plain split would cut).
    const realOffer = (row: string[]) => row[1] === requestId;
    const [header, ...rows] = csvRows(res.body);
    const row = rows.find(realOffer)!;
    const offers = ANALYST_VIEWS.find((v) => v.name === 'offers')!;
    expect(header).toEqual(offers.columns.map((c) => c.name));
    expect(row[header.indexOf('amount')]).toBe('300000.10');
    expect(row[header.indexOf('nominal_rate')]).toBe('0.048500');

    const de = await analyst.get('/api/v1/analyst/views/offers/export.csv?format=de');
    expect(de.body.startsWith('\uFEFF')).toBe(true);
    const [deHeader, ...deRows] = csvRows(de.body, ';');
    const deRow = deRows.find(realOffer)!;
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
    const [{ n: simulatedConsents }] = await ctx.database.query<{ n: number }>('select count(*)::int as n from consents x join companies c on c.id = x.company_id where c.simulated');
    expect(simulatedConsents).toBeGreaterThan(0);
    expect(consents).toBe(3 + simulatedConsents);
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

  it('gives document metadata without file name, checksum or storage location', async () => {
    const rows = (await analyst.get('/api/v1/analyst/views/documents')).json().rows as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    const owner = (await analyst.get('/api/v1/analyst/views/financing_requests?limit=1000')).json().rows.find((r: { request_id: string }) => r.request_id === requestId);
    expect(rows[0]).toMatchObject({ company_key: owner.company_key, request_id: requestId, scope: 'request', kind: 'annual_statement', fiscal_year: 2024, as_of: null, detected_type: 'application/pdf', uploaded_by_key: owner.created_by_key });
    expect(rows[0].size_bytes).toBeGreaterThan(100);
    expect(Object.keys(rows[0]).some((k) => /file|name|sha|storage/.test(k))).toBe(false);
  });

  it('gives notes and messages as metadata with their length, never their text', async () => {
    const notes = (await analyst.get('/api/v1/analyst/views/case_notes')).json().rows as Record<string, unknown>[];
    expect(notes).toEqual([{ note_id: expect.any(String), request_id: requestId, author_key: expect.stringMatching(/^u_[0-9a-f]{16}$/), created_at: expect.any(String), text_length: NOTE.length }]);
    const messages = (await analyst.get('/api/v1/analyst/views/request_messages')).json().rows as Record<string, unknown>[];
    expect(messages.map((m) => [m.sender_side, m.text_length])).toEqual([
      ['borrower', MESSAGE.length],
      ['staff', `Danke, wir erwarten ${MESSAGE}`.length],
    ]);
    // The advisor read the borrower's message; the borrower has not read the advisor's yet.
    expect(messages[0].read_at).toMatch(/Z$/);
    expect(messages[1].read_at).toBeNull();
    expect(messages[1].sender_key).toBe(notes[0].author_key);
    const [assignment] = (await analyst.get('/api/v1/analyst/views/case_assignments')).json().rows;
    expect(assignment).toMatchObject({ request_id: requestId, advisor_key: notes[0].author_key, method: 'take', assigned_by_key: notes[0].author_key });
    const rotation = (await analyst.get('/api/v1/analyst/views/advisor_rotation')).json().rows;
    expect(rotation).toEqual([expect.objectContaining({ advisor_key: notes[0].author_key, assigned_count: 1 })]);
  });

  it('shows invitations without address or token, and deactivated accounts', async () => {
    const [invitation] = (await analyst.get('/api/v1/analyst/views/user_invitations')).json().rows;
    expect(invitation).toMatchObject({ role: 'advisor', accepted_at: null });
    expect(invitation.sent_at).toMatch(/Z$/);
    expect(Date.parse(invitation.expires_at)).toBeGreaterThan(Date.parse(invitation.sent_at));
    expect(invitation.invited_by_key).toMatch(/^u_/);
    const users = (await analyst.get('/api/v1/analyst/views/users?limit=1000')).json().rows as Record<string, unknown>[];
    const invited = users.find((u) => u.user_key === invitation.user_key)!;
    expect(invited).toMatchObject({ role: 'advisor', deactivated: true });
    expect(invited.deactivated_at).toMatch(/Z$/);
    expect(users.filter((u) => u.deactivated)).toHaveLength(1);
    expect(users.every((u) => (u.deactivated === true) === (u.deactivated_at !== null))).toBe(true);
  });

  it('tells simulated history from real history and describes the models trained on it', async () => {
    const [run] = (await analyst.get('/api/v1/analyst/views/simulation_runs')).json().rows;
    expect(run).toMatchObject({ seed: 3, months: 10 });
    expect(JSON.parse(run.counts)).toMatchObject({ financingRequests: 240 });
    expect(run.oracle_auc).toMatch(/^0\.\d{6}$/);
    const requests = (await analyst.get('/api/v1/analyst/views/financing_requests?limit=1000')).json().rows as Record<string, unknown>[];
    expect(requests.filter((r) => r.simulated === true)).toHaveLength(240);
    expect(requests.filter((r) => r.simulated === false).map((r) => r.request_id)).toEqual([requestId]);
    const simulatedCompanies = new Set(requests.filter((r) => r.simulated).map((r) => r.company_key));
    const companies = (await analyst.get('/api/v1/analyst/views/companies?limit=1000')).json().rows as Record<string, unknown>[];
    expect(companies.filter((c) => c.simulated).map((c) => c.company_key).sort()).toEqual([...simulatedCompanies].sort());
    const dispatches = (await analyst.get('/api/v1/analyst/views/dispatches?limit=1000')).json().rows as Record<string, unknown>[];
    expect(dispatches.filter((d) => !d.simulated).every((d) => d.request_id === requestId)).toBe(true);
    expect(dispatches.filter((d) => d.simulated).length).toBeGreaterThan(20);

    const [model] = (await analyst.get('/api/v1/analyst/views/ml_models')).json().rows;
    expect(model).toMatchObject({ kind: 'approval', version: 1, status: 'active', algorithm: 'logistic', created_by_key: null });
    expect(model.parameters_bytes).toBeGreaterThan(100);
    expect(JSON.parse(model.metrics)).toHaveProperty('holdout');
    expect(JSON.parse(model.features).columns.length).toBeGreaterThan(3);
    const activations = (await analyst.get('/api/v1/analyst/views/ml_model_activations')).json().rows;
    expect(activations).toEqual([expect.objectContaining({ kind: 'approval', model_id: model.model_id, version: 1, action: 'activate', actor_key: null })]);
  });

  it('shows no e-mail, person name, street, full postcode, VAT id, register number or free text in any view', async () => {
    const [{ token_hash: tokenHash }] = await ctx.database.query<{ token_hash: string }>('select token_hash from user_invitations');
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const [{ storage_key: storageKey }] = await ctx.database.query<{ storage_key: string }>('select storage_key from documents');
    const secrets = [borrowerEmail, 'Musterfrau', 'Erika', 'Geheimweg', '86150', 'Augsburg', 'DE136695976', 'HRB 98765', 'Hans Geheim', 'Karla', '@bank.test', 'Praxis von', 'Kontoführung', '127.0.0.1', 'lightMyRequest', 'kp_live_', 'argon2'];
    secrets.push('Jahresabschluss Erika Musterfrau 2024', '.pdf', documentSha256, storageKey, 'Gisela', 'Vertraulich', 'Otto', 'Privatmann', 'Ingrid', 'Eingeladen', invitedEmail, 'ingrid.eingeladen');
    secrets.push(tokenHash);
    const admin = (await signedInAs(ctx, 'admin')).client;
    let total = 0;
    const empty: string[] = [];
    for (const v of ANALYST_VIEWS) {
      const csv = (await admin.get(`/api/v1/analyst/views/${v.name}/export.csv`)).body;
      total += csvRows(csv).length - 1;
      if (csvRows(csv).length === 1) empty.push(v.name);
      for (const s of secrets) expect(csv.includes(s), `${v.name} contains ${s}`).toBe(false);
    }
    expect(total).toBeGreaterThan(50);
    // Every view was checked with rows in it, except what the fixture has none of: lender-specific
    // commission rules, webhooks.
    expect(empty).toEqual(['commission_rules', 'webhook_deliveries']);
  });
});
