import { desc, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { users } from '../../platform/auth/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { findVisibleCompany } from '../companies/index.js';
import { CONSENT_TEXTS } from './consent-texts.js';
import { CONSENT_KINDS, consents, type ConsentKind } from './schema.js';
import type { TConsents, TPutConsents } from './consents.types.js';

/** The current state of each consent of a company: the newest record per kind. */
export async function currentConsents(db: Executor, companyId: string): Promise<Record<ConsentKind, boolean>> {
  const rows = await db
    .select({ kind: consents.kind, granted: consents.granted })
    .from(consents)
    .where(eq(consents.companyId, companyId))
    .orderBy(desc(consents.givenAt), desc(consents.id));
  const state = { dataProcessing: false, lenderSharing: false, marketing: false };
  const seen = new Set<ConsentKind>();
  for (const r of rows) {
    if (seen.has(r.kind)) continue;
    seen.add(r.kind);
    state[r.kind] = r.granted;
  }
  return state;
}

export async function getConsents(db: Executor, user: SessionUser, companyId: string): Promise<TConsents> {
  await findVisibleCompany(db, user, companyId);
  const rows = await db
    .select({
      kind: consents.kind,
      granted: consents.granted,
      textVersion: consents.textVersion,
      givenAt: consents.givenAt,
      givenById: users.id,
      givenByName: users.name,
    })
    .from(consents)
    .innerJoin(users, eq(users.id, consents.givenBy))
    .where(eq(consents.companyId, companyId))
    .orderBy(desc(consents.givenAt), desc(consents.id));
  const history = rows.map((r) => ({
    kind: r.kind,
    granted: r.granted,
    textVersion: r.textVersion,
    givenAt: r.givenAt.toISOString(),
    givenBy: { id: r.givenById, name: r.givenByName },
  }));
  const current = CONSENT_KINDS.flatMap((k) => history.find((h) => h.kind === k) ?? []);
  const granted = (k: ConsentKind) => current.find((c) => c.kind === k)?.granted ?? false;
  return {
    companyId,
    dataProcessing: granted('dataProcessing'),
    lenderSharing: granted('lenderSharing'),
    marketing: granted('marketing'),
    current,
    history,
    texts: CONSENT_KINDS.map((kind) => ({ kind, ...CONSENT_TEXTS[kind] })),
  };
}

/** Records each consent whose state changes (or was never given). Only the company's owner may consent. */
export async function putConsents(
  database: Database,
  user: SessionUser,
  companyId: string,
  input: TPutConsents,
  actor: Actor,
  ip?: string,
): Promise<TConsents> {
  return database.db.transaction(async (tx) => {
    const company = await findVisibleCompany(tx, user, companyId);
    if (company.ownerId !== user.id) {
      throw new AppError('forbidden', 'Einwilligungen kann nur das Unternehmen selbst erteilen oder widerrufen.');
    }
    const [before, history] = await Promise.all([
      currentConsents(tx, companyId),
      tx.select({ kind: consents.kind }).from(consents).where(eq(consents.companyId, companyId)),
    ]);
    const everGiven = new Set(history.map((h) => h.kind));
    const changes = CONSENT_KINDS.filter((k) => !everGiven.has(k) || before[k] !== input[k]);
    if (changes.length > 0) {
      await tx.insert(consents).values(
        changes.map((kind) => ({
          companyId,
          kind,
          granted: input[kind],
          textVersion: CONSENT_TEXTS[kind].version,
          givenBy: user.id,
          ip: ip ?? null,
        })),
      );
      await writeAudit(tx, actor, {
        action: 'consents.changed',
        entityType: 'company',
        entityId: companyId,
        before,
        after: { ...before, ...Object.fromEntries(changes.map((k) => [k, input[k]])) },
      });
    }
    return getConsents(tx, user, companyId);
  });
}
