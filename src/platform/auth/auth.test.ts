import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, problem, signedInAs, startTestApp, uniqueEmail, type TestContext } from '../../../test/helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

describe('registration and sessions', () => {
  it('registers a borrower, sets an HttpOnly session cookie and answers /me', async () => {
    const c = new Client(ctx.app);
    const email = uniqueEmail();
    const res = await c.post('/api/v1/auth/register', { email: email.toUpperCase(), password: PASSWORD, name: 'Anna Beispiel' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email, name: 'Anna Beispiel', role: 'borrower' });
    const cookie = res.cookies.find((k) => k.name === 'kp_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await c.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email, role: 'borrower' });
  });

  it('stores an argon2id hash, never the password', async () => {
    const email = uniqueEmail();
    await new Client(ctx.app).post('/api/v1/auth/register', { email, password: PASSWORD, name: 'X Y' });
    const [row] = await ctx.database.query<{ password_hash: string }>('select password_hash from users where email = $1', [email]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('refuses a duplicate e-mail with 409, whatever its case', async () => {
    const email = uniqueEmail();
    const c = new Client(ctx.app);
    expect((await c.post('/api/v1/auth/register', { email, password: PASSWORD, name: 'A B' })).statusCode).toBe(201);
    const dup = await new Client(ctx.app).post('/api/v1/auth/register', { email: email.toUpperCase(), password: PASSWORD, name: 'C D' });
    expect(dup.statusCode).toBe(409);
    expect(dup.headers['content-type']).toContain('application/problem+json');
    expect(problem(dup).errors?.[0].path).toBe('email');
  });

  it('rejects passwords shorter than 10 characters, naming the field', async () => {
    const res = await new Client(ctx.app).post('/api/v1/auth/register', { email: uniqueEmail(), password: 'short', name: 'A B' });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors?.map((e) => e.path)).toContain('password');
  });

  it('answers unknown e-mail and wrong password identically with 401', async () => {
    const email = uniqueEmail();
    await new Client(ctx.app).post('/api/v1/auth/register', { email, password: PASSWORD, name: 'A B' });
    const wrong = await new Client(ctx.app).post('/api/v1/auth/login', { email, password: 'wrong-password-123' });
    const unknown = await new Client(ctx.app).post('/api/v1/auth/login', { email: uniqueEmail(), password: PASSWORD });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(problem(wrong).detail).toBe(problem(unknown).detail);
    expect(problem(wrong).type).toBe(problem(unknown).type);
  });

  it('logs in and out; after logout the old cookie no longer works', async () => {
    const email = uniqueEmail();
    await new Client(ctx.app).post('/api/v1/auth/register', { email, password: PASSWORD, name: 'A B' });
    const c = new Client(ctx.app);
    expect((await c.post('/api/v1/auth/login', { email, password: PASSWORD })).statusCode).toBe(200);
    const oldCookie = c.cookie!;
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: oldCookie } });
    expect(after.statusCode).toBe(401);
  });

  it('writes user creation and sign-in to the audit log', async () => {
    const email = uniqueEmail();
    const reg = await new Client(ctx.app).post('/api/v1/auth/register', { email, password: PASSWORD, name: 'A B' });
    await new Client(ctx.app).post('/api/v1/auth/login', { email, password: PASSWORD });
    const rows = await ctx.database.query<{ action: string }>(
      'select action from audit_log where entity_id = $1 order by id',
      [reg.json().id],
    );
    expect(rows.map((r) => r.action)).toEqual(['user.created', 'session.created']);
  });

  it('records the end of a session in the audit log, with the user as actor', async () => {
    const email = uniqueEmail();
    const reg = await new Client(ctx.app).post('/api/v1/auth/register', { email, password: PASSWORD, name: 'A B' });
    const userId = reg.json().id;
    const c = new Client(ctx.app);
    await c.post('/api/v1/auth/login', { email, password: PASSWORD });
    const oldCookie = c.cookie!;
    const out = await c.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    // Signing out again with the ended session changes nothing and records nothing.
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: oldCookie } })).statusCode).toBe(204);

    const admin = await signedInAs(ctx, 'admin');
    const audit = await admin.client.get(`/api/v1/admin/audit?entityType=user&entityId=${userId}`);
    expect(audit.statusCode).toBe(200);
    const items = audit.json().items as { action: string; actorId: string | null; actorRole: string }[];
    expect(items.map((i) => i.action).sort()).toEqual(['session.created', 'session.ended', 'user.created']);
    expect(items.find((i) => i.action === 'session.ended')).toMatchObject({ actorId: userId, actorRole: 'borrower' });
  });
});
