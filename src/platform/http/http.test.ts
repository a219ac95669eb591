import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../app.js';
import { Client, problem, registeredBorrower, startTestApp, type TestContext } from '../../../test/helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

describe('HTTP contract', () => {
  it('reports liveness and readiness with migrations applied', async () => {
    expect((await ctx.app.inject('/health')).json()).toEqual({ status: 'ok' });
    const ready = await ctx.app.inject('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('publishes an OpenAPI 3.1 document with the API routes', async () => {
    const doc = (await ctx.app.inject('/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\.1/);
    for (const p of ['/api/v1/auth/register', '/api/v1/companies', '/api/v1/financing-requests/{id}/submit']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect((await ctx.app.inject('/docs')).statusCode).toBeLessThan(400);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(problem(res)).toMatchObject({ status: 400, type: '/problems/malformed-request' });
  });

  it('answers bodies over 1 MB with 413, not 500', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.de', password: 'x'.repeat(1_100_000), name: 'n' }),
    });
    expect(res.statusCode).toBe(413);
    expect(problem(res).type).toBe('/problems/payload-too-large');
  });

  it('rejects unknown fields and wrong types, listing each field path', async () => {
    const { client } = await registeredBorrower(ctx);
    const res = await client.post('/api/v1/companies', { name: 'X GmbH', employees: 'many', hacker: true });
    expect(res.statusCode).toBe(400);
    const paths = problem(res).errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['employees', 'hacker', 'legalForm', 'postalCode']));
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers unknown API routes with a 404 problem', async () => {
    const res = await new Client(ctx.app).get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(problem(res).type).toBe('/problems/not-found');
  });

  it('requires a session for protected routes', async () => {
    const res = await new Client(ctx.app).get('/api/v1/financing-requests');
    expect(res.statusCode).toBe(401);
    expect(problem(res).type).toBe('/problems/unauthenticated');
  });

  it('echoes a request id for tracing', async () => {
    const res = await ctx.app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('exposes Prometheus metrics', async () => {
    const res = await ctx.app.inject('/metrics');
    expect(res.body).toContain('http_request_duration_seconds');
  });

  it('limits login attempts per client with a 429 problem', async () => {
    const config = { ...ctx.config, rateLimits: true };
    const platform = await startPlatform(config, ctx.database, { logger: false, serveWeb: false, workers: false });
    const limited = platform.app;
    try {
      const codes: number[] = [];
      for (let i = 0; i < 32; i++) {
        const res = await limited.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x@y.de', password: 'wrong-password' } });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
      expect(codes.slice(30)).toEqual([429, 429]);
    } finally {
      await platform.close();
    }
  });
});
