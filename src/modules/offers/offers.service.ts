import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { pgErrorCode } from '../../platform/db/errors.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { publish } from '../../platform/events/events.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { berlinToday } from '../../platform/time.js';
import { afterResponse, dispatchForLender, markResponded } from '../dispatch/index.js';
import { FinanceError, scheduleWithEffectiveRate } from '../finance/index.js';
import { commissionRules, lenders, type LenderPrincipal } from '../lenders/index.js';
import { assertRequestVisible, loadRequestWithCompany, lockRequest, transition } from '../requests/index.js';
import { commissionFor, DEFAULT_COMMISSION_RULE } from './commission.js';
import { offers, type OfferRow } from './schema.js';
import type { TCreateOffer, TOffer } from './offers.types.js';

/** Highest effective annual rate an offer may have (10 = 1,000 %). */
const MAX_EFFECTIVE_RATE = 10;

/** Queue worked by whoever reacts to a new offer (e-mails to the borrower). */
export const OFFER_RECEIVED_QUEUE = 'offer-received';

function canonicalHash(body: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]))
        : v;
  return createHash('sha256').update(JSON.stringify(sorted(body))).digest('hex');
}

export function scheduleInputOf(o: Pick<OfferRow, 'amount' | 'nominalRate' | 'termMonths' | 'amortization' | 'graceMonths' | 'fees' | 'calculatedFrom'>) {
  return {
    amount: o.amount,
    nominalRate: o.nominalRate,
    termMonths: o.termMonths,
    amortization: o.amortization,
    graceMonths: o.graceMonths,
    fees: o.fees as { type: string; amount: string; when: 'upfront' | 'first_instalment' | 'financed' }[],
    startDate: o.calculatedFrom,
  };
}

type OfferTermsForFigures = Pick<TCreateOffer, 'amount' | 'nominalRate' | 'termMonths' | 'amortization' | 'graceMonths' | 'fees'>;

/**
 * The figures stored with an offer: effective annual rate (fees included), instalment and costs, for a
 * drawdown on `calculatedFrom`. Live offers and the market simulator's history use the same. Throws FinanceError.
 */
export function offerFigures(terms: OfferTermsForFigures, calculatedFrom: string) {
  const f = scheduleWithEffectiveRate({
    amount: terms.amount,
    nominalRate: terms.nominalRate,
    termMonths: terms.termMonths,
    amortization: terms.amortization,
    graceMonths: terms.graceMonths,
    fees: terms.fees,
    startDate: calculatedFrom,
  });
  return { effectiveAnnualRate: f.effectiveAnnualRate, instalment: f.instalment, totalInterest: f.totalInterest, totalFees: f.totalFees, totalCost: f.totalCost };
}

async function commissionRuleOf(tx: Executor, lenderId: string) {
  const [rule] = await tx.select().from(commissionRules).where(eq(commissionRules.lenderId, lenderId));
  return rule ? { rate: rule.rate, minimum: rule.minimum, cap: rule.cap } : DEFAULT_COMMISSION_RULE;
}

/**
 * A lender's offer on a request dispatched to it. The same Idempotency-Key with the same body returns the
 * offer made the first time; with another body it is a conflict. The first offer moves the request to
 * `offered`.
 */
export async function createOffer(
  ctx: AppContext,
  principal: LenderPrincipal,
  requestId: string,
  input: TCreateOffer,
  idempotencyKey: string,
): Promise<{ offer: TOffer; created: boolean }> {
  const bodyHash = canonicalHash(input);
  const existing = async (tx: Executor) => {
    const [row] = await tx
      .select()
      .from(offers)
      .where(and(eq(offers.lenderId, principal.lenderId), eq(offers.idempotencyKey, idempotencyKey)));
    if (!row) return null;
    if (row.bodyHash !== bodyHash || row.requestId !== requestId) {
      throw new AppError('conflict', 'Dieser Idempotency-Key wurde bereits für ein anderes Angebot verwendet.', {
        errors: [{ path: 'Idempotency-Key', message: 'bereits für anderen Inhalt verwendet' }],
      });
    }
    return row;
  };
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const again = await existing(tx);
      if (again) return { offer: (await offersView(tx, requestId, again.id))[0], created: false };
      const dispatch = await dispatchForLender(tx, principal.lenderId, requestId);
      // Serialises with acceptance: an offer either lands before the borrower accepts (and is declined with
      // the others) or finds the request accepted and is refused.
      await lockRequest(tx, requestId);
      if (dispatch.status === 'declined') throw new AppError('conflict', 'Diese Anfrage wurde von Ihnen bereits abgelehnt.');
      const { request } = await loadRequestWithCompany(tx, requestId);
      if (request.status !== 'matched' && request.status !== 'offered') {
        throw new AppError('illegal_transition', `Zu einer Anfrage im Status „${request.status}“ sind keine Angebote mehr möglich.`);
      }
      const calculatedFrom = berlinToday();
      let figures;
      try {
        figures = offerFigures(input, calculatedFrom);
      } catch (err) {
        if (err instanceof FinanceError) throw AppError.invalidField(err.field, err.message);
        throw err;
      }
      // An effective rate above 1,000 % is a typing error in fees or rate, not an offer (and beyond what the
      // stored figure holds): refused at the fields that cause it.
      if (new Decimal(figures.effectiveAnnualRate).gt(MAX_EFFECTIVE_RATE)) {
        throw AppError.invalidField(input.fees.length > 0 ? 'fees' : 'nominalRate', 'Effektiver Jahreszins über 1.000 % – bitte Gebühren und Zins prüfen');
      }
      const commission = commissionFor(input.amount, await commissionRuleOf(tx, principal.lenderId));
      const [row] = await tx
        .insert(offers)
        .values({
          requestId,
          lenderId: principal.lenderId,
          dispatchId: dispatch.id,
          idempotencyKey,
          bodyHash,
          amount: input.amount,
          nominalRate: input.nominalRate,
          termMonths: input.termMonths,
          amortization: input.amortization,
          graceMonths: input.graceMonths,
          fees: input.fees,
          collateral: input.collateral ?? null,
          conditions: input.conditions ?? null,
          validUntil: input.validUntil,
          calculatedFrom,
          ...figures,
          commission,
        })
        .returning();
      await markResponded(tx, dispatch.id, 'offered');
      if (request.status === 'matched') {
        await transition(tx, requestId, 'offered', { actor: SYSTEM_ACTOR, as: 'system', reason: `Erstes Angebot von ${principal.lenderName}` });
      }
      await writeAudit(tx, principal.actor, { action: 'offer.created', entityType: 'offer', entityId: row.id, after: row });
      const progress = await afterResponse(tx, requestId, principal.actor);
      await ctx.jobs.send(OFFER_RECEIVED_QUEUE, { offerId: row.id, first: request.status === 'matched', allIn: progress.open === 0 }, {}, tx);
      await publish(tx, { topic: `financing_request:${requestId}`, type: 'offer_received', data: { offerId: row.id } });
      return { offer: (await offersView(tx, requestId, row.id))[0], created: true };
    });
  } catch (err) {
    // Two identical requests raced: the loser finds the winner's offer.
    if (pgErrorCode(err) === '23505') {
      const row = await existing(ctx.database.db);
      if (row) return { offer: (await offersView(ctx.database.db, requestId, row.id))[0], created: false };
    }
    throw err;
  }
}

/** Offers of a request, best (lowest effective annual rate) first; expired ones marked, not hidden. */
export async function offersView(db: Executor, requestId: string, onlyId?: string, onlyLender?: string): Promise<TOffer[]> {
  const rows = await db
    .select({ offer: offers, lenderName: lenders.name, lenderType: lenders.type, demo: lenders.demo })
    .from(offers)
    .innerJoin(lenders, eq(lenders.id, offers.lenderId))
    .where(and(eq(offers.requestId, requestId), ne(offers.status, 'withdrawn')))
    .orderBy(asc(offers.effectiveAnnualRate), asc(offers.totalCost), asc(offers.createdAt));
  const today = berlinToday();
  return rows
    .map(({ offer: o, lenderName, lenderType, demo }, i) => ({
      id: o.id,
      requestId: o.requestId,
      lender: { id: o.lenderId, name: lenderName, type: lenderType, demo },
      amount: o.amount,
      nominalRate: o.nominalRate,
      termMonths: o.termMonths,
      amortization: o.amortization,
      graceMonths: o.graceMonths,
      fees: o.fees as TOffer['fees'],
      collateral: o.collateral,
      conditions: o.conditions,
      validUntil: o.validUntil,
      status: o.status,
      expired: o.status === 'open' && o.validUntil < today,
      effectiveAnnualRate: o.effectiveAnnualRate,
      instalment: o.instalment,
      totalInterest: o.totalInterest,
      totalFees: o.totalFees,
      totalCost: o.totalCost,
      commission: o.commission,
      rank: i + 1,
      createdAt: o.createdAt.toISOString(),
    }))
    .filter((o) => (!onlyId || o.id === onlyId) && (!onlyLender || o.lender.id === onlyLender));
}

/** A lender's own offer without its rank among all offers (the rank would reveal how many competitors offered, and cheaper). */
export function ownOffer(offer: TOffer): Omit<TOffer, 'rank'> {
  const { rank: _rank, ...rest } = offer;
  return rest;
}

/** Ids of the requests whose accepted offer is this lender's. */
export async function requestsWonBy(db: Executor, lenderId: string): Promise<Set<string>> {
  const rows = await db
    .select({ requestId: offers.requestId })
    .from(offers)
    .where(and(eq(offers.lenderId, lenderId), eq(offers.status, 'accepted')));
  return new Set(rows.map((r) => r.requestId));
}

export async function listOffers(db: Executor, user: SessionUser, requestId: string) {
  await assertRequestVisible(db, user, requestId);
  return offersView(db, requestId);
}

/** An offer with the request it belongs to, if the user may see that request. */
export async function findVisibleOffer(db: Executor, user: SessionUser, offerId: string) {
  const [row] = await db.select().from(offers).where(eq(offers.id, offerId));
  if (!row) throw AppError.notFound('Angebot');
  await assertRequestVisible(db, user, row.requestId).catch(() => {
    throw AppError.notFound('Angebot');
  });
  return row;
}

export async function offerSchedule(db: Executor, user: SessionUser, offerId: string) {
  const row = await findVisibleOffer(db, user, offerId);
  return scheduleWithEffectiveRate(scheduleInputOf(row));
}
