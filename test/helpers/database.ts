import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { fromPglite, fromPool, type Database } from '../../src/platform/db/database.js';
import { withDatabase } from '../global-setup.js';

/** The database kind integration tests run on: PostgreSQL when TEST_DATABASE_URL is set, else PGlite. */
export const TEST_DB_KIND = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A fresh, migrated database for one test file: a PGlite from the run's dump, or a clone of the template. */
export async function freshDatabase(): Promise<{ database: Database; url?: string }> {
  const template = inject('pgTemplate');
  const url = process.env.TEST_DATABASE_URL;
  if (url && template) {
    const name = `kp_t_${template.slice(7)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const dbUrl = withDatabase(url, name);
    return { database: fromPool(new pg.Pool({ connectionString: dbUrl, max: 5 })), url: dbUrl };
  }
  const dump = fs.readFileSync(inject('pgliteDump'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return { database: fromPglite(pglite) };
}
