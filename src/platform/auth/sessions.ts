import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Executor } from '../db/database.js';
import { sessions, users, type Role } from './schema.js';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const SESSION_COOKIE = 'kp_session';

/** Hands a new sign-in to the browser: HttpOnly, SameSite=Lax, `Secure` behind HTTPS (COOKIE_SECURE). */
export function setSessionCookie(reply: FastifyReply, session: { token: string; expiresAt: Date }, secure: boolean) {
  return reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: session.expiresAt });
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Executor,
  userId: string,
  ttlHours: number,
  meta: { ip?: string; userAgent?: string } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId,
    expiresAt,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

export async function findSessionUser(db: Executor, token: string): Promise<SessionUser | null> {
  const rows = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date()), isNull(users.deactivatedAt)))
    .limit(1);
  return rows[0] ?? null;
}

/** Ends the session of a token. Returns its user's id, or null when there was no such session. */
export async function deleteSession(db: Executor, token: string): Promise<string | null> {
  const [row] = await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token))).returning({ userId: sessions.userId });
  return row?.userId ?? null;
}

export async function deleteExpiredSessions(db: Executor): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

/** Ends every session of a user (deactivation, role change). Returns how many ended. */
export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<number> {
  const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}
