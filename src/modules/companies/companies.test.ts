import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCompany,
  problem,
  registeredBorrower,
  signedInAs,
  startTestApp,
  VALID_COMPANY,
  type TestContext,
} from '../../../test/helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

describe('companies', () => {
  it('creates a company and derives the federal state from the postal code', async () => {
    const { client, user } = await registeredBorrower(ctx);
    const res = await client.post('/api/v1/companies', VALID_COMPANY);
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ name: VALID_COMPANY.name, federalState: 'BY', ownerId: user.id, annualRevenue: '4200000.00' });
    expect(c.industryLabel).toBe('Herstellung von Werkzeugmaschinen für die Metallbearbeitung');
    const again = await client.get(`/api/v1/companies/${c.id}`);
    expect(again.json()).toEqual(c);
  });

  it.each([
    ['01067', 'SN'], // Dresden: leading zero
    ['10115', 'BE'],
    ['20095', 'HH'],
    ['99084', 'TH'],
    ['66111', 'SL'],
    ['24103', 'SH'], // Kiel: the package spells the state "Schlewig-Holstein"
  ])('postal code %s lies in %s', async (postalCode, state) => {
    const { client } = await registeredBorrower(ctx);
    expect((await createCompany(client, { postalCode })).federalState).toBe(state);
  });

  it.each([
    ['postalCode', { postalCode: '1067' }],
    ['postalCode', { postalCode: '00000' }],
    ['vatId', { vatId: 'DE136695977' }],
    ['vatId', { vatId: 'AT12345678' }],
    ['industryCode', { industryCode: '25.99.9' }],
    ['industryCode', { industryCode: 'Z' }],
    ['legalForm', { legalForm: 'Ltd' }],
    ['foundedOn', { foundedOn: '2023-02-29' }],
    ['foundedOn', { foundedOn: '2999-01-01' }],
    ['annualRevenue', { annualRevenue: 4200000 }],
    ['annualRevenue', { annualRevenue: '-5.00' }],
    ['annualRevenue', { annualRevenue: '1.005' }],
    ['employees', { employees: 3.5 }],
    ['registerNumber', { registerNumber: 'Handelsregister' }],
  ])('rejects an invalid %s with a 400 naming it', async (field, override) => {
    const { client } = await registeredBorrower(ctx);
    const res = await client.post('/api/v1/companies', { ...VALID_COMPANY, ...override });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors!.map((e) => e.path)).toContain(field);
    const [{ n }] = await ctx.database.query<{ n: string }>('select count(*) as n from companies where name = $1 and owner_id is null', [VALID_COMPANY.name]);
    expect(Number(n)).toBe(0);
  });

  it.each([
    ['null', { registerNumber: null, vatId: null }],
    ['empty strings', { registerNumber: '', vatId: '' }],
    ['blanks', { registerNumber: '  ', vatId: ' ' }],
    ['absent', { registerNumber: undefined, vatId: undefined }],
  ])('takes registerNumber and vatId given as %s as not given', async (_label, override) => {
    const { client } = await registeredBorrower(ctx);
    const res = await client.post('/api/v1/companies', { ...VALID_COMPANY, ...override });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ registerNumber: null, vatId: null });
  });

  it('accepts a company exactly as GET answers it, without the server-set fields', async () => {
    const { client } = await registeredBorrower(ctx);
    const created = await client.post('/api/v1/companies', { ...VALID_COMPANY, registerNumber: null, vatId: null });
    const fetched = (await client.get(`/api/v1/companies/${created.json().id}`)).json();
    expect(fetched).toMatchObject({ registerNumber: null, vatId: null });
    const { id: _id, ownerId: _o, federalState: _f, industryLabel: _l, createdAt: _c, updatedAt: _u, ...input } = fetched;
    expect((await client.post('/api/v1/companies', input)).statusCode).toBe(201);
  });

  it('still checks a register number and VAT ID that are given', async () => {
    const { client } = await registeredBorrower(ctx);
    const res = await client.post('/api/v1/companies', { ...VALID_COMPANY, registerNumber: 'HRB', vatId: 'DE12' });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors).toEqual(
      expect.arrayContaining([
        { path: 'registerNumber', message: 'Registernummer wie „HRB 12345“ (HRA, HRB, GnR, PR, VR, GsR)' },
        { path: 'vatId', message: 'USt-IdNr. im Format DE + 9 Ziffern' },
      ]),
    );
    const ok = await client.post('/api/v1/companies', { ...VALID_COMPANY, registerNumber: ' HRB 98765 ', vatId: 'de 136.695.976' });
    expect(ok.json()).toMatchObject({ registerNumber: 'HRB 98765', vatId: 'DE136695976' });
  });

  it('accepts WZ sections, divisions, groups and classes', async () => {
    const { client } = await registeredBorrower(ctx);
    for (const industryCode of ['C', '25', '25.6', '25.62']) {
      expect((await createCompany(client, { industryCode })).federalState).toBe('BY');
    }
  });

  it('lets a borrower own several companies and see only its own', async () => {
    const a = await registeredBorrower(ctx);
    const b = await registeredBorrower(ctx);
    const a1 = await createCompany(a.client, { name: 'A Eins GmbH' });
    await createCompany(a.client, { name: 'A Zwei GmbH' });
    const list = (await a.client.get('/api/v1/companies')).json().items;
    expect(list.map((c: { name: string }) => c.name)).toEqual(['A Eins GmbH', 'A Zwei GmbH']);
    expect((await b.client.get('/api/v1/companies')).json().items).toEqual([]);
    const foreign = await b.client.get(`/api/v1/companies/${a1.id}`);
    expect(foreign.statusCode).toBe(404);
  });

  it('lets advisors read any company but only borrowers create them', async () => {
    const a = await registeredBorrower(ctx);
    const c = await createCompany(a.client);
    const advisor = await signedInAs(ctx, 'advisor');
    expect((await advisor.client.get(`/api/v1/companies/${c.id}`)).statusCode).toBe(200);
    expect((await advisor.client.post('/api/v1/companies', VALID_COMPANY)).statusCode).toBe(403);
    const lender = await signedInAs(ctx, 'lender');
    expect((await lender.client.get(`/api/v1/companies/${c.id}`)).statusCode).toBe(404);
  });

  it('audits company creation', async () => {
    const { client } = await registeredBorrower(ctx);
    const c = await createCompany(client);
    const rows = await ctx.database.query<{ action: string; after: { federalState: string } }>(
      "select action, after from audit_log where entity_type = 'company' and entity_id = $1",
      [c.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].after.federalState).toBe('BY');
  });
});
