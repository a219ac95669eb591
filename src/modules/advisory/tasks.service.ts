import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { advisorTasks, TASK_KINDS } from './schema.js';

export type TaskKind = (typeof TASK_KINDS)[number];

/** Opens a task in the caller's transaction, so it exists exactly when the situation that caused it does. */
export async function openTask(
  tx: Executor,
  input: { requestId: string | null; kind: TaskKind; title: string; dueAt?: Date },
  actor: Actor,
) {
  const [task] = await tx
    .insert(advisorTasks)
    .values({ requestId: input.requestId, kind: input.kind, title: input.title, dueAt: input.dueAt ?? null })
    .returning();
  await writeAudit(tx, actor, { action: 'advisor_task.opened', entityType: 'advisor_task', entityId: task.id, after: task });
  return task;
}

export async function listTasks(db: Executor, user: SessionUser, filter: { status?: 'open' | 'done'; requestId?: string }) {
  if (user.role !== 'advisor' && user.role !== 'admin') throw new AppError('forbidden', 'Nur für Firmenkundenberater.');
  const where: SQL[] = [];
  if (filter.status) where.push(eq(advisorTasks.status, filter.status));
  if (filter.requestId) where.push(eq(advisorTasks.requestId, filter.requestId));
  const rows = await db
    .select()
    .from(advisorTasks)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(advisorTasks.dueAt), asc(advisorTasks.createdAt));
  return rows.map((t) => ({
    ...t,
    dueAt: t.dueAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    doneAt: t.doneAt?.toISOString() ?? null,
  }));
}
