import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../../app.js';
import { users } from '../auth/schema.js';
import { buildHttp } from './app.js';
import {
  Client,
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

  it('documents error answers as application/problem+json, as they are sent, with 413 and 415 for bodies', async () => {
    const doc = (await ctx.app.inject('/openapi.json')).json();
    const create = doc.paths['/api/v1/companies'].post.responses;
    for (const status of ['400', '401', '403', '413', '415']) {
      expect(Object.keys(create[status].content), status).toEqual(['application/problem+json']);
      expect(create[status].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
    expect(Object.keys(create['201'].content)).toEqual(['application/json']);
    // Every documented error answer, on every route.
    const errorMediaTypes = new Set<string>();
    for (const methods of Object.values(doc.paths) as Record<string, { responses: Record<string, { content?: object }> }>[]) {
      for (const op of Object.values(methods)) {
        for (const [status, r] of Object.entries(op.responses)) if (Number(status) >= 400) Object.keys(r.content ?? {}).forEach((m) => errorMediaTypes.add(m));
      }
    }
    expect([...errorMediaTypes]).toEqual(['application/problem+json']);
    // Routes without a body do not claim 413/415.
    expect(doc.paths['/api/v1/companies'].get.responses['415']).toBeUndefined();

    const sent = await new Client(ctx.app).post('/api/v1/companies', VALID_COMPANY);
    expect(sent.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a body that is not JSON with a 415 problem', async () => {
    const { client } = await registeredBorrower(ctx);
    const res = await client.request('POST', '/api/v1/companies', 'name=X', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
    expect(problem(res).type).toBe('/problems/unsupported-media-type');
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

  it('answers URLs that do not decode with a 400 problem, not Fastify\'s own error', async () => {
    for (const url of ['/%zz', '/api/v1/companies/%E0%A4%A']) {
      const res = await ctx.app.inject(url);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(problem(res)).toMatchObject({ status: 400, type: '/problems/malformed-request', title: 'Fehlerhafte Anfrage' });
      expect(res.body).not.toContain('FST_ERR');
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('answers German validation messages for zod\'s own checks, with the same field paths', async () => {
    const { client } = await registeredBorrower(ctx);
    const res = await client.post('/api/v1/companies', { ...VALID_COMPANY, city: 42, hacker: true });
    expect(res.statusCode).toBe(400);
    const byPath = Object.fromEntries(problem(res).errors!.map((e) => [e.path, e.message]));
    expect(byPath.city).toMatch(/Ungültige Eingabe: erwartet string, erhalten Zahl/);
    expect(byPath.hacker).toMatch(/Unbekannter Schlüssel/);
    expect(res.body).not.toMatch(/Invalid input|Unrecognized key|expected string/);
  });
});

describe('the NUL character', () => {
  it('is refused in any JSON string with a 400 naming the field, never a 500', async () => {
    const reg = await new Client(ctx.app).post('/api/v1/auth/register', { email: 'nul@example.test', password: 'correct-horse-battery', name: 'Eri\u0000ka' });
    expect(reg.statusCode).toBe(400);
    expect(reg.headers['content-type']).toContain('application/problem+json');
    expect(problem(reg)).toMatchObject({
      type: '/problems/validation',
      errors: [{ path: 'name', message: 'enthält ein unzulässiges Steuerzeichen (NUL)' }],
    });

    const { client } = await registeredBorrower(ctx);
    const company = await client.post('/api/v1/companies', { ...VALID_COMPANY, name: 'Muster\u0000 GmbH', city: 'M\u0000nchen' });
    expect(company.statusCode).toBe(400);
    expect(problem(company).errors!.map((e) => e.path).sort()).toEqual(['city', 'name']);

    const c = await createCompany(client);
    const request = await client.post('/api/v1/financing-requests', {
      companyId: c.id,
      product: 'investment_loan',
      amount: '250000.00',
      termMonths: 60,
      purpose: 'Neue CNC-Fräse \u0000 für die Serienfertigung',
    });
    expect(request.statusCode).toBe(400);
    expect(problem(request).errors).toEqual([{ path: 'purpose', message: 'enthält ein unzulässiges Steuerzeichen (NUL)' }]);
  });

  it('is refused in nested values and in keys, naming the path', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"a@b.de","password":"x","list":[{"k":"a\\u0000"}],"ke\\u0000y":1}',
    });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors!.map((e) => e.path)).toEqual(['list[0].k', 'ke\\u0000y']);
  });

  it('is refused in the query string with a 400 naming the parameter', async () => {
    const admin = await signedInAs(ctx, 'admin');
    const res = await admin.client.get('/api/v1/admin/audit?q=%00');
    expect(res.statusCode).toBe(400);
    expect(problem(res)).toMatchObject({ type: '/problems/validation', errors: [{ path: 'q', message: 'enthält ein unzulässiges Steuerzeichen (NUL)' }] });
  });

  it('reaching the database anyway is a 400, not a 500 (PostgreSQL 22021, also wrapped by drizzle)', async () => {
    const probe: FastifyPluginAsyncZod = async (app) => {
      app.get('/probe/raw', async () => ctx.database.query('select $1::text as t', ['a\u0000b']));
      app.get('/probe/drizzle', async () => ctx.database.db.execute(sql`select ${'a\u0000b'}::text as t`));
    };
    const app = await buildHttp(ctx.platform.ctx, { apiRoutes: [probe], logger: false, serveWeb: false });
    try {
      for (const url of ['/api/v1/probe/raw', '/api/v1/probe/drizzle']) {
        const res = await app.inject(url);
        expect(res.statusCode).toBe(400);
        expect(problem(res).type).toBe('/problems/malformed-request');
      }
    } finally {
      await app.close();
    }
  });
});

describe('the server log', () => {
  it('does not contain the parameters of a failing query (password hashes, personal data)', async () => {
    const secrets = {
      email: 'geheim.person@example.test',
      name: 'Erika Geheimnisträgerin',
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0c2FsdA$c2VjcmV0aGFzaHZhbHVlMTIzNDU2Nzg5MA',
    };
    const failing: FastifyPluginAsyncZod = async (app) => {
      // PostgreSQL refuses the row after drizzle has bound every value: a missing NOT NULL column (its
      // error detail lists the whole row), and an id that is no UUID (its message echoes the value).
      app.post('/failing-insert', async () => {
        await ctx.database.db.insert(users).values({ ...secrets, role: 'borrower', createdAt: null as unknown as Date });
        return { ok: true };
      });
      app.post('/failing-cast', async () => {
        await ctx.database.db.insert(users).values({ ...secrets, id: 'kennung-geheim-4711', role: 'borrower' });
        return { ok: true };
      });
    };
    let log = '';
    const stream = new Writable({
      write(chunk, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    const app = await buildHttp(ctx.platform.ctx, { apiRoutes: [failing], logger: { level: 'info', stream }, serveWeb: false });
    try {
      for (const url of ['/api/v1/failing-insert', '/api/v1/failing-cast']) {
        const res = await app.inject({ method: 'POST', url });
        expect(res.statusCode).toBe(500);
        expect(res.body).not.toContain(secrets.email);
      }
    } finally {
      await app.close();
    }
    expect(log.match(/unhandled error/g)).toHaveLength(2);
    expect(log).toContain('insert into \\"users\\"'); // the statement stays, for debugging
    expect(log).toContain('[redacted]');
    for (const value of [...Object.values(secrets), 'kennung-geheim-4711']) expect(log).not.toContain(value);
    expect(log).not.toContain('$argon2id$');
  });
});
