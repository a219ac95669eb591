import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { users } from '../../platform/auth/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { publish } from '../../platform/events/events.js';
import { assertRequestVisible } from '../requests/index.js';
import { requestMessages, type MessageSide } from './schema.js';
import { openTaskOnce } from './tasks.service.js';

/** Enqueues the borrower's "your advisor wrote" mail in the caller's transaction (wired in app.ts). */
export type MailBorrowerAboutMessage = (tx: Executor, requestId: string, mail: { kind: 'advisorMessage'; advisorName: string; excerpt: string }) => Promise<void>;

const sideOf = (user: SessionUser): MessageSide => (user.role === 'borrower' ? 'borrower' : 'staff');
const otherSide = (side: MessageSide): MessageSide => (side === 'borrower' ? 'staff' : 'borrower');

/** Unread messages of the other side, per request (for the borrower: advisors' messages, for staff: the borrower's). */
export async function unreadCount(db: Executor, requestId: string, readerSide: MessageSide): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(requestMessages)
    .where(and(eq(requestMessages.requestId, requestId), eq(requestMessages.side, otherSide(readerSide)), isNull(requestMessages.readAt)));
  return Number(n);
}

async function messagesOf(db: Executor, requestId: string) {
  const rows = await db
    .select({ m: requestMessages, authorName: users.name })
    .from(requestMessages)
    .innerJoin(users, eq(users.id, requestMessages.authorId))
    .where(eq(requestMessages.requestId, requestId))
    .orderBy(asc(requestMessages.createdAt), asc(requestMessages.id));
  return rows.map(({ m, authorName }) => ({
    id: m.id,
    body: m.body,
    side: m.side,
    author: { id: m.authorId, name: authorName },
    createdAt: m.createdAt.toISOString(),
    readAt: m.readAt?.toISOString() ?? null,
  }));
}

/** The conversation of a request: its borrower and staff only (everyone else: 404, as for the request). */
export async function listMessages(db: Executor, user: SessionUser, requestId: string) {
  await assertRequestVisible(db, user, requestId);
  return { items: await messagesOf(db, requestId), unread: await unreadCount(db, requestId, sideOf(user)) };
}

/** Staff messages without notification side effects, for the case page. */
export async function caseMessages(db: Executor, requestId: string) {
  return messagesOf(db, requestId);
}

/**
 * Sends a message. An advisor's message is mailed to the borrower (mail job in this transaction); a
 * borrower's message opens a task for the advisor holding the case (once while one is open), so it
 * shows in the advisor's work list and queue.
 */
export async function postMessage(
  database: Database,
  user: SessionUser,
  requestId: string,
  body: string,
  actor: Actor,
  mailBorrower: MailBorrowerAboutMessage,
) {
  return database.db.transaction(async (tx) => {
    await assertRequestVisible(tx, user, requestId);
    const side = sideOf(user);
    const [message] = await tx.insert(requestMessages).values({ requestId, authorId: user.id, side, body }).returning();
    await writeAudit(tx, actor, {
      action: 'message.sent',
      entityType: 'request_message',
      entityId: message.id,
      after: { requestId, side, length: body.length },
    });
    if (side === 'staff') {
      await mailBorrower(tx, requestId, { kind: 'advisorMessage', advisorName: user.name, excerpt: body });
    } else {
      await openTaskOnce(
        tx,
        {
          requestId,
          kind: 'borrower_message',
          title: 'Neue Nachricht vom Kunden – bitte antworten',
          dueAt: new Date(Date.now() + 4 * 3_600_000),
        },
        actor,
      );
    }
    await publish(tx, { topic: `financing_request:${requestId}`, type: 'message_posted', data: { id: message.id, side } });
    return {
      id: message.id,
      body: message.body,
      side: message.side,
      author: { id: user.id, name: user.name },
      createdAt: message.createdAt.toISOString(),
      readAt: null,
    };
  });
}

/** Marks the other side's messages as read by the caller's side; returns how many changed. */
export async function markMessagesRead(database: Database, user: SessionUser, requestId: string, actor: Actor) {
  return database.db.transaction(async (tx) => {
    await assertRequestVisible(tx, user, requestId);
    const side = sideOf(user);
    const read = await tx
      .update(requestMessages)
      .set({ readAt: new Date() })
      .where(and(eq(requestMessages.requestId, requestId), eq(requestMessages.side, otherSide(side)), isNull(requestMessages.readAt)))
      .returning({ id: requestMessages.id });
    if (read.length > 0) {
      await writeAudit(tx, actor, {
        action: 'message.read',
        entityType: 'financing_request',
        entityId: requestId,
        after: { side, messageIds: read.map((m) => m.id) },
      });
    }
    return { read: read.length };
  });
}
