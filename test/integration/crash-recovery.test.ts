import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.js';
import { insertLender } from '../../src/modules/lenders/index.js';
import { createCompany, registeredBorrower, startTestApp, type TestContext } from '../helpers/app.js';

/**
 * A worker process is killed (SIGKILL) while it dispatches requests and sandbox lenders answer; a second
 * worker takes over. Nothing may be lost (every request reaches its lenders, every lender answers) and
 * nothing duplicated (one dispatch per lender, at most one offer per dispatch). Runs against the
 * PostgreSQL server only: an embedded PGlite cannot be shared with another process.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const onServer = !!process.env.TEST_DATABASE_URL;
const REQUESTS = 6;
const TOP_N = 4;

let ctx: TestContext;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: ctx.config.databaseUrl,
      ROLE: 'worker',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      DISPATCH_TOP_N: String(TOP_N),
      JOB_EXPIRE_SECONDS: '3',
      JOB_MAINTENANCE_SECONDS: '1',
    },
    stdio: 'ignore',
  });
  workers.push(child);
  return child;
}

async function until(check: () => Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = async (sql: string, params: unknown[] = []) => Number((await ctx.database.query<{ n: string }>(sql, params))[0].n);

beforeAll(async () => {
  if (!onServer) return;
  // This process serves HTTP only; the workers are the child processes.
  ctx = await startTestApp({ ROLE: 'web', DISPATCH_TOP_N: String(TOP_N), JOB_EXPIRE_SECONDS: '3', JOB_MAINTENANCE_SECONDS: '1' });
  await ctx.database.db.transaction(async (tx) => {
    for (let i = 0; i < 6; i++) {
      await insertLender(
        tx,
        { name: `Crash-Demobank ${i}`, type: 'savings_bank', contactEmail: `crash${i}@example.test`, policy: { products: ['investment_loan'] }, demo: true },
        SYSTEM_ACTOR,
      );
    }
  });
});

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await ctx?.close();
});

describe('a worker killed mid-dispatch', () => {
  it.skipIf(!onServer)('loses nothing and duplicates nothing', { timeout: 120_000 }, async () => {
    const ids: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const b = await registeredBorrower(ctx);
      const c = await createCompany(b.client);
      await b.client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
      const d = await b.client.post('/api/v1/financing-requests', { companyId: c.id, product: 'investment_loan', amount: '250000.00', termMonths: 60, purpose: 'Crash' });
      const s = await b.client.post(`/api/v1/financing-requests/${d.json().id}/submit`);
      expect(s.json().status).toBe('matched');
      ids.push(d.json().id);
    }
    // Nothing is dispatched yet: no worker runs.
    expect(await count('select count(*) as n from dispatches where request_id = any($1::uuid[])', [ids])).toBe(0);

    const first = startWorker();
    await until(async () => (await count('select count(*) as n from dispatches where request_id = any($1::uuid[])', [ids])) > 0, 60_000, 'the first dispatch');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    startWorker();
    await until(
      async () =>
        (await count("select count(*) as n from dispatches where request_id = any($1::uuid[]) and status <> 'sent'", [ids])) === REQUESTS * TOP_N,
      90_000,
      'every lender to answer every request',
    );
    expect(await count('select count(*) as n from dispatches where request_id = any($1::uuid[])', [ids])).toBe(REQUESTS * TOP_N);
    // At most one offer per dispatch, however often a job ran.
    expect(await count('select count(*) as n from (select dispatch_id from offers group by dispatch_id having count(*) > 1) d')).toBe(0);
    // Every request was announced to its borrower (a mail may be re-sent after a crash, never lost).
    const dispatchedMails = await count("select count(*) as n from caught_mails where subject like '%Finanzierungspartner gegangen%'");
    expect(dispatchedMails).toBeGreaterThanOrEqual(REQUESTS);
  });
});
