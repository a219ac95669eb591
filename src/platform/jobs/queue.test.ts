import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../../test/helpers/app.js';

let ctx: TestContext;
const handled: string[] = [];
beforeAll(async () => {
  ctx = await startTestApp();
  const jobs = ctx.platform.ctx.jobs;
  await jobs.declare('test-echo');
  await jobs.work<{ value: string }>('test-echo', async (job) => {
    handled.push(job.data.value);
  });
});
afterAll(() => ctx.close());

async function until(check: () => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('job queue on the platform database', () => {
  it('runs a job enqueued in a committed transaction, and none from a rolled-back one', async () => {
    const { db } = ctx.database;
    const jobs = ctx.platform.ctx.jobs;
    await db
      .transaction(async (tx) => {
        await jobs.send('test-echo', { value: 'rolled-back' }, {}, tx);
        throw new Error('abort');
      })
      .catch(() => undefined);
    await db.transaction(async (tx) => {
      await jobs.send('test-echo', { value: 'committed' }, {}, tx);
    });
    await until(() => handled.includes('committed'));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(handled).not.toContain('rolled-back');
  });

  it('refuses to send to an undeclared queue', async () => {
    await expect(ctx.platform.ctx.jobs.send('nope', {})).rejects.toThrow(/not declared/);
  });
});
