import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { companies } from '../companies/index.js';
import { financingRequests, requestHistory } from '../requests/index.js';

/** Nearest-rank percentile of sorted values, in seconds; null without data. */
function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * The service levels the business lives by, measured from the request history: for requests submitted
 * in the window, seconds from submission to the first offer, to signature-ready and to signed.
 */
export async function serviceLevels(db: Executor, since: Date) {
  const rows = await db
    .select({ requestId: requestHistory.requestId, to: requestHistory.toStatus, at: sql<string>`min(${requestHistory.at})` })
    .from(requestHistory)
    .innerJoin(financingRequests, eq(financingRequests.id, requestHistory.requestId))
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .where(
      and(
        gte(requestHistory.at, since),
        inArray(requestHistory.toStatus, ['submitted', 'offered', 'signature_ready', 'signed']),
        // Simulated market history does not count towards the platform's service levels.
        eq(companies.simulated, false),
      ),
    )
    .groupBy(requestHistory.requestId, requestHistory.toStatus);
  const byRequest = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const m = byRequest.get(r.requestId) ?? {};
    m[r.to] = new Date(r.at).getTime();
    byRequest.set(r.requestId, m);
  }
  const spans = { firstOffer: [] as number[], signatureReady: [] as number[], signed: [] as number[] };
  let submitted = 0;
  for (const m of byRequest.values()) {
    if (m.submitted === undefined) continue;
    submitted++;
    if (m.offered !== undefined) spans.firstOffer.push((m.offered - m.submitted) / 1000);
    if (m.signature_ready !== undefined) spans.signatureReady.push((m.signature_ready - m.submitted) / 1000);
    if (m.signed !== undefined) spans.signed.push((m.signed - m.submitted) / 1000);
  }
  const summary = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return { count: xs.length, p50Seconds: percentile(xs, 0.5), p95Seconds: percentile(xs, 0.95) };
  };
  return {
    since: since.toISOString(),
    submitted,
    timeToFirstOffer: summary(spans.firstOffer),
    timeToSignatureReady: summary(spans.signatureReady),
    timeToSigned: summary(spans.signed),
  };
}

