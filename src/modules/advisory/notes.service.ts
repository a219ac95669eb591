import { asc, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { users } from '../../platform/auth/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { assertRequestVisible } from '../requests/index.js';
import { requireStaff } from './assignments.service.js';
import { caseNotes } from './schema.js';

/** Internal notes: staff only. A borrower or lender gets 403 before anything about the case is read. */
export async function listNotes(db: Executor, user: SessionUser, requestId: string) {
  requireStaff(user);
  await assertRequestVisible(db, user, requestId);
  const rows = await db
    .select({ note: caseNotes, authorName: users.name })
    .from(caseNotes)
    .innerJoin(users, eq(users.id, caseNotes.authorId))
    .where(eq(caseNotes.requestId, requestId))
    .orderBy(asc(caseNotes.createdAt), asc(caseNotes.id));
  return rows.map(({ note, authorName }) => ({
    id: note.id,
    body: note.body,
    author: { id: note.authorId, name: authorName },
    createdAt: note.createdAt.toISOString(),
  }));
}

export async function addNote(database: Database, user: SessionUser, requestId: string, body: string, actor: Actor) {
  requireStaff(user);
  return database.db.transaction(async (tx) => {
    await assertRequestVisible(tx, user, requestId);
    const [note] = await tx.insert(caseNotes).values({ requestId, authorId: user.id, body }).returning();
    await writeAudit(tx, actor, { action: 'case_note.added', entityType: 'case_note', entityId: note.id, after: { requestId, length: body.length } });
    return { id: note.id, body: note.body, author: { id: user.id, name: user.name }, createdAt: note.createdAt.toISOString() };
  });
}
