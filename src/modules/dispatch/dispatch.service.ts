import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, SYSTEM_ACTOR, type Actor } from '../../platform/audit/audit.js';
import { publish } from '../../platform/events/events.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { openTask } from '../advisory/index.js';
import { mailBorrower } from '../notifications/index.js';
import { currentRating, ratingView, statementsOf } from '../scoring/index.js';
import { currentConsents } from '../consents/index.js';
import { companies, findIndustryCode } from '../companies/index.js';
import { lenders, type LenderPrincipal } from '../lenders/index.js';
import { currentRanking } from '../matching/index.js';
import { assertRequestVisible, financingRequests, loadRequestWithCompany } from '../requests/index.js';
import { dispatches } from './schema.js';

export const DISPATCH_QUEUE = 'dispatch-request';
/** Queues other modules work when a request reaches a lender (sandbox decision, webhook, e-mail). */
export const LENDER_DISPATCHED_QUEUE = 'lender-dispatched';

/** Enqueues the dispatch of a matched request, in the caller's transaction. */
export async function scheduleDispatch(ctx: AppContext, tx: Executor, requestId: string): Promise<void> {
  await ctx.jobs.send(DISPATCH_QUEUE, { requestId }, {}, tx);
}

/**
 * Sends a matched request to the top-N eligible lenders. Idempotent: the unique (request, lender) key
 * makes a retried or duplicated job insert nothing new, and follow-up jobs are enqueued only for rows
 * this run inserted, in the same transaction.
 */
export async function runDispatch(ctx: AppContext, data: { requestId: string }): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const { request } = await loadRequestWithCompany(tx, data.requestId);
    if (request.status !== 'matched' && request.status !== 'offered') return; // withdrawn meanwhile
    const consents = await currentConsents(tx, request.companyId);
    if (!consents.lenderSharing) {
      await openTask(
        tx,
        {
          requestId: request.id,
          kind: 'custom',
          title: 'Einwilligung zur Weitergabe an Finanzierungspartner wurde widerrufen – Anfrage nicht versandt',
        },
        SYSTEM_ACTOR,
      );
      return;
    }
    const ranking = await currentRanking(tx, request.id, ctx.config.dispatchTopN);
    if (ranking.length === 0) return;
    const inserted = await tx
      .insert(dispatches)
      .values(ranking.map((r) => ({ requestId: request.id, lenderId: r.lenderId, matchRunId: r.runId, rank: r.rank })))
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) return;
    for (const d of inserted) {
      await ctx.jobs.send(LENDER_DISPATCHED_QUEUE, { dispatchId: d.id }, { retryLimit: 10 }, tx);
    }
    await writeAudit(tx, SYSTEM_ACTOR, {
      action: 'financing_request.dispatched',
      entityType: 'financing_request',
      entityId: request.id,
      after: { lenders: inserted.map((d) => ({ lenderId: d.lenderId, rank: d.rank })) },
    });
    await publish(tx, { topic: `financing_request:${request.id}`, type: 'dispatched', data: { count: inserted.length } });
    const names = await tx
      .select({ id: lenders.id, name: lenders.name })
      .from(lenders)
      .where(inArray(lenders.id, inserted.map((d) => d.lenderId)));
    const byId = new Map(names.map((n) => [n.id, n.name]));
    await mailBorrower(ctx, tx, request.id, {
      kind: 'requestDispatched',
      lenderNames: inserted.sort((a, b) => a.rank - b.rank).map((d) => byId.get(d.lenderId) ?? d.lenderId),
    });
  });
}

/** To whom a request went — the borrower's right to know, and the advisor's dispatch state. */
export async function listDispatchesOfRequest(db: Executor, user: SessionUser, requestId: string) {
  await assertRequestVisible(db, user, requestId);
  const rows = await db
    .select({
      id: dispatches.id,
      lenderId: dispatches.lenderId,
      lenderName: lenders.name,
      lenderType: lenders.type,
      demo: lenders.demo,
      rank: dispatches.rank,
      status: dispatches.status,
      dispatchedAt: dispatches.dispatchedAt,
      respondedAt: dispatches.respondedAt,
      declineReason: dispatches.declineReason,
    })
    .from(dispatches)
    .innerJoin(lenders, eq(lenders.id, dispatches.lenderId))
    .where(eq(dispatches.requestId, requestId))
    .orderBy(dispatches.rank);
  return rows.map((r) => ({
    ...r,
    dispatchedAt: r.dispatchedAt.toISOString(),
    respondedAt: r.respondedAt?.toISOString() ?? null,
  }));
}

/** The dispatch of a request to this lender, or 404: a lender never learns of requests not sent to it. */
export async function dispatchForLender(db: Executor, lenderId: string, requestId: string) {
  const [d] = await db
    .select()
    .from(dispatches)
    .where(and(eq(dispatches.requestId, requestId), eq(dispatches.lenderId, lenderId)));
  if (!d) throw AppError.notFound('Finanzierungsanfrage');
  return d;
}

export async function listForLender(db: Executor, lenderId: string, status?: string) {
  const rows = await db
    .select({
      requestId: financingRequests.id,
      product: financingRequests.product,
      amount: financingRequests.amount,
      termMonths: financingRequests.termMonths,
      requestStatus: financingRequests.status,
      companyName: companies.name,
      federalState: companies.federalState,
      industryCode: companies.industryCode,
      dispatchStatus: dispatches.status,
      dispatchedAt: dispatches.dispatchedAt,
      rank: dispatches.rank,
    })
    .from(dispatches)
    .innerJoin(financingRequests, eq(financingRequests.id, dispatches.requestId))
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .where(and(eq(dispatches.lenderId, lenderId), status ? sql`${dispatches.status} = ${status}` : undefined))
    .orderBy(desc(dispatches.dispatchedAt))
    .limit(500);
  return rows.map((r) => ({ ...r, dispatchedAt: r.dispatchedAt.toISOString() }));
}

/** What a lender needs to decide: the request, the company's profile, its financial statements and rating. */
export async function detailForLender(db: Executor, lenderId: string, requestId: string) {
  const d = await dispatchForLender(db, lenderId, requestId);
  const { request, company } = await loadRequestWithCompany(db, requestId);
  const rating = await currentRating(db, requestId);
  return {
    financials: await statementsOf(db, company.id),
    rating: rating ? ratingView(rating) : null,
    requestId: request.id,
    product: request.product,
    amount: request.amount,
    termMonths: request.termMonths,
    purpose: request.purpose,
    requestStatus: request.status,
    submittedAt: request.submittedAt?.toISOString() ?? null,
    dispatch: {
      id: d.id,
      status: d.status,
      rank: d.rank,
      dispatchedAt: d.dispatchedAt.toISOString(),
      respondedAt: d.respondedAt?.toISOString() ?? null,
      declineReason: d.declineReason,
    },
    company: {
      name: company.name,
      legalForm: company.legalForm,
      registerNumber: company.registerNumber,
      vatId: company.vatId,
      street: company.street,
      postalCode: company.postalCode,
      city: company.city,
      federalState: company.federalState,
      industryCode: company.industryCode,
      industryLabel: findIndustryCode(company.industryCode)?.labelDe ?? company.industryCode,
      foundedOn: company.foundedOn,
      employees: company.employees,
      annualRevenue: company.annualRevenue,
    },
  };
}

/** Marks the dispatch answered (an offer or a decline), in the caller's transaction. */
export async function markResponded(tx: Executor, dispatchId: string, status: 'offered' | 'declined', reason?: string) {
  await tx
    .update(dispatches)
    .set({ status, respondedAt: new Date(), declineReason: reason ?? null })
    .where(eq(dispatches.id, dispatchId));
}

export async function declineRequest(ctx: AppContext, principal: LenderPrincipal, requestId: string, reason: string) {
  return ctx.database.db.transaction(async (tx) => {
    const d = await dispatchForLender(tx, principal.lenderId, requestId);
    if (d.status === 'declined') return { status: 'declined' as const };
    if (d.status === 'offered') throw new AppError('conflict', 'Sie haben zu dieser Anfrage bereits ein Angebot abgegeben.');
    await markResponded(tx, d.id, 'declined', reason);
    await writeAudit(tx, principal.actor, {
      action: 'dispatch.declined',
      entityType: 'financing_request',
      entityId: requestId,
      after: { lenderId: principal.lenderId, reason },
    });
    await publish(tx, { topic: `financing_request:${requestId}`, type: 'declined', data: { lenderId: principal.lenderId } });
    await afterResponse(tx, requestId, principal.actor);
    return { status: 'declined' as const };
  });
}

/** When every lender has answered without an offer, an advisor takes over. */
export async function afterResponse(tx: Executor, requestId: string, _actor: Actor) {
  const rows = await tx.select({ status: dispatches.status }).from(dispatches).where(eq(dispatches.requestId, requestId));
  const open = rows.filter((r) => r.status === 'sent').length;
  const offered = rows.filter((r) => r.status === 'offered').length;
  if (open === 0 && offered === 0) {
    await openTask(
      tx,
      { requestId, kind: 'follow_up', title: 'Alle Finanzierungspartner haben abgelehnt – Alternativen mit dem Kunden besprechen', dueAt: new Date(Date.now() + 24 * 3_600_000) },
      SYSTEM_ACTOR,
    );
  }
  return { open, offered, total: rows.length };
}
