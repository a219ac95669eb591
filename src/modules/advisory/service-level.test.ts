import { describe, expect, it } from 'vitest';
import { serviceLevelOf, submittedBeforeFor } from './service-level.js';

const submittedAt = new Date('2026-03-28T08:00:00Z');
const at = (iso: string) => new Date(iso);

describe('service level of a case', () => {
  it('is green up to 4 hours after submission, amber after, red after 24 hours', () => {
    expect(serviceLevelOf({ status: 'submitted', submittedAt }, at('2026-03-28T08:00:00Z')).state).toBe('green');
    expect(serviceLevelOf({ status: 'submitted', submittedAt }, at('2026-03-28T12:00:00Z')).state).toBe('green');
    expect(serviceLevelOf({ status: 'submitted', submittedAt }, at('2026-03-28T12:00:01Z')).state).toBe('amber');
    expect(serviceLevelOf({ status: 'in_review', submittedAt }, at('2026-03-29T08:00:00Z')).state).toBe('amber');
    expect(serviceLevelOf({ status: 'matched', submittedAt }, at('2026-03-29T08:00:01Z')).state).toBe('red');
  });

  it('reports waiting minutes and when the case turns amber and red', () => {
    expect(serviceLevelOf({ status: 'matched', submittedAt }, at('2026-03-28T13:30:59Z'))).toEqual({
      state: 'amber',
      waitingMinutes: 330,
      amberAt: '2026-03-28T12:00:00.000Z',
      redAt: '2026-03-29T08:00:00.000Z',
    });
  });

  it('counts real elapsed time across the Berlin daylight-saving switch (night of 28/29 March 2026)', () => {
    // 23:00 CET on 28 March to 23:00 CEST on 29 March is only 23 hours: not yet red.
    const lateEvening = new Date('2026-03-28T22:00:00Z');
    expect(serviceLevelOf({ status: 'submitted', submittedAt: lateEvening }, at('2026-03-29T21:00:00Z'))).toMatchObject({ state: 'amber', waitingMinutes: 23 * 60 });
    expect(serviceLevelOf({ status: 'submitted', submittedAt: lateEvening }, at('2026-03-29T22:00:01Z')).state).toBe('red');
  });

  it('stops once an offer arrived or the request ended, and never runs for drafts', () => {
    for (const status of ['offered', 'accepted', 'signature_ready', 'signed', 'closed', 'withdrawn', 'rejected', 'expired']) {
      expect(serviceLevelOf({ status, submittedAt }, at('2026-04-10T00:00:00Z'))).toEqual({ state: 'none', waitingMinutes: null, amberAt: null, redAt: null });
    }
    expect(serviceLevelOf({ status: 'draft', submittedAt: null }, at('2026-04-10T00:00:00Z')).state).toBe('none');
  });

  it('takes its thresholds from the caller', () => {
    const strict = { amberHours: 1, redHours: 2 };
    expect(serviceLevelOf({ status: 'submitted', submittedAt }, at('2026-03-28T09:30:00Z'), strict).state).toBe('amber');
    expect(serviceLevelOf({ status: 'submitted', submittedAt }, at('2026-03-28T10:30:00Z'), strict).state).toBe('red');
  });

  it('treats a clock behind the submission as no waiting rather than negative', () => {
    expect(serviceLevelOf({ status: 'submitted', submittedAt }, at('2026-03-28T07:59:00Z'))).toMatchObject({ state: 'green', waitingMinutes: 0 });
  });

  it('gives the submission bound that SQL filters use for the same rule', () => {
    const now = at('2026-03-29T12:00:00Z');
    const t = { amberHours: 4, redHours: 24 };
    expect(submittedBeforeFor('amber', now, t).toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(submittedBeforeFor('red', now, t).toISOString()).toBe('2026-03-28T12:00:00.000Z');
  });
});
