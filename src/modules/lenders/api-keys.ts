import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database, Executor } from '../../platform/db/database.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { lenderIdOfUser } from './lenders.service.js';
import { lenderApiKeys, lenders } from './schema.js';

const KEY_PREFIX = 'kp_live_';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Who acts for a lender: a person of the lender (session) or one of its systems (API key). */
export interface LenderPrincipal {
  lenderId: string;
  lenderName: string;
  via: 'session' | 'api_key';
  userId: string | null;
  apiKeyId: string | null;
  actor: Actor;
}

/**
 * Resolves the lender behind a request: a signed-in user of role `lender`, or an API key in
 * `Authorization: Bearer kp_live_…` (or `X-API-Key`). Anything else is 401.
 */
export async function lenderPrincipal(db: Executor, req: FastifyRequest): Promise<LenderPrincipal> {
  if (req.user?.role === 'lender') {
    const lenderId = await lenderIdOfUser(db, req.user.id);
    if (!lenderId) throw new AppError('forbidden', 'Dieses Konto ist keinem Finanzierungspartner zugeordnet.');
    const [l] = await db.select({ name: lenders.name }).from(lenders).where(eq(lenders.id, lenderId));
    return {
      lenderId,
      lenderName: l.name,
      via: 'session',
      userId: req.user.id,
      apiKeyId: null,
      actor: { userId: req.user.id, role: 'lender', requestId: req.id },
    };
  }
  const auth = req.headers.authorization;
  const raw = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : (req.headers['x-api-key'] as string | undefined);
  if (!raw) {
    if (req.user) throw new AppError('forbidden', 'Nur für Finanzierungspartner.');
    throw new AppError('unauthenticated', 'API-Schlüssel (Authorization: Bearer …) oder Anmeldung als Finanzierungspartner erforderlich.');
  }
  const [key] = await db
    .select({ id: lenderApiKeys.id, lenderId: lenderApiKeys.lenderId, name: lenders.name })
    .from(lenderApiKeys)
    .innerJoin(lenders, eq(lenders.id, lenderApiKeys.lenderId))
    .where(and(eq(lenderApiKeys.keyHash, sha256(raw)), isNull(lenderApiKeys.revokedAt)));
  if (!key) throw new AppError('unauthenticated', 'Unbekannter oder widerrufener API-Schlüssel.');
  await db.update(lenderApiKeys).set({ lastUsedAt: new Date() }).where(eq(lenderApiKeys.id, key.id));
  return {
    lenderId: key.lenderId,
    lenderName: key.name,
    via: 'api_key',
    userId: null,
    apiKeyId: key.id,
    actor: { userId: null, role: `lender_api:${key.id}`, requestId: req.id },
  };
}

export async function listApiKeys(db: Executor, lenderId: string) {
  const rows = await db
    .select()
    .from(lenderApiKeys)
    .where(eq(lenderApiKeys.lenderId, lenderId))
    .orderBy(desc(lenderApiKeys.createdAt));
  return rows.map((k) => ({
    id: k.id,
    label: k.label,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
}

/** A new key; the only time its secret is visible. */
export async function createApiKey(database: Database, lenderId: string, label: string, actor: Actor) {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(lenderApiKeys)
      .values({ lenderId, label, prefix: key.slice(0, KEY_PREFIX.length + 4), keyHash: sha256(key), createdBy: actor.userId })
      .returning();
    await writeAudit(tx, actor, { action: 'lender.api_key_created', entityType: 'lender', entityId: lenderId, after: { keyId: row.id, label } });
    return { id: row.id, label, prefix: row.prefix, key, createdAt: row.createdAt.toISOString() };
  });
}

export async function revokeApiKey(database: Database, lenderId: string, keyId: string, actor: Actor) {
  return database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(lenderApiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(lenderApiKeys.id, keyId), eq(lenderApiKeys.lenderId, lenderId), isNull(lenderApiKeys.revokedAt)))
      .returning();
    if (!row) throw AppError.notFound('API-Schlüssel');
    await writeAudit(tx, actor, { action: 'lender.api_key_revoked', entityType: 'lender', entityId: lenderId, after: { keyId } });
  });
}

/** Webhook target of a lender; a new secret for signing is generated (and shown) when the URL is set. */
export async function setWebhook(database: Database, lenderId: string, url: string | null, actor: Actor) {
  const secret = url ? `whsec_${randomBytes(24).toString('base64url')}` : null;
  await database.db.transaction(async (tx) => {
    await tx.update(lenders).set({ webhookUrl: url, webhookSecret: secret }).where(eq(lenders.id, lenderId));
    await writeAudit(tx, actor, { action: 'lender.webhook_changed', entityType: 'lender', entityId: lenderId, after: { url } });
  });
  return { url, secret };
}

export async function getWebhook(db: Executor, lenderId: string) {
  const [row] = await db.select({ url: lenders.webhookUrl }).from(lenders).where(eq(lenders.id, lenderId));
  return { url: row?.url ?? null };
}
