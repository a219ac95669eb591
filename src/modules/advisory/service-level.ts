/**
 * The service level of a case: how long the borrower has been waiting for an answer, and whether that
 * is still fine (green), late (amber) or too late (red). Pure: the clock is a parameter.
 *
 * - The clock starts when the request is submitted and runs while the borrower has no offer yet:
 *   status `submitted` or `in_review` (not matched yet) and `matched` (sent to lenders, none has offered).
 *   A match alone is no answer for the borrower, so it does not stop the clock.
 * - It stops for good once an offer arrived (`offered` and later) or the request ended (withdrawn,
 *   rejected, expired); such cases have the state `none`.
 * - Waiting time is elapsed real time between two instants (UTC in the database), so it is the same in
 *   every time zone and across the Europe/Berlin daylight-saving switches; the UI shows the instants in
 *   Europe/Berlin. Nights and weekends count: the platform promises an answer within 24 hours, not
 *   within 24 business hours.
 * - Thresholds (default 4 h amber, 24 h red) come from the configuration (`ADVISORY_SLA_AMBER_HOURS`,
 *   `ADVISORY_SLA_RED_HOURS`).
 */
export const WAITING_STATUSES = ['submitted', 'in_review', 'matched'] as const;

export type ServiceLevelState = 'green' | 'amber' | 'red' | 'none';

export interface ServiceLevelThresholds {
  amberHours: number;
  redHours: number;
}

export const DEFAULT_SERVICE_LEVEL_THRESHOLDS: ServiceLevelThresholds = { amberHours: 4, redHours: 24 };

export interface ServiceLevel {
  state: ServiceLevelState;
  /** Whole minutes the borrower has been waiting; null when the clock does not run. */
  waitingMinutes: number | null;
  /** When the case turns (or turned) amber and red; null when the clock does not run. */
  amberAt: string | null;
  redAt: string | null;
}

const HOUR = 3_600_000;

export function serviceLevelOf(
  c: { status: string; submittedAt: Date | null },
  now: Date,
  thresholds: ServiceLevelThresholds = DEFAULT_SERVICE_LEVEL_THRESHOLDS,
): ServiceLevel {
  if (!c.submittedAt || !(WAITING_STATUSES as readonly string[]).includes(c.status)) {
    return { state: 'none', waitingMinutes: null, amberAt: null, redAt: null };
  }
  const waited = Math.max(0, now.getTime() - c.submittedAt.getTime());
  const amberAt = new Date(c.submittedAt.getTime() + thresholds.amberHours * HOUR);
  const redAt = new Date(c.submittedAt.getTime() + thresholds.redHours * HOUR);
  const state: ServiceLevelState = waited > thresholds.redHours * HOUR ? 'red' : waited > thresholds.amberHours * HOUR ? 'amber' : 'green';
  return { state, waitingMinutes: Math.floor(waited / 60_000), amberAt: amberAt.toISOString(), redAt: redAt.toISOString() };
}

/**
 * The latest submission instant a case may have to be in `state` at `now` (for filtering in SQL with
 * the same rule): amber means submitted before `now - amberHours` (and red before `now - redHours`).
 */
export function submittedBeforeFor(state: 'amber' | 'red', now: Date, thresholds: ServiceLevelThresholds): Date {
  return new Date(now.getTime() - (state === 'red' ? thresholds.redHours : thresholds.amberHours) * HOUR);
}
