import { and, eq, gte, inArray, min, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { companies } from '../companies/index.js';
import { dispatches } from '../dispatch/index.js';
import { lenders } from '../lenders/index.js';
import { financingRequests, requestHistory } from '../requests/index.js';
import type { BusinessHistory, FunnelStage, TBusiness } from './admin.types.js';
import {
  funnel,
  requestsPerDay,
  responsesByLenderType,
  timeToFirstOffer,
  topLenders,
  totalVolume,
  volumeBy,
  windowStart,
  type DispatchOutcome,
  type RequestMilestones,
} from './business-metrics.js';

const HISTORY_MILESTONES = ['submitted', 'matched', 'offered', 'accepted', 'signature_ready', 'signed', 'closed'] as const;

/** The companies counted: real ones, the market simulator's, or both (undefined: no condition). */
function historyCondition(history: BusinessHistory): SQL | undefined {
  if (history === 'all') return undefined;
  return eq(companies.simulated, history === 'simulated');
}

/**
 * The requests submitted in the window (Berlin days) with the first time each reached a milestone:
 * status milestones from the request history, `dispatched` from the first dispatch to a lender.
 */
async function requestsOfWindow(db: Executor, since: Date, history: BusinessHistory): Promise<RequestMilestones[]> {
  const inWindow = and(gte(financingRequests.submittedAt, since), historyCondition(history));
  const cohort = await db
    .select({
      requestId: financingRequests.id,
      product: financingRequests.product,
      amount: financingRequests.amount,
      federalState: companies.federalState,
    })
    .from(financingRequests)
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .where(inWindow);
  const byId = new Map<string, RequestMilestones>(cohort.map((r) => [r.requestId, { ...r, reached: {} }]));

  const statusHistory = await db
    .select({ requestId: requestHistory.requestId, status: requestHistory.toStatus, at: min(requestHistory.at) })
    .from(requestHistory)
    .innerJoin(financingRequests, eq(financingRequests.id, requestHistory.requestId))
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .where(and(inWindow, inArray(requestHistory.toStatus, [...HISTORY_MILESTONES])))
    .groupBy(requestHistory.requestId, requestHistory.toStatus);
  for (const h of statusHistory) {
    const r = byId.get(h.requestId);
    if (r) r.reached[h.status as FunnelStage | 'closed'] = new Date(h.at!);
  }

  const dispatched = await db
    .select({ requestId: dispatches.requestId, at: min(dispatches.dispatchedAt) })
    .from(dispatches)
    .innerJoin(financingRequests, eq(financingRequests.id, dispatches.requestId))
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .where(inWindow)
    .groupBy(dispatches.requestId);
  for (const d of dispatched) {
    const r = byId.get(d.requestId);
    if (r) r.reached.dispatched = new Date(d.at!);
  }
  return [...byId.values()];
}

/** Every dispatch sent in the window (of requests of the history counted) and how its lender answered. */
async function dispatchesOfWindow(db: Executor, since: Date, history: BusinessHistory): Promise<DispatchOutcome[]> {
  return db
    .select({
      lenderId: lenders.id,
      lenderName: lenders.name,
      lenderType: lenders.type,
      demo: lenders.demo,
      status: dispatches.status,
    })
    .from(dispatches)
    .innerJoin(lenders, eq(lenders.id, dispatches.lenderId))
    .innerJoin(financingRequests, eq(financingRequests.id, dispatches.requestId))
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .where(and(gte(dispatches.dispatchedAt, since), historyCondition(history)));
}

/**
 * The business at a glance for the last `days` Berlin days (today included). By default only the real
 * business: the market simulator's history (companies.simulated) is counted only when asked for.
 */
export async function businessDashboard(db: Executor, days: number, now = new Date(), history: BusinessHistory = 'real'): Promise<TBusiness> {
  const since = windowStart(now, days);
  const [requests, outcomes] = await Promise.all([requestsOfWindow(db, since, history), dispatchesOfWindow(db, since, history)]);
  return {
    days,
    history,
    since: since.toISOString(),
    requestsPerDay: requestsPerDay(
      requests.flatMap((r) => (r.reached.submitted ? [r.reached.submitted] : [])),
      days,
      now,
    ),
    funnel: funnel(requests),
    volumeByProduct: volumeBy(requests, (r) => r.product) as TBusiness['volumeByProduct'],
    volumeByFederalState: volumeBy(requests, (r) => r.federalState),
    totalVolume: totalVolume(requests),
    timeToFirstOffer: timeToFirstOffer(requests),
    responsesByLenderType: responsesByLenderType(outcomes) as TBusiness['responsesByLenderType'],
    topLenders: topLenders(outcomes) as TBusiness['topLenders'],
  };
}
