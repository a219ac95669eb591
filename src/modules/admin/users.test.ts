import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, problem, signedInAs, startTestApp, uniqueEmail, type TestContext } from '../../../test/helpers/app.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let lenderId: string;
let otherLenderId: string;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInAs(ctx, 'admin');
  const lender = (name: string) =>
    admin.client.post('/api/v1/lenders', { name, type: 'savings_bank', contactEmail: 'kredit@example.test', policy: { products: ['investment_loan'] } });
  lenderId = (await lender('Sparkasse Adminhausen')).json().id;
  otherLenderId = (await lender('Sparkasse Nebenan')).json().id;
});
afterAll(() => ctx.close());

async function until<T>(f: () => Promise<T>, ok: (t: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function create(body: Record<string, unknown>) {
  const res = await admin.client.post('/api/v1/admin/users', { email: uniqueEmail('staff'), name: 'Neue Person', password: PASSWORD, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; email: string; role: string; active: boolean; lenderId: string | null; invitationPending: boolean };
}

async function signIn(email: string, password = PASSWORD) {
  const c = new Client(ctx.app);
  const res = await c.post('/api/v1/auth/login', { email, password });
  return { c, res };
}

describe('admin API: who may use it', () => {
  it('answers 401 without a session and 403 for every role but admin', async () => {
    const anonymous = new Client(ctx.app);
    expect((await anonymous.get('/api/v1/admin/users')).statusCode).toBe(401);
    for (const role of ['borrower', 'advisor', 'lender', 'partner', 'analyst'] as const) {
      const { client } = await signedInAs(ctx, role);
      for (const res of [
        await client.get('/api/v1/admin/users'),
        await client.post('/api/v1/admin/users', { email: uniqueEmail(), name: 'X', role: 'admin', password: PASSWORD }),
        await client.patch(`/api/v1/admin/users/${admin.user.id}`, { active: false }),
        await client.get('/api/v1/admin/audit'),
        await client.get('/api/v1/admin/audit/facets'),
        await client.get('/api/v1/admin/business'),
        await client.get('/api/v1/admin/commission-rules'),
      ]) {
        expect(res.statusCode, `${role}: ${res.body}`).toBe(403);
      }
    }
    // Nothing was created or changed by the refused calls.
    const me = await admin.client.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
  });
});

describe('users and roles', () => {
  it('creates an advisor with an initial password who can sign in at once, and audits it', async () => {
    const u = await create({ role: 'advisor', name: 'Berta Beraterin' });
    expect(u).toMatchObject({ role: 'advisor', active: true, lenderId: null, invitationPending: false });
    const { res } = await signIn(u.email);
    expect(res.statusCode).toBe(200);
    expect(res.json().role).toBe('advisor');
    const [row] = await ctx.database.query<{ actor_id: string; after: { role: string } }>(
      "select actor_id, after from audit_log where action = 'user.created' and entity_id = $1",
      [u.id],
    );
    expect(row.actor_id).toBe(admin.user.id);
    expect(row.after.role).toBe('advisor');
  });

  it('searches by e-mail or name, filters by role and status, and pages', async () => {
    const tag = `suche${Date.now()}`;
    for (let i = 0; i < 3; i++) await create({ role: 'partner', email: `${tag}-${i}@example.test` });
    await create({ role: 'analyst', name: `Anna ${tag}` });
    const all = (await admin.client.get(`/api/v1/admin/users?q=${tag}`)).json();
    expect(all.total).toBe(4);
    const partners = (await admin.client.get(`/api/v1/admin/users?q=${tag}&role=partner&pageSize=2&page=2`)).json();
    expect(partners).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(partners.items.map((u: { email: string }) => u.email)).toEqual([`${tag}-2@example.test`]);
    expect((await admin.client.get(`/api/v1/admin/users?q=${tag}&status=deactivated`)).json().total).toBe(0);
    expect((await admin.client.get('/api/v1/admin/users?pageSize=1000')).statusCode).toBe(400);
  });

  it('refuses a taken e-mail (409) and a role admins do not hand out (400)', async () => {
    const u = await create({ role: 'partner' });
    const dup = await admin.client.post('/api/v1/admin/users', { email: u.email.toUpperCase(), name: 'X', role: 'advisor', password: PASSWORD });
    expect(dup.statusCode).toBe(409);
    expect(problem(dup).errors?.[0].path).toBe('email');
    const borrower = await admin.client.post('/api/v1/admin/users', { email: uniqueEmail(), name: 'X', role: 'borrower', password: PASSWORD });
    expect(borrower.statusCode).toBe(400);
  });

  it('ties a lender user to exactly one lender, which then limits what it sees', async () => {
    const missing = await admin.client.post('/api/v1/admin/users', { email: uniqueEmail(), name: 'X', role: 'lender', password: PASSWORD });
    expect(missing.statusCode).toBe(400);
    expect(problem(missing).errors?.map((e) => e.path)).toContain('lenderId');
    const unknown = await admin.client.post('/api/v1/admin/users', {
      email: uniqueEmail(),
      name: 'X',
      role: 'lender',
      lenderId: '00000000-0000-4000-8000-000000000000',
      password: PASSWORD,
    });
    expect(unknown.statusCode).toBe(400);
    const notALender = await admin.client.post('/api/v1/admin/users', { email: uniqueEmail(), name: 'X', role: 'advisor', lenderId, password: PASSWORD });
    expect(notALender.statusCode).toBe(400);

    const u = await create({ role: 'lender', lenderId });
    expect(u.lenderId).toBe(lenderId);
    const { c } = await signIn(u.email);
    expect((await c.get('/api/v1/lenders')).json().items.map((l: { id: string }) => l.id)).toEqual([lenderId]);

    // Moving the user to another lender: the old session ends, the new membership counts.
    const moved = await admin.client.patch(`/api/v1/admin/users/${u.id}`, { lenderId: otherLenderId });
    expect(moved.json()).toMatchObject({ lenderId: otherLenderId, lenderName: 'Sparkasse Nebenan' });
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    const again = await signIn(u.email);
    expect((await again.c.get('/api/v1/lenders')).json().items.map((l: { id: string }) => l.id)).toEqual([otherLenderId]);
  });

  it('changes roles: to lender only with a lender, away from lender drops the link; borrowers keep their role', async () => {
    const u = await create({ role: 'advisor' });
    const noLender = await admin.client.patch(`/api/v1/admin/users/${u.id}`, { role: 'lender' });
    expect(noLender.statusCode).toBe(400);
    const asLender = await admin.client.patch(`/api/v1/admin/users/${u.id}`, { role: 'lender', lenderId });
    expect(asLender.json()).toMatchObject({ role: 'lender', lenderId });
    const back = await admin.client.patch(`/api/v1/admin/users/${u.id}`, { role: 'analyst' });
    expect(back.json()).toMatchObject({ role: 'analyst', lenderId: null });
    const actions = await ctx.database.query<{ action: string }>('select action from audit_log where entity_id = $1 order by id', [u.id]);
    expect(actions.map((a) => a.action)).toEqual(['user.created', 'user.role_changed', 'user.lender_changed', 'user.role_changed', 'user.lender_changed']);

    const borrower = await signedInAs(ctx, 'borrower');
    const res = await admin.client.patch(`/api/v1/admin/users/${borrower.user.id}`, { role: 'advisor' });
    expect(res.statusCode).toBe(409);
    expect((await admin.client.patch('/api/v1/admin/users/00000000-0000-4000-8000-000000000000', { active: false })).statusCode).toBe(404);
  });

  it('deactivation ends the sessions and refuses sign-in; reactivation allows it again', async () => {
    const u = await create({ role: 'advisor' });
    const { c } = await signIn(u.email);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);

    const off = await admin.client.patch(`/api/v1/admin/users/${u.id}`, { active: false });
    expect(off.json()).toMatchObject({ active: false });
    expect(off.json().deactivatedAt).not.toBeNull();
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    const refused = await signIn(u.email);
    expect(refused.res.statusCode).toBe(403);
    // A wrong password still gets the same answer as for anyone else: the deactivation is not revealed.
    expect((await signIn(u.email, 'wrong-password-123')).res.statusCode).toBe(401);
    expect((await admin.client.get(`/api/v1/admin/users?q=${encodeURIComponent(u.email)}&status=deactivated`)).json().total).toBe(1);

    const on = await admin.client.patch(`/api/v1/admin/users/${u.id}`, { active: true });
    expect(on.json()).toMatchObject({ active: true, deactivatedAt: null });
    expect((await signIn(u.email)).res.statusCode).toBe(200);
    const actions = await ctx.database.query<{ action: string; actor_id: string }>(
      "select action, actor_id from audit_log where entity_id = $1 and action like 'user.%activated' order by id",
      [u.id],
    );
    expect(actions).toEqual([
      { action: 'user.deactivated', actor_id: admin.user.id },
      { action: 'user.reactivated', actor_id: admin.user.id },
    ]);
  });

  it('invites by mail when no password is given; the link sets the password once and signs in', async () => {
    const email = uniqueEmail('invited');
    const res = await admin.client.post('/api/v1/admin/users', { email, name: 'Ina Eingeladen', role: 'partner' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().invitationPending).toBe(true);
    const mails = await until(
      () => admin.client.get('/api/v1/dev/mails').then((r) => r.json().items as { to: string[]; subject: string; text: string }[]),
      (items) => items.some((m) => m.to.includes(email)),
    );
    const mail = mails.find((m) => m.to.includes(email))!;
    expect(mail.subject).toContain('Einladung');
    const token = decodeURIComponent(/\/invitation#(\S+)/.exec(mail.text)![1]);

    // Nobody can sign in before the invitation is accepted.
    expect((await signIn(email)).res.statusCode).toBe(401);
    const short = await new Client(ctx.app).post('/api/v1/invitations/accept', { token, password: 'kurz' });
    expect(short.statusCode).toBe(400);
    const c = new Client(ctx.app);
    const accepted = await c.post('/api/v1/invitations/accept', { token, password: 'mein-neues-passwort' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await c.get('/api/v1/me')).json()).toMatchObject({ email, role: 'partner' });
    expect((await signIn(email, 'mein-neues-passwort')).res.statusCode).toBe(200);

    const twice = await new Client(ctx.app).post('/api/v1/invitations/accept', { token, password: 'noch-ein-passwort' });
    expect(twice.statusCode).toBe(404);
    const wrong = await new Client(ctx.app).post('/api/v1/invitations/accept', { token: 'x'.repeat(43), password: 'noch-ein-passwort' });
    expect(wrong.statusCode).toBe(404);
    const listed = (await admin.client.get(`/api/v1/admin/users?q=${encodeURIComponent(email)}`)).json().items[0];
    expect(listed.invitationPending).toBe(false);
  });

  it('sends a new invitation on request; only the newest link works, and an accepted one is not re-sent', async () => {
    const email = uniqueEmail('lost-mail');
    const created = (await admin.client.post('/api/v1/admin/users', { email, name: 'Lars Verloren', role: 'advisor' })).json();
    const linksTo = async (n: number) => {
      const mails = await until(
        () => admin.client.get('/api/v1/dev/mails').then((r) => r.json().items as { to: string[]; text: string }[]),
        (items) => items.filter((m) => m.to.includes(email)).length >= n,
      );
      return mails.filter((m) => m.to.includes(email)).map((m) => decodeURIComponent(/\/invitation#(\S+)/.exec(m.text)![1]));
    };
    const [first] = await linksTo(1);
    // Others may not; an admin may.
    const advisor = await signedInAs(ctx, 'advisor');
    expect((await advisor.client.post(`/api/v1/admin/users/${created.id}/invitation`)).statusCode).toBe(403);
    // Nor may an advisor read the invitation from the mail catcher: besides the admin, everyone sees only their own mails.
    for (const other of [advisor, await signedInAs(ctx, 'lender'), await signedInAs(ctx, 'analyst')]) {
      const seen = (await other.client.get('/api/v1/dev/mails')).json().items as { to: string[] }[];
      expect(seen.filter((m) => !m.to.includes(other.email))).toEqual([]);
    }
    const again = await admin.client.post(`/api/v1/admin/users/${created.id}/invitation`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().invitationPending).toBe(true);
    const links = await linksTo(2);
    const second = links.find((l) => l !== first)!;
    expect(second).toBeDefined();

    expect((await new Client(ctx.app).post('/api/v1/invitations/accept', { token: first, password: 'mein-neues-passwort' })).statusCode).toBe(404);
    expect((await new Client(ctx.app).post('/api/v1/invitations/accept', { token: second, password: 'mein-neues-passwort' })).statusCode).toBe(200);
    const done = await admin.client.post(`/api/v1/admin/users/${created.id}/invitation`);
    expect(done.statusCode).toBe(409);
    const [audit] = await ctx.database.query<{ n: string }>("select count(*) as n from audit_log where action = 'user.invitation_resent' and entity_id = $1", [created.id]);
    expect(Number(audit.n)).toBe(1);
  });
});

describe('the last active admin', () => {
  let own: TestContext;
  afterAll(() => own?.close());

  it('cannot be demoted or deactivated (409); with a second admin it can', async () => {
    own = await startTestApp();
    const only = await signedInAs(own, 'admin');
    const self = `/api/v1/admin/users/${only.user.id}`;
    for (const body of [{ role: 'advisor' }, { active: false }]) {
      const res = await only.client.patch(self, body);
      expect(res.statusCode).toBe(409);
      expect(problem(res).type).toBe('/problems/conflict');
    }
    const second = await only.client.post('/api/v1/admin/users', { email: uniqueEmail(), name: 'Zweite Admin', role: 'admin', password: PASSWORD });
    const secondId = second.json().id;
    // A deactivated admin does not count.
    await only.client.patch(`/api/v1/admin/users/${secondId}`, { active: false });
    expect((await only.client.patch(self, { role: 'advisor' })).statusCode).toBe(409);
    await only.client.patch(`/api/v1/admin/users/${secondId}`, { active: true });
    const demoted = await only.client.patch(self, { role: 'advisor' });
    expect(demoted.statusCode, demoted.body).toBe(200);
    // Now the second admin is the last one; the demoted user's session is gone.
    expect((await only.client.get('/api/v1/admin/users')).statusCode).toBe(401);
    const rows = await own.database.query<{ n: number }>("select count(*)::int as n from users where role = 'admin' and deactivated_at is null");
    expect(rows[0].n).toBe(1);
  });
});
