import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, problem, startTestApp, type TestContext } from '../../../test/helpers/app.js';

let ctx: TestContext;
let client: Client;
beforeAll(async () => {
  ctx = await startTestApp();
  client = new Client(ctx.app);
});
afterAll(() => ctx.close());

describe('public calculation API', () => {
  it('computes a schedule without login (spreadsheet PMT(8%/12,10,10000) = 1,037.03)', async () => {
    const res = await client.post('/api/v1/calculations/schedule', {
      amount: '10000.00',
      nominalRate: '0.08',
      termMonths: 10,
      startDate: '2026-01-31',
    });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.instalment).toBe('1037.03');
    expect(s.rows).toHaveLength(10);
    expect(s.rows.slice(0, 3).map((r: { dueDate: string }) => r.dueDate)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    expect(s.rows.at(-1).balance).toBe('0.00');
    // A fee-free annuity's effective rate is the nominal rate compounded monthly: (1 + 0.08/12)^12 − 1.
    expect(Number(s.effectiveAnnualRate)).toBeCloseTo(0.0829995, 5);
    expect(s.totalPaid).toBe((10000 + Number(s.totalInterest)).toFixed(2));
  });

  it('includes fees in the effective rate', async () => {
    const base = { amount: '100000.00', nominalRate: '0.05', termMonths: 60, startDate: '2026-03-01' };
    const plain = (await client.post('/api/v1/calculations/schedule', base)).json();
    const withFee = (
      await client.post('/api/v1/calculations/schedule', { ...base, fees: [{ type: 'arrangement', amount: '1000.00', when: 'upfront' }] })
    ).json();
    expect(withFee.totalFees).toBe('1000.00');
    expect(Number(withFee.effectiveAnnualRate)).toBeGreaterThan(Number(plain.effectiveAnnualRate) + 0.003);
  });

  it('solves the effective rate of dated cash flows (Directive 98/7/EC Annex III example 1 under 2008/48/EC)', async () => {
    const res = await client.post('/api/v1/calculations/effective-rate', {
      cashFlows: [
        { date: '1994-01-01', amount: '1000.00' },
        { date: '1995-07-01', amount: '-1200.00' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().effectiveAnnualRate).toMatch(/^0\.129243\d*$/);
  });

  it.each([
    ['amount', { amount: '-5.00', nominalRate: '0.05', termMonths: 12 }],
    ['termMonths', { amount: '1000.00', nominalRate: '0.05', termMonths: 361 }],
    ['nominalRate', { amount: '1000.00', nominalRate: 'abc', termMonths: 12 }],
    ['graceMonths', { amount: '1000.00', nominalRate: '0.05', termMonths: 12, graceMonths: 12 }],
    ['startDate', { amount: '1000.00', nominalRate: '0.05', termMonths: 12, startDate: '2026-02-30' }],
  ])('rejects a bad schedule %s with a 400 naming it', async (field, body) => {
    const res = await client.post('/api/v1/calculations/schedule', body);
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors!.map((e) => e.path)).toContain(field);
  });

  it.each([
    ['no repayment', [{ date: '2026-01-01', amount: '1000.00' }, { date: '2026-02-01', amount: '5.00' }]],
    ['no drawdown', [{ date: '2026-01-01', amount: '-1000.00' }, { date: '2026-02-01', amount: '-5.00' }]],
    ['dates out of order', [{ date: '2026-03-01', amount: '1000.00' }, { date: '2026-02-01', amount: '-1100.00' }]],
  ])('answers cash flows with %s with a 400 naming the field, never NaN', async (_name, cashFlows) => {
    const res = await client.post('/api/v1/calculations/effective-rate', { cashFlows });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors![0].path).toMatch(/^cashFlows/);
    expect(res.body).not.toMatch(/NaN|Infinity/);
  });
});
