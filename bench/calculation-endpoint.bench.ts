/**
 * Benchmark: throughput of POST /api/v1/calculations/schedule over real HTTP on loopback
 * (360-month annuity with fees; the full server with its database, rate limits off).
 * Run: npx tsx bench/calculation-endpoint.bench.ts
 */
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { startPlatform } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { fromPglite, runMigrations } from '../src/platform/db/database.js';

const BODY = JSON.stringify({
  amount: '300000.00',
  nominalRate: '0.0485',
  termMonths: 360,
  startDate: '2026-01-31',
  fees: [{ type: 'arrangement', amount: '1500.00', when: 'upfront' }],
});

export async function run(options: { requests?: number; concurrency?: number } = {}) {
  const requests = options.requests ?? Number(process.env.ENDPOINT_REQUESTS ?? 4_000);
  const concurrency = options.concurrency ?? 16;
  const database = fromPglite(await PGlite.create());
  await runMigrations(database);
  const platform = await startPlatform(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off' }), database, { logger: false, serveWeb: false });
  const app = platform.app;
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `${address}/api/v1/calculations/schedule`;
  const call = async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    await res.arrayBuffer();
  };
  try {
    for (let i = 0; i < 200; i++) await call(); // warm-up
    const latencies: number[] = [];
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          next++;
          const t = process.hrtime.bigint();
          await call();
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return {
      name: 'calculation endpoint: POST /api/v1/calculations/schedule (360 months, HTTP on loopback)',
      requests: latencies.length,
      concurrency,
      requestsPerSecond: Math.round(latencies.length / seconds),
      p50Millis: Math.round(at(0.5) * 100) / 100,
      p99Millis: Math.round(at(0.99) * 100) / 100,
    };
  } finally {
    await platform.close();
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await run();
  console.log(`${r.name}\n  ${r.requests} requests, concurrency ${r.concurrency}\n  ${r.requestsPerSecond} requests/s, p50 ${r.p50Millis} ms, p99 ${r.p99Millis} ms`);
}
