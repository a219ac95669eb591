import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/platform/auth/auth.service.js';
import { SYSTEM_ACTOR } from '../src/platform/audit/audit.js';
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
    // An older demo database: the demo borrower exists, so the full seed does not run again.
    await createUser(ctx.database, { ...DEMO_USERS[0], password: 'kreditplatz-demo' }, SYSTEM_ACTOR);
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
