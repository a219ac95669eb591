import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, problem, registeredBorrower, signedInAs, startTestApp, type TestContext } from '../../../test/helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

describe('consents', () => {
  it('starts with nothing given', async () => {
    const { client } = await registeredBorrower(ctx);
    const c = await createCompany(client);
    const res = await client.get(`/api/v1/companies/${c.id}/consents`);
    expect(res.json()).toMatchObject({ dataProcessing: false, lenderSharing: false, marketing: false, history: [] });
    expect(res.json().texts.map((t: { kind: string }) => t.kind)).toEqual(['dataProcessing', 'lenderSharing', 'marketing']);
  });

  it('records each consent with time, text version and who gave it; revocation keeps history', async () => {
    const { client, user } = await registeredBorrower(ctx, 'Klara Kaufmann');
    const c = await createCompany(client);
    const first = await client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: true });
    expect(first.statusCode).toBe(200);
    expect(first.json().history).toHaveLength(3);
    const rec = first.json().current.find((r: { kind: string }) => r.kind === 'marketing');
    expect(rec).toMatchObject({ granted: true, textVersion: '2026-11-01', givenBy: { id: user.id, name: 'Klara Kaufmann' } });
    expect(Date.parse(rec.givenAt)).toBeGreaterThan(Date.now() - 60_000);

    const revoke = await client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
    const body = revoke.json();
    expect(body.marketing).toBe(false);
    expect(body.dataProcessing).toBe(true);
    expect(body.history).toHaveLength(4); // only the change is a new record
    expect(body.history[0]).toMatchObject({ kind: 'marketing', granted: false });
    expect(body.history.filter((h: { kind: string }) => h.kind === 'marketing').map((h: { granted: boolean }) => h.granted)).toEqual([false, true]);
  });

  it('requires all three booleans', async () => {
    const { client } = await registeredBorrower(ctx);
    const c = await createCompany(client);
    const res = await client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: 'yes', lenderSharing: true });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['dataProcessing', 'marketing']));
  });

  it('lets no one else consent for a company', async () => {
    const owner = await registeredBorrower(ctx);
    const c = await createCompany(owner.client);
    const other = await registeredBorrower(ctx);
    const body = { dataProcessing: true, lenderSharing: true, marketing: false };
    expect((await other.client.put(`/api/v1/companies/${c.id}/consents`, body)).statusCode).toBe(404);
    expect((await other.client.get(`/api/v1/companies/${c.id}/consents`)).statusCode).toBe(404);
    const advisor = await signedInAs(ctx, 'advisor');
    expect((await advisor.client.get(`/api/v1/companies/${c.id}/consents`)).statusCode).toBe(200);
    expect((await advisor.client.put(`/api/v1/companies/${c.id}/consents`, body)).statusCode).toBe(403);
  });
});
