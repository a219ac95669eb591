import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { problem, signedInAs, startTestApp, type TestContext } from '../../../test/helpers/app.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { createUser } from '../../platform/auth/auth.service.js';
import { users } from '../../platform/auth/schema.js';
import { pgErrorCode } from '../../platform/db/errors.js';
import { addLenderUser, lenderUsers } from './index.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedInAs>>;
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInAs(ctx, 'admin');
});
afterAll(() => ctx.close());

const POLICY = { products: ['investment_loan'], amount: { min: '50000.00', max: '2000000.00' }, federalStates: ['BY'] };

async function newLender(name: string, policy: object = POLICY) {
  const res = await admin.client.post('/api/v1/lenders', {
    name,
    type: 'savings_bank',
    bic: 'BYLADEM1001',
    federalState: 'BY',
    contactEmail: 'kredit@example.test',
    policy,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; currentPolicyVersion: number };
}

/** A lender user attached to the given lender. */
async function lenderUserOf(lenderId: string) {
  return signedInAs(ctx, 'lender', { lenderId });
}

describe('lenders and credit policies', () => {
  it('lets an admin add a lender with policy version 1', async () => {
    const l = await newLender('Sparkasse Testhausen');
    expect(l.currentPolicyVersion).toBe(1);
    const p = await admin.client.get(`/api/v1/lenders/${l.id}/policy`);
    expect(p.json()).toMatchObject({ version: 1, current: true, policy: POLICY });
  });

  it('rejects unknown policy keys and bad values, naming the field', async () => {
    const l = await newLender('Sparkasse Strenghausen');
    const res = await admin.client.put(`/api/v1/lenders/${l.id}/policy`, { ...POLICY, minYearInBusiness: 2 });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors!.map((e) => e.path)).toContain('minYearInBusiness');
    const bad = await admin.client.put(`/api/v1/lenders/${l.id}/policy`, { amount: { min: '5', max: '1' }, federalStates: ['XX'] });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['amount.max', 'federalStates[0]']));
  });

  it('versions policies: each change is a new version, the old one kept', async () => {
    const l = await newLender('Sparkasse Versionshausen');
    const v2 = await admin.client.put(`/api/v1/lenders/${l.id}/policy`, { ...POLICY, minYearsInBusiness: 3 });
    expect(v2.json()).toMatchObject({ version: 2, current: true });
    const versions = (await admin.client.get(`/api/v1/lenders/${l.id}/policy/versions`)).json().items;
    expect(versions.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions[1].policy).toEqual(POLICY);
  });

  it('lets a lender user read and change only its own policy', async () => {
    const mine = await newLender('Volksbank Eigen');
    const other = await newLender('Volksbank Fremd');
    const u = await lenderUserOf(mine.id);
    expect((await u.client.get(`/api/v1/lenders/${mine.id}/policy`)).statusCode).toBe(200);
    const put = await u.client.put(`/api/v1/lenders/${mine.id}/policy`, { ...POLICY, worstRatingClass: 6 });
    expect(put.statusCode).toBe(200);
    expect(put.json().createdBy).toBe(u.user.id);
    expect((await u.client.get(`/api/v1/lenders/${other.id}/policy`)).statusCode).toBe(404);
    expect((await u.client.put(`/api/v1/lenders/${other.id}/policy`, POLICY)).statusCode).toBe(404);
    const list = (await u.client.get('/api/v1/lenders')).json().items;
    expect(list.map((l: { id: string }) => l.id)).toEqual([mine.id]);
    expect((await u.client.post('/api/v1/lenders', { name: 'Fremd Leasing GmbH', type: 'leasing', contactEmail: 'a@b.de', policy: {} })).statusCode).toBe(403);
  });

  it('shows all lenders to advisors, none to borrowers; advisors cannot change policies', async () => {
    const l = await newLender('Sparkasse Beraterblick');
    const advisor = await signedInAs(ctx, 'advisor');
    const items = (await advisor.client.get('/api/v1/lenders')).json().items;
    expect(items.map((x: { id: string }) => x.id)).toContain(l.id);
    expect((await advisor.client.put(`/api/v1/lenders/${l.id}/policy`, POLICY)).statusCode).toBe(404);
    const borrower = await signedInAs(ctx, 'borrower');
    expect((await borrower.client.get('/api/v1/lenders')).statusCode).toBe(403);
  });

  it('audits policy changes with before and after', async () => {
    const l = await newLender('Sparkasse Prüfhausen');
    await admin.client.put(`/api/v1/lenders/${l.id}/policy`, { products: ['leasing'] });
    const [row] = await ctx.database.query<{ before: { version: number }; after: { version: number; policy: unknown } }>(
      "select before, after from audit_log where action = 'credit_policy.changed' and entity_id = $1",
      [l.id],
    );
    expect(row.before.version).toBe(1);
    expect(row.after).toEqual({ version: 2, policy: { products: ['leasing'] } });
  });

  it('keeps every lender user at exactly one lender, enforced by the database at commit', async () => {
    const home = await newLender('Sparkasse Heimathausen');
    const other = await newLender('Sparkasse Nachbarhausen');
    const codeOf = (p: Promise<unknown>) => p.then(() => 'committed', (err: unknown) => pgErrorCode(err) ?? String(err));

    // none: a lender user without a lender does not commit
    expect(await codeOf(createUser(ctx.database, { email: 'ohne-bank@example.test', password: 'ein-langes-passwort', name: 'Ohne Bank', role: 'lender' }, SYSTEM_ACTOR))).toBe('23514');
    expect(await ctx.database.query("select 1 from users where email = 'ohne-bank@example.test'")).toEqual([]);

    // one: with its link in the same transaction it does, and signs in to see its own lender only
    const officer = await lenderUserOf(home.id);
    expect((await officer.client.get('/api/v1/lenders')).json().items.map((l: { id: string }) => l.id)).toEqual([home.id]);

    // not two: a second link is refused by the key
    const addSecond = ctx.database.db.transaction((tx) => addLenderUser(tx, officer.user.id, other.id, SYSTEM_ACTOR));
    expect(await codeOf(addSecond)).toBe('23505');

    // dropping the link alone is refused; moving to another lender in one transaction is fine
    const drop = ctx.database.db.transaction((tx) => tx.delete(lenderUsers).where(eq(lenderUsers.userId, officer.user.id)));
    expect(await codeOf(drop)).toBe('23514');
    const move = ctx.database.db.transaction(async (tx) => {
      await tx.delete(lenderUsers).where(eq(lenderUsers.userId, officer.user.id));
      await addLenderUser(tx, officer.user.id, other.id, SYSTEM_ACTOR);
    });
    expect(await codeOf(move)).toBe('committed');
    expect((await officer.client.get('/api/v1/lenders')).json().items.map((l: { id: string }) => l.id)).toEqual([other.id]);

    // a user made a lender user without a lender is refused too
    const advisor = await signedInAs(ctx, 'advisor');
    const promote = ctx.database.db.transaction((tx) => tx.update(users).set({ role: 'lender' }).where(eq(users.id, advisor.user.id)));
    expect(await codeOf(promote)).toBe('23514');
  });
});
