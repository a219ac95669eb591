import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';

/**
 * One PostgreSQL database for everything. Embedded PGlite by default (the same Postgres, in-process),
 * a server when DATABASE_URL is set. Both speak the same SQL and share one migration history.
 */
export type Db = NodePgDatabase<Record<string, never>>;
/** A transaction handle; services accept either and run their statements through it. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw SQL for platform machinery (readiness checks, job queue); business code uses `db`. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export function fromPglite(pglite: PGlite): Database {
  // The PGlite and node-postgres drizzle databases expose the same query-builder API.
  const db = drizzlePglite({ client: pglite }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    async query<T>(text: string, params: unknown[] = []) {
      return (await pglite.query<T>(text, params)).rows;
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

export function fromPool(pool: pg.Pool): Database {
  const db = drizzlePg({ client: pool }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pool,
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async close() {
      await pool.end();
    },
  };
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    await pool.query('select 1');
    return fromPool(pool);
  }
  const dir = path.join(opts.dataDir, 'pglite');
  // PGlite only creates the last level of its data folder.
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: dir });
  return fromPglite(pglite);
}

/** Applies the committed SQL migrations. On a server an advisory lock keeps parallel instances in line. */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock(72430001)');
    await migratePg(database.db, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock(72430001)').catch(() => undefined);
    client.release();
  }
}

/** True when every committed migration is recorded as applied. Used by `/ready`. */
export async function migrationsApplied(database: Database): Promise<boolean> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  const rows = await database
    .query<{ n: string | number }>('select count(*) as n from drizzle.__drizzle_migrations')
    .catch(() => [{ n: -1 }]);
  return Number(rows[0]?.n) >= journal.entries.length;
}
