import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { berlinToday } from '../../platform/time.js';
import { declineRequest, dispatches } from '../dispatch/index.js';
import { lenders, lenderUsers, type LenderPrincipal } from '../lenders/index.js';
import { createOffer, ZCreateOfferSchema } from '../offers/index.js';
import { contracts, signAsLender } from '../contracts/index.js';
import { loadRequestWithCompany } from '../requests/index.js';
import { decide, sandboxAnswerDelay, type Product } from './lender-behaviour.js';
import { ratingClassForMatching } from '../scoring/index.js';

export const SANDBOX_DECIDE_QUEUE = 'sandbox-decide';

/** A demo lender where a person works (the demo credit officer) is answered by that person, not simulated. */
async function hasPeople(ctx: AppContext, lenderId: string): Promise<boolean> {
  const [u] = await ctx.database.db.select({ id: lenderUsers.userId }).from(lenderUsers).where(eq(lenderUsers.lenderId, lenderId)).limit(1);
  return !!u;
}

/** When a request reaches a demo lender, its simulated credit desk answers after a few seconds. */
export async function onLenderDispatched(ctx: AppContext, data: { dispatchId: string }): Promise<void> {
  if (!ctx.config.sandboxLenders) return;
  const [row] = await ctx.database.db
    .select({ demo: lenders.demo, lenderId: lenders.id, requestId: dispatches.requestId })
    .from(dispatches)
    .innerJoin(lenders, eq(lenders.id, dispatches.lenderId))
    .where(eq(dispatches.id, data.dispatchId));
  if (!row?.demo || (await hasPeople(ctx, row.lenderId))) return;
  await ctx.jobs.send(SANDBOX_DECIDE_QUEUE, data, { startAfterSeconds: sandboxAnswerDelay(row.lenderId, row.requestId) });
}

/**
 * The sandbox lender answers through the same operations as the lender API: an offer (idempotency key
 * derived from the dispatch, so a retried job makes no second offer) or a decline with a reason.
 */
export async function sandboxDecide(ctx: AppContext, data: { dispatchId: string }): Promise<void> {
  const [d] = await ctx.database.db
    .select({ dispatch: dispatches, lenderName: lenders.name, lenderType: lenders.type })
    .from(dispatches)
    .innerJoin(lenders, eq(lenders.id, dispatches.lenderId))
    .where(eq(dispatches.id, data.dispatchId));
  if (!d || d.dispatch.status !== 'sent') return;
  const { request, company } = await loadRequestWithCompany(ctx.database.db, d.dispatch.requestId);
  if (request.status !== 'matched' && request.status !== 'offered') return;
  const principal: LenderPrincipal = {
    lenderId: d.dispatch.lenderId,
    lenderName: d.lenderName,
    via: 'api_key',
    userId: null,
    apiKeyId: null,
    actor: { userId: null, role: 'sandbox_lender' },
  };
  const decision = decide({
    lender: { id: d.dispatch.lenderId, type: d.lenderType },
    request: { id: request.id, product: request.product as Product, amount: request.amount, termMonths: request.termMonths },
    company: { foundedOn: company.foundedOn, annualRevenue: company.annualRevenue, legalForm: company.legalForm, industryCode: company.industryCode },
    ratingClass: await ratingClassForMatching(ctx.database.db, request.id),
    today: berlinToday(),
  });
  try {
    if (decision.kind === 'offer') {
      await createOffer(ctx, principal, request.id, ZCreateOfferSchema.parse(decision.terms), `sandbox-${data.dispatchId}`);
    } else {
      await declineRequest(ctx, principal, request.id, decision.reason);
    }
  } catch (err) {
    // The request moved on meanwhile (accepted, withdrawn): a late answer is simply not given.
    if (err instanceof AppError && (err.code === 'illegal_transition' || err.code === 'conflict')) return;
    throw err;
  }
}

/** A demo lender countersigns a contract shortly after the borrower signed. */
export async function sandboxCountersign(ctx: AppContext, data: { contractId: string }): Promise<void> {
  if (!ctx.config.sandboxLenders) return;
  const [row] = await ctx.database.db
    .select({ lenderId: contracts.lenderId, name: lenders.name, demo: lenders.demo, status: contracts.status })
    .from(contracts)
    .innerJoin(lenders, eq(lenders.id, contracts.lenderId))
    .where(eq(contracts.id, data.contractId));
  if (!row?.demo || row.status !== 'awaiting_signatures' || (await hasPeople(ctx, row.lenderId))) return;
  const principal: LenderPrincipal = {
    lenderId: row.lenderId,
    lenderName: row.name,
    via: 'api_key',
    userId: null,
    apiKeyId: null,
    actor: { userId: null, role: 'sandbox_lender' },
  };
  try {
    await signAsLender(ctx, principal, data.contractId, '127.0.0.1');
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') return; // signed meanwhile
    throw err;
  }
}
