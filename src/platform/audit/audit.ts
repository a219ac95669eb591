import type { Executor } from '../db/database.js';
import { auditLog } from './schema.js';

/** Who performs an operation. `system` for jobs and seeding. */
export interface Actor {
  userId: string | null;
  role: string;
  requestId?: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system' };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Writes an audit record. Call it with the transaction of the change it describes. */
export async function writeAudit(tx: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.userId,
    actorRole: actor.role,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: actor.requestId ?? null,
  });
}
