/**
 * The business dashboard's figures, computed from plain rows. Pure functions, no I/O: the service loads
 * the rows with readable SQL, these functions count, sum (decimal.js, exact) and rank.
 */
import { TZDate } from '@date-fns/tz';
import { Decimal } from 'decimal.js';
import { BUSINESS_TIME_ZONE, berlinDate } from '../../platform/time.js';
import { FUNNEL_STAGES, type FunnelStage } from './admin.types.js';

/** One financing request of the window with the first time it reached each milestone. */
export interface RequestMilestones {
  requestId: string;
  product: string;
  federalState: string;
  /** Decimal string, e.g. "300000.00". */
  amount: string;
  /** First instant of each milestone reached (request history; `dispatched` from the dispatches). */
  reached: Partial<Record<FunnelStage | 'closed', Date>>;
}

export interface DispatchOutcome {
  lenderId: string;
  lenderName: string;
  lenderType: string;
  demo: boolean;
  status: 'sent' | 'offered' | 'declined';
}

/** The first instant of the Berlin day `days - 1` days before `now`'s Berlin day: the window start. */
export function windowStart(now: Date, days: number): Date {
  const today = new TZDate(now.getTime(), BUSINESS_TIME_ZONE);
  return new Date(new TZDate(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1), BUSINESS_TIME_ZONE).getTime());
}

/** Submissions per Berlin calendar day for the last `days` days up to today, oldest first, days without any included. */
export function requestsPerDay(submittedAt: Date[], days: number, now: Date): { date: string; submitted: number }[] {
  const today = new TZDate(now.getTime(), BUSINESS_TIME_ZONE);
  const out: { date: string; submitted: number }[] = [];
  const index = new Map<string, number>();
  for (let i = days - 1; i >= 0; i--) {
    const day = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() - i, 12, BUSINESS_TIME_ZONE);
    const date = berlinDate(day);
    index.set(date, out.length);
    out.push({ date, submitted: 0 });
  }
  for (const at of submittedAt) {
    const i = index.get(berlinDate(at));
    if (i !== undefined) out[i].submitted++;
  }
  return out;
}

/**
 * How many requests reached each stage. A request counts for a stage when it reached that stage or any
 * later one (a signed request was offered, even if a step was recorded differently); `closed` counts as signed.
 */
export function funnel(requests: RequestMilestones[]): { stage: FunnelStage; count: number }[] {
  const counts = FUNNEL_STAGES.map((stage) => ({ stage, count: 0 }));
  for (const r of requests) {
    let furthest = -1;
    FUNNEL_STAGES.forEach((stage, i) => {
      if (r.reached[stage]) furthest = i;
    });
    if (r.reached.closed) furthest = FUNNEL_STAGES.length - 1;
    for (let i = 0; i <= furthest; i++) counts[i].count++;
  }
  return counts;
}

export interface VolumeRow {
  key: string;
  requests: number;
  volume: string;
  signed: number;
  signedVolume: string;
}

/** Requested and signed volume grouped by a key, exact to the cent, largest requested volume first. */
export function volumeBy(requests: RequestMilestones[], keyOf: (r: RequestMilestones) => string): VolumeRow[] {
  const groups = new Map<string, { requests: number; volume: Decimal; signed: number; signedVolume: Decimal }>();
  for (const r of requests) {
    const key = keyOf(r);
    const g = groups.get(key) ?? { requests: 0, volume: new Decimal(0), signed: 0, signedVolume: new Decimal(0) };
    g.requests++;
    g.volume = g.volume.plus(r.amount);
    if (r.reached.signed || r.reached.closed) {
      g.signed++;
      g.signedVolume = g.signedVolume.plus(r.amount);
    }
    groups.set(key, g);
  }
  return [...groups]
    .map(([key, g]) => ({ key, requests: g.requests, volume: g.volume.toFixed(2), signed: g.signed, signedVolume: g.signedVolume.toFixed(2) }))
    .sort((a, b) => new Decimal(b.volume).comparedTo(a.volume) || a.key.localeCompare(b.key));
}

export function totalVolume(requests: RequestMilestones[]): string {
  return requests.reduce((sum, r) => sum.plus(r.amount), new Decimal(0)).toFixed(2);
}

/** Nearest-rank percentile (the smallest value with at least q of the values at or below it); null without data. */
export function percentile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Seconds from submission to the first offer, for the requests that got one: count, median, 90th percentile. */
export function timeToFirstOffer(requests: RequestMilestones[]) {
  const spans: number[] = [];
  for (const r of requests) {
    const { submitted, offered } = r.reached;
    if (submitted && offered) spans.push(Math.max(0, (offered.getTime() - submitted.getTime()) / 1000));
  }
  return { count: spans.length, medianSeconds: percentile(spans, 0.5), p90Seconds: percentile(spans, 0.9) };
}

interface Responses {
  dispatched: number;
  offered: number;
  declined: number;
  noAnswer: number;
  responseRate: number | null;
  offerRate: number | null;
}

function tally(rows: DispatchOutcome[]): Responses {
  const offered = rows.filter((r) => r.status === 'offered').length;
  const declined = rows.filter((r) => r.status === 'declined').length;
  const dispatched = rows.length;
  const ratio = (n: number) => (dispatched === 0 ? null : Math.round((n / dispatched) * 10_000) / 10_000);
  return { dispatched, offered, declined, noAnswer: dispatched - offered - declined, responseRate: ratio(offered + declined), offerRate: ratio(offered) };
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

/** Offers, declines and unanswered dispatches per lender type, most dispatches first. */
export function responsesByLenderType(rows: DispatchOutcome[]) {
  return [...groupBy(rows, (r) => r.lenderType)]
    .map(([lenderType, rs]) => ({ lenderType, ...tally(rs) }))
    .sort((a, b) => b.dispatched - a.dispatched || a.lenderType.localeCompare(b.lenderType));
}

/** The `limit` lenders that received the most requests, with how they answered. */
export function topLenders(rows: DispatchOutcome[], limit = 10) {
  return [...groupBy(rows, (r) => r.lenderId)]
    .map(([lenderId, rs]) => ({ lenderId, name: rs[0].lenderName, lenderType: rs[0].lenderType, demo: rs[0].demo, ...tally(rs) }))
    .sort((a, b) => b.dispatched - a.dispatched || b.offered - a.offered || a.name.localeCompare(b.name, 'de'))
    .slice(0, limit);
}
