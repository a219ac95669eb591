import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../src/platform/db/database.js';
import { users, type Role } from '../src/platform/auth/schema.js';
import { createUser } from '../src/platform/auth/auth.service.js';
import { SYSTEM_ACTOR } from '../src/platform/audit/audit.js';
import { createCompany } from '../src/modules/companies/index.js';

export const DEMO_USERS: { role: Role; email: string; name: string }[] = [
  { role: 'borrower', email: 'borrower@demo.kreditplatz.local', name: 'Maria Schneider (Demo-Kreditnehmerin)' },
  { role: 'advisor', email: 'advisor@demo.kreditplatz.local', name: 'Thomas Weber (Demo-Firmenkundenberater)' },
  { role: 'lender', email: 'lender@demo.kreditplatz.local', name: 'Julia Becker (Demo-Kreditsachbearbeiterin)' },
  { role: 'partner', email: 'partner@demo.kreditplatz.local', name: 'Steuerkanzlei Demo (Kooperationspartner)' },
  { role: 'admin', email: 'admin@demo.kreditplatz.local', name: 'Admin Demo' },
];

/**
 * Demo data for the embedded database: one user per role and a demo company for the borrower.
 * Runs once: a second start finds the demo borrower and leaves everything as it is.
 */
export async function seedDemo(
  database: Database,
  opts: { password: string; log?: Pick<FastifyBaseLogger, 'info'> },
): Promise<{ role: string; email: string }[]> {
  const logins = DEMO_USERS.map(({ role, email }) => ({ role, email }));
  const [existing] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0].email));
  if (existing) return logins;

  opts.log?.info('seeding demo data');
  const created = new Map<Role, Awaited<ReturnType<typeof createUser>>>();
  for (const u of DEMO_USERS) {
    created.set(u.role, await createUser(database, { ...u, password: opts.password }, SYSTEM_ACTOR));
  }
  await createCompany(
    database,
    created.get('borrower')!,
    {
      name: 'Schneider Präzisionstechnik GmbH (Demo)',
      legalForm: 'GmbH',
      registerNumber: 'HRB 123456',
      vatId: 'DE136695976',
      street: 'Industriestraße 12',
      postalCode: '86150',
      city: 'Augsburg',
      industryCode: '25.62',
      foundedOn: '2009-04-01',
      employees: 48,
      annualRevenue: '6400000.00',
    },
    SYSTEM_ACTOR,
  );
  return logins;
}
