import { describe, expect, it } from 'vitest';
import {
  funnel,
  percentile,
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

const at = (iso: string) => new Date(iso);

function req(id: string, amount: string, reached: RequestMilestones['reached'], product = 'investment_loan', federalState = 'BY'): RequestMilestones {
  return { requestId: id, product, federalState, amount, reached };
}

describe('business dashboard figures', () => {
  it('counts submissions per Berlin day, including empty days, oldest first', () => {
    // 23:30 UTC on 26 March 2026 is already 27 March in Berlin (CET, +1); 22:30 UTC on 29 March is 00:30 CEST on the 30th.
    const now = at('2026-03-30T10:00:00Z');
    const days = requestsPerDay([at('2026-03-26T23:30:00Z'), at('2026-03-27T08:00:00Z'), at('2026-03-29T22:30:00Z'), at('2026-03-01T12:00:00Z')], 5, now);
    expect(days).toEqual([
      { date: '2026-03-26', submitted: 0 },
      { date: '2026-03-27', submitted: 2 },
      { date: '2026-03-28', submitted: 0 },
      { date: '2026-03-29', submitted: 0 },
      { date: '2026-03-30', submitted: 1 },
    ]);
  });

  it('starts the window at midnight Berlin time of the first day', () => {
    expect(windowStart(at('2026-03-30T10:00:00Z'), 1).toISOString()).toBe('2026-03-29T22:00:00.000Z'); // CEST
    expect(windowStart(at('2026-03-30T10:00:00Z'), 5).toISOString()).toBe('2026-03-25T23:00:00.000Z'); // still CET
  });

  it('counts a request for every stage up to the furthest it reached', () => {
    const t = at('2026-01-10T09:00:00Z');
    const counts = funnel([
      req('a', '1.00', { submitted: t }),
      req('b', '1.00', { submitted: t, matched: t, dispatched: t }),
      req('c', '1.00', { submitted: t, matched: t, dispatched: t, offered: t, accepted: t, signature_ready: t, signed: t }),
      // History without the offered step (e.g. recorded differently): still counted as offered, since it was accepted.
      req('d', '1.00', { submitted: t, accepted: t }),
      req('e', '1.00', { submitted: t, closed: t }),
    ]);
    expect(Object.fromEntries(counts.map((c) => [c.stage, c.count]))).toEqual({
      submitted: 5,
      matched: 4,
      dispatched: 4,
      offered: 3,
      accepted: 3,
      signature_ready: 2,
      signed: 2,
    });
  });

  it('sums requested and signed volume exactly, largest first', () => {
    const t = at('2026-01-10T09:00:00Z');
    const rs = [
      req('a', '0.10', { submitted: t }, 'leasing', 'BE'),
      req('b', '0.20', { submitted: t, signed: t }, 'leasing', 'BE'),
      req('c', '300000.00', { submitted: t }, 'investment_loan', 'BY'),
      req('d', '99999999999.99', { submitted: t, closed: t }, 'investment_loan', 'BY'),
    ];
    expect(volumeBy(rs, (r) => r.product)).toEqual([
      { key: 'investment_loan', requests: 2, volume: '100000299999.99', signed: 1, signedVolume: '99999999999.99' },
      { key: 'leasing', requests: 2, volume: '0.30', signed: 1, signedVolume: '0.20' },
    ]);
    expect(totalVolume(rs)).toBe('100000300000.29');
    expect(volumeBy([], (r) => r.product)).toEqual([]);
  });

  it('measures time to first offer with nearest-rank median and 90th percentile', () => {
    const s = at('2026-01-10T09:00:00Z').getTime();
    const rs = [60, 120, 180, 240, 300, 360, 420, 480, 540, 6000].map((sec, i) =>
      req(String(i), '1.00', { submitted: new Date(s), offered: new Date(s + sec * 1000) }),
    );
    rs.push(req('no-offer', '1.00', { submitted: new Date(s) }));
    expect(timeToFirstOffer(rs)).toEqual({ count: 10, medianSeconds: 300, p90Seconds: 540 });
    expect(timeToFirstOffer([])).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
    expect(percentile([5], 0.9)).toBe(5);
  });

  it('rates lender answers per type and ranks the lenders that received the most', () => {
    const d = (lenderId: string, lenderType: string, status: DispatchOutcome['status']): DispatchOutcome => ({
      lenderId,
      lenderName: `Bank ${lenderId}`,
      lenderType,
      demo: false,
      status,
    });
    const rows = [
      d('a', 'savings_bank', 'offered'),
      d('a', 'savings_bank', 'declined'),
      d('a', 'savings_bank', 'sent'),
      d('b', 'savings_bank', 'offered'),
      d('c', 'leasing', 'sent'),
    ];
    expect(responsesByLenderType(rows)).toEqual([
      { lenderType: 'savings_bank', dispatched: 4, offered: 2, declined: 1, noAnswer: 1, responseRate: 0.75, offerRate: 0.5 },
      { lenderType: 'leasing', dispatched: 1, offered: 0, declined: 0, noAnswer: 1, responseRate: 0, offerRate: 0 },
    ]);
    const top = topLenders(rows, 2);
    expect(top.map((l) => [l.lenderId, l.dispatched, l.offerRate])).toEqual([
      ['a', 3, 0.3333],
      ['b', 1, 1],
    ]);
  });
});
