import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { Client, createCompany, PASSWORD, registeredBorrower, startTestApp, type TestContext } from '../../../test/helpers/app.js';
import { createApiKey, insertLender, setWebhook } from '../lenders/index.js';
import { DECLINED_BECAUSE_OTHER_ACCEPTED, verifyWebhookSignature } from './index.js';

/**
 * The whole journey with the platform's own wiring (app.ts, dispatch, contracts): a lender's system
 * hears of the dispatch, of its accepted or declined offer and of the borrower's signature. Skips itself
 * while the module's routes are not mounted in app.ts.
 */
interface Hook {
  path: string;
  event: string;
  body: { id: string; event: string; data: Record<string, string> };
  raw: string;
  signature: string;
}
const hooks: Hook[] = [];
let receiver: http.Server;
let ctx: TestContext;
let wired = false;
const banks: Record<'a' | 'b', { id: string; secret: string; key: string }> = {} as never;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      hooks.push({
        path: req.url ?? '',
        event: String(req.headers['x-kreditplatz-event']),
        body: JSON.parse(raw),
        raw,
        signature: String(req.headers['x-kreditplatz-signature']),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  ctx = await startTestApp({ DISPATCH_TOP_N: '2' });
  wired = ctx.app.hasRoute({ method: 'GET', url: '/api/v1/lender/webhook/deliveries' });
  for (const k of ['a', 'b'] as const) {
    const l = await ctx.database.db.transaction((tx) =>
      insertLender(tx, { name: `Hookbank ${k.toUpperCase()} AG`, type: 'private_bank', contactEmail: `${k}@hook.example`, policy: { products: ['investment_loan'] } }, SYSTEM_ACTOR),
    );
    const { secret } = await setWebhook(ctx.database, l.id, `${base}/hooks/${k}`, SYSTEM_ACTOR);
    const { key } = await createApiKey(ctx.database, l.id, 'Kernbanksystem', SYSTEM_ACTOR);
    banks[k] = { id: l.id, secret: secret!, key };
  }
});
afterAll(async () => {
  await ctx?.close();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

async function until<T>(f: () => T | Promise<T>, ok: (t: T) => boolean, ms = 25_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const hooksOf = (k: 'a' | 'b', event: string) => hooks.filter((h) => h.path === `/hooks/${k}` && h.event === event);

describe('webhooks along the journey', () => {
  it('tells the lenders of dispatch, acceptance, decline and the borrower signature', async (t) => {
    if (!wired) t.skip();
    const borrower = await registeredBorrower(ctx);
    const company = await createCompany(borrower.client);
    await borrower.client.put(`/api/v1/companies/${company.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
    const draft = await borrower.client.post('/api/v1/financing-requests', {
      companyId: company.id,
      product: 'investment_loan',
      amount: '250000.00',
      termMonths: 48,
      purpose: 'Lagerhalle',
    });
    const requestId = draft.json().id as string;
    await borrower.client.post(`/api/v1/financing-requests/${requestId}/submit`);

    for (const k of ['a', 'b'] as const) {
      const [d] = await until(() => hooksOf(k, 'request.dispatched'), (h) => h.length === 1);
      expect(d.body.data).toMatchObject({ requestId, product: 'investment_loan', amount: '250000.00', termMonths: 48, link: `/api/v1/lender/requests/${requestId}` });
      expect(verifyWebhookSignature(banks[k].secret, d.raw, d.signature).valid).toBe(true);
    }

    const offerIds: Record<string, string> = {};
    for (const k of ['a', 'b'] as const) {
      const res = await new Client(ctx.app).request(
        'POST',
        `/api/v1/lender/requests/${requestId}/offers`,
        { amount: '250000.00', nominalRate: k === 'a' ? '0.0410' : '0.0450', termMonths: 48, amortization: 'annuity', fees: [], validUntil: '2099-12-31' },
        { authorization: `Bearer ${banks[k].key}`, 'idempotency-key': `hook-${k}` },
      );
      expect(res.statusCode, res.body).toBe(201);
      offerIds[k] = res.json().id;
    }
    const accepted = await borrower.client.post(`/api/v1/offers/${offerIds.a}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { contractId } = accepted.json();

    const [acc] = await until(() => hooksOf('a', 'offer.accepted'), (h) => h.length === 1);
    expect(acc.body.data).toEqual({ offerId: offerIds.a, requestId, contractId });
    const [dec] = await until(() => hooksOf('b', 'offer.declined'), (h) => h.length === 1);
    expect(dec.body.data).toEqual({ offerId: offerIds.b, requestId, reason: DECLINED_BECAUSE_OTHER_ACCEPTED });
    expect(verifyWebhookSignature(banks.b.secret, dec.raw, dec.signature).valid).toBe(true);
    expect(hooksOf('b', 'offer.accepted')).toEqual([]);

    const signed = await borrower.client.post(`/api/v1/contracts/${contractId}/sign`, { password: PASSWORD, consent: true });
    expect(signed.statusCode, signed.body).toBe(200);
    const [sig] = await until(() => hooksOf('a', 'contract.signed_by_borrower'), (h) => h.length === 1);
    expect(sig.body.data).toEqual({ contractId });
    expect(hooksOf('b', 'contract.signed_by_borrower')).toEqual([]);

    // The lender's log shows all three of its deliveries as delivered.
    const log = () =>
      new Client(ctx.app)
        .request('GET', '/api/v1/lender/webhook/deliveries', undefined, { authorization: `Bearer ${banks.a.key}` })
        .then((r) => r.json().items.map((d: { event: string; status: string }) => `${d.event}:${d.status}`) as string[]);
    expect(await until(log, (items) => items.every((i) => i.endsWith(':delivered')))).toEqual([
      'contract.signed_by_borrower:delivered',
      'offer.accepted:delivered',
      'request.dispatched:delivered',
    ]);
  });
});
