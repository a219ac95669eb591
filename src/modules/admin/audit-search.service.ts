import { TZDate } from '@date-fns/tz';
import { and, count, desc, eq, gte, ilike, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { auditLog } from '../../platform/audit/schema.js';
import { users } from '../../platform/auth/schema.js';
import { BUSINESS_TIME_ZONE } from '../../platform/time.js';
import type { TAuditQuery } from './admin.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/** A Berlin calendar day's first instant; `plusDays` moves to a later day (for an inclusive end). */
function berlinDayStart(date: string, plusDays = 0): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d + plusDays, BUSINESS_TIME_ZONE).getTime());
}

/** `from` as the start of its Berlin day; `to` as the end of its Berlin day (exclusive bound), or instants as given. */
export function auditTimeRange(from?: string, to?: string): { from?: Date; to?: Date } {
  const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
  return {
    from: from === undefined ? undefined : isDay(from) ? berlinDayStart(from) : new Date(from),
    to: to === undefined ? undefined : isDay(to) ? berlinDayStart(to, 1) : new Date(to),
  };
}

/** The audit log, newest first, filtered by who acted, on what, which action and when. */
export async function searchAudit(db: Executor, query: TAuditQuery) {
  const where: SQL[] = [];
  if (query.actor === 'system') where.push(isNull(auditLog.actorId));
  else if (query.actor && UUID.test(query.actor)) where.push(eq(auditLog.actorId, query.actor));
  else if (query.actor) where.push(or(ilike(users.email, likePattern(query.actor)), ilike(users.name, likePattern(query.actor)))!);
  if (query.entityType) where.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.action) where.push(eq(auditLog.action, query.action));
  const range = auditTimeRange(query.from, query.to);
  if (range.from) where.push(gte(auditLog.at, range.from));
  if (range.to) where.push(lt(auditLog.at, range.to));
  const condition = where.length ? and(...where) : undefined;

  const [{ total }] = await db.select({ total: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId)).where(condition);
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorEmail: users.email,
      actorName: users.name,
      actorRole: auditLog.actorRole,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      requestId: auditLog.requestId,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(condition)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The actions and entity types that occur in the log, for the search form's choices. */
export async function auditFacets(db: Executor) {
  const actions = await db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  const types = await db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(auditLog.entityType);
  return { actions: actions.map((r) => r.v), entityTypes: types.map((r) => r.v) };
}
