import { berlinDate } from '../../platform/time.js';
import type { SimulatedMarket } from '../simulation/index.js';
import type { LabelledCase } from './train-approval.js';

/**
 * The labelled (request, lender) pairs of an in-memory simulated market, exactly as
 * `loadApprovalHistory` reads them from the database after the market was stored (for tests and the
 * benchmark, which skip the database).
 */
export function approvalCasesFromMarket(market: SimulatedMarket, lenderTypes: ReadonlyMap<string, string>): LabelledCase[] {
  const requests = new Map(market.requests.map((r) => [r.id, r]));
  const companies = new Map(market.companies.map((c) => [c.id, c]));
  const ratings = new Map(market.ratings.map((r) => [r.requestId, r]));
  const parts = new Map(market.matchResults.map((r) => [`${r.runId}/${r.lenderId}`, r.scoreParts]));
  return market.dispatches.map((d) => {
    const r = requests.get(d.requestId)!;
    const c = companies.get(r.companyId)!;
    const rating = ratings.get(r.id)!;
    return {
      at: d.dispatchedAt,
      offered: d.status === 'offered',
      case: {
        lenderId: d.lenderId,
        lenderType: lenderTypes.get(d.lenderId)!,
        product: r.product,
        amount: r.amount,
        termMonths: r.termMonths,
        annualRevenue: c.annualRevenue,
        foundedOn: c.foundedOn,
        matchedOn: berlinDate(r.submittedAt),
        legalForm: c.legalForm,
        industryCode: c.industryCode,
        federalState: c.federalState,
        ratingClass: rating.missing.includes('statements') ? null : rating.ratingClass,
        scoreParts: parts.get(`${d.matchRunId}/${d.lenderId}`)!,
      },
    };
  });
}
