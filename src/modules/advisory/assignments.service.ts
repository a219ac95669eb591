import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { users } from '../../platform/auth/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { loadRequestWithCompany, lockRequest } from '../requests/index.js';
import { advisorRotation, advisorTasks, caseAssignments, type AssignmentMethod } from './schema.js';

/** Key of the transaction-level advisory lock that serialises everything touching the rotation. */
const ROTATION_LOCK_KEY = 7_346_211_001;

const STAFF = ['advisor', 'admin'] as const;

export function requireStaff(user: SessionUser): void {
  if (!(STAFF as readonly string[]).includes(user.role)) throw new AppError('forbidden', 'Nur für Firmenkundenberater.');
}

async function lockRotation(tx: Executor) {
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(ROTATION_LOCK_KEY))})`);
}

/**
 * Gives a case to an advisor inside the caller's transaction (which must hold the rotation lock):
 * stores the assignment, moves the case's open tasks that had nobody or the previous advisor, notes
 * when the advisor last received a case, and writes the change to the audit log (the history).
 */
async function setAssignment(tx: Executor, requestId: string, advisorId: string, method: AssignmentMethod, actor: Actor) {
  const [previous] = await tx.select().from(caseAssignments).where(eq(caseAssignments.requestId, requestId));
  if (previous?.advisorId === advisorId) return { assignment: previous, changed: false };
  const now = new Date();
  const values = { requestId, advisorId, method, assignedBy: actor.userId, assignedAt: now };
  const [assignment] = await tx
    .insert(caseAssignments)
    .values(values)
    .onConflictDoUpdate({ target: caseAssignments.requestId, set: values })
    .returning();
  const moved = await tx
    .update(advisorTasks)
    .set({ assigneeId: advisorId })
    .where(
      and(
        eq(advisorTasks.requestId, requestId),
        eq(advisorTasks.status, 'open'),
        previous ? or(isNull(advisorTasks.assigneeId), eq(advisorTasks.assigneeId, previous.advisorId)) : isNull(advisorTasks.assigneeId),
      ),
    )
    .returning({ id: advisorTasks.id });
  const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${advisorRotation.lastSequence}), 0) + 1` }).from(advisorRotation);
  await tx
    .insert(advisorRotation)
    .values({ advisorId, lastSequence: Number(next), lastAssignedAt: now, assignedCount: 1 })
    .onConflictDoUpdate({
      target: advisorRotation.advisorId,
      set: { lastSequence: Number(next), lastAssignedAt: now, assignedCount: sql`${advisorRotation.assignedCount} + 1` },
    });
  await writeAudit(tx, actor, {
    action: previous ? 'case.reassigned' : 'case.assigned',
    entityType: 'case_assignment',
    entityId: requestId,
    before: previous ? { advisorId: previous.advisorId, method: previous.method } : null,
    after: { advisorId, method, movedTaskIds: moved.map((t) => t.id) },
  });
  return { assignment, changed: true };
}

/**
 * Automatic round-robin on submit, in the submit's transaction: the case goes to the advisor who received
 * a case least recently (never before comes first; ties by account age, then id — deterministic). The
 * advisory lock makes concurrent submits take turns, so each sees the rotation the previous one left.
 * Without any advisor the case stays unassigned. "Active advisors" are the users with the advisor role whose
 * account is not deactivated.
 */
export async function assignRoundRobin(tx: Executor, requestId: string, actor: Actor): Promise<string | null> {
  await lockRotation(tx);
  const [existing] = await tx.select().from(caseAssignments).where(eq(caseAssignments.requestId, requestId));
  if (existing) return existing.advisorId;
  const [next] = await tx
    .select({ id: users.id })
    .from(users)
    .leftJoin(advisorRotation, eq(advisorRotation.advisorId, users.id))
    .where(and(eq(users.role, 'advisor'), isNull(users.deactivatedAt)))
    .orderBy(sql`${advisorRotation.lastSequence} asc nulls first`, asc(users.createdAt), asc(users.id))
    .limit(1);
  if (!next) return null;
  await setAssignment(tx, requestId, next.id, 'round_robin', { userId: null, role: 'system', requestId: actor.requestId });
  return next.id;
}

async function lockCase(tx: Executor, requestId: string) {
  await lockRequest(tx, requestId);
  const { request, company } = await loadRequestWithCompany(tx, requestId);
  if (!request.submittedAt) throw new AppError('conflict', 'Ein Entwurf ist noch kein Fall: erst nach dem Einreichen zuweisbar.');
  // The market simulator's history is nobody's work: assigning it would also skew the rotation.
  if (company.simulated) throw new AppError('conflict', 'Eine simulierte Anfrage (Marktsimulation) ist kein Fall und wird niemandem zugewiesen.');
}

/** An advisor takes a case (also one a colleague holds); taking one's own case changes nothing. */
export async function takeCase(database: Database, user: SessionUser, requestId: string, actor: Actor) {
  requireStaff(user);
  return database.db.transaction(async (tx) => {
    await lockCase(tx, requestId);
    await lockRotation(tx);
    return setAssignment(tx, requestId, user.id, 'take', actor);
  });
}

/** Assigns (or reassigns) a case to an advisor or admin. */
export async function assignCase(database: Database, user: SessionUser, requestId: string, advisorId: string, actor: Actor) {
  requireStaff(user);
  return database.db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, role: users.role, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, advisorId));
    if (!target || !(STAFF as readonly string[]).includes(target.role) || target.deactivatedAt) {
      throw AppError.invalidField('advisorId', 'kein Firmenkundenberater');
    }
    await lockCase(tx, requestId);
    await lockRotation(tx);
    return setAssignment(tx, requestId, advisorId, 'assign', actor);
  });
}

/** People a case can be assigned to, for the assign form. */
export async function listAdvisors(db: Executor, user: SessionUser) {
  requireStaff(user);
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(inArray(users.role, [...STAFF]), isNull(users.deactivatedAt)))
    .orderBy(asc(users.name), asc(users.id));
}

/** Who holds a case now, if anybody. */
export async function assigneeOf(db: Executor, requestId: string): Promise<string | null> {
  const [row] = await db.select({ advisorId: caseAssignments.advisorId }).from(caseAssignments).where(eq(caseAssignments.requestId, requestId));
  return row?.advisorId ?? null;
}
