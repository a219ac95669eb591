import { and, asc, desc, eq, ilike, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { pgErrorCode } from '../../platform/db/errors.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { parseCreditPolicy, type CreditPolicy, type LenderType } from '../matching/index.js';
import { creditPolicies, lenders, lenderUsers, type LenderRow } from './schema.js';
import type { TCreateLender, TLender } from './lenders.types.js';

export function toLender(row: LenderRow): TLender {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    type: row.type,
    bic: row.bic,
    federalState: row.federalState,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    demo: row.demo,
    active: row.active,
    currentPolicyVersion: row.currentPolicyVersion,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The lender a user of role `lender` belongs to, or null. */
export async function lenderIdOfUser(db: Executor, userId: string): Promise<string | null> {
  const [row] = await db.select({ lenderId: lenderUsers.lenderId }).from(lenderUsers).where(eq(lenderUsers.userId, userId));
  return row?.lenderId ?? null;
}

/** Admins manage every lender; a lender's own users manage only theirs. Others learn nothing (404). */
async function assertCanManage(db: Executor, user: SessionUser, lenderId: string): Promise<void> {
  if (user.role === 'admin') return;
  if (user.role === 'lender' && (await lenderIdOfUser(db, user.id)) === lenderId) return;
  throw AppError.notFound('Finanzierungspartner');
}

export async function listLenders(
  db: Executor,
  user: SessionUser,
  filter: { type?: LenderType; q?: string },
): Promise<TLender[]> {
  const where: SQL[] = [];
  if (user.role === 'lender') {
    const own = await lenderIdOfUser(db, user.id);
    if (!own) return [];
    where.push(eq(lenders.id, own));
  } else if (user.role !== 'advisor' && user.role !== 'admin') {
    throw new AppError('forbidden', 'Die Liste der Finanzierungspartner ist für diese Rolle nicht sichtbar.');
  }
  if (filter.type) where.push(eq(lenders.type, filter.type));
  if (filter.q) where.push(ilike(lenders.name, `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  const rows = await db
    .select()
    .from(lenders)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(lenders.name));
  return rows.map(toLender);
}

export async function getLender(db: Executor, user: SessionUser, id: string): Promise<TLender> {
  if (user.role === 'lender') await assertCanManage(db, user, id);
  else if (user.role !== 'advisor' && user.role !== 'admin') throw AppError.notFound('Finanzierungspartner');
  const [row] = await db.select().from(lenders).where(eq(lenders.id, id));
  if (!row) throw AppError.notFound('Finanzierungspartner');
  return toLender(row);
}

/** Inserts a lender with policy version 1 in the caller's transaction (admin API and demo seed). */
export async function insertLender(
  tx: Executor,
  input: TCreateLender & { demo?: boolean },
  actor: Actor,
): Promise<TLender> {
  const key = input.key ?? slug(input.name);
  try {
    const [row] = await tx
      .insert(lenders)
      .values({
        key,
        name: input.name,
        type: input.type,
        bic: input.bic ?? null,
        federalState: input.federalState ?? null,
        contactName: input.contactName ?? null,
        contactEmail: input.contactEmail,
        demo: input.demo ?? false,
        currentPolicyVersion: 1,
      })
      .returning();
    await tx.insert(creditPolicies).values({ lenderId: row.id, version: 1, policy: input.policy, createdBy: actor.userId });
    await writeAudit(tx, actor, {
      action: 'lender.created',
      entityType: 'lender',
      entityId: row.id,
      after: { ...toLender(row), policy: input.policy },
    });
    return toLender(row);
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw AppError.invalidField('key', `Schlüssel „${key}“ ist bereits vergeben`);
    throw err;
  }
}

export async function createLender(database: Database, user: SessionUser, input: TCreateLender, actor: Actor) {
  if (user.role !== 'admin') throw new AppError('forbidden', 'Nur Administratoren legen Finanzierungspartner an.');
  return database.db.transaction((tx) => insertLender(tx, input, actor));
}

export async function getPolicy(db: Executor, user: SessionUser, lenderId: string, version?: number) {
  await assertCanManage(db, user, lenderId);
  const [lender] = await db.select().from(lenders).where(eq(lenders.id, lenderId));
  if (!lender) throw AppError.notFound('Finanzierungspartner');
  const [row] = await db
    .select()
    .from(creditPolicies)
    .where(and(eq(creditPolicies.lenderId, lenderId), eq(creditPolicies.version, version ?? lender.currentPolicyVersion)));
  if (!row) throw AppError.notFound('Richtlinienversion');
  return toPolicyVersion(row, lender.currentPolicyVersion);
}

export async function listPolicyVersions(db: Executor, user: SessionUser, lenderId: string) {
  await assertCanManage(db, user, lenderId);
  const [lender] = await db.select().from(lenders).where(eq(lenders.id, lenderId));
  if (!lender) throw AppError.notFound('Finanzierungspartner');
  const rows = await db.select().from(creditPolicies).where(eq(creditPolicies.lenderId, lenderId)).orderBy(desc(creditPolicies.version));
  return rows.map((r) => toPolicyVersion(r, lender.currentPolicyVersion));
}

function toPolicyVersion(row: typeof creditPolicies.$inferSelect, current: number) {
  return {
    lenderId: row.lenderId,
    version: row.version,
    policy: parseCreditPolicy(row.policy),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    current: row.version === current,
  };
}

/** A changed policy is a new version; earlier matches keep pointing at the version they used. */
export async function putPolicy(database: Database, user: SessionUser, lenderId: string, policy: CreditPolicy, actor: Actor) {
  return database.db.transaction(async (tx) => {
    await assertCanManage(tx, user, lenderId);
    const [lender] = await tx.select().from(lenders).where(eq(lenders.id, lenderId)).for('update');
    if (!lender) throw AppError.notFound('Finanzierungspartner');
    const [before] = await tx
      .select()
      .from(creditPolicies)
      .where(and(eq(creditPolicies.lenderId, lenderId), eq(creditPolicies.version, lender.currentPolicyVersion)));
    const version = lender.currentPolicyVersion + 1;
    const [row] = await tx.insert(creditPolicies).values({ lenderId, version, policy, createdBy: user.id }).returning();
    await tx.update(lenders).set({ currentPolicyVersion: version }).where(eq(lenders.id, lenderId));
    await writeAudit(tx, actor, {
      action: 'credit_policy.changed',
      entityType: 'lender',
      entityId: lenderId,
      before: { version: lender.currentPolicyVersion, policy: before?.policy ?? null },
      after: { version, policy },
    });
    return toPolicyVersion(row, version);
  });
}

/** Attaches a user of role `lender` to its lender (one lender per user). */
export async function addLenderUser(tx: Executor, userId: string, lenderId: string, actor: Actor) {
  await tx.insert(lenderUsers).values({ userId, lenderId });
  await writeAudit(tx, actor, { action: 'lender.user_added', entityType: 'lender', entityId: lenderId, after: { userId } });
}

export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}


/** Active lenders with the policy version in force, for the matching engine. */
export async function activeLendersWithPolicies(db: Executor) {
  return db
    .select({
      id: lenders.id,
      name: lenders.name,
      type: lenders.type,
      demo: lenders.demo,
      policyVersion: lenders.currentPolicyVersion,
      policy: creditPolicies.policy,
    })
    .from(lenders)
    .innerJoin(
      creditPolicies,
      and(eq(creditPolicies.lenderId, lenders.id), eq(creditPolicies.version, lenders.currentPolicyVersion)),
    )
    .where(eq(lenders.active, true))
    .orderBy(asc(lenders.id));
}
