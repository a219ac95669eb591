/**
 * Benchmark: 50 financing requests through the sandbox lenders, end to end on one process with embedded
 * PGlite and the full demo lender network (278 lenders), arriving one a second (ARRIVAL_MS). Each borrower
 * submits, waits for offers (live events), and accepts the best one as soon as every lender it went to has
 * answered.
 * Reports p50 / p95 of time to first offer (target p95 ≤ 5 s) and time to signature-ready (≤ 60 s).
 * Run: npx tsx bench/marketplace.bench.ts   (REQUESTS=20 for a shorter run)
 */
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { startPlatform } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { fromPglite, runMigrations } from '../src/platform/db/database.js';
import { installJobSchema } from '../src/platform/jobs/queue.js';
import { SYSTEM_ACTOR } from '../src/platform/audit/audit.js';
import { insertLender } from '../src/modules/lenders/index.js';
import { generateDemoLenders } from '../src/modules/lenders/demo-lenders.js';

const STATES = [
  ['80331', 'München'],
  ['86150', 'Augsburg'],
  ['70173', 'Stuttgart'],
  ['50667', 'Köln'],
  ['01067', 'Dresden'],
  ['20095', 'Hamburg'],
  ['60311', 'Frankfurt am Main'],
  ['90402', 'Nürnberg'],
] as const;

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function run(options: { requests?: number; arrivalMs?: number } = {}) {
  const n = options.requests ?? Number(process.env.REQUESTS ?? 50);
  // A steady stream: one request a second (3,600 an hour, far above the expected load); ARRIVAL_MS=150 is a burst test.
  const arrivalMs = options.arrivalMs ?? Number(process.env.ARRIVAL_MS ?? 1000);
  const database = fromPglite(await PGlite.create());
  await runMigrations(database);
  await installJobSchema(database);
  const platform = await startPlatform(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off' }), database, { logger: false, serveWeb: false });
  const { app } = platform;
  await database.db.transaction(async (tx) => {
    for (const l of generateDemoLenders()) {
      const { federalState, bic, ...rest } = l;
      await insertLender(tx, { ...rest, bic: bic ?? undefined, federalState: federalState ?? undefined, demo: true }, SYSTEM_ACTOR);
    }
  });
  const call = async (cookie: string | undefined, method: string, url: string, payload?: object) => {
    const res = await app.inject({ method: method as 'GET', url, payload, headers: cookie ? { cookie } : {} });
    return { status: res.statusCode, json: () => res.json(), cookie: res.cookies.find((c) => c.name === 'kp_session')?.value };
  };

  const firstOffer: number[] = [];
  const signatureReady: number[] = [];
  try {
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i * arrivalMs)); // one new request every arrivalMs
        const reg = await call(undefined, 'POST', '/api/v1/auth/register', { email: `bench-${i}@example.test`, password: 'bench-password-1', name: `Bench ${i}` });
        const cookie = `kp_session=${reg.cookie}`;
        const [postalCode, city] = STATES[i % STATES.length];
        const company = await call(cookie, 'POST', '/api/v1/companies', {
          name: `Bench Maschinenbau ${i} GmbH`, legalForm: 'GmbH', street: 'Werkstraße 1', postalCode, city,
          industryCode: '28.41', foundedOn: '2008-01-01', employees: 40, annualRevenue: '5000000.00',
        });
        const companyId = company.json().id;
        await call(cookie, 'PUT', `/api/v1/companies/${companyId}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
        const draft = await call(cookie, 'POST', '/api/v1/financing-requests', {
          companyId, product: 'investment_loan', amount: `${200000 + 10000 * (i % 10)}.00`, termMonths: 60, purpose: 'Bench',
        });
        const id = draft.json().id;
        // Like the browser, the borrower waits for server-sent events instead of polling.
        const events: string[] = [];
        let wake: () => void = () => undefined;
        const unsubscribe = platform.ctx.events.subscribe(`financing_request:${id}`, (e) => {
          events.push(e.type);
          wake();
        });
        const nextEvent = () => new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 2_000); // a safety net, not the mechanism
        });
        const submittedAt = Date.now();
        try {
          const submitted = await call(cookie, 'POST', `/api/v1/financing-requests/${id}/submit`);
          if (submitted.json().status !== 'matched') return; // nothing matched: no offers to wait for
          let first: number | undefined;
          for (;;) {
            await nextEvent();
            if (first === undefined && events.includes('offer_received')) {
              first = Date.now() - submittedAt;
              firstOffer.push(first);
            }
            if (first === undefined && Date.now() - submittedAt < 60_000) continue;
            const dispatches = (await call(cookie, 'GET', `/api/v1/financing-requests/${id}/dispatches`)).json().items as { status: string }[];
            const allIn = dispatches.length > 0 && dispatches.every((d) => d.status !== 'sent');
            if (first !== undefined && (allIn || Date.now() - submittedAt > 30_000)) {
              const offers = (await call(cookie, 'GET', `/api/v1/financing-requests/${id}/offers`)).json().items as { id: string }[];
              const accepted = await call(cookie, 'POST', `/api/v1/offers/${offers[0].id}/accept`);
              if (accepted.status === 200) signatureReady.push(Date.now() - submittedAt);
              return;
            }
            if (allIn || Date.now() - submittedAt > 60_000) return; // all declined
          }
        } finally {
          unsubscribe();
        }
      }),
    );
  } finally {
    await platform.close();
    await database.close();
  }
  firstOffer.sort((a, b) => a - b);
  signatureReady.sort((a, b) => a - b);
  return {
    name: `marketplace: ${n} requests, one every ${arrivalMs} ms, through 278 sandbox lenders`,
    requests: n,
    withOffers: firstOffer.length,
    signatureReady: signatureReady.length,
    firstOfferP50Seconds: pct(firstOffer, 0.5) / 1000,
    firstOfferP95Seconds: pct(firstOffer, 0.95) / 1000,
    signatureReadyP50Seconds: pct(signatureReady, 0.5) / 1000,
    signatureReadyP95Seconds: pct(signatureReady, 0.95) / 1000,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await run();
  console.log(r.name);
  console.log(`  ${r.withOffers} of ${r.requests} requests received offers; ${r.signatureReady} reached signature-ready`);
  console.log(`  time to first offer:     p50 ${r.firstOfferP50Seconds.toFixed(2)} s   p95 ${r.firstOfferP95Seconds.toFixed(2)} s   (target p95 ≤ 5 s)`);
  console.log(`  time to signature-ready: p50 ${r.signatureReadyP50Seconds.toFixed(2)} s   p95 ${r.signatureReadyP95Seconds.toFixed(2)} s   (target p95 ≤ 60 s)`);
  if (r.withOffers === 0) process.exitCode = 1;
}
