import { createHash, randomBytes } from 'node:crypto';
import { and, asc, count, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { pgErrorCode } from '../../platform/db/errors.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { users } from '../../platform/auth/schema.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { createSession, deleteSessionsOfUser } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/http/app-error.js';
import type { AppContext } from '../../platform/http/context.js';
import { addLenderUser, lenders, lenderUsers } from '../lenders/index.js';
import type { TAdminUser, TCreateUser, TListUsersQuery, TUpdateUser } from './admin.types.js';
import { userInvitations } from './schema.js';

export const INVITATION_MAIL_QUEUE = 'admin-invitation-mail';
/** How long an invitation link works. */
export const INVITATION_TTL_HOURS = 72;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  deactivatedAt: users.deactivatedAt,
  createdAt: users.createdAt,
  lenderId: lenderUsers.lenderId,
  lenderName: lenders.name,
  invitationPending: sql<boolean>`exists (select 1 from ${userInvitations} where ${userInvitations.userId} = ${users.id} and ${userInvitations.acceptedAt} is null)`,
};

type UserRow = { [K in keyof typeof userColumns]: unknown } & {
  id: string;
  email: string;
  name: string;
  role: TAdminUser['role'];
  deactivatedAt: Date | null;
  createdAt: Date;
  lenderId: string | null;
  lenderName: string | null;
  invitationPending: boolean;
};

function toAdminUser(r: UserRow): TAdminUser {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    active: r.deactivatedAt === null,
    deactivatedAt: r.deactivatedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    lenderId: r.lenderId,
    lenderName: r.lenderName,
    invitationPending: Boolean(r.invitationPending),
  };
}

function selectUsers(db: Executor) {
  return db
    .select(userColumns)
    .from(users)
    .leftJoin(lenderUsers, eq(lenderUsers.userId, users.id))
    .leftJoin(lenders, eq(lenders.id, lenderUsers.lenderId));
}

async function findUser(db: Executor, id: string): Promise<TAdminUser> {
  const [row] = await selectUsers(db).where(eq(users.id, id));
  if (!row) throw AppError.notFound('Benutzer');
  return toAdminUser(row as UserRow);
}

/** Accounts by e-mail or name, role and status; alphabetical by e-mail. */
export async function listUsers(db: Executor, query: TListUsersQuery) {
  const where: SQL[] = [];
  if (query.q) where.push(or(ilike(users.email, likePattern(query.q)), ilike(users.name, likePattern(query.q)))!);
  if (query.role) where.push(eq(users.role, query.role));
  if (query.status === 'active') where.push(isNull(users.deactivatedAt));
  if (query.status === 'deactivated') where.push(isNotNull(users.deactivatedAt));
  const condition = where.length ? and(...where) : undefined;
  const [{ total }] = await db.select({ total: count() }).from(users).where(condition);
  const rows = await selectUsers(db)
    .where(condition)
    .orderBy(asc(users.email))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.map((r) => toAdminUser(r as UserRow)), total, page: query.page, pageSize: query.pageSize };
}

async function assertLenderExists(tx: Executor, lenderId: string) {
  const [lender] = await tx.select({ id: lenders.id }).from(lenders).where(eq(lenders.id, lenderId));
  if (!lender) throw AppError.invalidField('lenderId', 'unbekannter Finanzierungspartner');
}

/**
 * Creates a staff, partner, analyst or lender account. With a password the person can sign in at once;
 * without one an invitation mail (a job, enqueued in this transaction) lets them set their own.
 */
export async function createManagedUser(ctx: AppContext, input: TCreateUser, actor: Actor): Promise<TAdminUser> {
  const invite = input.password === undefined;
  // An invited account gets a random password nobody knows until the invitation is accepted.
  const passwordHash = await hashPassword(input.password ?? randomBytes(32).toString('base64url'));
  const id = await ctx.database.db.transaction(async (tx) => {
    if (input.lenderId) await assertLenderExists(tx, input.lenderId);
    let userId: string;
    try {
      [{ id: userId }] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, role: input.role, passwordHash })
        .returning({ id: users.id });
    } catch (err) {
      if (pgErrorCode(err) === '23505') {
        throw new AppError('email_taken', 'Diese E-Mail-Adresse ist bereits registriert.', { errors: [{ path: 'email', message: 'bereits registriert' }] });
      }
      throw err;
    }
    await writeAudit(tx, actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: userId,
      after: { email: input.email, name: input.name, role: input.role, lenderId: input.lenderId ?? null, invited: invite },
    });
    if (input.lenderId) await addLenderUser(tx, userId, input.lenderId, actor);
    if (invite) {
      const [invitation] = await tx.insert(userInvitations).values({ userId, createdBy: actor.userId }).returning({ id: userInvitations.id });
      await ctx.jobs.send(INVITATION_MAIL_QUEUE, { invitationId: invitation.id }, { retryLimit: 10, retryDelaySeconds: 5 }, tx);
    }
    return userId;
  });
  return findUser(ctx.database.db, id);
}

/**
 * Sends a new invitation to an account whose invitation is still open (lost mail, link expired): the old
 * links stop working, a new one goes out through the mail job. Accepted or deactivated accounts: 409.
 */
export async function resendInvitation(ctx: AppContext, userId: string, actor: Actor): Promise<TAdminUser> {
  await ctx.database.db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw AppError.notFound('Benutzer');
    const open = await tx
      .select({ id: userInvitations.id })
      .from(userInvitations)
      .where(and(eq(userInvitations.userId, userId), isNull(userInvitations.acceptedAt)));
    if (open.length === 0) throw new AppError('conflict', 'Für dieses Konto ist keine Einladung offen.');
    if (user.deactivatedAt) throw new AppError('conflict', 'Das Konto ist deaktiviert; erst reaktivieren, dann einladen.');
    // The earlier links end now: only the newest mail works.
    await tx
      .update(userInvitations)
      .set({ tokenHash: null, expiresAt: new Date() })
      .where(and(eq(userInvitations.userId, userId), isNull(userInvitations.acceptedAt)));
    const [invitation] = await tx.insert(userInvitations).values({ userId, createdBy: actor.userId }).returning({ id: userInvitations.id });
    await ctx.jobs.send(INVITATION_MAIL_QUEUE, { invitationId: invitation.id }, { retryLimit: 10, retryDelaySeconds: 5 }, tx);
    await writeAudit(tx, actor, { action: 'user.invitation_resent', entityType: 'user', entityId: userId, after: { invitationId: invitation.id } });
  });
  return findUser(ctx.database.db, userId);
}

/** Refuses a change that would leave no active admin. Locks the active admins so concurrent changes serialise. */
async function assertAnotherActiveAdmin(tx: Executor, userId: string) {
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.deactivatedAt)))
    .for('update');
  if (!others.some((u) => u.id !== userId)) {
    throw new AppError('conflict', 'Der letzte aktive Administrator kann weder herabgestuft noch deaktiviert werden.');
  }
}

/** Role, lender link, name, deactivation and reactivation of an account; each change audited, all in one transaction. */
export async function updateManagedUser(database: Database, id: string, patch: TUpdateUser, actor: Actor): Promise<TAdminUser> {
  await database.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!user) throw AppError.notFound('Benutzer');
    const [link] = await tx.select({ lenderId: lenderUsers.lenderId }).from(lenderUsers).where(eq(lenderUsers.userId, id));
    if (user.role === 'borrower' && patch.role !== undefined) {
      throw new AppError('conflict', 'Kreditnehmer-Konten gehören zu ihren Unternehmen; ihre Rolle wird nicht geändert.');
    }
    const role = patch.role ?? user.role;
    const wasActive = user.deactivatedAt === null;
    const active = patch.active ?? wasActive;
    if (user.role === 'admin' && wasActive && (role !== 'admin' || !active)) await assertAnotherActiveAdmin(tx, id);

    if (patch.lenderId !== undefined && role !== 'lender') throw AppError.invalidField('lenderId', 'nur für die Rolle Finanzierungspartner');
    const lenderId = role === 'lender' ? (patch.lenderId ?? link?.lenderId ?? null) : null;
    if (role === 'lender' && !lenderId) throw AppError.invalidField('lenderId', 'Pflichtfeld für Finanzierungspartner-Nutzer');
    if (lenderId && lenderId !== link?.lenderId) await assertLenderExists(tx, lenderId);

    const changes: Partial<typeof users.$inferInsert> = {};
    if (patch.name !== undefined && patch.name !== user.name) {
      changes.name = patch.name;
      await writeAudit(tx, actor, { action: 'user.renamed', entityType: 'user', entityId: id, before: { name: user.name }, after: { name: patch.name } });
    }
    if (role !== user.role) {
      changes.role = role;
      await writeAudit(tx, actor, { action: 'user.role_changed', entityType: 'user', entityId: id, before: { role: user.role }, after: { role } });
    }
    if ((link?.lenderId ?? null) !== lenderId) {
      if (link) await tx.delete(lenderUsers).where(eq(lenderUsers.userId, id));
      if (lenderId) await tx.insert(lenderUsers).values({ userId: id, lenderId });
      await writeAudit(tx, actor, {
        action: 'user.lender_changed',
        entityType: 'user',
        entityId: id,
        before: { lenderId: link?.lenderId ?? null },
        after: { lenderId },
      });
    }
    if (active !== wasActive) {
      changes.deactivatedAt = active ? null : new Date();
      await writeAudit(tx, actor, {
        action: active ? 'user.reactivated' : 'user.deactivated',
        entityType: 'user',
        entityId: id,
        before: { active: wasActive },
        after: { active },
      });
    }
    if (Object.keys(changes).length) await tx.update(users).set(changes).where(eq(users.id, id));
    // A deactivated account, or one whose permissions changed, signs in afresh (or not at all).
    if (!active || changes.role || (link?.lenderId ?? null) !== lenderId) await deleteSessionsOfUser(tx, id);
  });
  return findUser(database.db, id);
}

// ---------------------------------------------------------------------------------------------------
// Invitations

/**
 * Job handler: gives the invitation its token and mails the link. An accepted invitation is not sent again.
 */
export async function sendInvitationMail(ctx: AppContext, data: { invitationId: string }): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + INVITATION_TTL_HOURS * 3_600_000);
  const recipient = await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        acceptedAt: userInvitations.acceptedAt,
        tokenHash: userInvitations.tokenHash,
        expiresAt: userInvitations.expiresAt,
        email: users.email,
        name: users.name,
        deactivatedAt: users.deactivatedAt,
      })
      .from(userInvitations)
      .innerJoin(users, eq(users.id, userInvitations.userId))
      .where(eq(userInvitations.id, data.invitationId))
      .for('update');
    // Withdrawn by a newer invitation (resendInvitation): ended, without a token.
    const withdrawn = row && row.expiresAt !== null && row.tokenHash === null;
    if (!row || row.acceptedAt || row.deactivatedAt || withdrawn) return null;
    await tx.update(userInvitations).set({ tokenHash: sha256(token), expiresAt, sentAt: new Date() }).where(eq(userInvitations.id, data.invitationId));
    return row;
  });
  if (!recipient) return;
  // Sent after the token is stored (the mail server may write to the same database). If sending fails,
  // the job retries with a new token, which replaces this never-delivered one.
  await ctx.mail.send({ to: recipient.email, ...invitationMail({ baseUrl: ctx.config.publicUrl, name: recipient.name, token, expiresAt }) });
}

/** The invitation mail, German first with an English part. Plain text; the HTML body escapes every value. */
export function invitationMail(input: { baseUrl: string; name: string; token: string; expiresAt: Date }) {
  const url = `${new URL(input.baseUrl).origin}/invitation#${encodeURIComponent(input.token)}`;
  const until = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(input.expiresAt);
  const text = [
    `Guten Tag ${input.name},`,
    '',
    'für Sie wurde ein Konto bei Kreditplatz angelegt. Bitte legen Sie über diesen Link Ihr Passwort fest:',
    url,
    '',
    `Der Link gilt bis ${until} und nur einmal.`,
    '',
    '—',
    '',
    `Hello ${input.name}, an account at Kreditplatz was created for you. Please set your password with the link above (valid until ${until}, once).`,
  ].join('\n');
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html =
    `<!doctype html><html lang="de"><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933">` +
    `<p>Guten Tag ${esc(input.name)},</p><p>für Sie wurde ein Konto bei Kreditplatz angelegt.</p>` +
    `<p><a href="${esc(url)}" style="color:#0b5cad">Passwort festlegen und anmelden</a></p>` +
    `<p>Der Link gilt bis ${esc(until)} und nur einmal.</p>` +
    `<p lang="en">Hello ${esc(input.name)}, an account at Kreditplatz was created for you: <a href="${esc(url)}" style="color:#0b5cad">set your password</a> (valid until ${esc(until)}, once).</p>` +
    `</body></html>`;
  return { subject: 'Einladung zu Kreditplatz – Passwort festlegen', text, html };
}

/** Sets the password of an invited account and signs it in. The token works once, before it expires. */
export async function acceptInvitation(
  database: Database,
  input: { token: string; password: string },
  ttlHours: number,
  meta: { ip?: string; userAgent?: string; requestId?: string },
) {
  const passwordHash = await hashPassword(input.password);
  return database.db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(userInvitations)
      .where(eq(userInvitations.tokenHash, sha256(input.token)))
      .for('update');
    const [user] = invitation ? await tx.select().from(users).where(eq(users.id, invitation.userId)) : [];
    if (!invitation || !user || invitation.acceptedAt || !invitation.expiresAt || invitation.expiresAt < new Date() || user.deactivatedAt) {
      throw new AppError('not_found', 'Diese Einladung ist ungültig, abgelaufen oder wurde bereits verwendet.');
    }
    const now = new Date();
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    // This link and any other sent to the same person stop working.
    await tx.update(userInvitations).set({ acceptedAt: now }).where(and(eq(userInvitations.userId, user.id), isNull(userInvitations.acceptedAt)));
    const actor: Actor = { userId: user.id, role: user.role, requestId: meta.requestId };
    await writeAudit(tx, actor, { action: 'user.invitation_accepted', entityType: 'user', entityId: user.id });
    const session = await createSession(tx, user.id, ttlHours, meta);
    return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, session };
  });
}
