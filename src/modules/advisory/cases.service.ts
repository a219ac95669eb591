import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../platform/db/database.js';
import { auditLog } from '../../platform/audit/schema.js';
import { users } from '../../platform/auth/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/http/app-error.js';
import { companies, toCompany } from '../companies/index.js';
import { financingRequests } from '../requests/index.js';
import { currentRating, ratingView, statementsOf } from '../scoring/index.js';
import { requireStaff } from './assignments.service.js';
import type { TCaseQuery, TCaseSummary } from './advisory.types.js';
import { caseMessages } from './messages.service.js';
import { listNotes } from './notes.service.js';
import { advisorTasks, ASSIGNMENT_METHODS, caseAssignments, requestMessages } from './schema.js';
import { serviceLevelOf, submittedBeforeFor, WAITING_STATUSES, type ServiceLevelThresholds } from './service-level.js';
import { listTasks } from './tasks.service.js';

const assignee = alias(users, 'assignee');

const unreadMessages = sql<number>`(select count(*)::int from ${requestMessages} m where m.request_id = ${financingRequests.id} and m.side = 'borrower' and m.read_at is null)`;
const openTasks = sql<number>`(select count(*)::int from ${advisorTasks} t where t.request_id = ${financingRequests.id} and t.status = 'open')`;

function caseQuery(db: Executor) {
  return db
    .select({
      request: financingRequests,
      companyName: companies.name,
      federalState: companies.federalState,
      assigneeId: caseAssignments.advisorId,
      assigneeName: assignee.name,
      assignedAt: caseAssignments.assignedAt,
      method: caseAssignments.method,
      unreadMessages,
      openTasks,
    })
    .from(financingRequests)
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .leftJoin(caseAssignments, eq(caseAssignments.requestId, financingRequests.id))
    .leftJoin(assignee, eq(assignee.id, caseAssignments.advisorId));
}
type CaseRow = Awaited<ReturnType<ReturnType<typeof caseQuery>['execute']>>[number];

function summary(r: CaseRow, now: Date, sla: ServiceLevelThresholds): TCaseSummary {
  const q = r.request;
  return {
    id: q.id,
    companyId: q.companyId,
    companyName: r.companyName,
    federalState: r.federalState,
    product: q.product,
    amount: q.amount,
    termMonths: q.termMonths,
    status: q.status,
    submittedAt: q.submittedAt!.toISOString(),
    assignee:
      r.assigneeId && r.assigneeName && r.assignedAt && r.method
        ? { id: r.assigneeId, name: r.assigneeName, assignedAt: r.assignedAt.toISOString(), method: r.method }
        : null,
    serviceLevel: serviceLevelOf(q, now, sla),
    unreadMessages: Number(r.unreadMessages),
    openTasks: Number(r.openTasks),
  };
}

/** The SQL form of "the case is in this service-level state at `now`", from the same thresholds as `serviceLevelOf`. */
function serviceLevelCondition(state: 'green' | 'amber' | 'red' | 'none', now: Date, sla: ServiceLevelThresholds): SQL {
  const waiting = inArray(financingRequests.status, [...WAITING_STATUSES]);
  const amber = submittedBeforeFor('amber', now, sla);
  const red = submittedBeforeFor('red', now, sla);
  switch (state) {
    case 'none':
      return sql`not ${waiting}`;
    case 'green':
      return and(waiting, gte(financingRequests.submittedAt, amber))!;
    case 'amber':
      return and(waiting, lt(financingRequests.submittedAt, amber), gte(financingRequests.submittedAt, red))!;
    case 'red':
      return and(waiting, lt(financingRequests.submittedAt, red))!;
  }
}

const SORT_COLUMNS = {
  submittedAt: financingRequests.submittedAt,
  amount: financingRequests.amount,
  companyName: companies.name,
} as const;

/**
 * The advisors' queue: every submitted request (drafts are not cases yet), filtered, sorted and paged.
 * Requests of simulated companies (the market simulator's history) are nobody's work and never in it.
 */
export async function listCases(db: Executor, user: SessionUser, q: TCaseQuery, now: Date, sla: ServiceLevelThresholds) {
  requireStaff(user);
  const where: SQL[] = [isNotNull(financingRequests.submittedAt), eq(companies.simulated, false)];
  if (q.status?.length) where.push(inArray(financingRequests.status, q.status));
  if (q.product?.length) where.push(inArray(financingRequests.product, q.product));
  if (q.amountMin) where.push(gte(financingRequests.amount, q.amountMin));
  if (q.amountMax) where.push(lte(financingRequests.amount, q.amountMax));
  if (q.region?.length) where.push(inArray(companies.federalState, q.region));
  if (q.waitingMinHours !== undefined) {
    where.push(inArray(financingRequests.status, [...WAITING_STATUSES]));
    where.push(lte(financingRequests.submittedAt, new Date(now.getTime() - q.waitingMinHours * 3_600_000)));
  }
  if (q.serviceLevel?.length) where.push(or(...q.serviceLevel.map((s) => serviceLevelCondition(s, now, sla)))!);
  if (q.assignee === 'unassigned') where.push(isNull(caseAssignments.advisorId));
  else if (q.assignee) where.push(eq(caseAssignments.advisorId, q.assignee === 'me' ? user.id : q.assignee));
  const cond = and(...where);
  const descending = q.sort.startsWith('-');
  const column = SORT_COLUMNS[q.sort.replace('-', '') as keyof typeof SORT_COLUMNS];
  const rows = await caseQuery(db)
    .where(cond)
    .orderBy(descending ? desc(column) : asc(column), asc(financingRequests.id))
    .limit(q.limit)
    .offset(q.offset);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(financingRequests)
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .leftJoin(caseAssignments, eq(caseAssignments.requestId, financingRequests.id))
    .where(cond);
  return { items: rows.map((r) => summary(r, now, sla)), total: Number(n) };
}

/**
 * The lender side of a case. Matching, dispatch and offers depend on this module (they open advisor
 * tasks), so they are handed in from app.ts rather than imported: dependencies keep pointing one way.
 */
export interface LenderSide {
  matches(db: Executor, user: SessionUser, requestId: string): Promise<unknown>;
  dispatches(db: Executor, user: SessionUser, requestId: string): Promise<unknown[]>;
  offers(db: Executor, user: SessionUser, requestId: string): Promise<unknown[]>;
}

async function assignmentHistory(db: Executor, requestId: string) {
  const by = alias(users, 'by');
  const rows = await db
    .select({ at: auditLog.at, after: auditLog.after, byId: by.id, byName: by.name })
    .from(auditLog)
    .leftJoin(by, eq(by.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, 'case_assignment'), eq(auditLog.entityId, requestId)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  const advisorIds = [...new Set(rows.map((r) => (r.after as { advisorId: string }).advisorId))];
  const names = advisorIds.length
    ? new Map((await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, advisorIds))).map((u) => [u.id, u.name]))
    : new Map<string, string>();
  return rows.map((r) => {
    const after = r.after as { advisorId: string; method: string };
    return {
      at: r.at.toISOString(),
      advisor: names.has(after.advisorId) ? { id: after.advisorId, name: names.get(after.advisorId)! } : null,
      method: (ASSIGNMENT_METHODS as readonly string[]).includes(after.method) ? (after.method as (typeof ASSIGNMENT_METHODS)[number]) : 'assign',
      by: r.byId && r.byName ? { id: r.byId, name: r.byName } : null,
    };
  });
}

async function loadCase(db: Executor, requestId: string) {
  const [row] = await caseQuery(db).where(eq(financingRequests.id, requestId));
  if (!row) throw AppError.notFound('Fall');
  if (!row.request.submittedAt) throw new AppError('not_found', 'Ein Entwurf ist noch kein Fall (erst nach dem Einreichen).');
  return row;
}

/** One case as the queue shows it. */
export async function caseSummary(db: Executor, user: SessionUser, requestId: string, now: Date, sla: ServiceLevelThresholds) {
  requireStaff(user);
  return summary(await loadCase(db, requestId), now, sla);
}

/** Everything an advisor needs on one page, composed from the modules that own each part. */
export async function getCase(db: Executor, user: SessionUser, requestId: string, now: Date, sla: ServiceLevelThresholds, lenderSide: LenderSide) {
  requireStaff(user);
  const row = await loadCase(db, requestId);
  const [company] = await db.select().from(companies).where(eq(companies.id, row.request.companyId));
  const [financials, rating, matches, dispatches, offers, notes, tasks, messages, history] = await Promise.all([
    statementsOf(db, company.id),
    currentRating(db, requestId),
    lenderSide.matches(db, user, requestId),
    lenderSide.dispatches(db, user, requestId),
    lenderSide.offers(db, user, requestId),
    listNotes(db, user, requestId),
    listTasks(db, user, { requestId }, now),
    caseMessages(db, requestId),
    assignmentHistory(db, requestId),
  ]);
  return {
    case: summary(row, now, sla),
    purpose: row.request.purpose,
    // The full profile; the response schema (CaseCompany) passes on what the case page shows.
    company: toCompany(company),
    financials,
    rating: rating ? ratingView(rating) : null,
    matches,
    dispatches,
    offers,
    notes,
    tasks,
    messages,
    assignmentHistory: history,
  };
}
