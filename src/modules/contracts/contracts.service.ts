import { randomBytes } from 'node:crypto';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { users } from '../../platform/auth/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { verifyPassword } from '../../platform/auth/passwords.js';
import { auditLog } from '../../platform/audit/schema.js';
import { writeAudit, SYSTEM_ACTOR, type Actor } from '../../platform/audit/audit.js';
import { publish } from '../../platform/events/events.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { berlinDate, berlinToday } from '../../platform/time.js';
import { scheduleWithEffectiveRate } from '../finance/index.js';
import { lenders, type LenderPrincipal } from '../lenders/index.js';
import { mailBorrower } from '../notifications/index.js';
import { findVisibleOffer, offers, scheduleInputOf, type OfferRow } from '../offers/index.js';
import { assertRequestVisible, loadRequestWithCompany, transition } from '../requests/index.js';
import { appendSignaturePage, renderContractPdf, sha256Hex } from './pdf/index.js';
import { contractSignedByBorrowerEvent, offerAcceptedEvent, offerDeclinedEvent, queueWebhook } from '../webhooks/index.js';
import { commissionLedger, contracts, contractSignatures } from './schema.js';

/** Queue worked when a contract is ready for the lender's countersignature (sandbox lenders sign by themselves). */
export const CONTRACT_AWAITS_LENDER_QUEUE = 'contract-awaits-lender';

/**
 * How a signer proves who they are. Built in: re-entering the password in the signed-in session
 * (an advanced electronic signature with re-authentication). A qualified e-signature service can
 * implement the same interface.
 */
export interface SignatureProvider {
  method: string;
  verify(user: SessionUser, proof: { password: string }): Promise<void>;
}

export function passwordSignatureProvider(db: Executor): SignatureProvider {
  return {
    method: 'Kreditplatz-Signatur (fortgeschritten, Re-Authentifizierung mit Passwort)',
    async verify(user, proof) {
      const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
      if (!(await verifyPassword(row?.hash ?? null, proof.password))) {
        throw new AppError('invalid_credentials', 'Das Passwort ist falsch – die Unterschrift wurde nicht geleistet.', {
          errors: [{ path: 'password', message: 'falsches Passwort' }],
        });
      }
    },
  };
}

const contractNumber = (today: string) => `KP-${today.slice(0, 4)}-${randomBytes(4).toString('hex').toUpperCase()}`;

async function renderFor(db: Executor, offer: OfferRow, issuedAt: Date, number: string) {
  const { request, company } = await loadRequestWithCompany(db, offer.requestId);
  const [lender] = await db.select().from(lenders).where(eq(lenders.id, offer.lenderId));
  const [owner] = await db.select({ name: users.name }).from(users).where(eq(users.id, company.ownerId));
  const today = berlinDate(issuedAt);
  // The contract's schedule starts on the contract date; the offer's figures were computed the same way.
  const input = { ...scheduleInputOf(offer), startDate: today };
  const schedule = scheduleWithEffectiveRate(input);
  const pdf = await renderContractPdf({
    kind: request.product === 'leasing' || request.product === 'factoring' ? 'financing' : 'loan',
    contractNumber: number,
    issuedAt: issuedAt.toISOString(),
    offerValidUntil: offer.validUntil < today ? today : offer.validUntil,
    demo: lender.demo,
    lender: { name: lender.name, ...(lender.bic ? { bic: lender.bic } : {}) },
    borrower: {
      name: company.name,
      legalForm: company.legalForm === 'freelancer' ? 'Freiberufler' : company.legalForm,
      ...(company.registerNumber ? { registerNumber: company.registerNumber } : {}),
      ...(company.vatId ? { vatId: company.vatId } : {}),
      address: { street: company.street, postalCode: company.postalCode, city: company.city },
      representedBy: owner.name,
    },
    broker: { name: 'Kreditplatz', commission: { amount: offer.commission, paidBy: 'lender' } },
    purpose: request.purpose,
    schedule,
    fees: input.fees,
    collateral: offer.collateral ? [offer.collateral] : [],
    conditions: offer.conditions ?? '',
  });
  return { pdf: Buffer.from(pdf), lender, request };
}

/**
 * The borrower accepts an offer: the request becomes `accepted`, every other open offer is declined,
 * the contract PDF is rendered, and the request is `signature_ready`. The PDF is rendered before the
 * transaction (it takes ~0.1 s); the transaction re-checks everything under a row lock.
 */
export async function acceptOffer(ctx: AppContext, user: SessionUser, offerId: string, actor: Actor) {
  if (user.role !== 'borrower') throw new AppError('forbidden', 'Nur der Kreditnehmer nimmt ein Angebot an.');
  const offer = await findVisibleOffer(ctx.database.db, user, offerId);
  const issuedAt = new Date();
  const number = contractNumber(berlinDate(issuedAt));
  const { pdf, lender } = await renderFor(ctx.database.db, offer, issuedAt, number);
  return ctx.database.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(offers).where(eq(offers.id, offerId)).for('update');
    if (locked.status !== 'open') throw new AppError('conflict', `Dieses Angebot ist nicht mehr offen (Status: ${locked.status}).`);
    if (locked.validUntil < berlinToday()) throw new AppError('conflict', 'Dieses Angebot ist abgelaufen.');
    const req = await transition(tx, offer.requestId, 'accepted', { actor, as: 'borrower', reason: `Angebot von ${lender.name} angenommen` });
    const now = new Date();
    await tx.update(offers).set({ status: 'accepted', decidedAt: now }).where(eq(offers.id, offerId));
    const others = await tx
      .update(offers)
      .set({ status: 'declined', decidedAt: now })
      .where(and(eq(offers.requestId, offer.requestId), ne(offers.id, offerId), eq(offers.status, 'open')))
      .returning({ id: offers.id, lenderId: offers.lenderId });
    const [contract] = await tx
      .insert(contracts)
      .values({ number, requestId: offer.requestId, offerId, lenderId: offer.lenderId, pdf, pdfSha256: sha256Hex(pdf), createdAt: issuedAt })
      .returning({ id: contracts.id, number: contracts.number, pdfSha256: contracts.pdfSha256 });
    await writeAudit(tx, actor, {
      action: 'offer.accepted',
      entityType: 'offer',
      entityId: offerId,
      after: { contractId: contract.id, declinedOffers: others.map((o) => o.id) },
    });
    await writeAudit(tx, SYSTEM_ACTOR, { action: 'contract.created', entityType: 'contract', entityId: contract.id, after: contract });
    // Lenders are told: the winner to prepare the countersignature, the others politely that it went elsewhere.
    await queueWebhook(ctx, tx, offerAcceptedEvent({ lenderId: offer.lenderId, offerId, requestId: offer.requestId, contractId: contract.id }));
    for (const o of others) {
      await queueWebhook(ctx, tx, offerDeclinedEvent({ lenderId: o.lenderId, offerId: o.id, requestId: offer.requestId }));
    }
    await transition(tx, offer.requestId, 'signature_ready', { actor: SYSTEM_ACTOR, as: 'system', reason: `Vertrag ${number} erstellt` });
    await mailBorrower(ctx, tx, offer.requestId, { kind: 'contractReady', lenderName: lender.name, amount: offer.amount });
    await publish(tx, { topic: `financing_request:${offer.requestId}`, type: 'contract_ready', data: { contractId: contract.id } });
    return { requestId: req.id, contractId: contract.id, contractNumber: number };
  });
}

async function loadContract(db: Executor, id: string) {
  const [c] = await db.select().from(contracts).where(eq(contracts.id, id));
  if (!c) throw AppError.notFound('Vertrag');
  return c;
}

/** Borrower (own request), advisors and admins see a contract; a lender only its own. */
export async function contractForUser(db: Executor, user: SessionUser, id: string) {
  const c = await loadContract(db, id);
  await assertRequestVisible(db, user, c.requestId).catch(() => {
    throw AppError.notFound('Vertrag');
  });
  return c;
}

export async function contractForLender(db: Executor, principal: LenderPrincipal, id: string) {
  const c = await loadContract(db, id);
  if (c.lenderId !== principal.lenderId) throw AppError.notFound('Vertrag');
  return c;
}

export async function contractView(db: Executor, c: typeof contracts.$inferSelect) {
  const sigs = await db.select().from(contractSignatures).where(eq(contractSignatures.contractId, c.id)).orderBy(asc(contractSignatures.signedAt));
  return {
    id: c.id,
    number: c.number,
    requestId: c.requestId,
    offerId: c.offerId,
    lenderId: c.lenderId,
    status: c.status,
    pdfSha256: c.pdfSha256,
    finalSha256: c.finalSha256,
    createdAt: c.createdAt.toISOString(),
    signedAt: c.signedAt?.toISOString() ?? null,
    signatures: sigs.map((s) => ({
      party: s.party,
      signerName: s.signerName,
      signedAt: s.signedAt.toISOString(),
      method: s.method,
      pdfSha256: s.pdfSha256,
    })),
  };
}

export async function contractIdOfRequest(db: Executor, requestId: string): Promise<string | null> {
  const [c] = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(eq(contracts.requestId, requestId), ne(contracts.status, 'cancelled')));
  return c?.id ?? null;
}

async function addSignature(
  ctx: AppContext,
  tx: Executor,
  contractId: string,
  sig: { party: 'borrower' | 'lender'; signerUserId: string | null; signerName: string; signerEmail: string; ip: string; method: string },
  actor: Actor,
) {
  const [c] = await tx.select().from(contracts).where(eq(contracts.id, contractId)).for('update');
  if (c.status !== 'awaiting_signatures') throw new AppError('conflict', `Der Vertrag ist nicht mehr zu unterschreiben (Status: ${c.status}).`);
  const [existing] = await tx
    .select({ id: contractSignatures.id })
    .from(contractSignatures)
    .where(and(eq(contractSignatures.contractId, contractId), eq(contractSignatures.party, sig.party)));
  if (existing) throw new AppError('conflict', 'Diese Partei hat bereits unterschrieben.');
  if (sig.party === 'lender') {
    // The lender countersigns what the borrower signed: a signature first would bind the lender to a contract
    // the borrower may still not sign (and is what the lender's API and portal promise).
    const [borrowerSigned] = await tx
      .select({ id: contractSignatures.id })
      .from(contractSignatures)
      .where(and(eq(contractSignatures.contractId, contractId), eq(contractSignatures.party, 'borrower')));
    if (!borrowerSigned) throw new AppError('conflict', 'Der Kreditnehmer hat noch nicht unterschrieben; gegengezeichnet wird danach.');
  }
  await tx.insert(contractSignatures).values({ contractId, ...sig, pdfSha256: c.pdfSha256 });
  await writeAudit(tx, actor, {
    action: `contract.signed_by_${sig.party}`,
    entityType: 'contract',
    entityId: contractId,
    after: { signer: sig.signerName, ip: sig.ip, pdfSha256: c.pdfSha256 },
  });
  if (sig.party === 'borrower') await queueWebhook(ctx, tx, contractSignedByBorrowerEvent({ lenderId: c.lenderId, contractId }));
  const all = await tx.select().from(contractSignatures).where(eq(contractSignatures.contractId, contractId));
  if (all.length === 2) await finalize(ctx, tx, c, all);
  else if (sig.party === 'borrower') await ctx.jobs.send(CONTRACT_AWAITS_LENDER_QUEUE, { contractId }, {}, tx);
  await publish(tx, { topic: `financing_request:${c.requestId}`, type: 'contract_signed', data: { party: sig.party } });
}

/** Both have signed: the final PDF gets the signature page and audit trail; the deal is booked. */
async function finalize(ctx: AppContext, tx: Executor, c: typeof contracts.$inferSelect, sigs: (typeof contractSignatures.$inferSelect)[]) {
  const trail = await tx
    .select({ at: auditLog.at, action: auditLog.action, role: auditLog.actorRole, name: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, 'contract'), eq(auditLog.entityId, c.id)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  const EVENT: Record<string, string> = {
    'contract.created': 'Vertrag erstellt',
    'contract.signed_by_borrower': 'Unterschrift Kreditnehmer',
    'contract.signed_by_lender': 'Gegenzeichnung Finanzierungspartner',
  };
  const finalPdf = Buffer.from(
    await appendSignaturePage(
      c.pdf,
      sigs
        .sort((a, b) => (a.party === 'borrower' ? -1 : b.party === 'borrower' ? 1 : 0))
        .map((s) => ({
          role: s.party,
          signerName: s.signerName,
          signerEmail: s.signerEmail,
          signedAt: s.signedAt.toISOString(),
          ipAddress: s.ip,
          method: s.method,
          documentSha256: s.pdfSha256,
        })),
      trail.map((t) => ({ at: t.at.toISOString(), actor: t.name ? `${t.name} (${t.role})` : t.role, event: EVENT[t.action] ?? t.action })),
    ),
  );
  const signedAt = new Date();
  await tx
    .update(contracts)
    .set({ status: 'signed', finalPdf, finalSha256: sha256Hex(finalPdf), signedAt })
    .where(eq(contracts.id, c.id));
  const [offer] = await tx.select().from(offers).where(eq(offers.id, c.offerId));
  await tx.insert(commissionLedger).values({
    contractId: c.id,
    lenderId: c.lenderId,
    amount: offer.commission,
    financedAmount: offer.amount,
    bookedOn: berlinDate(signedAt),
  });
  await transition(tx, c.requestId, 'signed', { actor: SYSTEM_ACTOR, as: 'system', reason: `Vertrag ${c.number} von beiden Parteien unterschrieben` });
  const [lender] = await tx.select({ name: lenders.name }).from(lenders).where(eq(lenders.id, c.lenderId));
  await mailBorrower(ctx, tx, c.requestId, { kind: 'contractSigned', lenderName: lender.name, amount: offer.amount });
}

export async function signAsBorrower(ctx: AppContext, user: SessionUser, contractId: string, proof: { password: string }, ip: string, actor: Actor) {
  const c = await contractForUser(ctx.database.db, user, contractId);
  const { company } = await loadRequestWithCompany(ctx.database.db, c.requestId);
  if (user.role !== 'borrower' || company.ownerId !== user.id) throw new AppError('forbidden', 'Nur der Kreditnehmer unterschreibt hier.');
  const provider = passwordSignatureProvider(ctx.database.db);
  await provider.verify(user, proof);
  await ctx.database.db.transaction((tx) =>
    addSignature(ctx, tx, contractId, { party: 'borrower', signerUserId: user.id, signerName: user.name, signerEmail: user.email, ip, method: provider.method }, actor),
  );
  return contractView(ctx.database.db, await loadContract(ctx.database.db, contractId));
}

export async function signAsLender(ctx: AppContext, principal: LenderPrincipal, contractId: string, ip: string) {
  await contractForLender(ctx.database.db, principal, contractId);
  const [signer] = principal.userId
    ? await ctx.database.db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, principal.userId))
    : await ctx.database.db.select({ name: lenders.name, email: lenders.contactEmail }).from(lenders).where(eq(lenders.id, principal.lenderId));
  await ctx.database.db.transaction((tx) =>
    addSignature(
      ctx,
      tx,
      contractId,
      {
        party: 'lender',
        signerUserId: principal.userId,
        signerName: principal.userId ? `${signer.name} für ${principal.lenderName}` : `${principal.lenderName} (Kernbanksystem)`,
        signerEmail: signer.email,
        ip,
        method: principal.via === 'api_key' ? 'Gegenzeichnung über die Kreditplatz-API (API-Schlüssel)' : 'Kreditplatz-Signatur (Partnerportal)',
      },
      principal.actor,
    ),
  );
  return contractView(ctx.database.db, await loadContract(ctx.database.db, contractId));
}

export async function listContractsForLender(db: Executor, lenderId: string) {
  const rows = await db.select().from(contracts).where(eq(contracts.lenderId, lenderId)).orderBy(asc(contracts.createdAt));
  return Promise.all(rows.map((c) => contractView(db, c)));
}
