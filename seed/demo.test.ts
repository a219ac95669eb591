import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/platform/auth/auth.service.js';
import { SYSTEM_ACTOR } from '../src/platform/audit/audit.js';
import type { Executor } from '../src/platform/db/database.js';
import { addLenderUser, insertLender } from '../src/modules/lenders/index.js';
import { Client, startTestApp, type TestContext } from '../test/helpers/app.js';
import { DEMO_USERS, demoLoginLines, seedDemo } from './demo.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

const signIn = async (email: string, password: string) => (await new Client(ctx.app).post('/api/v1/auth/login', { email, password })).statusCode;

describe('demo seed', () => {
  it('has a demo analyst login, added to a demo database seeded before the role existed', async () => {
    expect(DEMO_USERS.find((u) => u.role === 'analyst')?.email).toBe('analyst@demo.kreditplatz.local');
    // An older demo database: every demo login but the analyst exists, so the full seed does not run again.
    for (const u of DEMO_USERS.filter((d) => d.role !== 'analyst')) {
      const link =
        u.role === 'lender'
          ? async (tx: Executor, user: { id: string }) => {
              const home = await insertLender(tx, { name: 'Sparkasse Althausen', type: 'savings_bank', contactEmail: 'kredit@althausen.example', policy: {} }, SYSTEM_ACTOR);
              await addLenderUser(tx, user.id, home.id, SYSTEM_ACTOR);
            }
          : undefined;
      await createUser(ctx.database, { ...u, password: 'kreditplatz-demo' }, SYSTEM_ACTOR, link);
    }
    const logins = await seedDemo(ctx.platform.ctx, { password: 'kreditplatz-demo' });
    expect(logins).toContainEqual({ role: 'analyst', email: 'analyst@demo.kreditplatz.local', createdNow: true });
    expect(logins).toContainEqual({ role: 'borrower', email: 'borrower@demo.kreditplatz.local', createdNow: false });
    const analyst = new Client(ctx.app);
    expect((await analyst.post('/api/v1/auth/login', { email: 'analyst@demo.kreditplatz.local', password: 'kreditplatz-demo' })).json().role).toBe('analyst');
    expect((await analyst.get('/api/v1/analyst/views')).statusCode).toBe(200);
    // Running again changes nothing.
    await seedDemo(ctx.platform.ctx, { password: 'kreditplatz-demo' });
    const [{ n }] = await ctx.database.query<{ n: number }>("select count(*)::int as n from users where email like '%@demo.kreditplatz.local'");
    expect(n).toBe(DEMO_USERS.length);
  });

  it('reports on a restart with another DEMO_PASSWORD that nothing was created, and prints no password then', async () => {
    const logins = await seedDemo(ctx.platform.ctx, { password: 'ein-anderes-passwort' });
    expect(logins.map((l) => l.email)).toEqual(DEMO_USERS.map((u) => u.email));
    expect(logins.every((l) => !l.createdNow)).toBe(true);
    // The logins keep the password they were created with.
    expect(await signIn(DEMO_USERS[0].email, 'ein-anderes-passwort')).toBe(401);
    expect(await signIn(DEMO_USERS[0].email, 'kreditplatz-demo')).toBe(200);

    const printed = demoLoginLines(logins, 'ein-anderes-passwort').join('\n');
    expect(printed).not.toContain('ein-anderes-passwort');
    expect(printed).toContain('Passwort wie beim ersten Start (DEMO_PASSWORD)');
    for (const u of DEMO_USERS) expect(printed).toContain(u.email);
  });

  it('prints the password with the logins when this start created them', () => {
    const logins = DEMO_USERS.map(({ role, email }) => ({ role, email, createdNow: true }));
    const printed = demoLoginLines(logins, 'kreditplatz-demo');
    expect(printed[0]).toBe('  Demo-Zugänge (Passwort: kreditplatz-demo):');
    for (const u of DEMO_USERS) expect(printed.join('\n')).toContain(u.email);
    expect(demoLoginLines([], 'kreditplatz-demo')).toEqual([]);
  });

  it('names the password only next to the logins a restart added', () => {
    const printed = demoLoginLines(
      [
        { role: 'borrower', email: 'borrower@demo.kreditplatz.local', createdNow: false },
        { role: 'analyst', email: 'analyst@demo.kreditplatz.local', createdNow: true },
      ],
      'neues-passwort-123',
    );
    expect(printed[0]).toContain('Passwort wie beim ersten Start (DEMO_PASSWORD)');
    expect(printed[1]).not.toContain('neues-passwort-123');
    expect(printed[2]).toContain('analyst@demo.kreditplatz.local');
    expect(printed[2]).toContain('Passwort: neues-passwort-123');
  });
});
