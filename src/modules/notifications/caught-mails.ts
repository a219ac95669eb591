import { desc, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import type { CaughtMail } from '../../platform/mail/index.js';
import { caughtMails } from './schema.js';

export async function storeCaughtMail(database: Database, mail: CaughtMail): Promise<void> {
  await database.db.insert(caughtMails).values({
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments,
    size: mail.size,
    receivedAt: mail.receivedAt,
  });
}

/**
 * The operator (admin) sees every caught mail; anyone else only the mails addressed to them. Mails carry
 * sign-in links (invitations), so an advisor reading all of them could take over a new admin account.
 */
export async function listCaughtMails(db: Executor, user: SessionUser, limit = 100) {
  const everything = user.role === 'admin';
  const rows = await db
    .select()
    .from(caughtMails)
    .where(everything ? undefined : sql`${caughtMails.to} @> ${JSON.stringify([user.email])}::jsonb`)
    .orderBy(desc(caughtMails.receivedAt))
    .limit(limit);
  return rows.map((m) => ({
    id: m.id,
    messageId: m.messageId,
    from: m.from,
    to: m.to as string[],
    subject: m.subject,
    text: m.text,
    html: m.html,
    attachments: m.attachments as { filename: string; contentType: string; size: number }[],
    receivedAt: m.receivedAt.toISOString(),
  }));
}
