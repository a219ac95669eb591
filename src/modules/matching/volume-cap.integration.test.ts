import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, registeredBorrower, signedInAs, startTestApp, type TestContext } from '../../../test/helpers/app.js';

let ctx: TestContext;
let advisor: Awaited<ReturnType<typeof signedInAs>>;
let cappedId: string;

beforeAll(async () => {
  ctx = await startTestApp({ DISPATCH_TOP_N: '1' });
  const admin = await signedInAs(ctx, 'admin');
  advisor = await signedInAs(ctx, 'advisor');
  const res = await admin.client.post('/api/v1/lenders', {
    name: 'Volumenbank Test AG',
    type: 'private_bank',
    contactEmail: 'kredit@example.test',
    policy: { products: ['investment_loan'], monthlyVolumeCap: '500000.00' },
  });
  expect(res.statusCode, res.body).toBe(201);
  cappedId = res.json().id;
});
afterAll(() => ctx.close());

async function submit(amount: string): Promise<string> {
  const b = await registeredBorrower(ctx);
  const c = await createCompany(b.client);
  await b.client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
  const d = await b.client.post('/api/v1/financing-requests', { companyId: c.id, product: 'investment_loan', amount, termMonths: 60, purpose: 'Maschine' });
  const s = await b.client.post(`/api/v1/financing-requests/${d.json().id}/submit`);
  expect(s.statusCode, s.body).toBe(200);
  return d.json().id;
}

async function dispatchedTo(requestId: string): Promise<string[]> {
  for (let i = 0; i < 80; i++) {
    const rows = await ctx.database.query<{ lender_id: string }>('select lender_id from dispatches where request_id = $1', [requestId]);
    if (rows.length > 0) return rows.map((r) => r.lender_id);
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

/** The capped lender in the request's match: eligible, or not with its reasons. */
async function cappedLender(requestId: string): Promise<{ eligible: boolean; reasons: { criterion: string; message: string }[] }> {
  const m = (await advisor.client.get(`/api/v1/financing-requests/${requestId}/matches`)).json();
  const isCapped = (l: { lenderId: string }) => l.lenderId === cappedId;
  if (m.eligible.some(isCapped)) return { eligible: true, reasons: [] };
  return { eligible: false, reasons: m.ineligible.find(isCapped).reasons };
}

describe('monthly volume cap', () => {
  it('counts what was actually dispatched to the lender this month, and refuses what would pass the cap', async () => {
    const first = await submit('300000.00');
    expect(await dispatchedTo(first)).toEqual([cappedId]);

    // 300,000 sent this month + 250,000 = 550,000 > 500,000.
    const second = await submit('250000.00');
    const lender = await cappedLender(second);
    expect(lender.eligible).toBe(false);
    expect(lender.reasons).toEqual([
      expect.objectContaining({
        criterion: 'monthlyVolumeCap',
        message: 'Monatsvolumen ausgeschöpft: 300.000,00 € vergeben + 250.000,00 € angefragt über Obergrenze 500.000,00 €',
      }),
    ]);

    // 300,000 + 200,000 = 500,000: bounds are inclusive.
    const third = await submit('200000.00');
    expect((await cappedLender(third)).eligible).toBe(true);
  });

  it('frees the volume of a request the lender declined', async () => {
    const [{ id }] = await ctx.database.query<{ id: string }>(
      "select id from dispatches where lender_id = $1 order by dispatched_at limit 1",
      [cappedId],
    );
    await ctx.database.query("update dispatches set status = 'declined' where id = $1", [id]);
    const fourth = await submit('200000.00');
    expect((await cappedLender(fourth)).eligible).toBe(true);
  });
});
