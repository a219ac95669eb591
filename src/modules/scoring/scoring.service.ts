import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { financingRequests } from '../requests/schema.js';
import { findVisibleCompany } from '../companies/index.js';
import { assertRequestVisible, loadRequestWithCompany } from '../requests/index.js';
import { parseFinancialsCsv } from './financials-csv.js';
import { STATEMENT_FIELDS, ZFinancialStatementSchema, type FinancialStatement } from './financials.types.js';
import { rateCompany, type CompanyRating } from './rating.js';
import { financialStatements, ratings } from './schema.js';

type StatementRow = typeof financialStatements.$inferSelect;

function toStatement(r: StatementRow): FinancialStatement {
  const s: Record<string, unknown> = { fiscalYear: r.fiscalYear };
  for (const f of STATEMENT_FIELDS) if (f !== 'fiscalYear') s[f] = r[f as keyof StatementRow];
  return s as FinancialStatement;
}

export async function statementsOf(db: Executor, companyId: string): Promise<FinancialStatement[]> {
  const rows = await db.select().from(financialStatements).where(eq(financialStatements.companyId, companyId)).orderBy(asc(financialStatements.fiscalYear));
  return rows.map(toStatement);
}

export async function listFinancials(db: Executor, user: SessionUser, companyId: string) {
  await findVisibleCompany(db, user, companyId);
  return statementsOf(db, companyId);
}

/** Requests of the company whose rating should follow its newest figures. */
const OPEN_STATUSES = ['submitted', 'in_review', 'matched', 'offered'] as const;

/** A rating as the ratings table stores it; rateRequest and the market simulator write the same. */
export function ratingColumns(rating: CompanyRating) {
  return {
    ratingClass: rating.ratingClass,
    probabilityOfDefault: rating.probabilityOfDefault,
    score: rating.score.toFixed(2),
    fiscalYear: rating.fiscalYear,
    ratios: rating.ratios,
    drivers: rating.drivers,
    missing: [...rating.missing],
  };
}

/** Rates a request from its company's statements and stores the rating (in the caller's transaction). */
export async function rateRequest(tx: Executor, requestId: string, trigger: 'submit' | 'financials') {
  const { request, company } = await loadRequestWithCompany(tx, requestId);
  const statements = await statementsOf(tx, company.id);
  const rating = rateCompany(statements, { amount: request.amount, termMonths: request.termMonths, product: request.product });
  const [row] = await tx
    .insert(ratings)
    .values({ requestId, companyId: company.id, ...ratingColumns(rating), trigger })
    .returning();
  return row;
}

/**
 * The rating class lenders' `worstRatingClass` is checked against: null when the company has entered no
 * statements at all (the criterion then passes provisionally and the match says so).
 */
export async function ratingClassForMatching(db: Executor, requestId: string): Promise<number | null> {
  const row = await currentRating(db, requestId);
  if (!row || (row.missing as string[]).includes('statements')) return null;
  return row.ratingClass;
}

/** The newest rating of a request, or null before it was submitted. */
export async function currentRating(db: Executor, requestId: string) {
  const [row] = await db.select().from(ratings).where(eq(ratings.requestId, requestId)).orderBy(desc(ratings.computedAt), desc(ratings.id)).limit(1);
  return row ?? null;
}

export function ratingView(row: NonNullable<Awaited<ReturnType<typeof currentRating>>>) {
  return {
    ratingClass: row.ratingClass,
    probabilityOfDefault: row.probabilityOfDefault,
    score: Number(row.score),
    fiscalYear: row.fiscalYear,
    ratios: row.ratios as { key: string; value: string | null; judgement: string; explanation: string }[],
    drivers: row.drivers as { key: string; direction: 'positive' | 'negative'; text: string }[],
    missing: row.missing as string[],
    computedAt: row.computedAt.toISOString(),
  };
}

export async function getRating(db: Executor, user: SessionUser, requestId: string) {
  await assertRequestVisible(db, user, requestId);
  const row = await currentRating(db, requestId);
  if (!row) throw new AppError('not_found', 'Für diese Anfrage liegt noch kein Rating vor (erst nach dem Einreichen).');
  return ratingView(row);
}

/**
 * Stores statements (one year or a CSV import) for a company the borrower owns, all or nothing, and
 * re-rates the company's open requests with the new figures.
 */
export async function saveStatements(database: Database, user: SessionUser, companyId: string, statements: FinancialStatement[], source: 'manual' | 'csv', actor: Actor) {
  return database.db.transaction(async (tx) => {
    const company = await findVisibleCompany(tx, user, companyId);
    if (user.role !== 'borrower' || company.ownerId !== user.id) {
      throw new AppError('forbidden', 'Finanzdaten pflegt das Unternehmen selbst.');
    }
    for (const s of statements) {
      const values = { ...s, companyId, source, updatedBy: user.id, updatedAt: new Date() };
      await tx
        .insert(financialStatements)
        .values(values)
        .onConflictDoUpdate({ target: [financialStatements.companyId, financialStatements.fiscalYear], set: values });
    }
    await writeAudit(tx, actor, {
      action: 'financials.saved',
      entityType: 'company',
      entityId: companyId,
      after: { source, fiscalYears: statements.map((s) => s.fiscalYear) },
    });
    const open = await tx
      .select({ id: financingRequests.id })
      .from(financingRequests)
      .where(and(eq(financingRequests.companyId, companyId), inArray(financingRequests.status, [...OPEN_STATUSES])));
    for (const r of open) await rateRequest(tx, r.id, 'financials');
    return statementsOf(tx, companyId);
  });
}

export async function importStatementsCsv(database: Database, user: SessionUser, companyId: string, csv: string, actor: Actor) {
  const result = parseFinancialsCsv(csv);
  if (result.errors.length > 0) {
    throw new AppError('validation', `Die CSV-Datei enthält ${result.errors.length} Fehler; nichts wurde gespeichert.`, {
      errors: result.errors.map((e) => ({ path: `line ${e.line}${e.field ? `.${e.field}` : ''}`, message: e.message })),
    });
  }
  return saveStatements(database, user, companyId, result.statements, 'csv', actor);
}

export { ZFinancialStatementSchema };
