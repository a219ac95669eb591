import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.js';
import { pgErrorCode } from '../db/errors.js';
import { writeAudit, type Actor } from '../audit/audit.js';
import { AppError } from '../http/app-error.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { users, type Role } from './schema.js';
import { createSession, deleteSession, type SessionUser } from './sessions.js';

export interface NewUser {
  email: string;
  password: string;
  name: string;
  role: Role;
}

/** Inserts a user in the caller's transaction. A taken e-mail becomes a 409 naming the field. */
async function insertUser(tx: Executor, input: Omit<NewUser, 'password'> & { passwordHash: string }, actor: Actor) {
  try {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email.toLowerCase(), name: input.name, role: input.role, passwordHash: input.passwordHash })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    await writeAudit(tx, { ...actor, userId: actor.userId ?? user.id }, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role },
    });
    return user as SessionUser;
  } catch (err) {
    if (pgErrorCode(err) === '23505') {
      throw new AppError('email_taken', 'Diese E-Mail-Adresse ist bereits registriert.', {
        errors: [{ path: 'email', message: 'bereits registriert' }],
      });
    }
    throw err;
  }
}

/**
 * Creates a user with the given role (admin tools, demo seed). `alsoInTransaction` writes what must commit
 * with the user — a lender user's link to its lender, which the database requires at commit.
 */
export async function createUser(
  database: Database,
  input: NewUser,
  actor: Actor,
  alsoInTransaction?: (tx: Executor, user: SessionUser) => Promise<void>,
): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  return database.db.transaction(async (tx) => {
    const user = await insertUser(tx, { ...input, passwordHash }, actor);
    await alsoInTransaction?.(tx, user);
    return user;
  });
}

/** Self-registration: always a borrower, signed in at once. User and session commit together. */
export async function register(
  database: Database,
  input: { email: string; password: string; name: string },
  ttlHours: number,
  actor: Actor,
  meta: { ip?: string; userAgent?: string },
) {
  const passwordHash = await hashPassword(input.password);
  return database.db.transaction(async (tx) => {
    const user = await insertUser(tx, { ...input, role: 'borrower', passwordHash }, actor);
    const session = await createSession(tx, user.id, ttlHours, meta);
    return { user, session };
  });
}

/** Same answer, and about the same time, for an unknown e-mail and a wrong password. */
export async function login(
  database: Database,
  input: { email: string; password: string },
  ttlHours: number,
  meta: { ip?: string; userAgent?: string; requestId?: string },
) {
  const [row] = await database.db.select().from(users).where(eq(users.email, input.email.toLowerCase())).limit(1);
  const ok = await verifyPassword(row?.passwordHash ?? null, input.password);
  if (!row || !ok) throw new AppError('invalid_credentials', 'E-Mail oder Passwort ist falsch.');
  // Told only to someone who knows the password: a deactivated account is not confirmed to strangers.
  if (row.deactivatedAt) throw new AppError('forbidden', 'Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Administration.');
  const session = await database.db.transaction(async (tx) => {
    const s = await createSession(tx, row.id, ttlHours, meta);
    await writeAudit(tx, { userId: row.id, role: row.role, requestId: meta.requestId }, {
      action: 'session.created',
      entityType: 'user',
      entityId: row.id,
    });
    return s;
  });
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, role: row.role };
  return { user, session };
}

/**
 * Sign-out: ends the session and records `session.ended`, in one transaction. A token without a session
 * (already signed out, cleaned up) changes nothing and is recorded nowhere. The actor is the session's
 * user, also when the session had expired or the account was deactivated (no signed-in user then).
 */
export async function logout(database: Database, token: string, actor: Actor): Promise<void> {
  await database.db.transaction(async (tx) => {
    const userId = await deleteSession(tx, token);
    if (!userId) return;
    let who = actor;
    if (actor.userId !== userId) {
      const [row] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
      who = { userId, role: row?.role ?? 'anonymous', requestId: actor.requestId };
    }
    await writeAudit(tx, who, {
      action: 'session.ended',
      entityType: 'user',
      entityId: userId,
    });
  });
}
