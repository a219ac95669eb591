import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { users } from '../../platform/auth/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { loadRequestWithCompany } from '../requests/index.js';
import { assigneeOf, requireStaff } from './assignments.service.js';
import { advisorTasks, TASK_KINDS } from './schema.js';
import type { TCreateTask, TTask } from './advisory.types.js';

export type TaskKind = (typeof TASK_KINDS)[number];

/**
 * Opens a task in the caller's transaction, so it exists exactly when the situation that caused it does.
 * Without an explicit assignee it goes to the advisor who holds the case, if any.
 */
export async function openTask(
  tx: Executor,
  input: { requestId: string | null; kind: TaskKind; title: string; dueAt?: Date; assigneeId?: string | null },
  actor: Actor,
) {
  const assigneeId = input.assigneeId !== undefined ? input.assigneeId : input.requestId ? await assigneeOf(tx, input.requestId) : null;
  const [task] = await tx
    .insert(advisorTasks)
    .values({
      requestId: input.requestId,
      kind: input.kind,
      title: input.title,
      dueAt: input.dueAt ?? null,
      assigneeId,
      createdBy: actor.userId,
    })
    .returning();
  await writeAudit(tx, actor, { action: 'advisor_task.opened', entityType: 'advisor_task', entityId: task.id, after: task });
  return task;
}

function view(t: typeof advisorTasks.$inferSelect & { assigneeName: string | null }, now: Date): TTask {
  return {
    id: t.id,
    requestId: t.requestId,
    kind: t.kind,
    title: t.title,
    status: t.status,
    dueAt: t.dueAt?.toISOString() ?? null,
    assigneeId: t.assigneeId,
    assigneeName: t.assigneeName,
    createdAt: t.createdAt.toISOString(),
    doneAt: t.doneAt?.toISOString() ?? null,
    overdue: t.status === 'open' && t.dueAt !== null && t.dueAt < now,
  };
}

export async function listTasks(
  db: Executor,
  user: SessionUser,
  filter: { status?: 'open' | 'done'; requestId?: string; assignee?: string },
  now = new Date(),
): Promise<TTask[]> {
  requireStaff(user);
  const where: SQL[] = [];
  if (filter.status) where.push(eq(advisorTasks.status, filter.status));
  if (filter.requestId) where.push(eq(advisorTasks.requestId, filter.requestId));
  if (filter.assignee === 'unassigned') where.push(isNull(advisorTasks.assigneeId));
  else if (filter.assignee) where.push(eq(advisorTasks.assigneeId, filter.assignee === 'me' ? user.id : filter.assignee));
  const rows = await db
    .select({ task: advisorTasks, assigneeName: users.name })
    .from(advisorTasks)
    .leftJoin(users, eq(users.id, advisorTasks.assigneeId))
    .where(where.length ? and(...where) : undefined)
    // Open first, then by due date (none last), then oldest first.
    .orderBy(sql`case when ${advisorTasks.status} = 'open' then 0 else 1 end`, sql`${advisorTasks.dueAt} asc nulls last`, asc(advisorTasks.createdAt), asc(advisorTasks.id))
    .limit(500);
  return rows.map((r) => view({ ...r.task, assigneeName: r.assigneeName }, now));
}

export async function createTask(database: Database, user: SessionUser, input: TCreateTask, actor: Actor): Promise<TTask> {
  requireStaff(user);
  return database.db.transaction(async (tx) => {
    if (input.requestId) {
      await loadRequestWithCompany(tx, input.requestId).catch(() => {
        throw AppError.invalidField('requestId', 'Finanzierungsanfrage nicht gefunden');
      });
    }
    if (input.assigneeId) {
      const [target] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.assigneeId));
      if (!target || (target.role !== 'advisor' && target.role !== 'admin')) throw AppError.invalidField('assigneeId', 'kein Firmenkundenberater');
    }
    const assigneeId = input.assigneeId ?? (input.requestId ? await assigneeOf(tx, input.requestId) : null) ?? user.id;
    const task = await openTask(
      tx,
      { requestId: input.requestId ?? null, kind: input.kind, title: input.title, dueAt: input.dueAt ? new Date(input.dueAt) : undefined, assigneeId },
      actor,
    );
    const [name] = assigneeId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, assigneeId)) : [];
    return view({ ...task, assigneeName: name?.name ?? null }, new Date());
  });
}

/** Marks a task done; completing a done task again changes nothing. */
export async function completeTask(database: Database, user: SessionUser, taskId: string, actor: Actor): Promise<TTask> {
  requireStaff(user);
  return database.db.transaction(async (tx) => {
    const [task] = await tx.select().from(advisorTasks).where(eq(advisorTasks.id, taskId)).for('update');
    if (!task) throw AppError.notFound('Aufgabe');
    let result = task;
    if (task.status === 'open') {
      [result] = await tx
        .update(advisorTasks)
        .set({ status: 'done', doneAt: new Date(), doneBy: user.id })
        .where(eq(advisorTasks.id, taskId))
        .returning();
      await writeAudit(tx, actor, {
        action: 'advisor_task.completed',
        entityType: 'advisor_task',
        entityId: taskId,
        before: { status: task.status },
        after: { status: 'done', doneBy: user.id },
      });
    }
    const [name] = result.assigneeId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, result.assigneeId)) : [];
    return view({ ...result, assigneeName: name?.name ?? null }, new Date());
  });
}

/** Opens a task unless an open one of this kind already exists for the request. */
export async function openTaskOnce(tx: Executor, input: { requestId: string; kind: TaskKind; title: string; dueAt?: Date }, actor: Actor) {
  const [open] = await tx
    .select({ id: advisorTasks.id })
    .from(advisorTasks)
    .where(and(eq(advisorTasks.requestId, input.requestId), eq(advisorTasks.kind, input.kind), eq(advisorTasks.status, 'open')))
    .limit(1);
  if (open) return null;
  return openTask(tx, input, actor);
}
