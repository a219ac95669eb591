import { asc, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { derivedCompanyFacts } from './company-checks.js';
import { findIndustryCode } from './industry-codes.js';
import { companies, type CompanyRow } from './schema.js';
import type { TCompany, TCreateCompany } from './companies.types.js';

export function toCompany(row: CompanyRow): TCompany {
  return {
    id: row.id,
    ownerId: row.ownerId,
    name: row.name,
    legalForm: row.legalForm,
    registerNumber: row.registerNumber,
    vatId: row.vatId,
    street: row.street,
    postalCode: row.postalCode,
    city: row.city,
    federalState: row.federalState,
    industryCode: row.industryCode,
    industryLabel: findIndustryCode(row.industryCode)?.labelDe ?? row.industryCode,
    foundedOn: row.foundedOn,
    employees: row.employees,
    annualRevenue: row.annualRevenue,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Borrowers see their own companies; advisors and admins all. Others: as if it did not exist. */
export function canSeeCompany(user: SessionUser, company: Pick<CompanyRow, 'ownerId'>): boolean {
  if (user.role === 'advisor' || user.role === 'admin') return true;
  return user.role === 'borrower' && company.ownerId === user.id;
}

export async function createCompany(
  database: Database,
  owner: SessionUser,
  input: TCreateCompany,
  actor: Actor,
): Promise<TCompany> {
  const { federalState } = derivedCompanyFacts(input);
  return database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(companies)
      .values({
        ownerId: owner.id,
        name: input.name,
        legalForm: input.legalForm,
        registerNumber: input.registerNumber ?? null,
        vatId: input.vatId ?? null,
        street: input.street,
        postalCode: input.postalCode,
        city: input.city,
        federalState,
        industryCode: input.industryCode,
        foundedOn: input.foundedOn,
        employees: input.employees,
        annualRevenue: input.annualRevenue,
      })
      .returning();
    const company = toCompany(row);
    await writeAudit(tx, actor, { action: 'company.created', entityType: 'company', entityId: row.id, after: company });
    return company;
  });
}

/** Loads a company the user may see, or 404 (never 403: ids of others' companies are not confirmed). */
export async function findVisibleCompany(db: Executor, user: SessionUser, id: string): Promise<CompanyRow> {
  const [row] = await db.select().from(companies).where(eq(companies.id, id)).limit(1);
  if (!row || !canSeeCompany(user, row)) throw AppError.notFound('Unternehmen');
  return row;
}

export async function listCompanies(db: Executor, user: SessionUser): Promise<TCompany[]> {
  if (user.role !== 'borrower' && user.role !== 'advisor' && user.role !== 'admin') {
    throw new AppError('forbidden', 'Unternehmen sind für diese Rolle nicht sichtbar.');
  }
  const query = db.select().from(companies).orderBy(asc(companies.createdAt)).$dynamic();
  const rows = user.role === 'borrower' ? await query.where(eq(companies.ownerId, user.id)) : await query.where(eq(companies.simulated, false)).limit(500);
  return rows.map(toCompany);
}
