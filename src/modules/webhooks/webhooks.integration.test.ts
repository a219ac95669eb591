import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildHttp } from '../../platform/http/app.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { Client, createCompany, registeredBorrower, signedInAs, startTestApp, type TestContext } from '../../../test/helpers/app.js';
import { dispatches } from '../dispatch/index.js';
import { createApiKey, insertLender, lenders, setWebhook } from '../lenders/index.js';
import {
  deliverWebhook,
  offerAcceptedEvent,
  onLenderDispatchedWebhook,
  queueWebhook,
  USER_AGENT,
  verifyWebhookSignature,
  webhookDeliveries,
  WEBHOOK_DELIVERY_QUEUE,
  webhookRoutes,
  type WebhookDeliveryOptions,
  type WebhookDeliveryRow,
} from './index.js';

/** A lender's webhook receiver: records every request, fails the next N (per path), or hangs. */
interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
const failuresLeft = new Map<string, number>();
let receiver: http.Server;
let baseUrl: string;

let ctx: TestContext;
/** The module's routes on their own HTTP app (same platform context, so sessions and keys work). */
let webhookApp: FastifyInstance;
const lender: Record<string, { id: string; secret: string; key: string; url: string }> = {};
// Short delays and timeouts in tests: the queue's first retry after 1–2 s.
const FAST: Partial<WebhookDeliveryOptions> = { retryDelaySeconds: 1, timeoutMs: 1_000 };

async function until<T>(f: () => Promise<T>, ok: (t: T) => boolean, ms = 25_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const delivery = async (id: string): Promise<WebhookDeliveryRow> =>
  (await ctx.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0];
const settled = (id: string) => until(() => delivery(id), (d) => d.status !== 'pending');

async function createLender(name: string, hookPath: string | null) {
  const created = await ctx.database.db.transaction((tx) =>
    insertLender(tx, { name, type: 'private_bank', contactEmail: `${hookPath ?? 'none'}@example.test`, policy: { products: ['investment_loan'] } }, SYSTEM_ACTOR),
  );
  const url = hookPath ? `${baseUrl}${hookPath}` : '';
  const { secret } = hookPath ? await setWebhook(ctx.database, created.id, url, SYSTEM_ACTOR) : { secret: null };
  const { key } = await createApiKey(ctx.database, created.id, 'Kernbanksystem', SYSTEM_ACTOR);
  lender[name] = { id: created.id, secret: secret ?? '', key, url };
  return lender[name];
}

/** A client of the webhook routes, signed in with another client's session cookie if given. */
function webhookClient(session?: Client) {
  const c = new Client(webhookApp);
  c.cookie = session?.cookie;
  return c;
}

function apiClient(key: string) {
  const c = webhookClient();
  return {
    get: (url: string) => c.request('GET', url, undefined, { authorization: `Bearer ${key}` }),
    post: (url: string) => c.request('POST', url, undefined, { authorization: `Bearer ${key}` }),
  };
}

const queue = (lenderId: string, offerId = randomUUID(), options: Partial<WebhookDeliveryOptions> = FAST) =>
  ctx.database.db.transaction((tx) =>
    queueWebhook(ctx.platform.ctx, tx, offerAcceptedEvent({ lenderId, offerId, requestId: randomUUID(), contractId: randomUUID() }), options),
  );

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (path.startsWith('/hang')) return; // never answers: the sender's timeout must end it
      const left = failuresLeft.get(path) ?? 0;
      if (left > 0) {
        failuresLeft.set(path, left - 1);
        res.writeHead(503).end('busy');
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  ctx = await startTestApp({ DISPATCH_TOP_N: '20' });
  // Until app.ts works the queue itself, the test does; the options travel in each job, so it does not
  // matter which worker takes it.
  const jobs = ctx.platform.ctx.jobs;
  await jobs.declare(WEBHOOK_DELIVERY_QUEUE);
  await jobs.work<Parameters<typeof deliverWebhook>[1]>(WEBHOOK_DELIVERY_QUEUE, (job) => deliverWebhook(ctx.platform.ctx, job.data), { concurrency: 2 });
  webhookApp = await buildHttp(ctx.platform.ctx, { apiRoutes: [webhookRoutes(ctx.platform.ctx)], logger: false, serveWeb: false });
  await webhookApp.ready();
  await createLender('Erste Testbank AG', '/hooks/erste');
  await createLender('Zweite Testbank AG', '/hooks/zweite');
  await createLender('Bank ohne Webhook', null);
});
afterAll(async () => {
  await webhookApp?.close();
  await ctx?.close();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

describe('webhook delivery', () => {
  it('POSTs the event with headers and a signature the lender verifies with its secret', async () => {
    const l = lender['Erste Testbank AG'];
    const offerId = randomUUID();
    const id = await queue(l.id, offerId);
    expect(id).toBeTruthy();
    const d = await settled(id!);
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204, lastError: null, nextAttemptAt: null, url: l.url });
    expect(d.deliveredAt).toBeInstanceOf(Date);

    const [req] = received.filter((r) => r.headers['x-kreditplatz-delivery'] === id);
    expect(req.path).toBe('/hooks/erste');
    expect(req.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'x-kreditplatz-event': 'offer.accepted',
      'x-kreditplatz-delivery': id,
    });
    const body = JSON.parse(req.body);
    expect(body).toEqual({ id, event: 'offer.accepted', createdAt: d.createdAt.toISOString(), data: expect.objectContaining({ offerId }) });

    const header = req.headers['x-kreditplatz-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(l.secret).toMatch(/^whsec_/);
    expect(verifyWebhookSignature(l.secret, req.body, header)).toMatchObject({ valid: true });
    // The signature covers the exact bytes, the secret and the time.
    expect(verifyWebhookSignature(l.secret, req.body.replace(offerId, randomUUID()), header)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(lender['Zweite Testbank AG'].secret, req.body, header)).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhookSignature(l.secret, req.body, header, { now: Math.floor(Date.now() / 1000) + 301 })).toEqual({
      valid: false,
      reason: 'expired',
    });
  });

  it('retries a failing endpoint with backoff and then delivers the same body', async () => {
    const l = lender['Zweite Testbank AG'];
    failuresLeft.set('/hooks/zweite', 2);
    const id = (await queue(l.id, randomUUID(), { ...FAST, retryLimit: 3 }))!;
    const d = await settled(id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204, lastError: null });
    const attempts = received.filter((r) => r.headers['x-kreditplatz-delivery'] === id);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    for (const a of attempts) expect(verifyWebhookSignature(l.secret, a.body, a.headers['x-kreditplatz-signature'] as string).valid).toBe(true);
  });

  it('records each failed attempt, and marks the delivery failed after the last one', async () => {
    const l = await createLender('Störungsbank AG', '/hooks/stoerung');
    failuresLeft.set('/hooks/stoerung', 100);
    const id = (await queue(l.id, randomUUID(), { ...FAST, retryLimit: 1 }))!;
    const firstFailure = await until(() => delivery(id), (d) => d.attempts === 1 && d.lastStatusCode === 503);
    expect(firstFailure.status).toBe('pending');
    expect(firstFailure.lastError).toBe('HTTP 503');
    expect(firstFailure.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() - 2_000);
    const d = await settled(id);
    expect(d).toMatchObject({ status: 'failed', attempts: 2, lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: null, deliveredAt: null });
    // No third attempt: the queue's retries are used up.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(received.filter((r) => r.headers['x-kreditplatz-delivery'] === id)).toHaveLength(2);

    // The lender fixes its endpoint and asks for a redelivery: it goes out again and arrives.
    failuresLeft.set('/hooks/stoerung', 0);
    const api = apiClient(l.key);
    const res = await api.post(`/api/v1/lender/webhook/deliveries/${id}/redeliver`);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ id, status: 'pending', attempts: 2 });
    expect(await settled(id)).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204 });
    const again = await api.post(`/api/v1/lender/webhook/deliveries/${id}/redeliver`);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('gives up at once on a timeout when no retries are left, and on a target it must not call', async () => {
    const l = await createLender('Langsame Bank AG', '/hang/langsam');
    const id = (await queue(l.id, randomUUID(), { ...FAST, retryLimit: 0 }))!;
    expect(await settled(id)).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null, lastError: 'Zeitüberschreitung nach 1 s' });

    // A URL into a private network, written directly (the portal would not accept it): never called.
    await ctx.database.db.update(lenders).set({ webhookUrl: 'https://10.1.2.3/hook' }).where(eq(lenders.id, l.id));
    const refused = (await queue(l.id, randomUUID(), { ...FAST, retryLimit: 5 }))!;
    const d = await settled(refused);
    expect(d).toMatchObject({ status: 'failed', attempts: 1 });
    expect(d.lastError).toMatch(/^Ziel abgelehnt: Private oder reservierte Netzadresse 10\.1\.2\.3/);
  });

  it('records and sends the same event once, however often it is queued', async () => {
    const l = lender['Erste Testbank AG'];
    const offerId = randomUUID();
    const first = await queue(l.id, offerId);
    const second = await queue(l.id, offerId);
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    await settled(first!);
    await new Promise((r) => setTimeout(r, 1_000));
    const rows = await ctx.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, `offer.accepted:${offerId}`));
    expect(rows).toHaveLength(1);
    expect(received.filter((r) => r.body.includes(offerId))).toHaveLength(1);
    // A repeated job for a delivered record sends nothing.
    await deliverWebhook(ctx.platform.ctx, { deliveryId: first! }, FAST);
    expect(received.filter((r) => r.body.includes(offerId))).toHaveLength(1);
  });

  it('does nothing for a lender without a webhook', async () => {
    const l = lender['Bank ohne Webhook'];
    expect(await queue(l.id)).toBeNull();
    const rows = await ctx.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.lenderId, l.id));
    expect(rows).toEqual([]);
  });

  it('tells each dispatched lender about its request, once per dispatch', async () => {
    const b = await registeredBorrower(ctx);
    const c = await createCompany(b.client);
    await b.client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
    const draft = await b.client.post('/api/v1/financing-requests', {
      companyId: c.id,
      product: 'investment_loan',
      amount: '300000.00',
      termMonths: 60,
      purpose: 'Neue Fräsmaschine',
    });
    const requestId = draft.json().id as string;
    expect((await b.client.post(`/api/v1/financing-requests/${requestId}/submit`)).json().status).toBe('matched');
    // Every lender of this file offers investment loans, so the request goes to all of them.
    const rows = await until(
      () => ctx.database.db.select().from(dispatches).where(eq(dispatches.requestId, requestId)),
      (r) => r.length === Object.keys(lender).length,
    );
    for (const d of rows) {
      await onLenderDispatchedWebhook(ctx.platform.ctx, { dispatchId: d.id }, FAST);
      await onLenderDispatchedWebhook(ctx.platform.ctx, { dispatchId: d.id }, FAST); // a retried job
    }
    const deliveries = await ctx.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.event, 'request.dispatched'));
    const forRequest = deliveries.filter((d) => (d.payload as { requestId: string }).requestId === requestId);
    // One per lender with a webhook; none for the lender without.
    expect(forRequest.map((d) => d.lenderId).sort()).toEqual(
      Object.values(lender)
        .filter((l) => l.url)
        .map((l) => l.id)
        .sort(),
    );
    const erste = forRequest.find((d) => d.lenderId === lender['Erste Testbank AG'].id)!;
    const dispatch = rows.find((r) => r.lenderId === erste.lenderId)!;
    expect(erste.eventId).toBe(`request.dispatched:${dispatch.id}`);
    expect(erste.payload).toEqual({
      requestId,
      dispatchedAt: dispatch.dispatchedAt.toISOString(),
      product: 'investment_loan',
      amount: '300000.00',
      termMonths: 60,
      link: `/api/v1/lender/requests/${requestId}`,
    });
    expect((await settled(erste.id)).status).toBe('delivered');
    const [req] = received.filter((r) => r.headers['x-kreditplatz-delivery'] === erste.id);
    expect(req.headers['x-kreditplatz-event']).toBe('request.dispatched');
  });
});

describe('delivery log and redelivery through the lender API', () => {
  it('shows a lender its own deliveries only, newest first and paginated', async () => {
    const mine = await createLender('Logbank AG', '/hooks/log');
    const other = lender['Erste Testbank AG'];
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await queue(mine.id))!);
    await Promise.all(ids.map(settled));
    const api = apiClient(mine.key);
    const all = await api.get('/api/v1/lender/webhook/deliveries');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().total).toBe(3);
    expect(all.json().items.map((d: { id: string }) => d.id)).toEqual([...ids].reverse());
    expect(all.json().items[0]).toMatchObject({ event: 'offer.accepted', status: 'delivered', attempts: 1, lastStatusCode: 204, url: mine.url });
    const page = (await api.get('/api/v1/lender/webhook/deliveries?limit=1&offset=1')).json();
    expect(page).toMatchObject({ total: 3, items: [{ id: ids[1] }] });
    expect((await api.get('/api/v1/lender/webhook/deliveries?status=failed')).json()).toEqual({ items: [], total: 0 });
    expect((await api.get('/api/v1/lender/webhook/deliveries?limit=0')).statusCode).toBe(400);

    // A person of the lender sees the same log through the portal session.
    const user = await signedInAs(ctx, 'lender', { lenderId: mine.id });
    expect((await webhookClient(user.client).get('/api/v1/lender/webhook/deliveries')).json().total).toBe(3);

    // Another lender neither sees nor redelivers them.
    const theirs = (await apiClient(other.key).get('/api/v1/lender/webhook/deliveries?limit=200')).json();
    expect(theirs.items.map((d: { id: string }) => d.id)).not.toEqual(expect.arrayContaining([ids[0]]));
    const foreign = await apiClient(other.key).post(`/api/v1/lender/webhook/deliveries/${ids[0]}/redeliver`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().type).toBe('/problems/not-found');
    expect((await apiClient(other.key).post(`/api/v1/lender/webhook/deliveries/${randomUUID()}/redeliver`)).statusCode).toBe(404);
    expect((await api.post(`/api/v1/lender/webhook/deliveries/${ids[0]}/redeliver`)).statusCode).toBe(409); // delivered already
    expect((await api.post('/api/v1/lender/webhook/deliveries/not-a-uuid/redeliver')).statusCode).toBe(400);
    expect((await webhookClient().get('/api/v1/lender/webhook/deliveries')).statusCode).toBe(401);
    const borrower = await registeredBorrower(ctx);
    expect((await webhookClient(borrower.client).get('/api/v1/lender/webhook/deliveries')).statusCode).toBe(403);
  });

  it('documents both endpoints in the OpenAPI document', () => {
    const doc = webhookApp.swagger() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/v1/lender/webhook/deliveries'])).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/v1/lender/webhook/deliveries/{id}/redeliver'])).toEqual(['post']);
  });
});
