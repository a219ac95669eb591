import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.js';

/**
 * The job queue: pg-boss on the platform's own database (PGlite through pg-boss's `db` adapter, or the
 * server). Side effects — dispatch to lenders, sandbox decisions, webhooks, e-mails — are jobs: retried
 * with backoff, and enqueued in the same transaction as the change that causes them, so a job exists
 * exactly when its cause was committed. Handlers must be idempotent (a job can run twice after a crash):
 * the business tables' unique keys make a repeated run a no-op.
 */
export const JOB_SCHEMA = 'pgboss';

export interface SendOptions {
  startAfterSeconds?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export interface JobQueue {
  /** Creates the queues (at start-up: never inside a transaction, PGlite has one connection). */
  declare(...names: string[]): Promise<void>;
  /** Enqueue, inside `tx` when given (committed with it), else on its own. The queue must be declared. */
  send<T extends object>(name: string, data: T, options?: SendOptions, tx?: Executor): Promise<string | null>;
  work<T>(name: string, handler: JobHandler<T>, options?: { concurrency?: number }): Promise<void>;
  stop(): Promise<void>;
  boss: PgBoss;
}

/** Turns pg-boss's `$1`-style SQL into a drizzle query, so it runs on the caller's transaction. */
export function drizzleSql(text: string, values: unknown[] = []): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) chunks.push(sql.raw(parts[i]));
    else {
      const v = values[Number(parts[i]) - 1];
      chunks.push(sql`${v === undefined ? null : v}`);
    }
  }
  return sql.join(chunks, sql.raw(''));
}

function executorAdapter(tx: Executor) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const result = (await tx.execute(drizzleSql(text, values))) as unknown as { rows: unknown[] };
      return { rows: result.rows };
    },
  };
}

/** pg-boss's `db` option for PGlite: one connection, multi-statement scripts through exec(). */
function pgliteAdapter(database: Database) {
  const pglite = database.pglite!;
  return {
    async executeSql(text: string, values: unknown[] = []) {
      try {
        if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
        const results = await pglite.exec(text);
        return { rows: results.flatMap((r) => r.rows) };
      } catch (err) {
        // A failed script must not leave the single connection inside an aborted transaction.
        await pglite.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
  };
}

export function createBoss(database: Database, databaseUrl?: string, maintenanceIntervalSeconds = 60): PgBoss {
  const common = {
    maintenanceIntervalSeconds,
    schema: JOB_SCHEMA,
    // Maintenance (expiry, retention) runs in every instance; pg-boss serialises it through the database.
    supervise: true,
    schedule: false,
    migrate: true,
  } as const;
  if (database.kind === 'pglite') return new PgBoss({ ...common, db: pgliteAdapter(database) } as PgBoss.ConstructorOptions);
  return new PgBoss({ ...common, connectionString: databaseUrl, max: 4 } as PgBoss.ConstructorOptions);
}

/** Installs pg-boss's tables (its own migrations) — done once with the platform's migrations. */
export async function installJobSchema(database: Database, databaseUrl?: string): Promise<void> {
  const boss = createBoss(database, databaseUrl);
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, close: true, wait: true });
}

export async function startJobQueue(
  database: Database,
  opts: { databaseUrl?: string; onError?: (err: unknown) => void; expireInSeconds?: number; maintenanceIntervalSeconds?: number },
): Promise<JobQueue> {
  const boss = createBoss(database, opts.databaseUrl, opts.maintenanceIntervalSeconds);
  boss.on('error', (err) => opts.onError?.(err));
  await boss.start();
  const declared = new Set<string>();
  const assertDeclared = (name: string) => {
    if (!declared.has(name)) throw new Error(`job queue "${name}" was not declared at start-up`);
  };
  return {
    boss,
    async declare(...names) {
      for (const name of names) {
        if (declared.has(name)) continue;
        if (!(await boss.getQueue(name))) await boss.createQueue(name);
        declared.add(name);
      }
    },
    async send(name, data, options = {}, tx) {
      assertDeclared(name);
      return boss.send(name, data, {
        startAfter: options.startAfterSeconds,
        retryLimit: options.retryLimit ?? 8,
        retryDelay: options.retryDelaySeconds ?? 2,
        retryBackoff: true,
        expireInSeconds: options.expireInSeconds ?? opts.expireInSeconds ?? 120,
        ...(tx ? { db: executorAdapter(tx) } : {}),
      } as PgBoss.SendOptions);
    },
    async work(name, handler, options = {}) {
      assertDeclared(name);
      const concurrency = options.concurrency ?? 2;
      // PGlite is one connection: several pollers would only queue behind each other. One poller that
      // fetches a batch and works it concurrently does the same work with a fraction of the queries.
      const pollers = database.kind === 'pglite' ? 1 : concurrency;
      const batchSize = database.kind === 'pglite' ? concurrency : 1;
      for (let i = 0; i < pollers; i++) {
        await boss.work(name, { batchSize, pollingIntervalSeconds: 0.5, includeMetadata: false }, async (jobs) => {
          const results = await Promise.allSettled(jobs.map((job) => handler(job as unknown as Parameters<typeof handler>[0])));
          const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          // pg-boss fails the whole batch on a throw; the handlers are idempotent, so a retry is harmless.
          if (failed) throw failed.reason;
        });
      }
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
