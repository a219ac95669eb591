import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { users } from '../../platform/auth/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { publish } from '../../platform/events/events.js';
import { AppError } from '../../platform/http/app-error.js';
import { canSeeCompany, companies, findVisibleCompany } from '../companies/index.js';
import { currentConsents } from '../consents/index.js';
import { allowedNext, checkTransition, type RequestStatus, type TransitionActor } from './lifecycle.js';
import { financingRequests, requestHistory, type FinancingRequestRow } from './schema.js';
import type { TCreateRequest, TFinancingRequest, TRequestSummary, TUpdateRequest } from './requests.types.js';

type RowWithCompany = { request: FinancingRequestRow; companyName: string; ownerId: string };

const STAFF_ROLES = new Set(['advisor', 'admin']);

function summary(r: RowWithCompany): TRequestSummary {
  const q = r.request;
  return {
    id: q.id,
    companyId: q.companyId,
    companyName: r.companyName,
    product: q.product,
    amount: q.amount,
    termMonths: q.termMonths,
    purpose: q.purpose,
    status: q.status,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
    submittedAt: q.submittedAt?.toISOString() ?? null,
  };
}

function transitionActorOf(user: SessionUser): TransitionActor {
  return user.role === 'borrower' || user.role === 'advisor' || user.role === 'admin' || user.role === 'lender'
    ? user.role
    : 'system';
}

async function loadVisible(db: Executor, user: SessionUser, id: string, forUpdate = false): Promise<RowWithCompany> {
  if (user.role !== 'borrower' && !STAFF_ROLES.has(user.role)) throw AppError.notFound('Finanzierungsanfrage');
  const query = db
    .select({ request: financingRequests, companyName: companies.name, ownerId: companies.ownerId })
    .from(financingRequests)
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .where(eq(financingRequests.id, id))
    .limit(1);
  const [row] = forUpdate ? await query.for('update', { of: financingRequests }) : await query;
  if (!row || !canSeeCompany(user, { ownerId: row.ownerId })) throw AppError.notFound('Finanzierungsanfrage');
  return row;
}

async function withHistory(db: Executor, user: SessionUser, row: RowWithCompany): Promise<Omit<TFinancingRequest, "contractId">> {
  const history = await db
    .select({
      from: requestHistory.fromStatus,
      to: requestHistory.toStatus,
      at: requestHistory.at,
      actorId: requestHistory.actorId,
      actorRole: requestHistory.actorRole,
      actorName: users.name,
      reason: requestHistory.reason,
    })
    .from(requestHistory)
    .leftJoin(users, eq(users.id, requestHistory.actorId))
    .where(eq(requestHistory.requestId, row.request.id))
    .orderBy(requestHistory.at, requestHistory.id);
  return {
    ...summary(row),
    actions: allowedNext(row.request.status, transitionActorOf(user)),
    history: history.map((h) => ({
      from: h.from,
      to: h.to,
      at: h.at.toISOString(),
      actor: { id: h.actorId, name: h.actorName, role: h.actorRole },
      reason: h.reason,
    })),
  };
}

export async function getRequest(db: Executor, user: SessionUser, id: string): Promise<Omit<TFinancingRequest, "contractId">> {
  return withHistory(db, user, await loadVisible(db, user, id));
}

export async function createRequest(
  database: Database,
  user: SessionUser,
  input: TCreateRequest,
  actor: Actor,
): Promise<Omit<TFinancingRequest, "contractId">> {
  if (user.role !== 'borrower') throw new AppError('forbidden', 'Nur Kreditnehmer stellen Finanzierungsanfragen.');
  return database.db.transaction(async (tx) => {
    const company = await findVisibleCompany(tx, user, input.companyId).catch(() => {
      throw AppError.invalidField('companyId', 'Unternehmen nicht gefunden');
    });
    const [request] = await tx
      .insert(financingRequests)
      .values({ ...input, createdBy: user.id, status: 'draft' })
      .returning();
    await tx.insert(requestHistory).values({
      requestId: request.id,
      fromStatus: null,
      toStatus: 'draft',
      actorId: user.id,
      actorRole: user.role,
    });
    await writeAudit(tx, actor, {
      action: 'financing_request.created',
      entityType: 'financing_request',
      entityId: request.id,
      after: request,
    });
    return withHistory(tx, user, { request, companyName: company.name, ownerId: company.ownerId });
  });
}

export async function updateDraft(
  database: Database,
  user: SessionUser,
  id: string,
  input: TUpdateRequest,
  actor: Actor,
): Promise<Omit<TFinancingRequest, "contractId">> {
  return database.db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, id, true);
    if (row.ownerId !== user.id) throw new AppError('forbidden', 'Nur das Unternehmen selbst ändert seine Anfrage.');
    if (row.request.status !== 'draft') {
      throw new AppError('illegal_transition', `Nur Entwürfe können geändert werden (Status: ${row.request.status}).`);
    }
    const [updated] = await tx
      .update(financingRequests)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(financingRequests.id, id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'financing_request.updated',
      entityType: 'financing_request',
      entityId: id,
      before: row.request,
      after: updated,
    });
    return withHistory(tx, user, { ...row, request: updated });
  });
}

/**
 * Moves a request to another status inside the caller's transaction, guarded by the lifecycle table,
 * recorded in the history and the audit log. The row lock makes concurrent transitions wait their turn.
 */
export async function transition(
  tx: Executor,
  requestId: string,
  to: RequestStatus,
  by: { actor: Actor; as: TransitionActor; reason?: string },
): Promise<FinancingRequestRow> {
  const [current] = await tx
    .select()
    .from(financingRequests)
    .where(eq(financingRequests.id, requestId))
    .for('update')
    .limit(1);
  if (!current) throw AppError.notFound('Finanzierungsanfrage');
  const check = checkTransition(current.status, to, by.as);
  if (!check.ok) {
    throw new AppError(
      'illegal_transition',
      check.reason === 'not_allowed'
        ? `Statuswechsel von „${current.status}“ nach „${to}“ ist nicht erlaubt.`
        : `Statuswechsel von „${current.status}“ nach „${to}“ ist für „${by.as}“ nicht erlaubt.`,
      { extra: { from: current.status, to } },
    );
  }
  const now = new Date();
  const [updated] = await tx
    .update(financingRequests)
    .set({ status: to, updatedAt: now, ...(to === 'submitted' ? { submittedAt: now } : {}) })
    .where(eq(financingRequests.id, requestId))
    .returning();
  await tx.insert(requestHistory).values({
    requestId,
    fromStatus: current.status,
    toStatus: to,
    at: now,
    actorId: by.actor.userId,
    actorRole: by.as,
    reason: by.reason ?? null,
  });
  await publish(tx, { topic: `financing_request:${requestId}`, type: 'status_changed', data: { from: current.status, to } });
  await writeAudit(tx, by.actor, {
    action: `financing_request.${to}`,
    entityType: 'financing_request',
    entityId: requestId,
    before: { status: current.status },
    after: { status: to, reason: by.reason ?? null },
  });
  return updated;
}

const CONSENT_LABELS = { dataProcessing: 'Datenverarbeitung', lenderSharing: 'Weitergabe an Finanzierungspartner' };

/**
 * What happens right after a submit, in the same transaction: matching (wired in app.ts, so this module
 * does not depend on the modules that assess requests). If it throws, the submit is undone too.
 */
export type AfterSubmit = (tx: Executor, requestId: string, actor: Actor) => Promise<unknown>;

/** Submits a draft. Without consent to data processing and to sharing with lenders, nothing moves. */
export async function submitRequest(
  database: Database,
  user: SessionUser,
  id: string,
  actor: Actor,
  afterSubmit?: AfterSubmit,
) {
  return database.db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, id, true);
    const consents = await currentConsents(tx, row.request.companyId);
    const missing = (['dataProcessing', 'lenderSharing'] as const).filter((k) => !consents[k]);
    if (missing.length > 0) {
      throw new AppError(
        'consent_missing',
        `Für das Einreichen fehlt die Einwilligung: ${missing.map((k) => CONSENT_LABELS[k]).join(', ')}.`,
        { errors: missing.map((k) => ({ path: `consents.${k}`, message: 'Einwilligung erforderlich' })), extra: { missingConsents: missing } },
      );
    }
    await transition(tx, id, 'submitted', { actor, as: transitionActorOf(user) });
    if (afterSubmit) await afterSubmit(tx, id, actor);
    return withHistory(tx, user, await loadVisible(tx, user, id));
  });
}

export async function changeStatus(
  database: Database,
  user: SessionUser,
  id: string,
  to: RequestStatus,
  actor: Actor,
  reason?: string,
) {
  return database.db.transaction(async (tx) => {
    const row = await loadVisible(tx, user, id, true);
    if (user.role === 'borrower' && row.ownerId !== user.id) throw AppError.notFound('Finanzierungsanfrage');
    await transition(tx, id, to, { actor, as: transitionActorOf(user), reason });
    return withHistory(tx, user, await loadVisible(tx, user, id));
  });
}

export async function listRequests(
  db: Executor,
  user: SessionUser,
  q: { status?: RequestStatus[]; limit: number; offset: number },
): Promise<{ items: TRequestSummary[]; total: number }> {
  if (user.role !== 'borrower' && !STAFF_ROLES.has(user.role)) {
    throw new AppError('forbidden', 'Finanzierungsanfragen sind für diese Rolle hier nicht sichtbar.');
  }
  const where: SQL[] = [];
  if (user.role === 'borrower') where.push(eq(companies.ownerId, user.id));
  // Simulated market history (src/modules/simulation) is data to learn from, not work for staff.
  else where.push(eq(companies.simulated, false));
  if (q.status?.length) where.push(inArray(financingRequests.status, q.status));
  const cond = where.length ? and(...where) : undefined;
  const rows = await db
    .select({ request: financingRequests, companyName: companies.name, ownerId: companies.ownerId })
    .from(financingRequests)
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .where(cond)
    .orderBy(desc(financingRequests.updatedAt), desc(financingRequests.id))
    .limit(q.limit)
    .offset(q.offset);
  const [{ n }] = await db
    .select({ n: count() })
    .from(financingRequests)
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .where(cond);
  return { items: rows.map(summary), total: Number(n) };
}

/** A request with its company's profile, for modules that assess it (matching, later scoring). */
export async function loadRequestWithCompany(db: Executor, id: string) {
  const [row] = await db
    .select({ request: financingRequests, company: companies })
    .from(financingRequests)
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .where(eq(financingRequests.id, id))
    .limit(1);
  if (!row) throw AppError.notFound('Finanzierungsanfrage');
  return row;
}

/** Locks a request's row until the caller's transaction ends, so status checks and changes cannot interleave. */
export async function lockRequest(tx: Executor, id: string) {
  const [row] = await tx.select({ status: financingRequests.status }).from(financingRequests).where(eq(financingRequests.id, id)).for('update');
  if (!row) throw AppError.notFound('Finanzierungsanfrage');
  return row;
}

/** Visible to the user (same rules as GET /financing-requests/:id), else 404. */
export async function assertRequestVisible(db: Executor, user: SessionUser, id: string): Promise<void> {
  await loadVisible(db, user, id);
}
