import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/platform/auth/auth.service.js';
import { SYSTEM_ACTOR } from '../src/platform/audit/audit.js';
import type { Executor } from '../src/platform/db/database.js';
import { addLenderUser, insertLender } from '../src/modules/lenders/index.js';
import { Client, startTestApp, type TestContext } from '../test/helpers/app.js';
import { DEMO_USERS, seedDemo } from './demo.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx.close());

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
    expect(logins).toContainEqual({ role: 'analyst', email: 'analyst@demo.kreditplatz.local' });
    const analyst = new Client(ctx.app);
    expect((await analyst.post('/api/v1/auth/login', { email: 'analyst@demo.kreditplatz.local', password: 'kreditplatz-demo' })).json().role).toBe('analyst');
    expect((await analyst.get('/api/v1/analyst/views')).statusCode).toBe(200);
    // Running again changes nothing.
    await seedDemo(ctx.platform.ctx, { password: 'kreditplatz-demo' });
    const [{ n }] = await ctx.database.query<{ n: number }>("select count(*)::int as n from users where email like '%@demo.kreditplatz.local'");
    expect(n).toBe(DEMO_USERS.length);
  });
});
